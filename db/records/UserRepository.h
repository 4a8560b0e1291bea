// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/Actor.h"
#include "db/Result.h"
#include "db/StoreContext.h"
#include "db/records/User.h"

#include <QList>

namespace galvani::db::records {

// User accounts, password checks and lock-out (CLINICAL.md §7: lock after 5 failed sign-ins; one account per person;
// accounts are deactivated, never deleted). Every change, sign-in, failed sign-in and lock is an audit row written in
// the same transaction. Who may call what (admins manage users) is enforced by the app services above this layer.
// Argon2id verification (~0.1–0.3 s) runs outside the write transaction so it never holds the store's write lock.
// Thread affinity: the Database's thread. Ownership: borrows the context.
class UserRepository {
public:
    static constexpr int kMaxFailedLogins = 5;

    explicit UserRepository(const StoreContext& ctx);

    [[nodiscard]] Result<User> create(const NewUser& user, const Actor& actor);
    [[nodiscard]] Result<User> byId(qint64 id);
    [[nodiscard]] Result<User> byUsername(const QString& username);
    [[nodiscard]] Result<QList<User>> list();

    // Checks a password. Storage errors are the only error results; a refused sign-in is a LoginOutcome.
    // `unlocking`: the user name of the account whose locked screen this sign-in unlocks; the login's audit row then
    // says so, and names a hand-over when another account signs in there (CLINICAL §7).
    [[nodiscard]] Result<LoginOutcome> authenticate(
        const QString& username, const QString& password, const std::optional<QString>& unlocking = std::nullopt);

    [[nodiscard]] Result<User> unlock(qint64 userId, const Actor& actor, const std::optional<QString>& reason);
    [[nodiscard]] Result<User> setRole(
        qint64 userId, Role role, const Actor& actor, const std::optional<QString>& reason);
    [[nodiscard]] Result<User> setActive(
        qint64 userId, bool active, const Actor& actor, const std::optional<QString>& reason);
    [[nodiscard]] Result<User> setDisplayName(qint64 userId, const QString& displayName, const Actor& actor);
    [[nodiscard]] Status changePassword(qint64 userId, const QString& newPassword, const Actor& actor);

private:
    [[nodiscard]] Result<LoginOutcome> recordFailure(const User& user, LoginFailure failure);
    [[nodiscard]] Result<User> updateColumn(qint64 userId, const QString& column, const QVariant& value,
        const QString& oldText, const QString& newText, const Actor& actor, const std::optional<QString>& reason);

    StoreContext m_ctx;
};

} // namespace galvani::db::records
