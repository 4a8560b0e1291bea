// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/records/RecordEnums.h"

#include <QString>
#include <QtGlobal>

#include <optional>

namespace galvani::db::records {

// A user account. The password hash never leaves the repository. Times in UTC ms. Plain value.
struct User {
    qint64 id = 0;
    QString username;
    QString displayName;
    Role role = Role::Therapist;
    int failedLogins = 0; // consecutive failures since the last successful sign-in
    std::optional<qint64> lockedUtcMs; // set when the account locked itself; cleared by an admin's unlock
    bool active = true; // deactivated accounts cannot sign in (accounts are never deleted: the audit names them)
    qint64 createdUtcMs = 0;
    qint64 updatedUtcMs = 0;

    [[nodiscard]] bool locked() const { return lockedUtcMs.has_value(); }
};

struct NewUser {
    QString username; // 1–64 characters, unique
    QString displayName;
    Role role = Role::Therapist;
    QString password; // checked against PasswordHasher::checkPolicy, stored only as an Argon2id hash
};

// Why a sign-in failed. The app shows the same message for UnknownUser and WrongPassword.
enum class LoginFailure { None, UnknownUser, WrongPassword, Locked, Inactive };

struct LoginOutcome {
    std::optional<User> user; // set on success
    LoginFailure failure = LoginFailure::None;
    int attemptsLeft = 0; // before the account locks (WrongPassword only)
    bool lockedNow = false; // this failure locked the account

    [[nodiscard]] bool ok() const { return user.has_value(); }
};

} // namespace galvani::db::records
