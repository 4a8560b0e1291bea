// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mainwindow/SignInPage.h"

#include "app/services/AuthService.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

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

SignInPage::SignInPage(app::AuthService& auth, QWidget* parent) : QWidget(parent), m_auth(auth)
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

void SignInPage::setMode(Mode mode, const QString& lockedBy)
{
    m_mode = mode;
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

void SignInPage::submit()
{
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
        const auto created = m_auth.createFirstAdmin(username, m_displayName->text().trimmed(), m_password->text());
        if (!created.ok()) {
            showError(created.error().message);
            return;
        }
        m_password->clear();
        m_repeat->clear();
        Q_EMIT signedIn(*created);
        return;
    }
    const auto user = m_auth.signIn(username, m_password->text());
    if (!user.ok()) {
        showError(user.error().message);
        return;
    }
    m_password->clear();
    m_error->setVisible(false);
    Q_EMIT signedIn(*user);
}

} // namespace galvani::ui
