// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/services/UserService.h"
#include "ui/presenters/Feedback.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace galvani::ui::presenters {

// The admin's account list and account changes (CLINICAL §7: users and roles are the admin's), for UsersPanel.
// It lists every account as table rows (user name, display name, role, status: active, locked after failed
// sign-ins, deactivated), keeps the selected account across a re-read, says which changes apply to it (unlock only
// a locked active account, deactivate only an active one, a role change to another role), and makes the changes
// through app::UserService, which checks the grants; every change needs a reason, which the audit trail keeps.
// Deactivation cannot be undone: the panel asks for confirmation between checkDeactivate() and deactivate().
// The service's messages come back verbatim; the presenter words only what it checks itself (the repeated
// password, a missing reason, a role the account already has) and the successes.
// Thread affinity: the RecordStore's thread (the GUI thread). Ownership: borrows the service, which must outlive it.
class UsersPresenter : public QObject {
    Q_OBJECT
public:
    enum class Field { None, Password, Repeat, Reason, NewRole };
    using Result = Feedback<Field>;

    struct NewAccount {
        QString name;
        QString displayName;
        app::Role role = app::Role::Therapist;
        QString password;
        QString repeat;
    };

    UsersPresenter(app::UserService& users, app::SignedInUser user, QObject* parent = nullptr);

    // Reads the accounts again (also after every change); the selection stays on the same account when it is
    // still listed. Emits usersChanged.
    void refresh();
    [[nodiscard]] const QList<app::UserSummary>& users() const { return m_users; }
    // Why the accounts could not be read (the service's message), or empty.
    [[nodiscard]] const QString& listError() const { return m_listError; }
    // The table's text: one row per account, the columns of columnTitles().
    [[nodiscard]] static QStringList columnTitles();
    [[nodiscard]] QStringList rowText(int row) const;

    // The selected account by user name (empty: none). Emits selectionChanged when it changes.
    void select(const QString& username);
    [[nodiscard]] const QString& selected() const { return m_selected; }
    [[nodiscard]] std::optional<app::UserSummary> selectedAccount() const;
    // "a.lindqvist (Therapist, active)", or a hint to choose one.
    [[nodiscard]] QString selectedDescription() const;
    [[nodiscard]] bool canUnlock() const;
    [[nodiscard]] bool canDeactivate() const;
    [[nodiscard]] bool canChangeRole() const;

    Result addAccount(const NewAccount& account);
    Result unlock(const QString& reason);
    // The checks before the confirmation (an account selected, a reason typed); an error, or Field::None kind
    // None when the panel may ask for confirmation.
    [[nodiscard]] Result checkDeactivate(const QString& reason) const;
    Result deactivate(const QString& username, const QString& reason);
    Result changeRole(app::Role role, const QString& reason);

    [[nodiscard]] static QString roleLabel(app::Role role);
    [[nodiscard]] static QString statusLabel(const app::UserSummary& user);

Q_SIGNALS:
    void usersChanged();
    void selectionChanged();

private:
    Result afterChange(const app::AppResult<app::UserSummary>& result, const QString& done);

    app::UserService& m_service;
    app::SignedInUser m_user;
    QList<app::UserSummary> m_users;
    QString m_listError;
    QString m_selected;
};

} // namespace galvani::ui::presenters
