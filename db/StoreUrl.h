// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <variant>

namespace galvani::db {

// Where the record store lives, parsed from a store URL:
//   sqlite:/path/to/galvani.sqlite                 a local SQLite file (the default)
//   sqlite:/path/to/galvani.sqlite?vfs=NAME        the same file opened through the SQLite VFS registered as NAME
//                                                  (tests: fault injection, e.g. tests/reliability/powerloss)
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
    QString vfs; // SQLite only: name of a registered SQLite VFS to open the file through; empty = the default one

    [[nodiscard]] QString toUrl() const;
};

struct StoreUrlError {
    QString message; // names the part of the URL at fault and what is allowed
};

// A sqlite: URL ending in "?vfs=NAME" (NAME: letters, digits, '_' and '-') selects that VFS; any other '?' is
// part of the file name, as it always was.
[[nodiscard]] std::variant<StoreUrl, StoreUrlError> parseStoreUrl(const QString& url);

} // namespace galvani::db
