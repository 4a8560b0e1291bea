// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mainwindow/SignInPage.h"

#include "app/AppContext.h"
#include "app/services/AuthService.h"
#include "app/store/RecordStore.h"
#include "ui/presenters/StoreWorker.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <memory>
#include <optional>

namespace galvani::ui {

namespace {

QLabel* makeLabel(const QString& text, QWidget* parent, const char* objectName)
{
    auto* label = new QLabel(text, parent);
    label->setObjectName(QLatin1String(objectName));
    label->setWordWrap(true);
    return label;
}

} // namespace

SignInPage::SignInPage(app::AppContext& context, QWidget* parent)
    : QWidget(parent), m_context(context), m_worker(new presenters::StoreWorker(context, this))
{
    auto* outer = new QVBoxLayout(this);
    outer->addStretch(1);
    auto* row = new QHBoxLayout();
    row->addStretch(1);
    auto* box = new QWidget(this);
    box->setMaximumWidth(520);
    box->setMinimumWidth(420);
    row->addWidget(box, 2);
    row->addStretch(1);
    outer->addLayout(row);
    outer->addStretch(2);

    auto* layout = new QVBoxLayout(box);
    m_title = makeLabel(QString(), box, "signInTitle");
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.8);
    big.setBold(true);
    m_title->setFont(big);
    layout->addWidget(m_title);
    m_explain = makeLabel(QString(), box, "signInExplain");
    layout->addWidget(m_explain);
    m_notice = makeLabel(QString(), box, "storeNotice");
    m_notice->setVisible(false);
    m_notice->setFrameShape(QFrame::StyledPanel);
    m_notice->setMargin(8);
    layout->addWidget(m_notice);
    layout->addSpacing(12);

    auto* form = new QFormLayout();
    m_username = new QLineEdit(box);
    m_username->setObjectName(QStringLiteral("signInUser"));
    m_username->setMaxLength(64);
    form->addRow(QStringLiteral("&User name:"), m_username);
    m_displayName = new QLineEdit(box);
    m_displayName->setObjectName(QStringLiteral("signInDisplayName"));
    m_displayName->setMaxLength(200);
    m_displayName->setPlaceholderText(QStringLiteral("e.g. Alex Admin"));
    m_displayNameLabel = new QLabel(QStringLiteral("&Full name:"), box);
    m_displayNameLabel->setBuddy(m_displayName);
    form->addRow(m_displayNameLabel, m_displayName);
    m_password = new QLineEdit(box);
    m_password->setObjectName(QStringLiteral("signInPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setMaxLength(1024);
    form->addRow(QStringLiteral("&Password:"), m_password);
    m_repeat = new QLineEdit(box);
    m_repeat->setObjectName(QStringLiteral("signInRepeat"));
    m_repeat->setEchoMode(QLineEdit::Password);
    m_repeat->setMaxLength(1024);
    m_repeatLabel = new QLabel(QStringLiteral("&Repeat password:"), box);
    m_repeatLabel->setBuddy(m_repeat);
    form->addRow(m_repeatLabel, m_repeat);
    layout->addLayout(form);

    m_error = makeLabel(QString(), box, "signInError");
    m_error->setStyleSheet(QStringLiteral("color: #a00000;"));
    m_error->setVisible(false);
    layout->addWidget(m_error);

    m_submit = new QPushButton(box);
    m_submit->setObjectName(QStringLiteral("signInSubmit"));
    m_submit->setDefault(true);
    m_submit->setAutoDefault(true);
    m_submit->setMinimumHeight(36);
    layout->addWidget(m_submit);

    connect(m_submit, &QPushButton::clicked, this, &SignInPage::submit);
    for (QLineEdit* edit : {m_username, m_displayName, m_password, m_repeat}) {
        connect(edit, &QLineEdit::returnPressed, this, &SignInPage::submit);
    }
    setMode(Mode::SignIn);
}

SignInPage::~SignInPage() = default;

void SignInPage::setMode(Mode mode, const QString& lockedBy, const QString& lockedUsername)
{
    ++m_generation;
    setChecking(false);
    m_mode = mode;
    m_lockedUsername = mode == Mode::Locked ? lockedUsername : QString();
    const bool firstRun = mode == Mode::FirstRun;
    m_displayName->setVisible(firstRun);
    m_displayNameLabel->setVisible(firstRun);
    m_repeat->setVisible(firstRun);
    m_repeatLabel->setVisible(firstRun);
    m_error->clear();
    m_error->setVisible(false);
    m_password->clear();
    m_repeat->clear();
    switch (mode) {
    case Mode::FirstRun:
        m_title->setText(QStringLiteral("Welcome to Galvani"));
        m_explain->setText(QStringLiteral(
            "This record store has no accounts yet. Create the clinic's first administrator; the administrator then "
            "adds therapists and technicians. The password needs at least 10 characters."));
        m_submit->setText(QStringLiteral("&Create administrator"));
        break;
    case Mode::SignIn:
        m_title->setText(QStringLiteral("Sign in"));
        m_explain->setText(QStringLiteral("Sign in with your Galvani account. STOP (F12) works without signing in."));
        m_submit->setText(QStringLiteral("&Sign in"));
        m_username->setReadOnly(false);
        break;
    case Mode::Locked:
        m_title->setText(QStringLiteral("Screen locked"));
        m_explain->setText(
            QStringLiteral("Locked for %1. A running session continues; STOP (F12) works without signing in. "
                           "Enter the password to continue.")
                .arg(lockedBy));
        m_submit->setText(QStringLiteral("&Unlock"));
        break;
    }
    focusFirstField();
}

void SignInPage::setNotice(const QString& text, bool warning)
{
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
    m_notice->setStyleSheet(warning ? QStringLiteral("background: #fff4d6; color: #5a3d00;") : QString());
}

void SignInPage::showError(const QString& message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
    m_password->clear();
    m_repeat->clear();
    m_password->setFocus();
}

void SignInPage::focusFirstField()
{
    if (m_username->text().isEmpty()) {
        m_username->setFocus();
    } else {
        m_password->setFocus();
    }
}

void SignInPage::setChecking(bool checking)
{
    m_checking = checking;
    for (QLineEdit* edit : {m_username, m_displayName, m_password, m_repeat}) {
        edit->setReadOnly(checking);
    }
    m_submit->setEnabled(!checking);
    if (checking) {
        m_error->setText(QStringLiteral("Checking the password…"));
        m_error->setStyleSheet(QString());
        m_error->setVisible(true);
    } else {
        m_error->setStyleSheet(QStringLiteral("color: #a00000;"));
    }
}

void SignInPage::submit()
{
    if (m_checking) {
        return;
    }
    const QString username = m_username->text().trimmed();
    if (username.isEmpty()) {
        m_error->setText(QStringLiteral("User name: enter your user name."));
        m_error->setVisible(true);
        m_username->setFocus();
        return;
    }
    if (m_mode == Mode::FirstRun) {
        if (m_password->text() != m_repeat->text()) {
            showError(QStringLiteral("Repeat password: the two passwords differ. Type the same password twice."));
            return;
        }
        const auto created
            = m_context.auth().createFirstAdmin(username, m_displayName->text().trimmed(), m_password->text());
        if (!created.ok()) {
            showError(created.error().message);
            return;
        }
        m_password->clear();
        m_repeat->clear();
        Q_EMIT signedIn(*created);
        return;
    }
    if (m_mode == Mode::Locked && m_unlockGate) {
        if (const QString refusal = m_unlockGate(username); !refusal.isEmpty()) {
            showError(refusal);
            return;
        }
    }
    const std::optional<QString> unlocking
        = m_mode == Mode::Locked && !m_lockedUsername.isEmpty() ? std::optional(m_lockedUsername) : std::nullopt;
    const QString password = m_password->text();
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
        showError(QStringLiteral("The previous sign-in is still being checked; try again in a moment."));
        return;
    }
    setChecking(true);
    connect(
        m_worker, &presenters::StoreWorker::finished, this,
        [this, answer, generation](const QString& openError) {
            if (generation != m_generation) {
                return; // the page changed mode while the check ran: the answer belongs to a form no longer shown
            }
            setChecking(false);
            if (!answer->has_value()) {
                showError(
                    QStringLiteral("The record store cannot be reached to check the password: %1").arg(openError));
                return;
            }
            finishSignIn(**answer);
        },
        Qt::SingleShotConnection);
}

void SignInPage::finishSignIn(const app::AppResult<app::SignedInUser>& result)
{
    if (!result.ok()) {
        showError(result.error().message);
        return;
    }
    m_password->clear();
    m_error->setVisible(false);
    Q_EMIT signedIn(*result);
}

} // namespace galvani::ui
