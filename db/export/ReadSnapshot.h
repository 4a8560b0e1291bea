// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/Result.h"

namespace galvani::db {
class Database;
}

namespace galvani::db::exp {

// A read-only transaction that gives a long export one consistent view of the store without blocking writers:
// SQLite "BEGIN DEFERRED" (a WAL read snapshot from the first SELECT; the write lock is never taken, so sessions
// keep recording while an export runs), PostgreSQL "REPEATABLE READ, READ ONLY". When the connection already has
// a ScopedTransaction open, the export reads inside it and no snapshot is taken. Nothing may be written while the
// snapshot is open; end() it before writing (the export's audit row). The destructor rolls back an open snapshot.
// Thread affinity: the Database's thread. Ownership: borrows the Database.
class ReadSnapshot {
public:
    explicit ReadSnapshot(Database& db);
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;
    ~ReadSnapshot();

    [[nodiscard]] const Status& status() const { return m_status; }
    // Ends the snapshot (COMMIT); a no-op when none was taken.
    [[nodiscard]] Status end();

private:
    Database& m_db;
    Status m_status;
    bool m_open = false;
};

} // namespace galvani::db::exp
