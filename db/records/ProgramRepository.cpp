// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/records/ProgramRepository.h"

#include "db/ScopedTransaction.h"
#include "db/TimeStamp.h"
#include "db/records/RecordSupport.h"
#include "db/sql/Query.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace galvani::db::records {

namespace {

const QString kProgramColumns = QStringLiteral(
    "id, program_key, version, name, modality, waveform, frequency_millihz, pulse_width_us, duration_s, "
    "max_amplitude_ua, parameters, retired, created_by, created_utc_ms");

Program readProgram(const sql::Query& q)
{
    Program p;
    p.id = q.int64(0);
    p.key = q.text(1);
    p.version = q.int32(2);
    p.fields.name = q.text(3);
    p.fields.modality = q.text(4);
    p.fields.waveform = q.text(5);
    p.fields.frequencyMilliHz = q.int64(6);
    p.fields.pulseWidthUs = q.int64(7);
    p.fields.durationS = q.int64(8);
    p.fields.maxAmplitudeUa = q.int64(9);
    p.fields.parametersJson = q.text(10);
    p.retired = q.int64(11) != 0;
    p.createdBy = q.int64(12);
    p.createdUtcMs = q.int64(13);
    return p;
}

Result<QList<Program>> readAll(sql::Query& q, const QString& what)
{
    if (Status s = q.exec(what); !s.ok()) {
        return s.error();
    }
    QList<Program> out;
    while (q.next()) {
        out.append(readProgram(q));
    }
    return out;
}

} // namespace

ProgramRepository::ProgramRepository(const StoreContext& ctx) : m_ctx(ctx)
{
}

Status ProgramRepository::validate(const ProgramFields& f)
{
    using support::checkRange;
    using support::checkText;
    for (const Status& s : {checkText(f.name, QStringLiteral("programme name"), 200, true),
             checkText(f.modality, QStringLiteral("modality"), 64, true),
             checkText(f.waveform, QStringLiteral("waveform"), 64, true),
             checkRange(f.frequencyMilliHz, 1, 10'000'000, QStringLiteral("frequency (mHz)")),
             checkRange(f.pulseWidthUs, 1, 4000, QStringLiteral("pulse width (µs)")),
             checkRange(f.durationS, 1, qint64{99} * 60, QStringLiteral("duration (s)")),
             checkRange(f.maxAmplitudeUa, 1, 100'000, QStringLiteral("amplitude ceiling (µA)")),
             checkText(f.parametersJson, QStringLiteral("parameters"), 100'000, true)}) {
        if (!s.ok()) {
            return s;
        }
    }
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(f.parametersJson.toUtf8(), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
        return invalid(QStringLiteral("programme parameters must be a JSON object"));
    }
    return {};
}

Result<Program> ProgramRepository::insert(const QString& key, int version, bool retired, const ProgramFields& f,
    const Actor& actor, const std::optional<QString>& reason)
{
    const auto author = support::requireUser(actor, QStringLiteral("a programme"));
    if (!author.ok()) {
        return author.error();
    }
    ScopedTransaction tx(m_ctx.db);
    if (!tx.began()) {
        return tx.status().error();
    }
    sql::Query q(m_ctx.db,
        QStringLiteral("INSERT INTO programs (program_key, version, name, modality, waveform, frequency_millihz, "
                       "pulse_width_us, duration_s, max_amplitude_ua, parameters, retired, created_by, created_utc_ms) "
                       "VALUES (:k, :v, :n, :mod, :wf, :f, :pw, :d, :amp, :par, :ret, :by, :at) RETURNING id"));
    q.bind(QStringLiteral(":k"), key)
        .bind(QStringLiteral(":v"), version)
        .bind(QStringLiteral(":n"), f.name)
        .bind(QStringLiteral(":mod"), f.modality)
        .bind(QStringLiteral(":wf"), f.waveform)
        .bind(QStringLiteral(":f"), f.frequencyMilliHz)
        .bind(QStringLiteral(":pw"), f.pulseWidthUs)
        .bind(QStringLiteral(":d"), f.durationS)
        .bind(QStringLiteral(":amp"), f.maxAmplitudeUa)
        .bind(QStringLiteral(":par"), f.parametersJson)
        .bind(QStringLiteral(":ret"), retired ? 1 : 0)
        .bind(QStringLiteral(":by"), author.value())
        .bind(QStringLiteral(":at"), utcMs(m_ctx.clock));
    if (Status s = q.exec(QStringLiteral("save programme '%1' version %2").arg(key).arg(version)); !s.ok()) {
        return s.error();
    }
    if (!q.next()) {
        return storageError(QStringLiteral("save programme returned no id"));
    }
    const qint64 id = q.int64(0);
    q.finish();
    const QJsonObject json{{QStringLiteral("program_key"), key}, {QStringLiteral("version"), version},
        {QStringLiteral("retired"), retired}, {QStringLiteral("name"), f.name},
        {QStringLiteral("modality"), f.modality}, {QStringLiteral("waveform"), f.waveform},
        {QStringLiteral("frequency_millihz"), f.frequencyMilliHz}, {QStringLiteral("pulse_width_us"), f.pulseWidthUs},
        {QStringLiteral("duration_s"), f.durationS}, {QStringLiteral("max_amplitude_ua"), f.maxAmplitudeUa},
        {QStringLiteral("parameters"), f.parametersJson}};
    audit::AuditTrail trail(m_ctx);
    if (Status s = support::auditCreate(trail, actor, QStringLiteral("programs"), id, json, reason); !s.ok()) {
        return s.error();
    }
    if (Status s = tx.commit(); !s.ok()) {
        return s.error();
    }
    return byId(id);
}

Result<Program> ProgramRepository::create(
    const QString& key, const ProgramFields& f, const Actor& actor, const std::optional<QString>& reason)
{
    if (Status s = support::checkText(key, QStringLiteral("programme key"), 64, true); !s.ok()) {
        return s.error();
    }
    if (Status s = validate(f); !s.ok()) {
        return s.error();
    }
    if (reason) {
        if (Status s = support::checkReason(reason); !s.ok()) {
            return s.error();
        }
    }
    const auto existing = latest(key);
    if (existing.ok()) {
        return DbError{DbError::Kind::Conflict, QStringLiteral("a programme with that key exists")};
    }
    return insert(key, 1, false, f, actor, reason);
}

Result<Program> ProgramRepository::saveVersion(
    const QString& key, const ProgramFields& f, const Actor& actor, const std::optional<QString>& reason)
{
    if (Status s = validate(f); !s.ok()) {
        return s.error();
    }
    if (Status s = support::checkReason(reason); !s.ok()) {
        return s.error();
    }
    const auto last = latest(key);
    if (!last.ok()) {
        return last.error();
    }
    if (last->retired) {
        return refused(QStringLiteral("programme '%1' is retired").arg(key));
    }
    // A concurrent save of the same version fails on UNIQUE (program_key, version) and is reported as Conflict.
    return insert(key, last->version + 1, false, f, actor, reason);
}

Result<Program> ProgramRepository::retire(const QString& key, const Actor& actor, const std::optional<QString>& reason)
{
    if (Status s = support::checkReason(reason); !s.ok()) {
        return s.error();
    }
    const auto last = latest(key);
    if (!last.ok()) {
        return last.error();
    }
    if (last->retired) {
        return refused(QStringLiteral("programme '%1' is already retired").arg(key));
    }
    return insert(key, last->version + 1, true, last->fields, actor, reason);
}

Result<Program> ProgramRepository::byId(qint64 id)
{
    sql::Query q(m_ctx.db, QStringLiteral("SELECT %1 FROM programs WHERE id = :id").arg(kProgramColumns));
    q.bind(QStringLiteral(":id"), id);
    auto all = readAll(q, QStringLiteral("read programme"));
    if (!all.ok()) {
        return all.error();
    }
    if (all->isEmpty()) {
        return notFound(QStringLiteral("no programme with id %1").arg(id));
    }
    return all->first();
}

Result<Program> ProgramRepository::latest(const QString& key)
{
    sql::Query q(m_ctx.db,
        QStringLiteral("SELECT %1 FROM programs WHERE program_key = :k ORDER BY version DESC LIMIT 1")
            .arg(kProgramColumns));
    q.bind(QStringLiteral(":k"), key);
    auto all = readAll(q, QStringLiteral("read programme"));
    if (!all.ok()) {
        return all.error();
    }
    if (all->isEmpty()) {
        return notFound(QStringLiteral("no programme with that key"));
    }
    return all->first();
}

Result<QList<Program>> ProgramRepository::history(const QString& key)
{
    sql::Query q(m_ctx.db,
        QStringLiteral("SELECT %1 FROM programs WHERE program_key = :k ORDER BY version").arg(kProgramColumns));
    q.bind(QStringLiteral(":k"), key);
    return readAll(q, QStringLiteral("list programme versions"));
}

Result<QList<Program>> ProgramRepository::listCurrent()
{
    sql::Query q(m_ctx.db,
        QStringLiteral("SELECT %1 FROM programs p WHERE retired = 0 AND version = (SELECT MAX(version) FROM programs "
                       "x WHERE x.program_key = p.program_key) ORDER BY name, program_key")
            .arg(kProgramColumns));
    return readAll(q, QStringLiteral("list programmes"));
}

} // namespace galvani::db::records
