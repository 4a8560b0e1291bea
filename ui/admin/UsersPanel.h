// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/services/UserService.h"
#include "ui/presenters/UsersPresenter.h"

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
// The widget builds and binds; presenters::UsersPresenter holds the list, the selection and what applies to it, and
// makes every call through app::UserService, which checks the grants (a role without ViewUsers sees the refusal);
// the messages are shown verbatim and nothing typed is cleared on an error.
// Thread affinity: GUI thread. Ownership: borrows the AppContext, which must outlive it.
class UsersPanel : public QWidget {
    Q_OBJECT
public:
    UsersPanel(app::AppContext& context, const app::SignedInUser& user, QWidget* parent = nullptr);

    // Reads the accounts again (also after every change).
    void refresh() { m_presenter.refresh(); }
    [[nodiscard]] QList<app::UserSummary> users() const { return m_presenter.users(); }

private:
    void addAccount();
    void unlockSelected();
    void deactivateSelected();
    void changeRoleOfSelected();
    void showUsers();
    void showSelection();
    void tableSelectionChanged();
    void showChangeResult(const presenters::UsersPresenter::Result& result);

    presenters::UsersPresenter m_presenter;
    bool m_filling = false; // the table is being refilled: its selection signals are not the user's

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
