// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppResult.h"
#include "app/access/Access.h"
#include "ui/presenters/Feedback.h"

#include <QObject>
#include <QString>

#include <functional>

namespace galvani::app {
class AppContext;
}

namespace galvani::ui::presenters {

class StoreWorker;

// The screens before the workspace, for SignInPage, in three modes:
//  - FirstRun: the store has no account; creates the first administrator (user name, display name, the password
//    twice); the service's refusal names what is wrong.
//  - SignIn: user name and password.
//  - Locked: the screen was locked by `lockedBy`; the unlock goes to the audit trail with `lockedUsername` (an
//    unlock by that user or a hand-over to another, CLINICAL §7). An unlock gate set by the main window may refuse
//    a user name at once (a different user may not take over a running session), with nothing recorded as a login.
// It words each mode (title, explanation, the submit button) and says which fields apply. submit() checks what it
// can at once (a user name typed, the repeated password) and reports it through feedback(); a sign-in or unlock
// is checked on a StoreWorker (Argon2id and the durable write of the sign-in take 0.1–0.5 s, longer while another
// writer holds the store), so the GUI thread stays free for STOP meanwhile (CLINICAL §1.3). While a check runs,
// checking() is true and a further submit is ignored; a mode change drops the answer of a check begun before it.
// Feedback focus: Field::Username keeps the passwords typed; any other error is to clear the password fields.
// Thread affinity: GUI thread. Ownership: borrows the AppContext, which must outlive it.
class SignInPresenter : public QObject {
    Q_OBJECT
public:
    enum class Mode { FirstRun, SignIn, Locked };
    enum class Field { None, Username, Password };
    using Result = Feedback<Field>;

    struct Form {
        QString username;
        QString displayName; // FirstRun only
        QString password;
        QString repeat; // FirstRun only
    };

    explicit SignInPresenter(app::AppContext& context, QObject* parent = nullptr);
    ~SignInPresenter() override;

    // Emits modeChanged (and checkingChanged(false) when a check was running, whose answer is then dropped).
    void setMode(Mode mode, const QString& lockedBy = QString(), const QString& lockedUsername = QString());
    [[nodiscard]] Mode mode() const { return m_mode; }
    // A non-empty answer refuses that user name at once in Locked mode (shown as the error).
    void setUnlockGate(std::function<QString(const QString& username)> gate) { m_unlockGate = std::move(gate); }

    [[nodiscard]] QString title() const;
    [[nodiscard]] QString explanation() const;
    [[nodiscard]] QString submitText() const; // with its mnemonic
    [[nodiscard]] bool asksDisplayName() const { return m_mode == Mode::FirstRun; }
    [[nodiscard]] bool asksRepeat() const { return m_mode == Mode::FirstRun; }
    // The text shown while a password is checked.
    [[nodiscard]] static QString checkingText();

    [[nodiscard]] bool checking() const { return m_checking; }
    // The user name is taken trimmed; the passwords as typed.
    void submit(const Form& form);

Q_SIGNALS:
    void modeChanged();
    void checkingChanged(bool checking);
    // A refusal (kind Error), to be shown under the form.
    void feedback(const galvani::ui::presenters::SignInPresenter::Result& result);
    // A successful sign-in or unlock, or the first administrator created.
    void signedIn(const galvani::app::SignedInUser& user);

private:
    void setChecking(bool checking);
    void refuse(const QString& text, Field focus = Field::Password);
    void finish(const app::AppResult<app::SignedInUser>& result);

    app::AppContext& m_context;
    StoreWorker* m_worker = nullptr;
    bool m_checking = false;
    quint64 m_generation = 0; // counts mode changes; a check's answer is used only in the mode it began in
    Mode m_mode = Mode::SignIn;
    QString m_lockedBy;
    QString m_lockedUsername;
    std::function<QString(const QString&)> m_unlockGate;
};

} // namespace galvani::ui::presenters
