// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/admin/UsersPanel.h"

#include "app/AppContext.h"
#include "ui/admin/AdminFormat.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace galvani::ui {

using admin::MessageKind;

namespace {

constexpr int kReasonMaxChars = 1000; // the audit trail's limit for a reason

QString roleLabel(app::Role role)
{
    switch (role) {
    case app::Role::Therapist:
        return QStringLiteral("Therapist");
    case app::Role::Admin:
        return QStringLiteral("Admin");
    case app::Role::Technician:
        return QStringLiteral("Technician");
    }
    return QStringLiteral("?");
}

QString statusLabel(const app::UserSummary& u)
{
    if (!u.active) {
        return QStringLiteral("deactivated");
    }
    if (u.locked) {
        return QStringLiteral("LOCKED (%1 failed sign-ins)").arg(u.failedLogins);
    }
    return QStringLiteral("active");
}

QComboBox* roleCombo(const QString& objectName, QWidget* parent)
{
    auto* combo = new QComboBox(parent);
    combo->setObjectName(objectName);
    for (const app::Role r : app::kAllRoles) {
        combo->addItem(roleLabel(r), static_cast<int>(r));
    }
    return combo;
}

app::Role roleOf(const QComboBox* combo)
{
    return static_cast<app::Role>(combo->currentData().toInt());
}

} // namespace

UsersPanel::UsersPanel(app::AppContext& context, const app::SignedInUser& user, QWidget* parent)
    : QWidget(parent), m_context(context), m_user(user)
{
    setObjectName(QStringLiteral("usersPanel"));
    auto* layout = new QVBoxLayout(this);

    auto* heading = new QLabel(QStringLiteral("<b>User accounts</b> — one account per person; changes are kept in "
                                              "the audit trail with their reason."),
        this);
    layout->addWidget(heading);

    m_table = new QTableWidget(0, 4, this);
    m_table->setObjectName(QStringLiteral("usersTable"));
    m_table->setHorizontalHeaderLabels({QStringLiteral("User name"), QStringLiteral("Display name"),
        QStringLiteral("Role"), QStringLiteral("Status")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
    m_table->setMinimumHeight(160);
    layout->addWidget(m_table, 1);

    auto* listRow = new QHBoxLayout;
    m_listMessage = admin::makeMessageLabel(QStringLiteral("listMessage"), this);
    listRow->addWidget(m_listMessage, 1);
    auto* refreshButton = new QPushButton(QStringLiteral("Re&fresh"), this);
    refreshButton->setObjectName(QStringLiteral("refreshButton"));
    refreshButton->setShortcut(QKeySequence::Refresh);
    refreshButton->setToolTip(QStringLiteral("Read the accounts again (%1)")
                                  .arg(QKeySequence(QKeySequence::Refresh).toString(QKeySequence::NativeText)));
    refreshButton->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    listRow->addStretch(0);
    listRow->addWidget(refreshButton, 0, Qt::AlignRight | Qt::AlignTop);
    layout->addLayout(listRow);

    auto* forms = new QHBoxLayout;
    layout->addLayout(forms);

    // Add an account.
    auto* addBox = new QGroupBox(QStringLiteral("Add an account"), this);
    auto* addForm = new QFormLayout(addBox);
    m_name = new QLineEdit(addBox);
    m_name->setObjectName(QStringLiteral("newUserName"));
    m_name->setMaxLength(64);
    m_name->setPlaceholderText(QStringLiteral("1–64 characters, e.g. a.lindqvist"));
    m_displayName = new QLineEdit(addBox);
    m_displayName->setObjectName(QStringLiteral("newDisplayName"));
    m_displayName->setPlaceholderText(QStringLiteral("optional; shown in records, e.g. Anna Lindqvist"));
    m_role = roleCombo(QStringLiteral("newRole"), addBox);
    m_password = new QLineEdit(addBox);
    m_password->setObjectName(QStringLiteral("newPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_repeat = new QLineEdit(addBox);
    m_repeat->setObjectName(QStringLiteral("repeatPassword"));
    m_repeat->setEchoMode(QLineEdit::Password);
    auto* rule = new QLabel(QStringLiteral("Password rule: at least 10 and at most 1024 characters. A phrase of "
                                           "several words is easiest to remember."),
        addBox);
    rule->setObjectName(QStringLiteral("passwordRule"));
    rule->setWordWrap(true);
    m_add = new QPushButton(QStringLiteral("&Add account"), addBox);
    m_add->setObjectName(QStringLiteral("addUserButton"));
    m_addMessage = admin::makeMessageLabel(QStringLiteral("addMessage"), addBox);
    auto* nameLabel = new QLabel(QStringLiteral("User &name:"), addBox);
    nameLabel->setBuddy(m_name);
    auto* displayLabel = new QLabel(QStringLiteral("Displa&y name:"), addBox);
    displayLabel->setBuddy(m_displayName);
    auto* roleLabelWidget = new QLabel(QStringLiteral("Rol&e:"), addBox);
    roleLabelWidget->setBuddy(m_role);
    auto* passwordLabel = new QLabel(QStringLiteral("&Password:"), addBox);
    passwordLabel->setBuddy(m_password);
    auto* repeatLabel = new QLabel(QStringLiteral("Repea&t password:"), addBox);
    repeatLabel->setBuddy(m_repeat);
    addForm->addRow(nameLabel, m_name);
    addForm->addRow(displayLabel, m_displayName);
    addForm->addRow(roleLabelWidget, m_role);
    addForm->addRow(passwordLabel, m_password);
    addForm->addRow(repeatLabel, m_repeat);
    addForm->addRow(QString(), rule);
    addForm->addRow(QString(), m_add);
    addForm->addRow(m_addMessage);
    forms->addWidget(addBox, 1);

    // Change the selected account.
    auto* changeBox = new QGroupBox(QStringLiteral("Change the selected account"), this);
    auto* changeForm = new QFormLayout(changeBox);
    m_selected = new QLabel(QStringLiteral("No account selected."), changeBox);
    m_selected->setObjectName(QStringLiteral("selectedAccount"));
    m_reason = new QLineEdit(changeBox);
    m_reason->setObjectName(QStringLiteral("changeReason"));
    m_reason->setMaxLength(kReasonMaxChars);
    m_reason->setPlaceholderText(QStringLiteral("required, up to 1000 characters; kept in the audit trail"));
    m_newRole = roleCombo(QStringLiteral("changeRoleCombo"), changeBox);
    m_unlock = new QPushButton(QStringLiteral("&Unlock"), changeBox);
    m_unlock->setObjectName(QStringLiteral("unlockButton"));
    m_unlock->setToolTip(QStringLiteral("Allow sign-in again after 5 failed attempts locked the account"));
    m_deactivate = new QPushButton(QStringLiteral("&Deactivate…"), changeBox);
    m_deactivate->setObjectName(QStringLiteral("deactivateButton"));
    m_deactivate->setToolTip(QStringLiteral("The person can no longer sign in; records keep their name. Cannot be "
                                            "undone here."));
    m_setRole = new QPushButton(QStringLiteral("Change &role"), changeBox);
    m_setRole->setObjectName(QStringLiteral("setRoleButton"));
    m_changeMessage = admin::makeMessageLabel(QStringLiteral("changeMessage"), changeBox);
    auto* reasonLabel = new QLabel(QStringLiteral("Rea&son:"), changeBox);
    reasonLabel->setBuddy(m_reason);
    auto* newRoleLabel = new QLabel(QStringLiteral("New r&ole:"), changeBox);
    newRoleLabel->setBuddy(m_newRole);
    auto* roleRow = new QHBoxLayout;
    roleRow->addWidget(m_newRole, 1);
    roleRow->addWidget(m_setRole);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_unlock);
    buttons->addWidget(m_deactivate);
    buttons->addStretch(1);
    changeForm->addRow(QStringLiteral("Account:"), m_selected);
    changeForm->addRow(reasonLabel, m_reason);
    changeForm->addRow(newRoleLabel, roleRow);
    changeForm->addRow(QString(), buttons);
    changeForm->addRow(m_changeMessage);
    forms->addWidget(changeBox, 1);

    setTabOrder(m_table, m_name);
    setTabOrder(m_name, m_displayName);
    setTabOrder(m_displayName, m_role);
    setTabOrder(m_role, m_password);
    setTabOrder(m_password, m_repeat);
    setTabOrder(m_repeat, m_add);
    setTabOrder(m_add, m_reason);
    setTabOrder(m_reason, m_newRole);
    setTabOrder(m_newRole, m_setRole);
    setTabOrder(m_setRole, m_unlock);
    setTabOrder(m_unlock, m_deactivate);

    connect(refreshButton, &QPushButton::clicked, this, &UsersPanel::refresh);
    connect(m_add, &QPushButton::clicked, this, &UsersPanel::addAccount);
    connect(m_repeat, &QLineEdit::returnPressed, this, &UsersPanel::addAccount);
    connect(m_unlock, &QPushButton::clicked, this, &UsersPanel::unlockSelected);
    connect(m_deactivate, &QPushButton::clicked, this, &UsersPanel::deactivateSelected);
    connect(m_setRole, &QPushButton::clicked, this, &UsersPanel::changeRoleOfSelected);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &UsersPanel::selectionChanged);

    refresh();
    selectionChanged();
}

void UsersPanel::refresh()
{
    const QString keep = selectedUsername();
    const auto listed = m_context.users().list(m_user);
    m_table->setRowCount(0);
    m_users.clear();
    if (!listed.ok()) {
        admin::showMessage(m_listMessage, MessageKind::Error, listed.error().message);
        selectionChanged();
        return;
    }
    admin::clearMessage(m_listMessage);
    m_users = listed.value();
    m_table->setRowCount(static_cast<int>(m_users.size()));
    for (int row = 0; row < m_users.size(); ++row) {
        const auto& u = m_users.at(row);
        const QStringList cells{u.username, u.displayName, roleLabel(u.role), statusLabel(u)};
        for (int col = 0; col < cells.size(); ++col) {
            auto* item = new QTableWidgetItem(cells.at(col));
            item->setData(Qt::UserRole, u.username);
            m_table->setItem(row, col, item);
        }
        if (u.username == keep) {
            m_table->selectRow(row);
        }
    }
    selectionChanged();
}

QString UsersPanel::selectedUsername() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        return {};
    }
    const auto* item = m_table->item(rows.first().row(), 0);
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void UsersPanel::selectionChanged()
{
    const QString name = selectedUsername();
    const bool any = !name.isEmpty();
    m_unlock->setEnabled(any);
    m_deactivate->setEnabled(any);
    m_setRole->setEnabled(any);
    if (!any) {
        m_selected->setText(QStringLiteral("No account selected — choose one in the list."));
        return;
    }
    for (const auto& u : m_users) {
        if (u.username == name) {
            m_selected->setText(QStringLiteral("%1 (%2, %3)").arg(u.username, roleLabel(u.role), statusLabel(u)));
            m_newRole->setCurrentIndex(m_newRole->findData(static_cast<int>(u.role)));
            // Only what applies: unlocking an account that is not locked, or deactivating one twice, does nothing.
            m_unlock->setEnabled(u.active && u.locked);
            m_deactivate->setEnabled(u.active);
        }
    }
}

void UsersPanel::addAccount()
{
    if (m_password->text() != m_repeat->text()) {
        admin::showMessage(m_addMessage, MessageKind::Error,
            QStringLiteral("repeat password: the two passwords are not the same; type the password again in both "
                           "fields"));
        m_repeat->setFocus();
        return;
    }
    app::NewUserInput input;
    input.name = m_name->text();
    input.displayName = m_displayName->text().trimmed();
    input.role = roleOf(m_role);
    input.password = m_password->text();
    const auto added = m_context.users().add(m_user, input);
    if (!added.ok()) {
        admin::showMessage(m_addMessage, MessageKind::Error, added.error().message);
        if (added.error().message.startsWith(QStringLiteral("password"))) {
            m_password->setFocus();
            m_password->selectAll();
        }
        return;
    }
    admin::showMessage(m_addMessage, MessageKind::Success,
        QStringLiteral("account '%1' (%2) added.").arg(added->username, roleLabel(added->role).toLower()));
    m_name->clear();
    m_displayName->clear();
    m_password->clear();
    m_repeat->clear();
    refresh();
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (m_table->item(row, 0)->text() == added->username) {
            m_table->selectRow(row);
        }
    }
}

QString UsersPanel::reasonOrComplain()
{
    QString reason = m_reason->text().trimmed();
    if (reason.isEmpty()) {
        admin::showMessage(m_changeMessage, MessageKind::Error,
            QStringLiteral("reason: type why you make this change (1–1000 characters); it is kept in the audit "
                           "trail"));
        m_reason->setFocus();
    }
    return reason;
}

void UsersPanel::afterChange(const app::AppResult<app::UserSummary>& result, const QString& done)
{
    if (!result.ok()) {
        admin::showMessage(m_changeMessage, MessageKind::Error, result.error().message);
        return;
    }
    admin::showMessage(m_changeMessage, MessageKind::Success, done);
    m_reason->clear();
    refresh();
}

void UsersPanel::unlockSelected()
{
    const QString name = selectedUsername();
    const QString reason = reasonOrComplain();
    if (name.isEmpty() || reason.isEmpty()) {
        return;
    }
    afterChange(m_context.users().unlock(m_user, name, reason),
        QStringLiteral("account '%1' unlocked; the person can sign in again.").arg(name));
}

void UsersPanel::deactivateSelected()
{
    const QString name = selectedUsername();
    const QString reason = reasonOrComplain();
    if (name.isEmpty() || reason.isEmpty()) {
        return;
    }
    auto* box = new QMessageBox(QMessageBox::Warning, QStringLiteral("Deactivate account"),
        QStringLiteral("Deactivate the account '%1'?\n\nThe person can no longer sign in. Records they made keep "
                       "their name. This cannot be undone in Galvani.\n\nReason: %2")
            .arg(name, reason),
        QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("deactivateConfirm"));
    auto* yes = box->addButton(QStringLiteral("&Deactivate"), QMessageBox::DestructiveRole);
    yes->setObjectName(QStringLiteral("confirmDeactivate"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, yes, name, reason](QAbstractButton* clicked) {
        if (clicked == yes) {
            confirmedDeactivate(name, reason);
        }
    });
    box->open();
}

void UsersPanel::confirmedDeactivate(const QString& username, const QString& reason)
{
    afterChange(m_context.users().deactivate(m_user, username, reason),
        QStringLiteral("account '%1' deactivated.").arg(username));
}

void UsersPanel::changeRoleOfSelected()
{
    const QString name = selectedUsername();
    if (name.isEmpty()) {
        return;
    }
    const app::Role role = roleOf(m_newRole);
    for (const auto& u : m_users) {
        if (u.username == name && u.role == role) {
            admin::showMessage(m_changeMessage, MessageKind::Error,
                QStringLiteral("new role: '%1' already has the role %2; choose another one")
                    .arg(name, roleLabel(role).toLower()));
            m_newRole->setFocus();
            return;
        }
    }
    const QString reason = reasonOrComplain();
    if (reason.isEmpty()) {
        return;
    }
    afterChange(m_context.users().setRole(m_user, name, role, reason),
        QStringLiteral("'%1' is now %2; the new role applies from their next sign-in.")
            .arg(name, roleLabel(role).toLower()));
}

} // namespace galvani::ui
