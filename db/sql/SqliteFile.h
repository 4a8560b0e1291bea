// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/Result.h"

#include <QString>

namespace galvani::db {
class Database;
}

namespace galvani::db::sql {

// File-level helpers for SQLite stores, used by the migrator (backup before upgrade) and by backup/restore.
// Internal to db/. Thread affinity: the Database's thread; the file helpers are thread-safe.

// PRAGMA integrity_check must answer exactly "ok" and PRAGMA foreign_key_check must find nothing.
[[nodiscard]] Status checkIntegrity(Database& db);

// Writes a consistent, compacted copy of the open store to `path` (VACUUM INTO; the file must not exist) and
// flushes it to disk. The copy uses the rollback journal (not WAL), so it is one self-contained file.
[[nodiscard]] Status vacuumInto(Database& db, const QString& path);

// Flushes a file's data, or a directory entry list, to stable storage.
[[nodiscard]] Status fsyncPath(const QString& path);

// Renames `from` onto `to` (same directory, atomic replace) and flushes the directory.
[[nodiscard]] Status atomicReplace(const QString& from, const QString& to);

// Copies a file to `to` (which must not exist), flushing the copy. Keeps the source untouched.
[[nodiscard]] Status copyFileDurably(const QString& from, const QString& to);

// Schema version of an SQLite store (PRAGMA user_version).
[[nodiscard]] Result<int> sqliteUserVersion(Database& db);

} // namespace galvani::db::sql
