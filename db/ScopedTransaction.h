// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/Result.h"

namespace galvani::db {

class Database;

// RAII write transaction: begins on construction, rolls back on destruction unless commit() succeeded.
// SQLite: BEGIN IMMEDIATE, so the write lock is taken up front and two writers queue on the busy timeout instead
// of failing when a read snapshot turns out to be stale. PostgreSQL: BEGIN (READ COMMITTED); code that needs a
// serial order (the audit chain) locks explicitly.
//
// Nesting joins: a ScopedTransaction created while another is open on the same Database does not talk to the
// engine. Its commit() only marks its part done; if it is destroyed without commit() the whole outer
// transaction becomes rollback-only and the outer commit() fails. This lets an app service call several
// repositories inside one transaction while each repository call stays atomic when used alone.
//
// Thread affinity: the thread owning the Database. Ownership: borrows the Database, which must outlive it.
class ScopedTransaction {
public:
    explicit ScopedTransaction(Database& db);
    ScopedTransaction(const ScopedTransaction&) = delete;
    ScopedTransaction& operator=(const ScopedTransaction&) = delete;
    ~ScopedTransaction();

    // Whether BEGIN succeeded; when false, status() says why and nothing may be written.
    [[nodiscard]] bool began() const { return m_began; }
    [[nodiscard]] const Status& status() const { return m_status; }
    // True for the outermost transaction (the one that really commits).
    [[nodiscard]] bool isOutermost() const { return m_outermost; }

    // Commits (outermost) or marks this part done (nested). Fails if an inner part was abandoned.
    [[nodiscard]] Status commit();
    // Rolls back now (outermost) or marks the outer transaction rollback-only (nested).
    void rollback();

private:
    Database& m_db;
    Status m_status;
    bool m_began = false;
    bool m_outermost = false;
    bool m_done = false;
};

} // namespace galvani::db
