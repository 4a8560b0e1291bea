// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mainwindow/SignInPage.h"

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

SignInPage::SignInPage(app::AppContext& context, QWidget* parent)
    : QWidget(parent), m_presenter(new presenters::SignInPresenter(context, this))
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
    connect(m_presenter, &presenters::SignInPresenter::modeChanged, this, &SignInPage::showMode);
    connect(m_presenter, &presenters::SignInPresenter::checkingChanged, this, &SignInPage::showChecking);
    connect(m_presenter, &presenters::SignInPresenter::feedback, this, &SignInPage::showFeedback);
    connect(m_presenter, &presenters::SignInPresenter::signedIn, this, [this](const app::SignedInUser& user) {
        m_password->clear();
        m_repeat->clear();
        m_error->setVisible(false);
        Q_EMIT signedIn(user);
    });
    setMode(Mode::SignIn);
}

SignInPage::~SignInPage() = default;

void SignInPage::setMode(Mode mode, const QString& lockedBy, const QString& lockedUsername)
{
    m_presenter->setMode(mode, lockedBy, lockedUsername);
}

void SignInPage::setUnlockGate(std::function<QString(const QString& username)> gate)
{
    m_presenter->setUnlockGate(std::move(gate));
}

SignInPage::Mode SignInPage::mode() const
{
    return m_presenter->mode();
}

bool SignInPage::checking() const
{
    return m_presenter->checking();
}

void SignInPage::showMode()
{
    m_displayName->setVisible(m_presenter->asksDisplayName());
    m_displayNameLabel->setVisible(m_presenter->asksDisplayName());
    m_repeat->setVisible(m_presenter->asksRepeat());
    m_repeatLabel->setVisible(m_presenter->asksRepeat());
    m_error->clear();
    m_error->setVisible(false);
    m_password->clear();
    m_repeat->clear();
    m_title->setText(m_presenter->title());
    m_explain->setText(m_presenter->explanation());
    m_submit->setText(m_presenter->submitText());
    if (m_presenter->mode() == Mode::SignIn) {
        m_username->setReadOnly(false);
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

void SignInPage::showFeedback(const presenters::SignInPresenter::Result& result)
{
    if (result.focus == presenters::SignInPresenter::Field::Username) {
        // What was typed stays: only the user name is missing.
        m_error->setText(result.text);
        m_error->setVisible(true);
        m_username->setFocus();
        return;
    }
    showError(result.text);
}

void SignInPage::focusFirstField()
{
    if (m_username->text().isEmpty()) {
        m_username->setFocus();
    } else {
        m_password->setFocus();
    }
}

void SignInPage::showChecking(bool checking)
{
    for (QLineEdit* edit : {m_username, m_displayName, m_password, m_repeat}) {
        edit->setReadOnly(checking);
    }
    m_submit->setEnabled(!checking);
    if (checking) {
        m_error->setText(presenters::SignInPresenter::checkingText());
        m_error->setStyleSheet(QString());
        m_error->setVisible(true);
    } else {
        m_error->setStyleSheet(QStringLiteral("color: #a00000;"));
    }
}

void SignInPage::submit()
{
    m_presenter->submit({m_username->text(), m_displayName->text(), m_password->text(), m_repeat->text()});
}

} // namespace galvani::ui
