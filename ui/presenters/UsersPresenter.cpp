// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presenters/UsersPresenter.h"

#include <utility>

namespace galvani::ui::presenters {

namespace {

QString missingReason()
{
    return missingReasonMessage(QStringLiteral("you make this change"));
}

} // namespace

UsersPresenter::UsersPresenter(app::UserService& users, app::SignedInUser user, QObject* parent)
    : QObject(parent), m_service(users), m_user(std::move(user))
{
}

QString UsersPresenter::roleLabel(app::Role role)
{
    switch (role) {
    case app::Role::Therapist:
        return QStringLiteral("Therapist");
    case app::Role::Admin:
        return QStringLiteral("Admin");
    case app::Role::Technician:
        return QStringLiteral("Technician");
    }
    return QStringLiteral("?");
}

QString UsersPresenter::statusLabel(const app::UserSummary& user)
{
    if (!user.active) {
        return QStringLiteral("deactivated");
    }
    if (user.locked) {
        return QStringLiteral("LOCKED (%1 failed sign-ins)").arg(user.failedLogins);
    }
    return QStringLiteral("active");
}

QStringList UsersPresenter::columnTitles()
{
    return {
        QStringLiteral("User name"), QStringLiteral("Display name"), QStringLiteral("Role"), QStringLiteral("Status")};
}

QStringList UsersPresenter::rowText(int row) const
{
    if (row < 0 || row >= m_users.size()) {
        return {};
    }
    const auto& u = m_users.at(row);
    return {u.username, u.displayName, roleLabel(u.role), statusLabel(u)};
}

void UsersPresenter::refresh()
{
    const auto listed = m_service.list(m_user);
    m_users.clear();
    if (listed.ok()) {
        m_listError.clear();
        m_users = listed.value();
    } else {
        m_listError = listed.error().message;
    }
    const bool stillListed = selectedAccount().has_value();
    if (!stillListed) {
        m_selected.clear();
    }
    Q_EMIT usersChanged();
    Q_EMIT selectionChanged();
}

void UsersPresenter::select(const QString& username)
{
    if (username == m_selected) {
        return;
    }
    m_selected = username;
    Q_EMIT selectionChanged();
}

std::optional<app::UserSummary> UsersPresenter::selectedAccount() const
{
    if (m_selected.isEmpty()) {
        return std::nullopt;
    }
    for (const auto& u : m_users) {
        if (u.username == m_selected) {
            return u;
        }
    }
    return std::nullopt;
}

QString UsersPresenter::selectedDescription() const
{
    const auto account = selectedAccount();
    if (!account) {
        return QStringLiteral("No account selected — choose one in the list.");
    }
    return QStringLiteral("%1 (%2, %3)").arg(account->username, roleLabel(account->role), statusLabel(*account));
}

bool UsersPresenter::canUnlock() const
{
    const auto account = selectedAccount();
    return account && account->active && account->locked;
}

bool UsersPresenter::canDeactivate() const
{
    const auto account = selectedAccount();
    return account && account->active;
}

bool UsersPresenter::canChangeRole() const
{
    return selectedAccount().has_value();
}

UsersPresenter::Result UsersPresenter::addAccount(const NewAccount& account)
{
    if (account.password != account.repeat) {
        return Result::error(QStringLiteral("repeat password: the two passwords are not the same; type the password "
                                            "again in both fields"),
            Field::Repeat);
    }
    app::NewUserInput input;
    input.name = account.name;
    input.displayName = account.displayName.trimmed();
    input.role = account.role;
    input.password = account.password;
    const auto added = m_service.add(m_user, input);
    if (!added.ok()) {
        const QString& message = added.error().message;
        return Result::error(message, message.startsWith(QStringLiteral("password")) ? Field::Password : Field::None);
    }
    refresh();
    select(added->username);
    return Result::success(
        QStringLiteral("account '%1' (%2) added.").arg(added->username, roleLabel(added->role).toLower()));
}

UsersPresenter::Result UsersPresenter::afterChange(const app::AppResult<app::UserSummary>& result, const QString& done)
{
    if (!result.ok()) {
        return Result::error(result.error().message);
    }
    refresh();
    return Result::success(done);
}

UsersPresenter::Result UsersPresenter::unlock(const QString& reason)
{
    const QString name = m_selected;
    const QString why = reason.trimmed();
    if (name.isEmpty()) {
        return Result::error(QStringLiteral("account: choose the account to unlock in the list"));
    }
    if (why.isEmpty()) {
        return Result::error(missingReason(), Field::Reason);
    }
    return afterChange(m_service.unlock(m_user, name, why),
        QStringLiteral("account '%1' unlocked; the person can sign in again.").arg(name));
}

UsersPresenter::Result UsersPresenter::checkDeactivate(const QString& reason) const
{
    if (m_selected.isEmpty()) {
        return Result::error(QStringLiteral("account: choose the account to deactivate in the list"));
    }
    if (reason.trimmed().isEmpty()) {
        return Result::error(missingReason(), Field::Reason);
    }
    return {};
}

UsersPresenter::Result UsersPresenter::deactivate(const QString& username, const QString& reason)
{
    const QString why = reason.trimmed();
    if (why.isEmpty()) {
        return Result::error(missingReason(), Field::Reason);
    }
    return afterChange(
        m_service.deactivate(m_user, username, why), QStringLiteral("account '%1' deactivated.").arg(username));
}

UsersPresenter::Result UsersPresenter::changeRole(app::Role role, const QString& reason)
{
    const auto account = selectedAccount();
    if (!account) {
        return Result::error(QStringLiteral("account: choose the account whose role changes in the list"));
    }
    if (account->role == role) {
        return Result::error(QStringLiteral("new role: '%1' already has the role %2; choose another one")
                                 .arg(account->username, roleLabel(role).toLower()),
            Field::NewRole);
    }
    const QString why = reason.trimmed();
    if (why.isEmpty()) {
        return Result::error(missingReason(), Field::Reason);
    }
    const QString name = account->username;
    return afterChange(m_service.setRole(m_user, name, role, why),
        QStringLiteral("'%1' is now %2; the new role applies from their next sign-in.")
            .arg(name, roleLabel(role).toLower()));
}

} // namespace galvani::ui::presenters
