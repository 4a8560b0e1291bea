// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/Result.h"
#include "db/StoreContext.h"
#include "db/records/Session.h"

#include <QList>

namespace galvani::db::records {

// The running record of an open session: events (amplitude changes, pauses, stops, faults, electrode and link
// problems), per-second delivered-current summaries, and the per-channel totals.
// appendEvent() commits before it returns (each event is its own durable transaction: WAL + synchronous=FULL on
// SQLite, synchronous_commit on PostgreSQL), so a crash loses at most the event being written. Events and
// summaries are append-only; nothing can be added to a closed session (the database refuses it).
// Not audited row by row: the session log is itself an append-only record; start and end are audited.
// Thread affinity: the Database's thread (the app's db thread, never the device thread). Ownership: borrows the
// context.
class SessionLog {
public:
    explicit SessionLog(const StoreContext& ctx);

    // Start, End and Interrupted are refused here (SessionRepository writes them).
    [[nodiscard]] Result<SessionEvent> appendEvent(qint64 sessionId, const NewEvent& event);
    [[nodiscard]] Result<QList<SessionEvent>> events(qint64 sessionId);

    // Writes a batch of per-second summaries in one transaction.
    [[nodiscard]] Status appendCurrentSummaries(qint64 sessionId, const QList<CurrentSummary>& summaries);
    [[nodiscard]] Result<QList<CurrentSummary>> currentSummaries(qint64 sessionId);

    // Raises a channel's running totals; both values may only grow (µA, µC).
    [[nodiscard]] Status updateChannelTotals(
        qint64 sessionId, int channel, qint64 maxAmplitudeUa, qint64 totalChargeUc);

private:
    StoreContext m_ctx;
};

} // namespace galvani::db::records
