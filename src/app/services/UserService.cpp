// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/services/UserService.h"

#include "app/access/AccessGuard.h"
#include "app/services/ServiceSupport.h"
#include "app/store/RecordStoreImpl.h"
#include "db/PasswordHasher.h"
#include "db/records/UserRepository.h"

namespace galvani::app {

namespace {

using db::records::UserRepository;

UserSummary summaryOf(const db::records::User& u)
{
    return UserSummary{
        u.id, u.username, u.displayName, detail::fromDb(u.role), u.active, u.locked(), u.failedLogins, u.createdUtcMs};
}

// The account named `username`, or NotFound naming it. A name no account can have (blank, too long, NUL) is a bad
// value, refused with the rule, not looked up.
AppResult<db::records::User> accountNamed(UserRepository& users, const QString& username)
{
    if (username.trimmed().isEmpty()) {
        return detail::invalidInput(QStringLiteral("user name is required"));
    }
    if (auto bad = detail::checkText(username, QStringLiteral("user name"), detail::kMaxUsernameChars)) {
        return *bad;
    }
    const auto found = users.byUsername(username);
    if (!found.ok()) {
        if (found.error().kind == db::DbError::Kind::NotFound) {
            return detail::notFound(QStringLiteral("no user named '%1'").arg(username));
        }
        return detail::fromDb(found.error());
    }
    return found.value();
}

// Refuses a change that would leave the store without an active admin (nobody could manage users any more).
std::optional<AppError> keepsAnAdmin(UserRepository& users, const db::records::User& target)
{
    if (target.role != db::records::Role::Admin || !target.active) {
        return std::nullopt;
    }
    const auto all = users.list();
    if (!all.ok()) {
        return detail::fromDb(all.error());
    }
    for (const auto& u : all.value()) {
        if (u.id != target.id && u.role == db::records::Role::Admin && u.active) {
            return std::nullopt;
        }
    }
    return AppError{AppError::Kind::Refused,
        QStringLiteral("'%1' is the last active admin; make another admin first").arg(target.username)};
}

} // namespace

UserService::UserService(RecordStore& store) : m_store(store)
{
}

AppResult<UserSummary> UserService::add(const SignedInUser& user, const NewUserInput& input)
{
    if (auto denied = checkAccess(m_store, user, Action::ManageUsers, input.name)) {
        return *denied;
    }
    if (const auto policy = db::PasswordHasher::checkPolicy(input.password); !policy.ok()) {
        return detail::invalidInput(QStringLiteral("password: ") + policy.error().message);
    }
    UserRepository users(m_store.impl().context());
    if (const auto taken = users.byUsername(input.name); taken.ok()) {
        return AppError{AppError::Kind::Conflict, QStringLiteral("user name '%1' is taken").arg(input.name)};
    }
    db::records::NewUser nu;
    nu.username = input.name;
    nu.displayName = input.displayName.isEmpty() ? input.name : input.displayName;
    nu.role = detail::toDb(input.role);
    nu.password = input.password;
    const auto created = users.create(nu, detail::actorOf(user));
    if (!created.ok()) {
        return detail::fromDb(created.error());
    }
    return summaryOf(created.value());
}

AppResult<QList<UserSummary>> UserService::list(const SignedInUser& user)
{
    if (auto denied = checkAccess(m_store, user, Action::ViewUsers)) {
        return *denied;
    }
    const auto all = UserRepository(m_store.impl().context()).list();
    if (!all.ok()) {
        return detail::fromDb(all.error());
    }
    QList<UserSummary> out;
    out.reserve(all->size());
    for (const auto& u : all.value()) {
        out.append(summaryOf(u));
    }
    return out;
}

AppResult<UserSummary> UserService::unlock(const SignedInUser& user, const QString& username, const QString& reason)
{
    if (auto denied = checkAccess(m_store, user, Action::ManageUsers, username)) {
        return *denied;
    }
    UserRepository users(m_store.impl().context());
    const auto target = accountNamed(users, username);
    if (!target.ok()) {
        return target.error();
    }
    const auto done = users.unlock(target->id, detail::actorOf(user), reason);
    if (!done.ok()) {
        return detail::fromDb(done.error());
    }
    return summaryOf(done.value());
}

AppResult<UserSummary> UserService::deactivate(const SignedInUser& user, const QString& username, const QString& reason)
{
    if (auto denied = checkAccess(m_store, user, Action::ManageUsers, username)) {
        return *denied;
    }
    UserRepository users(m_store.impl().context());
    const auto target = accountNamed(users, username);
    if (!target.ok()) {
        return target.error();
    }
    if (auto lastAdmin = keepsAnAdmin(users, target.value())) {
        return *lastAdmin;
    }
    const auto done = users.setActive(target->id, false, detail::actorOf(user), reason);
    if (!done.ok()) {
        return detail::fromDb(done.error());
    }
    return summaryOf(done.value());
}

AppResult<UserSummary> UserService::setRole(
    const SignedInUser& user, const QString& username, Role role, const QString& reason)
{
    if (auto denied = checkAccess(m_store, user, Action::ManageUsers, username)) {
        return *denied;
    }
    UserRepository users(m_store.impl().context());
    const auto target = accountNamed(users, username);
    if (!target.ok()) {
        return target.error();
    }
    if (role != Role::Admin) {
        if (auto lastAdmin = keepsAnAdmin(users, target.value())) {
            return *lastAdmin;
        }
    }
    const auto done = users.setRole(target->id, detail::toDb(role), detail::actorOf(user), reason);
    if (!done.ok()) {
        return detail::fromDb(done.error());
    }
    return summaryOf(done.value());
}

} // namespace galvani::app
