// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/Database.h"
#include "db/Result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace galvani::core {
class Clock;
}

namespace galvani::db {

// One numbered schema step, embedded as a Qt resource (db/migrations/<dialect>/NNNN_name.sql).
struct Migration {
    int version = 0;
    QString name; // "people_and_audit"
    QString resourcePath;
};

// Brings a store's schema up to the version this program knows, one transaction per migration.
// SQLite keeps the version in PRAGMA user_version; PostgreSQL in the table schema_version (one row per step).
// Before upgrading a store that already holds data, SQLite stores get PRAGMA integrity_check and
// foreign_key_check and a verified copy (VACUUM INTO) beside the store; on PostgreSQL, backups are the
// server's (pg_dump), and concurrent workstations serialise on a lock of schema_version.
// A store newer than the program, or a non-empty database that is not a Galvani store, is refused.
// Thread affinity: the Database's thread. Ownership: borrows the Database and Clock.
class Migrator {
public:
    struct Options {
        std::optional<int> targetVersion; // default: latest (tests migrate step by step)
        QString backupDir; // default: the store's own folder
    };
    struct Report {
        int fromVersion = 0;
        int toVersion = 0;
        QString backupPath; // empty when no backup was needed (new store, nothing to do, PostgreSQL)
        QStringList applied; // "0002_screening_and_placement", …
    };

    Migrator(Database& db, const core::Clock& clock);

    // The migrations compiled into this program for a dialect, in order (checked contiguous from 1).
    [[nodiscard]] static Result<QList<Migration>> available(Dialect dialect);
    // Highest schema version this program knows.
    [[nodiscard]] static int latestVersion();

    [[nodiscard]] Result<int> currentVersion();
    [[nodiscard]] Result<Report> migrate(const Options& options);
    [[nodiscard]] Result<Report> migrate() { return migrate(Options{}); }

private:
    [[nodiscard]] Status ensureVersionTable();
    [[nodiscard]] Status refuseForeignDatabase();
    [[nodiscard]] Result<QString> backupBeforeUpgrade(int from, int to, const QString& dir);
    [[nodiscard]] Status apply(const Migration& m);

    Database& m_db;
    const core::Clock& m_clock;
};

} // namespace galvani::db
