// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presenters/SignInPresenter.h"

#include "app/AppContext.h"
#include "app/services/AuthService.h"
#include "app/store/RecordStore.h"
#include "ui/presenters/StoreWorker.h"

#include <memory>
#include <optional>

namespace galvani::ui::presenters {

SignInPresenter::SignInPresenter(app::AppContext& context, QObject* parent)
    : QObject(parent), m_context(context), m_worker(new StoreWorker(context, this))
{
}

SignInPresenter::~SignInPresenter() = default;

void SignInPresenter::setMode(Mode mode, const QString& lockedBy, const QString& lockedUsername)
{
    ++m_generation;
    setChecking(false);
    m_mode = mode;
    m_lockedBy = mode == Mode::Locked ? lockedBy : QString();
    m_lockedUsername = mode == Mode::Locked ? lockedUsername : QString();
    Q_EMIT modeChanged();
}

QString SignInPresenter::title() const
{
    switch (m_mode) {
    case Mode::FirstRun:
        return QStringLiteral("Welcome to Galvani");
    case Mode::SignIn:
        return QStringLiteral("Sign in");
    case Mode::Locked:
        return QStringLiteral("Screen locked");
    }
    return {};
}

QString SignInPresenter::explanation() const
{
    switch (m_mode) {
    case Mode::FirstRun:
        return QStringLiteral(
            "This record store has no accounts yet. Create the clinic's first administrator; the administrator then "
            "adds therapists and technicians. The password needs at least 10 characters.");
    case Mode::SignIn:
        return QStringLiteral("Sign in with your Galvani account. STOP (F12) works without signing in.");
    case Mode::Locked:
        return QStringLiteral("Locked for %1. A running session continues; STOP (F12) works without signing in. "
                              "Enter the password to continue.")
            .arg(m_lockedBy);
    }
    return {};
}

QString SignInPresenter::submitText() const
{
    switch (m_mode) {
    case Mode::FirstRun:
        return QStringLiteral("&Create administrator");
    case Mode::SignIn:
        return QStringLiteral("&Sign in");
    case Mode::Locked:
        return QStringLiteral("&Unlock");
    }
    return {};
}

QString SignInPresenter::checkingText()
{
    return QStringLiteral("Checking the password…");
}

void SignInPresenter::setChecking(bool checking)
{
    if (m_checking != checking) {
        m_checking = checking;
        Q_EMIT checkingChanged(checking);
    }
}

void SignInPresenter::refuse(const QString& text, Field focus)
{
    Q_EMIT feedback(Result::error(text, focus));
}

void SignInPresenter::submit(const Form& form)
{
    if (m_checking) {
        return;
    }
    const QString username = form.username.trimmed();
    if (username.isEmpty()) {
        refuse(QStringLiteral("User name: enter your user name."), Field::Username);
        return;
    }
    if (m_mode == Mode::FirstRun) {
        if (form.password != form.repeat) {
            refuse(QStringLiteral("Repeat password: the two passwords differ. Type the same password twice."));
            return;
        }
        const auto created = m_context.auth().createFirstAdmin(username, form.displayName.trimmed(), form.password);
        if (!created.ok()) {
            refuse(created.error().message);
            return;
        }
        Q_EMIT signedIn(*created);
        return;
    }
    if (m_mode == Mode::Locked && m_unlockGate) {
        if (const QString refusal = m_unlockGate(username); !refusal.isEmpty()) {
            refuse(refusal);
            return;
        }
    }
    const std::optional<QString> unlocking
        = m_mode == Mode::Locked && !m_lockedUsername.isEmpty() ? std::optional(m_lockedUsername) : std::nullopt;
    const QString password = form.password;
    const quint64 generation = m_generation;
    // Written on the worker thread; read here only after `finished`, which comes after that thread has ended.
    auto answer = std::make_shared<std::optional<app::AppResult<app::SignedInUser>>>();
    const bool started
        = m_worker->start([answer, username, password, unlocking](app::RecordStore& store, const std::atomic_bool&) {
              // On the worker thread: its own connection, its own AuthService; only the answer goes back.
              *answer = app::AuthService(store).signIn(username, password, unlocking);
          });
    if (!started) {
        // A check begun before a mode change is still running (rare: the screen was locked meanwhile).
        refuse(QStringLiteral("The previous sign-in is still being checked; try again in a moment."));
        return;
    }
    setChecking(true);
    connect(
        m_worker, &StoreWorker::finished, this,
        [this, answer, generation](const QString& openError) {
            if (generation != m_generation) {
                return; // the mode changed while the check ran: the answer belongs to a form no longer shown
            }
            setChecking(false);
            if (!answer->has_value()) {
                refuse(QStringLiteral("The record store cannot be reached to check the password: %1").arg(openError));
                return;
            }
            finish(**answer);
        },
        Qt::SingleShotConnection);
}

void SignInPresenter::finish(const app::AppResult<app::SignedInUser>& result)
{
    if (!result.ok()) {
        refuse(result.error().message);
        return;
    }
    Q_EMIT signedIn(*result);
}

} // namespace galvani::ui::presenters
