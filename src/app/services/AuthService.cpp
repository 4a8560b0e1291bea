// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/services/AuthService.h"

#include "app/services/ServiceSupport.h"
#include "app/store/RecordStoreImpl.h"
#include "db/PasswordHasher.h"
#include "db/ScopedTransaction.h"
#include "db/records/UserRepository.h"

namespace galvani::app {

namespace {

using db::records::LoginFailure;

SignedInUser signedIn(const db::records::User& u)
{
    return SignedInUser{u.id, u.username, u.displayName, detail::fromDb(u.role)};
}

AppError refusedSignIn(const QString& message)
{
    return AppError{AppError::Kind::Refused, message};
}

} // namespace

AuthService::AuthService(RecordStore& store) : m_store(store)
{
}

AppResult<SignedInUser> AuthService::signIn(
    const QString& username, const QString& password, const std::optional<QString>& unlocking)
{
    const auto outcome
        = db::records::UserRepository(m_store.impl().context()).authenticate(username, password, unlocking);
    if (!outcome.ok()) {
        return detail::fromDb(outcome.error());
    }
    if (outcome->ok()) {
        return signedIn(*outcome->user);
    }
    const int maxFailures = db::records::UserRepository::kMaxFailedLogins;
    switch (outcome->failure) {
    case LoginFailure::UnknownUser:
    case LoginFailure::WrongPassword:
        if (outcome->lockedNow) {
            // Only a real account can lock, and only after the rule below was shown on every earlier attempt.
            return refusedSignIn(QStringLiteral("sign-in refused: unknown user name or wrong password; the account "
                                                "is now locked after %1 failed sign-ins in a row, and an admin must "
                                                "unlock it")
                                     .arg(maxFailures));
        }
        return refusedSignIn(QStringLiteral("sign-in refused: unknown user name or wrong password (an account "
                                            "locks after %1 failed sign-ins in a row)")
                                 .arg(maxFailures));
    case LoginFailure::Locked:
        return refusedSignIn(QStringLiteral("sign-in refused: the account '%1' is locked after repeated failed "
                                            "sign-ins; an admin must unlock it")
                                 .arg(username));
    case LoginFailure::Inactive:
        return refusedSignIn(
            QStringLiteral("sign-in refused: the account '%1' is deactivated; ask an admin").arg(username));
    case LoginFailure::None:
        break;
    }
    return AppError{AppError::Kind::Storage, QStringLiteral("sign-in failed without a reason")};
}

AppResult<bool> AuthService::isEmpty()
{
    const auto users = db::records::UserRepository(m_store.impl().context()).list();
    if (!users.ok()) {
        return detail::fromDb(users.error());
    }
    return users->isEmpty();
}

AppResult<SignedInUser> AuthService::createFirstAdmin(
    const QString& username, const QString& displayName, const QString& password)
{
    if (const auto policy = db::PasswordHasher::checkPolicy(password); !policy.ok()) {
        return detail::invalidInput(QStringLiteral("password: ") + policy.error().message);
    }
    RecordStore::Impl& d = m_store.impl();
    // The emptiness check and the insert share one write transaction, so two workstations setting up the same
    // shared store cannot both create a "first" admin.
    db::ScopedTransaction tx(d.db);
    if (!tx.began()) {
        return detail::fromDb(tx.status().error());
    }
    db::records::UserRepository users(d.context());
    const auto existing = users.list();
    if (!existing.ok()) {
        return detail::fromDb(existing.error());
    }
    if (!existing->isEmpty()) {
        return AppError{AppError::Kind::Refused,
            QStringLiteral("the store already has user accounts; an admin must sign in to add users")};
    }
    db::records::NewUser nu;
    nu.username = username;
    nu.displayName = displayName.isEmpty() ? username : displayName;
    nu.role = db::records::Role::Admin;
    nu.password = password;
    const auto created = users.create(nu, db::Actor::system());
    if (!created.ok()) {
        return detail::fromDb(created.error());
    }
    if (const auto committed = tx.commit(); !committed.ok()) {
        return detail::fromDb(committed.error());
    }
    return signedIn(created.value());
}

} // namespace galvani::app
