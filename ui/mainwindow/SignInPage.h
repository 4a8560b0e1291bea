// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppResult.h"
#include "app/access/Access.h"

#include <QWidget>

#include <functional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace galvani::app {
class AppContext;
class AuthService;
} // namespace galvani::app

namespace galvani::ui {

namespace presenters {
class StoreWorker;
}

// The screens before the workspace, in one widget with three modes:
//  - FirstRun: the store has no account; creates the first administrator (user name, display name, the password
//    twice; the password rule is shown and the service's refusal names what is wrong).
//  - SignIn: user name and password.
//  - Locked: the screen was locked; shows who locked it, the user name is pre-filled. Unlocking is decided by the
//    main window (a different user may not take over a running session).
// A notice line above the form carries what opening the store found (a broken audit trail, sessions closed after
// a crash). Nothing typed but the password fields is cleared after a refusal.
// Signing in and unlocking are checked on a store worker thread with a connection of its own (Argon2id and the
// durable write of the sign-in take 0.1–0.5 s, longer while another writer holds the store): the GUI thread stays in
// its event loop, so STOP (F12, the STOP button) is taken at once meanwhile (CLINICAL §1.3). While a check runs the
// form is read-only and says so; a mode change drops the answer of a check begun before it.
// Thread affinity: GUI thread. Ownership: borrows the AppContext, which must outlive it.
class SignInPage : public QWidget {
    Q_OBJECT
public:
    enum class Mode { FirstRun, SignIn, Locked };

    SignInPage(app::AppContext& context, QWidget* parent = nullptr);
    ~SignInPage() override;

    // Locked: `lockedBy` is shown, `lockedUsername` goes with the unlock to the audit trail (an unlock by that user,
    // or a hand-over to another, CLINICAL §7).
    void setMode(Mode mode, const QString& lockedBy = QString(), const QString& lockedUsername = QString());
    // Asked in Locked mode before a password is checked: a non-empty answer refuses that user name at once (shown
    // as the error), with no sign-in attempted and nothing recorded as a login.
    void setUnlockGate(std::function<QString(const QString& username)> gate) { m_unlockGate = std::move(gate); }
    [[nodiscard]] Mode mode() const { return m_mode; }
    void setNotice(const QString& text, bool warning);
    void showError(const QString& message); // shown under the form; clears the password fields
    void focusFirstField();
    // True while a sign-in or unlock is being checked.
    [[nodiscard]] bool checking() const { return m_checking; }

Q_SIGNALS:
    // A successful sign-in or the first administrator created. The main window decides what happens next.
    void signedIn(const galvani::app::SignedInUser& user);

private:
    void submit();
    void setChecking(bool checking);
    void finishSignIn(const app::AppResult<app::SignedInUser>& result);

    app::AppContext& m_context;
    presenters::StoreWorker* m_worker = nullptr;
    bool m_checking = false;
    quint64 m_generation = 0; // counts mode changes; a check's answer is used only in the mode it began in
    Mode m_mode = Mode::SignIn;
    QString m_lockedUsername;
    std::function<QString(const QString&)> m_unlockGate;
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
