// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/records/SessionRepository.h"

#include "db/ScopedTransaction.h"
#include "db/TimeStamp.h"
#include "db/audit/AuditEntry.h"
#include "db/records/EventWriter.h"
#include "db/records/RecordSupport.h"
#include "db/sql/Query.h"

#include <QJsonArray>
#include <QSet>

namespace galvani::db::records {

namespace {

const QString kSessionColumns = QStringLiteral(
    "id, patient_id, therapist_id, screening_id, workstation, device_id, firmware, started_utc_ms, started_mono_ns, "
    "ended_utc_ms, ended_mono_ns, end_reason");

Session readSession(const sql::Query& q)
{
    Session s;
    s.id = q.int64(0);
    s.patientId = q.int64(1);
    s.therapistId = q.int64(2);
    s.screeningId = q.optInt64(3);
    s.workstation = q.text(4);
    s.deviceId = q.text(5);
    s.firmware = q.text(6);
    s.startedUtcMs = q.int64(7);
    s.startedMonoNs = q.int64(8);
    s.endedUtcMs = q.optInt64(9);
    s.endedMonoNs = q.optInt64(10);
    if (const auto r = q.optText(11)) {
        s.endReason = fromText<EndReason>(*r).value_or(EndReason::Fault);
    }
    return s;
}

QJsonObject toJson(const NewSession& s)
{
    QJsonArray channels;
    for (const SessionChannelSpec& c : s.channels) {
        QJsonObject o{{QStringLiteral("channel"), c.channel}, {QStringLiteral("program_id"), c.programId},
            {QStringLiteral("placement_id"), c.placementId}};
        if (c.referencePlacementId) {
            o.insert(QStringLiteral("reference_placement_id"), *c.referencePlacementId);
        }
        if (c.calibrationId) {
            o.insert(QStringLiteral("calibration_id"), *c.calibrationId);
        }
        channels.append(o);
    }
    QJsonObject o{{QStringLiteral("patient_id"), s.patientId}, {QStringLiteral("workstation"), s.workstation},
        {QStringLiteral("device_id"), s.deviceId}, {QStringLiteral("firmware"), s.firmware},
        {QStringLiteral("channels"), channels}};
    if (s.screeningId) {
        o.insert(QStringLiteral("screening_id"), *s.screeningId);
    }
    return o;
}

// Counts rows matching a one-parameter-pair query; used for ownership checks.
Result<qint64> count(Database& db, const QString& sqlText, qint64 a, qint64 b)
{
    sql::Query q(db, sqlText);
    q.bind(QStringLiteral(":a"), a).bind(QStringLiteral(":b"), b);
    if (Status s = q.exec(QStringLiteral("check session references")); !s.ok()) {
        return s.error();
    }
    return q.next() ? q.int64(0) : 0;
}

} // namespace

SessionRepository::SessionRepository(const StoreContext& ctx) : m_ctx(ctx)
{
}

Status SessionRepository::validate(const NewSession& s)
{
    for (const Status& st : {support::checkText(s.workstation, QStringLiteral("workstation"), 200, true),
             support::checkText(s.deviceId, QStringLiteral("device id"), 200, true),
             support::checkText(s.firmware, QStringLiteral("firmware"), 100, false)}) {
        if (!st.ok()) {
            return st;
        }
    }
    if (s.channels.isEmpty()) {
        return invalid(QStringLiteral("a session needs at least one channel"));
    }
    QSet<int> seen;
    for (const SessionChannelSpec& c : s.channels) {
        if (Status st = support::checkRange(c.channel, 1, 8, QStringLiteral("channel")); !st.ok()) {
            return st;
        }
        if (seen.contains(c.channel)) {
            return invalid(QStringLiteral("channel %1 appears twice").arg(c.channel));
        }
        seen.insert(c.channel);
        // Electrodes must be the patient's own: a session cannot borrow another patient's placement.
        const QString placementSql
            = QStringLiteral("SELECT count(*) FROM placements WHERE id = :a AND patient_id = :b");
        for (const std::optional<qint64>& pl : {std::optional<qint64>(c.placementId), c.referencePlacementId}) {
            if (!pl) {
                continue;
            }
            const auto n = count(m_ctx.db, placementSql, *pl, s.patientId);
            if (!n.ok()) {
                return n.error();
            }
            if (n.value() != 1) {
                return invalid(QStringLiteral("placement %1 does not belong to patient %2").arg(*pl).arg(s.patientId));
            }
        }
    }
    if (s.screeningId) {
        const auto n
            = count(m_ctx.db, QStringLiteral("SELECT count(*) FROM screenings WHERE id = :a AND patient_id = :b"),
                *s.screeningId, s.patientId);
        if (!n.ok()) {
            return n.error();
        }
        if (n.value() != 1) {
            return invalid(
                QStringLiteral("screening %1 is not a screening of patient %2").arg(*s.screeningId).arg(s.patientId));
        }
    }
    return {};
}

Result<Session> SessionRepository::start(const NewSession& ns, const Actor& therapist)
{
    const auto therapistId = support::requireUser(therapist, QStringLiteral("a session"));
    if (!therapistId.ok()) {
        return therapistId.error();
    }
    ScopedTransaction tx(m_ctx.db);
    if (!tx.began()) {
        return tx.status().error();
    }
    if (Status s = validate(ns); !s.ok()) {
        return s.error();
    }
    {
        sql::Query busy(
            m_ctx.db, QStringLiteral("SELECT id FROM sessions WHERE device_id = :d AND ended_utc_ms IS NULL"));
        busy.bind(QStringLiteral(":d"), ns.deviceId);
        if (Status s = busy.exec(QStringLiteral("check device is free")); !s.ok()) {
            return s.error();
        }
        if (busy.next()) {
            return DbError{DbError::Kind::Conflict,
                QStringLiteral("device %1 already runs session %2").arg(ns.deviceId).arg(busy.int64(0))};
        }
    }
    const TimeStamp now = stamp(m_ctx.clock);
    sql::Query q(m_ctx.db,
        QStringLiteral(
            "INSERT INTO sessions (patient_id, therapist_id, screening_id, workstation, device_id, firmware, "
            "started_utc_ms, started_mono_ns) VALUES (:p, :t, :sc, :ws, :dev, :fw, :utc, :mono) RETURNING id"));
    q.bind(QStringLiteral(":p"), ns.patientId)
        .bind(QStringLiteral(":t"), therapistId.value())
        .bind(QStringLiteral(":sc"), ns.screeningId)
        .bind(QStringLiteral(":ws"), ns.workstation)
        .bind(QStringLiteral(":dev"), ns.deviceId)
        .bind(QStringLiteral(":fw"), ns.firmware)
        .bind(QStringLiteral(":utc"), now.utcMs)
        .bind(QStringLiteral(":mono"), now.monoNs);
    if (Status s = q.exec(QStringLiteral("start session")); !s.ok()) {
        return s.error();
    }
    if (!q.next()) {
        return storageError(QStringLiteral("start session returned no id"));
    }
    const qint64 id = q.int64(0);
    q.finish();
    for (const SessionChannelSpec& c : ns.channels) {
        sql::Query qc(m_ctx.db,
            QStringLiteral("INSERT INTO session_channels (session_id, channel, program_id, placement_id, "
                           "reference_placement_id, calibration_id) VALUES (:s, :ch, :pr, :pl, :ref, :cal)"));
        qc.bind(QStringLiteral(":s"), id)
            .bind(QStringLiteral(":ch"), c.channel)
            .bind(QStringLiteral(":pr"), c.programId)
            .bind(QStringLiteral(":pl"), c.placementId)
            .bind(QStringLiteral(":ref"), c.referencePlacementId)
            .bind(QStringLiteral(":cal"), c.calibrationId);
        if (Status s = qc.exec(QStringLiteral("add channel %1 to session").arg(c.channel)); !s.ok()) {
            return s.error();
        }
    }
    if (const auto ev
        = detail::insertEvent(m_ctx.db, id, NewEvent{EventKind::Start, std::nullopt, std::nullopt, {}}, now);
        !ev.ok()) {
        return ev.error();
    }
    audit::AuditTrail trail(m_ctx);
    if (Status s = support::auditAction(trail, therapist, QString::fromLatin1(audit::action::kSessionStart),
            QStringLiteral("sessions"), id, audit::recordJson(toJson(ns)));
        !s.ok()) {
        return s.error();
    }
    if (Status s = tx.commit(); !s.ok()) {
        return s.error();
    }
    return byId(id);
}

Result<Session> SessionRepository::end(
    qint64 sessionId, EndReason reason, const Actor& actor, const QString& detailText)
{
    if (reason == EndReason::AppCrash) {
        return invalid(QStringLiteral("app_crash is set only by markInterruptedSessions"));
    }
    if (Status s = support::checkText(detailText, QStringLiteral("end detail"), 2000, false); !s.ok()) {
        return s.error();
    }
    ScopedTransaction tx(m_ctx.db);
    if (!tx.began()) {
        return tx.status().error();
    }
    const auto before = byId(sessionId);
    if (!before.ok()) {
        return before.error();
    }
    if (!before->isOpen()) {
        return refused(QStringLiteral("session %1 is already closed").arg(sessionId));
    }
    const TimeStamp now = stamp(m_ctx.clock);
    const NewEvent endEvent{EventKind::End, std::nullopt, std::nullopt,
        detailText.isEmpty() ? toText(reason) : toText(reason) + QStringLiteral(": ") + detailText};
    if (const auto ev = detail::insertEvent(m_ctx.db, sessionId, endEvent, now); !ev.ok()) {
        return ev.error();
    }
    sql::Query q(m_ctx.db,
        QStringLiteral("UPDATE sessions SET ended_utc_ms = :utc, ended_mono_ns = :mono, end_reason = :r "
                       "WHERE id = :id AND ended_utc_ms IS NULL"));
    q.bind(QStringLiteral(":utc"), now.utcMs)
        .bind(QStringLiteral(":mono"), now.monoNs)
        .bind(QStringLiteral(":r"), toText(reason))
        .bind(QStringLiteral(":id"), sessionId);
    if (Status s = q.exec(QStringLiteral("end session %1").arg(sessionId)); !s.ok()) {
        return s.error();
    }
    audit::AuditTrail trail(m_ctx);
    if (Status s = support::auditAction(trail, actor, QString::fromLatin1(audit::action::kSessionStop),
            QStringLiteral("sessions"), sessionId, toText(reason),
            detailText.isEmpty() ? std::nullopt : std::optional(detailText));
        !s.ok()) {
        return s.error();
    }
    if (Status s = tx.commit(); !s.ok()) {
        return s.error();
    }
    return byId(sessionId);
}

Result<QList<qint64>> SessionRepository::markInterruptedSessions(const QString& workstation)
{
    const auto open = openSessions(workstation);
    if (!open.ok()) {
        return open.error();
    }
    QList<qint64> marked;
    for (const Session& s : open.value()) {
        ScopedTransaction tx(m_ctx.db);
        if (!tx.began()) {
            return tx.status().error();
        }
        // The treatment ended, at the latest, with the last thing it recorded.
        TimeStamp last{s.startedUtcMs, s.startedMonoNs};
        {
            sql::Query q(m_ctx.db,
                QStringLiteral(
                    "SELECT at_utc_ms, at_mono_ns FROM session_events WHERE session_id = :s ORDER BY seq DESC "
                    "LIMIT 1"));
            q.bind(QStringLiteral(":s"), s.id);
            if (Status st = q.exec(QStringLiteral("find last event")); !st.ok()) {
                return st.error();
            }
            if (q.next()) {
                last = TimeStamp{q.int64(0), q.int64(1)};
            }
        }
        const TimeStamp now = stamp(m_ctx.clock);
        const QString note = QStringLiteral("found open at start-up %1; last event %2; not resumed")
                                 .arg(isoUtc(now.utcMs), isoUtc(last.utcMs));
        if (const auto ev = detail::insertEvent(
                m_ctx.db, s.id, NewEvent{EventKind::Interrupted, std::nullopt, std::nullopt, note}, now);
            !ev.ok()) {
            return ev.error();
        }
        sql::Query q(m_ctx.db,
            QStringLiteral("UPDATE sessions SET ended_utc_ms = :utc, ended_mono_ns = :mono, end_reason = 'app_crash' "
                           "WHERE id = :id AND ended_utc_ms IS NULL"));
        q.bind(QStringLiteral(":utc"), last.utcMs)
            .bind(QStringLiteral(":mono"), last.monoNs)
            .bind(QStringLiteral(":id"), s.id);
        if (Status st = q.exec(QStringLiteral("mark session %1 interrupted").arg(s.id)); !st.ok()) {
            return st.error();
        }
        audit::AuditTrail trail(m_ctx);
        if (Status st
            = support::auditAction(trail, Actor::system(), QString::fromLatin1(audit::action::kSessionInterrupted),
                QStringLiteral("sessions"), s.id, toText(EndReason::AppCrash), note);
            !st.ok()) {
            return st.error();
        }
        if (Status st = tx.commit(); !st.ok()) {
            return st.error();
        }
        marked.append(s.id);
    }
    return marked;
}

Status SessionRepository::loadChannels(Session& s)
{
    sql::Query q(m_ctx.db,
        QStringLiteral(
            "SELECT id, channel, program_id, placement_id, reference_placement_id, calibration_id, "
            "max_amplitude_ua, total_charge_uc FROM session_channels WHERE session_id = :s ORDER BY channel"));
    q.bind(QStringLiteral(":s"), s.id);
    if (Status st = q.exec(QStringLiteral("read session channels")); !st.ok()) {
        return st;
    }
    s.channels.clear();
    while (q.next()) {
        SessionChannel c;
        c.id = q.int64(0);
        c.sessionId = s.id;
        c.spec = SessionChannelSpec{q.int32(1), q.int64(2), q.int64(3), q.optInt64(4), q.optInt64(5)};
        c.maxAmplitudeUa = q.int64(6);
        c.totalChargeUc = q.int64(7);
        s.channels.append(c);
    }
    return {};
}

Result<QList<Session>> SessionRepository::list(const QString& where, const QString& name, const QVariant& value)
{
    QList<Session> out;
    {
        sql::Query q(m_ctx.db,
            QStringLiteral("SELECT %1 FROM sessions WHERE %2 ORDER BY started_utc_ms, id").arg(kSessionColumns, where));
        q.bind(name, value);
        if (Status s = q.exec(QStringLiteral("read sessions")); !s.ok()) {
            return s.error();
        }
        while (q.next()) {
            out.append(readSession(q));
        }
    }
    for (Session& s : out) {
        if (Status st = loadChannels(s); !st.ok()) {
            return st.error();
        }
    }
    return out;
}

Result<Session> SessionRepository::byId(qint64 id)
{
    auto all = list(QStringLiteral("id = :id"), QStringLiteral(":id"), QVariant::fromValue<qlonglong>(id));
    if (!all.ok()) {
        return all.error();
    }
    if (all->isEmpty()) {
        return notFound(QStringLiteral("no session with id %1").arg(id));
    }
    return all->first();
}

Result<QList<Session>> SessionRepository::openSessions(const QString& workstation)
{
    return list(QStringLiteral("workstation = :ws AND ended_utc_ms IS NULL"), QStringLiteral(":ws"), workstation);
}

Result<QList<Session>> SessionRepository::forPatient(qint64 patientId)
{
    return list(QStringLiteral("patient_id = :p"), QStringLiteral(":p"), QVariant::fromValue<qlonglong>(patientId));
}

} // namespace galvani::db::records
