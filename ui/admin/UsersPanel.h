// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/services/UserService.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace galvani::app {
class AppContext;
}

namespace galvani::ui {

// The admin's account list and account changes (CLINICAL §7: users and roles are the admin's). The table lists
// every account (user name, display name, role, status: active, locked after failed sign-ins, deactivated). Below
// it, "Add an account" (user name, display name, role, the password typed twice, with the password rule shown
// next to it) and "Change the selected account" (unlock, deactivate, change role), where every change needs a
// reason that the audit trail keeps. Deactivation cannot be undone here, so it asks for confirmation first.
// Every call goes through app::UserService, which checks the grants (a role without ViewUsers sees the refusal);
// its messages are shown verbatim and nothing typed is cleared on an error.
// Thread affinity: GUI thread. Ownership: borrows the AppContext, which must outlive it.
class UsersPanel : public QWidget {
    Q_OBJECT
public:
    UsersPanel(app::AppContext& context, const app::SignedInUser& user, QWidget* parent = nullptr);

    // Reads the accounts again (also after every change).
    void refresh();
    [[nodiscard]] QList<app::UserSummary> users() const { return m_users; }

private:
    void addAccount();
    void unlockSelected();
    void deactivateSelected();
    void confirmedDeactivate(const QString& username, const QString& reason);
    void changeRoleOfSelected();
    void selectionChanged();
    [[nodiscard]] QString selectedUsername() const;
    // The reason typed for a change, or empty after showing why it is missing.
    [[nodiscard]] QString reasonOrComplain();
    void afterChange(const app::AppResult<app::UserSummary>& result, const QString& done);

    app::AppContext& m_context;
    app::SignedInUser m_user;
    QList<app::UserSummary> m_users;

    QTableWidget* m_table = nullptr;
    QLabel* m_listMessage = nullptr;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_displayName = nullptr;
    QComboBox* m_role = nullptr;
    QLineEdit* m_password = nullptr;
    QLineEdit* m_repeat = nullptr;
    QPushButton* m_add = nullptr;
    QLabel* m_addMessage = nullptr;
    QLabel* m_selected = nullptr;
    QLineEdit* m_reason = nullptr;
    QComboBox* m_newRole = nullptr;
    QPushButton* m_unlock = nullptr;
    QPushButton* m_deactivate = nullptr;
    QPushButton* m_setRole = nullptr;
    QLabel* m_changeMessage = nullptr;
};

} // namespace galvani::ui
