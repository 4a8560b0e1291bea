// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/records/PatientRepository.h"

#include "db/ScopedTransaction.h"
#include "db/TimeStamp.h"
#include "db/audit/AuditEntry.h"
#include "db/records/RecordSupport.h"
#include "db/sql/Query.h"

#include <QDate>
#include <QUuid>

namespace galvani::db::records {

namespace {

const QString kPatientTable = QStringLiteral("patients");
const QString kPatientColumns
    = QStringLiteral("id, pseudonym, mrn, family_name, given_names, birth_date, phone, email, "
                     "address, created_by, created_utc_ms, updated_utc_ms");

Patient readPatient(const sql::Query& q)
{
    Patient p;
    p.id = q.int64(0);
    p.pseudonym = q.text(1);
    p.fields.mrn = q.text(2);
    p.fields.familyName = q.text(3);
    p.fields.givenNames = q.text(4);
    p.fields.birthDate = q.text(5);
    p.fields.phone = q.text(6);
    p.fields.email = q.text(7);
    p.fields.address = q.text(8);
    p.createdBy = q.int64(9);
    p.createdUtcMs = q.int64(10);
    p.updatedUtcMs = q.int64(11);
    return p;
}

QJsonObject toJson(const Patient& p)
{
    return QJsonObject{{QStringLiteral("pseudonym"), p.pseudonym}, {QStringLiteral("mrn"), p.fields.mrn},
        {QStringLiteral("family_name"), p.fields.familyName}, {QStringLiteral("given_names"), p.fields.givenNames},
        {QStringLiteral("birth_date"), p.fields.birthDate}, {QStringLiteral("phone"), p.fields.phone},
        {QStringLiteral("email"), p.fields.email}, {QStringLiteral("address"), p.fields.address}};
}

// LIKE pattern that matches `text` literally anywhere (wildcards in the search text are escaped). Both sides are
// lowered by the engine's own LOWER(), so the comparison folds case the same way on either side.
QString containsPattern(const QString& text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('%'), QLatin1String("\\%"));
    escaped.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

} // namespace

PatientRepository::PatientRepository(const StoreContext& ctx) : m_ctx(ctx)
{
}

Status PatientRepository::validate(const PatientFields& f) const
{
    using support::checkText;
    for (const Status& s : {checkText(f.mrn, QStringLiteral("MRN"), 64, true),
             checkText(f.familyName, QStringLiteral("family name"), 200, true),
             checkText(f.givenNames, QStringLiteral("given names"), 200, true),
             support::checkDate(f.birthDate, QStringLiteral("date of birth")),
             checkText(f.phone, QStringLiteral("phone"), 100, false),
             checkText(f.email, QStringLiteral("email"), 200, false),
             checkText(f.address, QStringLiteral("address"), 1000, false)}) {
        if (!s.ok()) {
            return s;
        }
    }
    const QDate birth = QDate::fromString(f.birthDate, Qt::ISODate);
    const QDate today = QDateTime::fromMSecsSinceEpoch(utcMs(m_ctx.clock), Qt::UTC).date();
    if (birth > today.addDays(1) || birth.year() < 1900) {
        return invalid(QStringLiteral("date of birth %1 is not plausible").arg(f.birthDate));
    }
    return {};
}

Result<Patient> PatientRepository::create(const PatientFields& f, const Actor& actor)
{
    const auto author = support::requireUser(actor, QStringLiteral("a patient record"));
    if (!author.ok()) {
        return author.error();
    }
    if (Status s = validate(f); !s.ok()) {
        return s.error();
    }
    const qint64 now = utcMs(m_ctx.clock);
    ScopedTransaction tx(m_ctx.db);
    if (!tx.began()) {
        return tx.status().error();
    }
    sql::Query q(m_ctx.db,
        QStringLiteral("INSERT INTO patients (pseudonym, mrn, family_name, given_names, birth_date, phone, email, "
                       "address, created_by, created_utc_ms, updated_utc_ms) VALUES (:ps, :mrn, :fam, :giv, :dob, :ph, "
                       ":em, :ad, :by, :c, :m) RETURNING id"));
    q.bind(QStringLiteral(":ps"), QUuid::createUuid().toString(QUuid::WithoutBraces))
        .bind(QStringLiteral(":mrn"), f.mrn)
        .bind(QStringLiteral(":fam"), f.familyName)
        .bind(QStringLiteral(":giv"), f.givenNames)
        .bind(QStringLiteral(":dob"), f.birthDate)
        .bind(QStringLiteral(":ph"), f.phone)
        .bind(QStringLiteral(":em"), f.email)
        .bind(QStringLiteral(":ad"), f.address)
        .bind(QStringLiteral(":by"), author.value())
        .bind(QStringLiteral(":c"), now)
        .bind(QStringLiteral(":m"), now);
    if (Status s = q.exec(QStringLiteral("create patient")); !s.ok()) {
        return s.error();
    }
    if (!q.next()) {
        return storageError(QStringLiteral("create patient returned no id"));
    }
    const qint64 id = q.int64(0);
    q.finish();
    auto created = byId(id);
    if (!created.ok()) {
        return created.error();
    }
    audit::AuditTrail trail(m_ctx);
    if (Status s = support::auditCreate(trail, actor, kPatientTable, id, toJson(created.value())); !s.ok()) {
        return s.error();
    }
    if (Status s = tx.commit(); !s.ok()) {
        return s.error();
    }
    return created;
}

Result<Patient> PatientRepository::update(
    qint64 id, const PatientFields& f, const Actor& actor, const std::optional<QString>& reason)
{
    if (Status s = validate(f); !s.ok()) {
        return s.error();
    }
    ScopedTransaction tx(m_ctx.db);
    if (!tx.began()) {
        return tx.status().error();
    }
    auto before = byId(id);
    if (!before.ok()) {
        return before.error();
    }
    const PatientFields& o = before->fields;
    QList<support::FieldChange> changes;
    support::diff(changes, QStringLiteral("mrn"), o.mrn, f.mrn);
    support::diff(changes, QStringLiteral("family_name"), o.familyName, f.familyName);
    support::diff(changes, QStringLiteral("given_names"), o.givenNames, f.givenNames);
    support::diff(changes, QStringLiteral("birth_date"), o.birthDate, f.birthDate);
    support::diff(changes, QStringLiteral("phone"), o.phone, f.phone);
    support::diff(changes, QStringLiteral("email"), o.email, f.email);
    support::diff(changes, QStringLiteral("address"), o.address, f.address);
    if (changes.isEmpty()) {
        (void)tx.commit();
        return before;
    }
    sql::Query q(m_ctx.db,
        QStringLiteral("UPDATE patients SET mrn = :mrn, family_name = :fam, given_names = :giv, birth_date = :dob, "
                       "phone = :ph, email = :em, address = :ad, updated_utc_ms = :m WHERE id = :id"));
    q.bind(QStringLiteral(":mrn"), f.mrn)
        .bind(QStringLiteral(":fam"), f.familyName)
        .bind(QStringLiteral(":giv"), f.givenNames)
        .bind(QStringLiteral(":dob"), f.birthDate)
        .bind(QStringLiteral(":ph"), f.phone)
        .bind(QStringLiteral(":em"), f.email)
        .bind(QStringLiteral(":ad"), f.address)
        .bind(QStringLiteral(":m"), utcMs(m_ctx.clock))
        .bind(QStringLiteral(":id"), id);
    if (Status s = q.exec(QStringLiteral("update patient %1").arg(id)); !s.ok()) {
        return s.error();
    }
    audit::AuditTrail trail(m_ctx);
    if (Status s = support::auditChanges(trail, actor, kPatientTable, id, changes, reason); !s.ok()) {
        return s.error();
    }
    if (Status s = tx.commit(); !s.ok()) {
        return s.error();
    }
    return byId(id);
}

Status PatientRepository::remove(qint64 id, const Actor& actor, const std::optional<QString>& reason)
{
    if (Status s = support::checkReason(reason); !s.ok()) {
        return s;
    }
    ScopedTransaction tx(m_ctx.db);
    if (!tx.began()) {
        return tx.status();
    }
    const auto before = byId(id);
    if (!before.ok()) {
        return before.error();
    }
    sql::Query q(m_ctx.db, QStringLiteral("DELETE FROM patients WHERE id = :id"));
    q.bind(QStringLiteral(":id"), id);
    if (Status s = q.exec(QStringLiteral("delete patient %1").arg(id)); !s.ok()) {
        if (s.error().kind == DbError::Kind::Conflict) {
            return DbError{DbError::Kind::Conflict,
                QStringLiteral("patient %1 has clinical records and cannot be deleted").arg(id)};
        }
        return s;
    }
    audit::AuditRecord r;
    r.actor = actor;
    r.action = QString::fromLatin1(audit::action::kDelete);
    r.table = kPatientTable;
    r.recordId = id;
    r.oldValue = audit::recordJson(toJson(before.value()));
    r.reason = reason;
    audit::AuditTrail trail(m_ctx);
    if (const auto a = trail.append(r); !a.ok()) {
        return a.error();
    }
    return tx.commit();
}

Result<Patient> PatientRepository::byId(qint64 id)
{
    sql::Query q(m_ctx.db, QStringLiteral("SELECT %1 FROM patients WHERE id = :id").arg(kPatientColumns));
    q.bind(QStringLiteral(":id"), id);
    if (Status s = q.exec(QStringLiteral("read patient")); !s.ok()) {
        return s.error();
    }
    if (!q.next()) {
        return notFound(QStringLiteral("no patient with id %1").arg(id));
    }
    return readPatient(q);
}

Result<Patient> PatientRepository::byMrn(const QString& mrn)
{
    sql::Query q(m_ctx.db, QStringLiteral("SELECT %1 FROM patients WHERE mrn = :mrn").arg(kPatientColumns));
    q.bind(QStringLiteral(":mrn"), mrn);
    if (Status s = q.exec(QStringLiteral("read patient by MRN")); !s.ok()) {
        return s.error();
    }
    if (!q.next()) {
        return notFound(QStringLiteral("no patient with that MRN"));
    }
    return readPatient(q);
}

Result<QList<Patient>> PatientRepository::search(
    const QString& name, const std::optional<QString>& birthDate, int limit)
{
    const QString pattern = containsPattern(name);
    sql::Query q(m_ctx.db,
        QStringLiteral(
            "SELECT %1 FROM patients WHERE (LOWER(family_name) LIKE LOWER(:p1) ESCAPE '\\' OR "
            "LOWER(given_names) LIKE LOWER(:p2) ESCAPE '\\') AND (CAST(:dob1 AS TEXT) IS NULL OR birth_date = :dob2) "
            "ORDER BY family_name, given_names, birth_date, id LIMIT :lim")
            .arg(kPatientColumns));
    q.bind(QStringLiteral(":p1"), pattern)
        .bind(QStringLiteral(":p2"), pattern)
        .bind(QStringLiteral(":dob1"), birthDate)
        .bind(QStringLiteral(":dob2"), birthDate)
        .bind(QStringLiteral(":lim"), qBound(1, limit, 1000));
    if (Status s = q.exec(QStringLiteral("search patients")); !s.ok()) {
        return s.error();
    }
    QList<Patient> out;
    while (q.next()) {
        out.append(readPatient(q));
    }
    return out;
}

Result<PatientNote> PatientRepository::addNote(const NewNote& note, const Actor& actor)
{
    const auto author = support::requireUser(actor, QStringLiteral("a note"));
    if (!author.ok()) {
        return author.error();
    }
    if (Status s = support::checkText(note.body, QStringLiteral("note"), 4000, true); !s.ok()) {
        return s.error();
    }
    ScopedTransaction tx(m_ctx.db);
    if (!tx.began()) {
        return tx.status().error();
    }
    if (note.correctsNoteId) {
        sql::Query c(m_ctx.db, QStringLiteral("SELECT patient_id FROM notes WHERE id = :id"));
        c.bind(QStringLiteral(":id"), *note.correctsNoteId);
        if (Status s = c.exec(QStringLiteral("read corrected note")); !s.ok()) {
            return s.error();
        }
        if (!c.next() || c.int64(0) != note.patientId) {
            return invalid(
                QStringLiteral("note %1 is not a note of patient %2").arg(*note.correctsNoteId).arg(note.patientId));
        }
    }
    PatientNote n;
    n.patientId = note.patientId;
    n.sessionId = note.sessionId;
    n.authorId = author.value();
    n.writtenUtcMs = utcMs(m_ctx.clock);
    n.body = note.body;
    n.correctsNoteId = note.correctsNoteId;
    sql::Query q(m_ctx.db,
        QStringLiteral("INSERT INTO notes (patient_id, session_id, author_id, written_utc_ms, body, corrects_note_id) "
                       "VALUES (:p, :s, :a, :w, :b, :c) RETURNING id"));
    q.bind(QStringLiteral(":p"), n.patientId)
        .bind(QStringLiteral(":s"), n.sessionId)
        .bind(QStringLiteral(":a"), n.authorId)
        .bind(QStringLiteral(":w"), n.writtenUtcMs)
        .bind(QStringLiteral(":b"), n.body)
        .bind(QStringLiteral(":c"), n.correctsNoteId);
    if (Status s = q.exec(QStringLiteral("add note")); !s.ok()) {
        return s.error();
    }
    if (!q.next()) {
        return storageError(QStringLiteral("add note returned no id"));
    }
    n.id = q.int64(0);
    q.finish();
    QJsonObject json{{QStringLiteral("patient_id"), n.patientId}, {QStringLiteral("body"), n.body}};
    if (n.sessionId) {
        json.insert(QStringLiteral("session_id"), *n.sessionId);
    }
    if (n.correctsNoteId) {
        json.insert(QStringLiteral("corrects_note_id"), *n.correctsNoteId);
    }
    audit::AuditTrail trail(m_ctx);
    if (Status s = support::auditCreate(trail, actor, QStringLiteral("notes"), n.id, json); !s.ok()) {
        return s.error();
    }
    if (Status s = tx.commit(); !s.ok()) {
        return s.error();
    }
    return n;
}

Result<QList<PatientNote>> PatientRepository::notes(qint64 patientId)
{
    sql::Query q(m_ctx.db,
        QStringLiteral(
            "SELECT id, patient_id, session_id, author_id, written_utc_ms, body, corrects_note_id FROM notes "
            "WHERE patient_id = :p ORDER BY id"));
    q.bind(QStringLiteral(":p"), patientId);
    if (Status s = q.exec(QStringLiteral("list notes")); !s.ok()) {
        return s.error();
    }
    QList<PatientNote> out;
    while (q.next()) {
        out.append(
            PatientNote{q.int64(0), q.int64(1), q.optInt64(2), q.int64(3), q.int64(4), q.text(5), q.optInt64(6)});
    }
    return out;
}

} // namespace galvani::db::records
