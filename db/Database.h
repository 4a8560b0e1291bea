// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/StoreUrl.h"

#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace galvani::db {

class ScopedTransaction;

// SQL flavour behind a connection; repositories pick per-dialect statements only where SQL is not portable.
enum class Dialect { Sqlite, Postgresql };

// One open connection to the record store, with the durability settings the records need.
// SQLite: WAL journal, synchronous=FULL, foreign_keys=ON and a busy timeout are set and then read back;
// a store that does not take them is refused (a clinic record must survive a power cut).
// PostgreSQL: synchronous_commit=on is set for the session and read back (fsync is the server's setting).
// Thread affinity: a connection belongs to the thread that opened it (Qt Sql rule); open one per thread and
// never hand a Database (or a repository holding one) to another thread.
// Ownership: owns its QSqlDatabase connection and removes it on destruction. Also holds the state of the
// transaction open on it (see ScopedTransaction), so it must outlive every ScopedTransaction and repository using it.
class Database {
public:
    // Opens (and for SQLite creates, with its folder) the store. On failure returns nullopt and sets *error.
    // A SQLite URL's vfs (tests only: fault injection) opens the file through that registered VFS, with the same
    // settings; an unknown VFS is refused.
    [[nodiscard]] static std::optional<Database> open(const StoreUrl& url, QString* error);

    // Opens an existing SQLite file read-only without changing any setting or the journal mode, to inspect a
    // backup or a file about to be restored. Refuses a missing file (never creates one).
    [[nodiscard]] static std::optional<Database> openForInspection(const QString& sqlitePath, QString* error);

    Database(Database&& other) noexcept;
    Database& operator=(Database&&) = delete;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    [[nodiscard]] QSqlDatabase connection() const;
    [[nodiscard]] const StoreUrl& url() const { return m_url; }
    [[nodiscard]] Dialect dialect() const
    {
        return m_url.kind == StoreUrl::Kind::Sqlite ? Dialect::Sqlite : Dialect::Postgresql;
    }
    // True while a ScopedTransaction is open on this connection.
    [[nodiscard]] bool inTransaction() const { return m_txDepth > 0; }

    // How long a write on this connection waits for another connection's lock before it fails with a "store busy"
    // error: SQLite's busy timeout, PostgreSQL's lock_timeout. open() sets kBusyTimeoutMs (PostgreSQL: the
    // server's default, no bound). ms must be 1..kBusyTimeoutMs; the value is read back. Returns false and sets
    // *error when the setting did not apply.
    bool setLockWait(int ms, QString* error);

    // Busy timeout applied to SQLite connections, in milliseconds.
    static constexpr int kBusyTimeoutMs = 5000;

private:
    friend class ScopedTransaction;
    Database(StoreUrl url, QString connectionName);
    StoreUrl m_url;
    QString m_connectionName;
    int m_txDepth = 0; // nesting depth of ScopedTransaction objects; only the outermost talks to the engine
    bool m_rollbackOnly = false; // an inner ScopedTransaction ended without commit: the outer one must roll back
};

} // namespace galvani::db
