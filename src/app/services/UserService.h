// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppResult.h"
#include "app/access/Access.h"

#include <QList>
#include <QString>
#include <QtGlobal>

namespace galvani::app {

class RecordStore;

// A new account as an admin enters it. Plain value.
struct NewUserInput {
    QString name; // user name for signing in: 1–64 characters, no leading or trailing spaces, unique
    QString displayName; // shown in records; empty: the user name
    Role role = Role::Therapist;
    QString password; // at least 10, at most 1024 characters (db::PasswordHasher policy)
};

// An account as the user list shows it. Times in UTC ms. Plain value.
struct UserSummary {
    qint64 id = 0;
    QString username;
    QString displayName;
    Role role = Role::Therapist;
    bool active = true;
    bool locked = false; // locked itself after 5 failed sign-ins; an admin unlocks it
    int failedLogins = 0;
    qint64 createdUtcMs = 0;
};

// Account management (CLINICAL §7: users and roles are the admin's). Each call checks one action first: list →
// ViewUsers, everything else → ManageUsers. Unlock, deactivate and role changes need a reason, which the audit
// trail keeps. The store always keeps one active admin: the last one cannot be deactivated or lose the role.
// Thread affinity: the RecordStore's thread. Ownership: borrows the store.
class UserService {
public:
    explicit UserService(RecordStore& store);

    [[nodiscard]] AppResult<UserSummary> add(const SignedInUser& user, const NewUserInput& input);
    [[nodiscard]] AppResult<QList<UserSummary>> list(const SignedInUser& user);
    [[nodiscard]] AppResult<UserSummary> unlock(
        const SignedInUser& user, const QString& username, const QString& reason);
    [[nodiscard]] AppResult<UserSummary> deactivate(
        const SignedInUser& user, const QString& username, const QString& reason);
    [[nodiscard]] AppResult<UserSummary> setRole(
        const SignedInUser& user, const QString& username, Role role, const QString& reason);

private:
    RecordStore& m_store;
};

} // namespace galvani::app
