// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/store/RecordStore.h"
#include "support/FakeClock.h"
#include "support/postgres/TempDatabase.h"

#include <QString>
#include <QVariant>

#include <memory>

namespace galvani::test {

// The backend this executable runs on: the service tests are compiled once and linked twice, app_services_tests
// (SQLite) and app_services_tests_pg (PostgreSQL).
StoreBackend testBackend();

// A RecordStore opened the way the application opens one (RecordStore::open: migration, audit check, anchor) on
// a throwaway database, with its key, anchor and lock files in the test's own folder and a fake clock.
// Users are created through AuthService/UserService (real Argon2id hashes), then signed in.
class ServiceStore {
public:
    static constexpr const char* kPassword = "correct horse battery";

    explicit ServiceStore(StoreBackend backend = testBackend());
    ~ServiceStore();
    ServiceStore(const ServiceStore&) = delete;
    ServiceStore& operator=(const ServiceStore&) = delete;

    [[nodiscard]] app::RecordStore& store() { return *m_store; }
    [[nodiscard]] const app::StoreConfig& config() const { return m_config; }
    [[nodiscard]] bool isSqlite() const { return temp.backend() == StoreBackend::Sqlite; }

    // The first admin ("admin"), created on first use; then accounts made by that admin (REQUIREs success).
    app::SignedInUser admin();
    app::SignedInUser addUser(const QString& username, app::Role role);

    // Rows of the audit trail with action "refused".
    qint64 refusedRows();
    // Runs SQL on the store's own connection (REQUIREs success for scalar()).
    bool exec(const QString& sql);
    QVariant scalar(const QString& sql);
    // Removes the append-only triggers of a table so a test can tamper with it.
    void dropTriggers(const QString& table);

    TempDatabase temp;
    FakeClock clock;

private:
    app::StoreConfig m_config;
    std::unique_ptr<app::RecordStore> m_store;
    std::optional<app::SignedInUser> m_admin;
};

// A patient with valid demographics and this MRN, added by `user` (REQUIREs success).
void addPatient(ServiceStore& s, const app::SignedInUser& user, const QString& mrn);

} // namespace galvani::test
