// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/records/OutcomeRepository.h"

#include "db/ScopedTransaction.h"
#include "db/TimeStamp.h"
#include "db/records/RecordSupport.h"
#include "db/sql/Query.h"

namespace galvani::db::records {

namespace {

const QString kOutcomeTable = QStringLiteral("outcomes");
const QString kOutcomeColumns = QStringLiteral(
    "id, patient_id, session_id, nprs_before, nprs_after, ndi_raw, odi_percent, notes, recorded_by, recorded_utc_ms");

std::optional<int> optInt(const std::optional<qint64>& v)
{
    return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

std::optional<qint64> wide(const std::optional<int>& v)
{
    return v ? std::optional<qint64>(*v) : std::nullopt;
}

Outcome readOutcome(const sql::Query& q)
{
    Outcome o;
    o.id = q.int64(0);
    o.patientId = q.int64(1);
    o.fields.sessionId = q.optInt64(2);
    o.fields.nprsBefore = optInt(q.optInt64(3));
    o.fields.nprsAfter = optInt(q.optInt64(4));
    o.fields.ndiRaw = optInt(q.optInt64(5));
    o.fields.odiPercent = optInt(q.optInt64(6));
    o.fields.notes = q.text(7);
    o.recordedBy = q.int64(8);
    o.recordedUtcMs = q.int64(9);
    return o;
}

QJsonObject toJson(qint64 patientId, const OutcomeFields& f)
{
    QJsonObject o{{QStringLiteral("patient_id"), patientId}, {QStringLiteral("notes"), f.notes}};
    auto put = [&o](const char* name, const std::optional<qint64>& v) {
        if (v) {
            o.insert(QLatin1String(name), *v);
        }
    };
    put("session_id", f.sessionId);
    put("nprs_before", wide(f.nprsBefore));
    put("nprs_after", wide(f.nprsAfter));
    put("ndi_raw", wide(f.ndiRaw));
    put("odi_percent", wide(f.odiPercent));
    return o;
}

void bindFields(sql::Query& q, const OutcomeFields& f)
{
    q.bind(QStringLiteral(":s"), f.sessionId)
        .bind(QStringLiteral(":nb"), wide(f.nprsBefore))
        .bind(QStringLiteral(":na"), wide(f.nprsAfter))
        .bind(QStringLiteral(":ndi"), wide(f.ndiRaw))
        .bind(QStringLiteral(":odi"), wide(f.odiPercent))
        .bind(QStringLiteral(":n"), f.notes);
}

} // namespace

OutcomeRepository::OutcomeRepository(const StoreContext& ctx) : m_ctx(ctx)
{
}

Status OutcomeRepository::validate(const OutcomeFields& f)
{
    if (!f.nprsBefore && !f.nprsAfter && !f.ndiRaw && !f.odiPercent) {
        return invalid(QStringLiteral("an outcome record needs at least one score"));
    }
    using support::checkRange;
    for (const Status& s : {checkRange(f.nprsBefore.value_or(0), 0, 10, QStringLiteral("NPRS before")),
             checkRange(f.nprsAfter.value_or(0), 0, 10, QStringLiteral("NPRS after")),
             checkRange(f.ndiRaw.value_or(0), 0, 50, QStringLiteral("NDI raw score")),
             checkRange(f.odiPercent.value_or(0), 0, 100, QStringLiteral("ODI percent")),
             support::checkText(f.notes, QStringLiteral("outcome notes"), 1000, false)}) {
        if (!s.ok()) {
            return s;
        }
    }
    return {};
}

Status OutcomeRepository::checkSessionOfPatient(const std::optional<qint64>& sessionId, qint64 patientId)
{
    if (!sessionId) {
        return {};
    }
    sql::Query q(m_ctx.db, QStringLiteral("SELECT patient_id FROM sessions WHERE id = :s"));
    q.bind(QStringLiteral(":s"), *sessionId);
    if (Status s = q.exec(QStringLiteral("check outcome session")); !s.ok()) {
        return s;
    }
    if (!q.next() || q.int64(0) != patientId) {
        return invalid(QStringLiteral("session %1 is not a session of patient %2").arg(*sessionId).arg(patientId));
    }
    return {};
}

Result<Outcome> OutcomeRepository::record(qint64 patientId, const OutcomeFields& f, const Actor& actor)
{
    const auto author = support::requireUser(actor, QStringLiteral("an outcome record"));
    if (!author.ok()) {
        return author.error();
    }
    if (Status s = validate(f); !s.ok()) {
        return s.error();
    }
    ScopedTransaction tx(m_ctx.db);
    if (!tx.began()) {
        return tx.status().error();
    }
    if (Status s = checkSessionOfPatient(f.sessionId, patientId); !s.ok()) {
        return s.error();
    }
    sql::Query q(m_ctx.db,
        QStringLiteral("INSERT INTO outcomes (patient_id, session_id, recorded_by, recorded_utc_ms, nprs_before, "
                       "nprs_after, ndi_raw, odi_percent, notes) VALUES (:p, :s, :by, :at, :nb, :na, :ndi, :odi, :n) "
                       "RETURNING id"));
    q.bind(QStringLiteral(":p"), patientId)
        .bind(QStringLiteral(":by"), author.value())
        .bind(QStringLiteral(":at"), utcMs(m_ctx.clock));
    bindFields(q, f);
    if (Status s = q.exec(QStringLiteral("record outcome")); !s.ok()) {
        return s.error();
    }
    if (!q.next()) {
        return storageError(QStringLiteral("record outcome returned no id"));
    }
    const qint64 id = q.int64(0);
    q.finish();
    audit::AuditTrail trail(m_ctx);
    if (Status s = support::auditCreate(trail, actor, kOutcomeTable, id, toJson(patientId, f)); !s.ok()) {
        return s.error();
    }
    if (Status s = tx.commit(); !s.ok()) {
        return s.error();
    }
    return byId(id);
}

Result<Outcome> OutcomeRepository::update(
    qint64 id, const OutcomeFields& f, const Actor& actor, const std::optional<QString>& reason)
{
    if (Status s = validate(f); !s.ok()) {
        return s.error();
    }
    if (Status s = support::checkReason(reason); !s.ok()) {
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
    if (Status s = checkSessionOfPatient(f.sessionId, before->patientId); !s.ok()) {
        return s.error();
    }
    const OutcomeFields& o = before->fields;
    QList<support::FieldChange> changes;
    support::diff(changes, QStringLiteral("session_id"), o.sessionId, f.sessionId);
    support::diff(changes, QStringLiteral("nprs_before"), wide(o.nprsBefore), wide(f.nprsBefore));
    support::diff(changes, QStringLiteral("nprs_after"), wide(o.nprsAfter), wide(f.nprsAfter));
    support::diff(changes, QStringLiteral("ndi_raw"), wide(o.ndiRaw), wide(f.ndiRaw));
    support::diff(changes, QStringLiteral("odi_percent"), wide(o.odiPercent), wide(f.odiPercent));
    support::diff(changes, QStringLiteral("notes"), o.notes, f.notes);
    if (changes.isEmpty()) {
        (void)tx.commit();
        return before;
    }
    sql::Query q(m_ctx.db,
        QStringLiteral("UPDATE outcomes SET session_id = :s, nprs_before = :nb, nprs_after = :na, ndi_raw = :ndi, "
                       "odi_percent = :odi, notes = :n WHERE id = :id"));
    bindFields(q, f);
    q.bind(QStringLiteral(":id"), id);
    if (Status s = q.exec(QStringLiteral("update outcome %1").arg(id)); !s.ok()) {
        return s.error();
    }
    audit::AuditTrail trail(m_ctx);
    if (Status s = support::auditChanges(trail, actor, kOutcomeTable, id, changes, reason); !s.ok()) {
        return s.error();
    }
    if (Status s = tx.commit(); !s.ok()) {
        return s.error();
    }
    return byId(id);
}

Result<Outcome> OutcomeRepository::byId(qint64 id)
{
    sql::Query q(m_ctx.db, QStringLiteral("SELECT %1 FROM outcomes WHERE id = :id").arg(kOutcomeColumns));
    q.bind(QStringLiteral(":id"), id);
    if (Status s = q.exec(QStringLiteral("read outcome")); !s.ok()) {
        return s.error();
    }
    if (!q.next()) {
        return notFound(QStringLiteral("no outcome with id %1").arg(id));
    }
    return readOutcome(q);
}

Result<QList<Outcome>> OutcomeRepository::forPatient(qint64 patientId)
{
    sql::Query q(m_ctx.db,
        QStringLiteral("SELECT %1 FROM outcomes WHERE patient_id = :p ORDER BY recorded_utc_ms, id")
            .arg(kOutcomeColumns));
    q.bind(QStringLiteral(":p"), patientId);
    if (Status s = q.exec(QStringLiteral("list outcomes")); !s.ok()) {
        return s.error();
    }
    QList<Outcome> out;
    while (q.next()) {
        out.append(readOutcome(q));
    }
    return out;
}

} // namespace galvani::db::records
