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

using presenters::UsersPresenter;

constexpr int kReasonMaxChars = 1000; // the audit trail's limit for a reason

QComboBox* roleCombo(const QString& objectName, QWidget* parent)
{
    auto* combo = new QComboBox(parent);
    combo->setObjectName(objectName);
    for (const app::Role r : app::kAllRoles) {
        combo->addItem(UsersPresenter::roleLabel(r), static_cast<int>(r));
    }
    return combo;
}

app::Role roleOf(const QComboBox* combo)
{
    return static_cast<app::Role>(combo->currentData().toInt());
}

} // namespace

UsersPanel::UsersPanel(app::AppContext& context, const app::SignedInUser& user, QWidget* parent)
    : QWidget(parent), m_presenter(context.users(), user)
{
    setObjectName(QStringLiteral("usersPanel"));
    auto* layout = new QVBoxLayout(this);

    auto* heading = new QLabel(QStringLiteral("<b>User accounts</b> — one account per person; changes are kept in "
                                              "the audit trail with their reason."),
        this);
    layout->addWidget(heading);

    m_table = new QTableWidget(0, 4, this);
    m_table->setObjectName(QStringLiteral("usersTable"));
    m_table->setHorizontalHeaderLabels(UsersPresenter::columnTitles());
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
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &UsersPanel::tableSelectionChanged);
    connect(&m_presenter, &UsersPresenter::usersChanged, this, &UsersPanel::showUsers);
    connect(&m_presenter, &UsersPresenter::selectionChanged, this, &UsersPanel::showSelection);

    m_presenter.refresh();
}

void UsersPanel::showUsers()
{
    m_filling = true;
    m_table->setRowCount(0);
    if (!m_presenter.listError().isEmpty()) {
        admin::showMessage(m_listMessage, MessageKind::Error, m_presenter.listError());
    } else {
        admin::clearMessage(m_listMessage);
    }
    const auto& users = m_presenter.users();
    m_table->setRowCount(static_cast<int>(users.size()));
    for (int row = 0; row < users.size(); ++row) {
        const QStringList cells = m_presenter.rowText(row);
        for (int col = 0; col < cells.size(); ++col) {
            auto* item = new QTableWidgetItem(cells.at(col));
            item->setData(Qt::UserRole, users.at(row).username);
            m_table->setItem(row, col, item);
        }
    }
    m_filling = false;
    showSelection();
}

void UsersPanel::showSelection()
{
    // The table follows the presenter's selection (kept across a re-read, set after an account is added).
    m_filling = true;
    const QString name = m_presenter.selected();
    bool found = false;
    for (int row = 0; row < m_table->rowCount() && !name.isEmpty(); ++row) {
        if (m_table->item(row, 0)->data(Qt::UserRole).toString() == name) {
            m_table->selectRow(row);
            found = true;
        }
    }
    if (!found) {
        m_table->clearSelection();
    }
    m_filling = false;

    m_selected->setText(m_presenter.selectedDescription());
    m_unlock->setEnabled(m_presenter.canUnlock());
    m_deactivate->setEnabled(m_presenter.canDeactivate());
    m_setRole->setEnabled(m_presenter.canChangeRole());
    if (const auto account = m_presenter.selectedAccount()) {
        m_newRole->setCurrentIndex(m_newRole->findData(static_cast<int>(account->role)));
    }
}

void UsersPanel::tableSelectionChanged()
{
    if (m_filling) {
        return;
    }
    const auto rows = m_table->selectionModel()->selectedRows();
    const auto* item = rows.isEmpty() ? nullptr : m_table->item(rows.first().row(), 0);
    m_presenter.select(item ? item->data(Qt::UserRole).toString() : QString());
}

void UsersPanel::addAccount()
{
    UsersPresenter::NewAccount account;
    account.name = m_name->text();
    account.displayName = m_displayName->text();
    account.role = roleOf(m_role);
    account.password = m_password->text();
    account.repeat = m_repeat->text();
    const auto result = m_presenter.addAccount(account);
    admin::showFeedback(m_addMessage, result);
    if (result.isError()) {
        if (result.focus == UsersPresenter::Field::Repeat) {
            m_repeat->setFocus();
        } else if (result.focus == UsersPresenter::Field::Password) {
            m_password->setFocus();
            m_password->selectAll();
        }
        return;
    }
    m_name->clear();
    m_displayName->clear();
    m_password->clear();
    m_repeat->clear();
}

void UsersPanel::showChangeResult(const UsersPresenter::Result& result)
{
    admin::showFeedback(m_changeMessage, result);
    if (!result.isError()) {
        m_reason->clear();
    } else if (result.focus == UsersPresenter::Field::Reason) {
        m_reason->setFocus();
    } else if (result.focus == UsersPresenter::Field::NewRole) {
        m_newRole->setFocus();
    }
}

void UsersPanel::unlockSelected()
{
    showChangeResult(m_presenter.unlock(m_reason->text()));
}

void UsersPanel::deactivateSelected()
{
    const auto check = m_presenter.checkDeactivate(m_reason->text());
    if (check.isError()) {
        showChangeResult(check);
        return;
    }
    const QString name = m_presenter.selected();
    const QString reason = m_reason->text().trimmed();
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
            showChangeResult(m_presenter.deactivate(name, reason));
        }
    });
    box->open();
}

void UsersPanel::changeRoleOfSelected()
{
    showChangeResult(m_presenter.changeRole(roleOf(m_newRole), m_reason->text()));
}

} // namespace galvani::ui
