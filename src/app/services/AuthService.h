// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppResult.h"
#include "app/access/Access.h"

#include <QString>

#include <optional>

namespace galvani::app {

class RecordStore;

// Signing in, and creating the first account of a new store.
// signIn() gives the same message for an unknown user name and a wrong password (the attempt costs the same time
// in both cases, see db/README), so nobody learns which accounts exist; it states the lock rule instead of a
// per-account count. A locked or deactivated account gets its own message. Every attempt is audited by the
// record store (login, login_failed, account_locked).
// createFirstAdmin() works only while the store has no user at all; after that, accounts are made through
// UserService by an admin. It needs no sign-in: on an empty store there is nobody to sign in as.
// Thread affinity: the RecordStore's thread. Ownership: borrows the store, which must outlive it.
class AuthService {
public:
    explicit AuthService(RecordStore& store);

    // `unlocking`: the user name whose locked screen this sign-in unlocks (audited as an unlock, or as a hand-over
    // when another account signs in).
    [[nodiscard]] AppResult<SignedInUser> signIn(
        const QString& username, const QString& password, const std::optional<QString>& unlocking = std::nullopt);
    // True while the store has no user account.
    [[nodiscard]] AppResult<bool> isEmpty();
    [[nodiscard]] AppResult<SignedInUser> createFirstAdmin(
        const QString& username, const QString& displayName, const QString& password);

private:
    RecordStore& m_store;
};

} // namespace galvani::app
