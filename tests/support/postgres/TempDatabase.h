// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/Database.h"
#include "db/StoreUrl.h"

#include <QString>
#include <QTemporaryDir>

namespace galvani::test {

enum class StoreBackend { Sqlite, Postgresql };

// Exit code of a PostgreSQL test when no server is available; ctest maps it to "Skipped" (SKIP_RETURN_CODE).
inline constexpr int kSkipExitCode = 77;

// A record store that exists for one test and is removed afterwards, plus a private folder for files that go
// with it (audit key, backups, anchors).
//  - SQLite: a file in a fresh temporary folder.
//  - PostgreSQL: a fresh database (CREATE DATABASE) in the throwaway cluster that pg-cluster.sh started for this
//    ctest run (its URL is read from the fixture's state folder, or from GALVANI_TEST_PG_URL); dropped on
//    destruction. When no cluster is available the constructor prints a WARN line naming the reason and ends the
//    process with kSkipExitCode, so the test is reported skipped, never passed.
// Thread affinity: the test thread. Ownership: owns the temporary folder and the database; every Database opened
// on it must be closed before the TempDatabase is destroyed.
class TempDatabase {
public:
    explicit TempDatabase(StoreBackend backend);
    TempDatabase(const TempDatabase&) = delete;
    TempDatabase& operator=(const TempDatabase&) = delete;
    ~TempDatabase();

    [[nodiscard]] StoreBackend backend() const { return m_backend; }
    [[nodiscard]] const db::StoreUrl& url() const { return m_url; }
    // A private folder for the test's files.
    [[nodiscard]] QString dir() const { return m_dir.path(); }
    [[nodiscard]] QString filePath(const QString& name) const { return m_dir.filePath(name); }
    // Opens a new connection (REQUIREs success).
    [[nodiscard]] db::Database open() const;

private:
    StoreBackend m_backend;
    QTemporaryDir m_dir;
    db::StoreUrl m_url;
    db::StoreUrl m_maintenanceUrl; // PostgreSQL: the cluster's "postgres" database
    QString m_pgDatabase;
};

} // namespace galvani::test
