// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace galvani::app {
class AuthService;
}

namespace galvani::ui {

// The screens before the workspace, in one widget with three modes:
//  - FirstRun: the store has no account; creates the first administrator (user name, display name, the password
//    twice; the password rule is shown and the service's refusal names what is wrong).
//  - SignIn: user name and password.
//  - Locked: the screen was locked; shows who locked it, the user name is pre-filled. Unlocking is decided by the
//    main window (a different user may not take over a running session).
// A notice line above the form carries what opening the store found (a broken audit trail, sessions closed after
// a crash). Nothing typed but the password fields is cleared after a refusal.
// Thread affinity: GUI thread. Ownership: borrows the AuthService, which must outlive it.
class SignInPage : public QWidget {
    Q_OBJECT
public:
    enum class Mode { FirstRun, SignIn, Locked };

    SignInPage(app::AuthService& auth, QWidget* parent = nullptr);

    void setMode(Mode mode, const QString& lockedBy = QString());
    [[nodiscard]] Mode mode() const { return m_mode; }
    void setNotice(const QString& text, bool warning);
    void showError(const QString& message); // shown under the form; clears the password fields
    void focusFirstField();

Q_SIGNALS:
    // A successful sign-in or the first administrator created. The main window decides what happens next.
    void signedIn(const galvani::app::SignedInUser& user);

private:
    void submit();

    app::AuthService& m_auth;
    Mode m_mode = Mode::SignIn;
    QLabel* m_title = nullptr;
    QLabel* m_explain = nullptr;
    QLabel* m_notice = nullptr;
    QLineEdit* m_username = nullptr;
    QLabel* m_displayNameLabel = nullptr;
    QLineEdit* m_displayName = nullptr;
    QLineEdit* m_password = nullptr;
    QLabel* m_repeatLabel = nullptr;
    QLineEdit* m_repeat = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_submit = nullptr;
};

} // namespace galvani::ui
