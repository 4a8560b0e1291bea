// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/Actor.h"
#include "db/Database.h"
#include "db/StoreContext.h"
#include "db/audit/AuditKey.h"
#include "db/records/RecordEnums.h"
#include "support/FakeClock.h"
#include "support/postgres/TempDatabase.h"

#include <QString>
#include <QVariant>

#include <optional>

namespace galvani::test {

// The backend this test executable runs on. The repository tests are compiled once and linked twice:
// db_records_tests with BackendSqlite.cpp and db_records_tests_pg with BackendPostgresql.cpp.
StoreBackend testBackend();

// A migrated store with a fake clock, an audit key in the store's private folder and one connection.
// Users for the tests are inserted directly with one precomputed Argon2id hash (password kPassword), because
// hashing per user would make every test slow; the user repository's own tests create users the real way.
class TestStore {
public:
    static constexpr const char* kPassword = "correct horse battery";

    explicit TestStore(StoreBackend backend = testBackend(), bool migrate = true);

    [[nodiscard]] db::StoreContext ctx() { return db::StoreContext{*db, clock, *key}; }
    [[nodiscard]] db::Actor addUser(const QString& username, db::records::Role role);
    [[nodiscard]] db::Dialect dialect() const { return db->dialect(); }
    // Runs SQL as a test would run it against the store by hand (no repository); returns success.
    bool exec(const QString& sql);
    // First column of the first row of a query (REQUIREs success and a row).
    QVariant scalar(const QString& sql);
    // Lets a test tamper: drops the append-only triggers of a table.
    void disableTriggers(const QString& table);

    TempDatabase temp;
    FakeClock clock;
    std::optional<db::audit::AuditKey> key;
    std::optional<db::Database> db;
};

// SQL-injection payloads stored as ordinary text by every repository.
QStringList injectionPayloads();

} // namespace galvani::test
