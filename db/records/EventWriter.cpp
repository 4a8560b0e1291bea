// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/records/EventWriter.h"

#include "db/sql/Query.h"

namespace galvani::db::records::detail {

Result<SessionEvent> insertEvent(Database& db, qint64 sessionId, const NewEvent& e, const TimeStamp& at)
{
    SessionEvent out;
    out.sessionId = sessionId;
    out.kind = e.kind;
    out.channel = e.channel;
    out.amplitudeUa = e.amplitudeUa;
    out.detail = e.detail;
    out.atUtcMs = at.utcMs;
    out.atMonoNs = at.monoNs;
    {
        sql::Query seq(db, QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM session_events WHERE session_id = :s"));
        seq.bind(QStringLiteral(":s"), sessionId);
        if (Status s = seq.exec(QStringLiteral("number session event")); !s.ok()) {
            return s.error();
        }
        out.seq = seq.next() ? seq.int32(0) + 1 : 1;
    }
    sql::Query q(db,
        QStringLiteral("INSERT INTO session_events (session_id, seq, kind, channel, amplitude_ua, detail, at_utc_ms, "
                       "at_mono_ns) VALUES (:s, :seq, :k, :ch, :amp, :d, :utc, :mono) RETURNING id"));
    q.bind(QStringLiteral(":s"), sessionId)
        .bind(QStringLiteral(":seq"), out.seq)
        .bind(QStringLiteral(":k"), toText(e.kind))
        .bind(QStringLiteral(":ch"), e.channel ? std::optional<qint64>(*e.channel) : std::nullopt)
        .bind(QStringLiteral(":amp"), e.amplitudeUa)
        .bind(QStringLiteral(":d"), e.detail)
        .bind(QStringLiteral(":utc"), at.utcMs)
        .bind(QStringLiteral(":mono"), at.monoNs);
    if (Status s = q.exec(QStringLiteral("append %1 event to session %2").arg(toText(e.kind)).arg(sessionId));
        !s.ok()) {
        return s.error();
    }
    if (!q.next()) {
        return storageError(QStringLiteral("append session event returned no id"));
    }
    out.id = q.int64(0);
    return out;
}

} // namespace galvani::db::records::detail
