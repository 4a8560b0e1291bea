// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "ui/presenters/SignInPresenter.h"

#include <QWidget>

#include <functional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace galvani::app {
class AppContext;
}

namespace galvani::ui {

// The screens before the workspace, in one widget with three modes (FirstRun: create the first administrator;
// SignIn; Locked: the screen was locked, the user name pre-filled), worded and decided by its
// presenters::SignInPresenter, which also checks the password on a store worker thread so that STOP (F12, the
// STOP button) is taken at once meanwhile (CLINICAL §1.3). This widget builds the form, hands over what is typed
// and shows what the presenter says: the fields each mode asks for, the form read-only with "Checking the
// password…" while a check runs, a refusal under the form. A notice line above the form carries what opening the
// store found (a broken audit trail, sessions closed after a crash). Nothing typed but the password fields is
// cleared after a refusal.
// Thread affinity: GUI thread. Ownership: borrows the AppContext, which must outlive it.
class SignInPage : public QWidget {
    Q_OBJECT
public:
    using Mode = presenters::SignInPresenter::Mode;

    SignInPage(app::AppContext& context, QWidget* parent = nullptr);
    ~SignInPage() override;

    // Locked: `lockedBy` is shown, `lockedUsername` goes with the unlock to the audit trail (an unlock by that user,
    // or a hand-over to another, CLINICAL §7).
    void setMode(Mode mode, const QString& lockedBy = QString(), const QString& lockedUsername = QString());
    // Asked in Locked mode before a password is checked: a non-empty answer refuses that user name at once (shown
    // as the error), with no sign-in attempted and nothing recorded as a login.
    void setUnlockGate(std::function<QString(const QString& username)> gate);
    [[nodiscard]] Mode mode() const;
    void setNotice(const QString& text, bool warning);
    void showError(const QString& message); // shown under the form; clears the password fields
    void focusFirstField();
    // True while a sign-in or unlock is being checked.
    [[nodiscard]] bool checking() const;

Q_SIGNALS:
    // A successful sign-in or the first administrator created. The main window decides what happens next.
    void signedIn(const galvani::app::SignedInUser& user);

private:
    void submit();
    void showMode();
    void showChecking(bool checking);
    void showFeedback(const presenters::SignInPresenter::Result& result);

    presenters::SignInPresenter* m_presenter = nullptr;
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
