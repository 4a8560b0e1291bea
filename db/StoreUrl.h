// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <variant>

namespace galvani::db {

// Where the record store lives, parsed from a store URL:
//   sqlite:/path/to/galvani.sqlite                 a local SQLite file (the default)
//   postgresql://user@host[:port]/dbname           a PostgreSQL database shared by a clinic's workstations
// Plain value; safe to copy across threads.
struct StoreUrl {
    enum class Kind { Sqlite, Postgresql };
    Kind kind = Kind::Sqlite;
    QString path; // SQLite file path (absolute)
    QString user; // PostgreSQL only
    QString host; // PostgreSQL only
    int port = 5432; // PostgreSQL only
    QString database; // PostgreSQL only

    [[nodiscard]] QString toUrl() const;
};

struct StoreUrlError {
    QString message; // names the part of the URL at fault and what is allowed
};

[[nodiscard]] std::variant<StoreUrl, StoreUrlError> parseStoreUrl(const QString& url);

} // namespace galvani::db
