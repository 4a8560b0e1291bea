// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/StoreUrl.h"

#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace galvani::db {

// One open connection to the record store, with the durability settings the records need.
// SQLite: WAL journal, synchronous=FULL, foreign_keys=ON and a busy timeout are set and then read back;
// a store that does not take them is refused (a clinic record must survive a power cut).
// Thread affinity: a connection belongs to the thread that opened it (Qt Sql rule); open one per thread.
// Ownership: owns its QSqlDatabase connection and removes it on destruction.
class Database {
public:
    // Opens (and for SQLite creates, with its folder) the store. On failure returns nullopt and sets *error.
    [[nodiscard]] static std::optional<Database> open(const StoreUrl& url, QString* error);

    Database(Database&& other) noexcept;
    Database& operator=(Database&&) = delete;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    [[nodiscard]] QSqlDatabase connection() const;
    [[nodiscard]] const StoreUrl& url() const { return m_url; }

    // Busy timeout applied to SQLite connections, in milliseconds.
    static constexpr int kBusyTimeoutMs = 5000;

private:
    Database(StoreUrl url, QString connectionName);
    StoreUrl m_url;
    QString m_connectionName;
};

} // namespace galvani::db
