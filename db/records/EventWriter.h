// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/Result.h"
#include "db/TimeStamp.h"
#include "db/records/Session.h"

namespace galvani::db {
class Database;
}

namespace galvani::db::records::detail {

// Inserts one session event with the next sequence number of its session, inside the caller's transaction.
// Internal to db/records (shared by SessionRepository and SessionLog).
[[nodiscard]] Result<SessionEvent> insertEvent(
    Database& db, qint64 sessionId, const NewEvent& event, const TimeStamp& at);

} // namespace galvani::db::records::detail
