// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/records/SessionLog.h"

#include "db/ScopedTransaction.h"
#include "db/TimeStamp.h"
#include "db/records/EventWriter.h"
#include "db/records/RecordSupport.h"
#include "db/sql/Query.h"

namespace galvani::db::records {

namespace {

constexpr qint64 kMaxLoggedCurrentUa = 200'000; // beyond any device here; a guard against unit mix-ups (mA for µA)

Status checkSummary(const CurrentSummary& s)
{
    if (Status st = support::checkRange(s.channel, 1, 8, QStringLiteral("channel")); !st.ok()) {
        return st;
    }
    if (Status st = support::checkRange(s.secondIndex, 0, 24LL * 3600, QStringLiteral("second index")); !st.ok()) {
        return st;
    }
    if (Status st
        = support::checkRange(s.commandedUa, 0, kMaxLoggedCurrentUa, QStringLiteral("commanded current (µA)"));
        !st.ok()) {
        return st;
    }
    const bool any = s.measuredMinUa || s.measuredMeanUa || s.measuredMaxUa;
    const bool all = s.measuredMinUa && s.measuredMeanUa && s.measuredMaxUa;
    if (any && !all) {
        return invalid(QStringLiteral("measured min, mean and max come together or not at all"));
    }
    if (all && !(*s.measuredMinUa <= *s.measuredMeanUa && *s.measuredMeanUa <= *s.measuredMaxUa)) {
        return invalid(QStringLiteral("measured current must satisfy min ≤ mean ≤ max"));
    }
    if (s.samples < 0) {
        return invalid(QStringLiteral("sample count cannot be negative"));
    }
    return {};
}

} // namespace

SessionLog::SessionLog(const StoreContext& ctx) : m_ctx(ctx)
{
}

Result<SessionEvent> SessionLog::appendEvent(qint64 sessionId, const NewEvent& event)
{
    if (event.kind == EventKind::Start || event.kind == EventKind::End || event.kind == EventKind::Interrupted) {
        return invalid(QStringLiteral("%1 events are written by the session itself").arg(toText(event.kind)));
    }
    if (event.channel) {
        if (Status s = support::checkRange(*event.channel, 1, 8, QStringLiteral("channel")); !s.ok()) {
            return s.error();
        }
    }
    if (event.amplitudeUa) {
        if (Status s
            = support::checkRange(*event.amplitudeUa, 0, kMaxLoggedCurrentUa, QStringLiteral("amplitude (µA)"));
            !s.ok()) {
            return s.error();
        }
    }
    if (Status s = support::checkText(event.detail, QStringLiteral("event detail"), 2000, false); !s.ok()) {
        return s.error();
    }
    ScopedTransaction tx(m_ctx.db);
    if (!tx.began()) {
        return tx.status().error();
    }
    auto written = detail::insertEvent(m_ctx.db, sessionId, event, stamp(m_ctx.clock));
    if (!written.ok()) {
        return written.error();
    }
    if (Status s = tx.commit(); !s.ok()) {
        return s.error();
    }
    return written;
}

Result<QList<SessionEvent>> SessionLog::events(qint64 sessionId)
{
    sql::Query q(m_ctx.db,
        QStringLiteral("SELECT id, seq, kind, channel, amplitude_ua, detail, at_utc_ms, at_mono_ns FROM session_events "
                       "WHERE session_id = :s ORDER BY seq"));
    q.bind(QStringLiteral(":s"), sessionId);
    if (Status s = q.exec(QStringLiteral("read session events")); !s.ok()) {
        return s.error();
    }
    QList<SessionEvent> out;
    while (q.next()) {
        SessionEvent e;
        e.id = q.int64(0);
        e.sessionId = sessionId;
        e.seq = q.int32(1);
        e.kind = fromText<EventKind>(q.text(2)).value_or(EventKind::Fault);
        if (const auto ch = q.optInt64(3)) {
            e.channel = static_cast<int>(*ch);
        }
        e.amplitudeUa = q.optInt64(4);
        e.detail = q.text(5);
        e.atUtcMs = q.int64(6);
        e.atMonoNs = q.int64(7);
        out.append(e);
    }
    return out;
}

Status SessionLog::appendCurrentSummaries(qint64 sessionId, const QList<CurrentSummary>& summaries)
{
    for (const CurrentSummary& s : summaries) {
        if (Status st = checkSummary(s); !st.ok()) {
            return st;
        }
    }
    ScopedTransaction tx(m_ctx.db);
    if (!tx.began()) {
        return tx.status();
    }
    for (const CurrentSummary& s : summaries) {
        sql::Query q(m_ctx.db,
            QStringLiteral("INSERT INTO current_summaries (session_id, channel, second_index, commanded_ua, "
                           "measured_min_ua, measured_mean_ua, measured_max_ua, samples) VALUES (:s, :ch, :i, :c, :mn, "
                           ":me, :mx, :n)"));
        q.bind(QStringLiteral(":s"), sessionId)
            .bind(QStringLiteral(":ch"), s.channel)
            .bind(QStringLiteral(":i"), s.secondIndex)
            .bind(QStringLiteral(":c"), s.commandedUa)
            .bind(QStringLiteral(":mn"), s.measuredMinUa)
            .bind(QStringLiteral(":me"), s.measuredMeanUa)
            .bind(QStringLiteral(":mx"), s.measuredMaxUa)
            .bind(QStringLiteral(":n"), s.samples);
        if (Status st = q.exec(
                QStringLiteral("append current summary (channel %1, second %2)").arg(s.channel).arg(s.secondIndex));
            !st.ok()) {
            return st;
        }
    }
    return tx.commit();
}

Result<QList<CurrentSummary>> SessionLog::currentSummaries(qint64 sessionId)
{
    sql::Query q(m_ctx.db,
        QStringLiteral(
            "SELECT channel, second_index, commanded_ua, measured_min_ua, measured_mean_ua, measured_max_ua, "
            "samples FROM current_summaries WHERE session_id = :s ORDER BY channel, second_index"));
    q.bind(QStringLiteral(":s"), sessionId);
    if (Status s = q.exec(QStringLiteral("read current summaries")); !s.ok()) {
        return s.error();
    }
    QList<CurrentSummary> out;
    while (q.next()) {
        out.append(CurrentSummary{
            q.int32(0), q.int64(1), q.int64(2), q.optInt64(3), q.optInt64(4), q.optInt64(5), q.int64(6)});
    }
    return out;
}

Status SessionLog::updateChannelTotals(qint64 sessionId, int channel, qint64 maxAmplitudeUa, qint64 totalChargeUc)
{
    if (Status s
        = support::checkRange(maxAmplitudeUa, 0, kMaxLoggedCurrentUa, QStringLiteral("maximum amplitude (µA)"));
        !s.ok()) {
        return s;
    }
    if (totalChargeUc < 0) {
        return invalid(QStringLiteral("total charge cannot be negative"));
    }
    ScopedTransaction tx(m_ctx.db);
    if (!tx.began()) {
        return tx.status();
    }
    sql::Query q(m_ctx.db,
        QStringLiteral("UPDATE session_channels SET max_amplitude_ua = :a, total_charge_uc = :c WHERE session_id = :s "
                       "AND channel = :ch AND max_amplitude_ua <= :a2 AND total_charge_uc <= :c2"));
    q.bind(QStringLiteral(":a"), maxAmplitudeUa)
        .bind(QStringLiteral(":c"), totalChargeUc)
        .bind(QStringLiteral(":s"), sessionId)
        .bind(QStringLiteral(":ch"), channel)
        .bind(QStringLiteral(":a2"), maxAmplitudeUa)
        .bind(QStringLiteral(":c2"), totalChargeUc);
    if (Status s = q.exec(QStringLiteral("update totals of session %1 channel %2").arg(sessionId).arg(channel));
        !s.ok()) {
        return s;
    }
    if (q.rowsAffected() != 1) {
        return invalid(QStringLiteral("session %1 has no channel %2, or the new totals are lower than the stored ones")
                           .arg(sessionId)
                           .arg(channel));
    }
    return tx.commit();
}

} // namespace galvani::db::records
