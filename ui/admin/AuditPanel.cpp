// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/admin/AuditPanel.h"

#include "app/AppContext.h"
#include "app/store/RecordStore.h"
#include "ui/admin/AdminFormat.h"

#include <QAbstractButton>
#include <QDate>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace galvani::ui {

using admin::MessageKind;

AuditPanel::AuditPanel(app::AppContext& context, const app::SignedInUser& user, QWidget* parent)
    : QWidget(parent), m_presenter(context, user)
{
    setObjectName(QStringLiteral("auditPanel"));
    auto* layout = new QVBoxLayout(this);

    // Verify.
    auto* verifyBox = new QGroupBox(QStringLiteral("Audit trail"), this);
    auto* verifyLayout = new QVBoxLayout(verifyBox);
    auto* explain = new QLabel(QStringLiteral("Every change to the records is a row of the audit trail, chained to the "
                                              "row before it and sealed with a key kept outside the store. "
                                              "Verifying reads every row and stops at the first one that was "
                                              "changed, removed or inserted."),
        verifyBox);
    explain->setWordWrap(true);
    verifyLayout->addWidget(explain);
    const auto& report = context.storeReport();
    auto* atStart = new QLabel(QStringLiteral("At start-up: %1").arg(report.auditSummary), verifyBox);
    atStart->setObjectName(QStringLiteral("auditAtStartup"));
    atStart->setWordWrap(true);
    atStart->setTextFormat(Qt::PlainText);
    verifyLayout->addWidget(atStart);
    auto* verifyRow = new QHBoxLayout;
    m_verify = new QPushButton(QStringLiteral("&Verify audit trail"), verifyBox);
    m_verify->setObjectName(QStringLiteral("verifyButton"));
    m_verify->setToolTip(QStringLiteral("Check every row now; the window stays usable meanwhile"));
    verifyRow->addWidget(m_verify);
    verifyRow->addStretch(1);
    verifyLayout->addLayout(verifyRow);
    m_verifyResult = new QLabel(verifyBox);
    m_verifyResult->setObjectName(QStringLiteral("verifyResult"));
    m_verifyResult->setWordWrap(true);
    m_verifyResult->setTextFormat(Qt::PlainText);
    m_verifyResult->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    QFont big = m_verifyResult->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_verifyResult->setFont(big);
    verifyLayout->addWidget(m_verifyResult);
    layout->addWidget(verifyBox);

    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);

    // Backup.
    auto* backupBox = new QGroupBox(QStringLiteral("Back up the record store"), this);
    auto* backupLayout = new QVBoxLayout(backupBox);
    auto* backupExplain = new QLabel(QStringLiteral("Writes a verified copy while Galvani stays in use. Keep the "
                                                    "audit key (audit.key in Galvani's data folder) with your "
                                                    "backups: a restore needs it."),
        backupBox);
    backupExplain->setWordWrap(true);
    backupLayout->addWidget(backupExplain);
    auto* backupRow = new QHBoxLayout;
    auto* backupLabel = new QLabel(QStringLiteral("Backup &file:"), backupBox);
    m_backupPath = new QLineEdit(backupBox);
    m_backupPath->setObjectName(QStringLiteral("backupPath"));
    m_backupPath->setPlaceholderText(QDir(documents).filePath(
        QStringLiteral("galvani-backup-%1.sqlite").arg(QDate::currentDate().toString(Qt::ISODate))));
    backupLabel->setBuddy(m_backupPath);
    m_backupBrowse = new QPushButton(QStringLiteral("Br&owse…"), backupBox);
    m_backup = new QPushButton(QStringLiteral("&Back up"), backupBox);
    m_backup->setObjectName(QStringLiteral("backupButton"));
    backupRow->addWidget(backupLabel);
    backupRow->addWidget(m_backupPath, 1);
    backupRow->addWidget(m_backupBrowse);
    backupRow->addWidget(m_backup);
    backupLayout->addLayout(backupRow);
    m_backupMessage = admin::makeMessageLabel(QStringLiteral("backupMessage"), backupBox);
    backupLayout->addWidget(m_backupMessage);
    layout->addWidget(backupBox);

    // Restore.
    auto* restoreBox = new QGroupBox(QStringLiteral("Restore from a backup"), this);
    auto* restoreLayout = new QVBoxLayout(restoreBox);
    auto* restoreExplain = new QLabel(QStringLiteral("Replaces every record by those of the backup. The file is "
                                                     "checked first; the current store is kept beside it. Galvani "
                                                     "then reopens the store and everyone signs in again. Not "
                                                     "possible while a session is prepared or running."),
        restoreBox);
    restoreExplain->setWordWrap(true);
    restoreLayout->addWidget(restoreExplain);
    auto* restoreRow = new QHBoxLayout;
    auto* restoreLabel = new QLabel(QStringLiteral("Backup to restor&e:"), restoreBox);
    m_restorePath = new QLineEdit(restoreBox);
    m_restorePath->setObjectName(QStringLiteral("restorePath"));
    restoreLabel->setBuddy(m_restorePath);
    m_restoreBrowse = new QPushButton(QStringLiteral("Bro&wse…"), restoreBox);
    m_restore = new QPushButton(QStringLiteral("&Restore…"), restoreBox);
    m_restore->setObjectName(QStringLiteral("restoreButton"));
    restoreRow->addWidget(restoreLabel);
    restoreRow->addWidget(m_restorePath, 1);
    restoreRow->addWidget(m_restoreBrowse);
    restoreRow->addWidget(m_restore);
    restoreLayout->addLayout(restoreRow);
    m_restoreMessage = admin::makeMessageLabel(QStringLiteral("restoreMessage"), restoreBox);
    restoreLayout->addWidget(m_restoreMessage);
    layout->addWidget(restoreBox);
    layout->addStretch(1);

    connect(m_verify, &QPushButton::clicked, this, &AuditPanel::verify);
    connect(m_backup, &QPushButton::clicked, this, &AuditPanel::backup);
    connect(m_backupPath, &QLineEdit::returnPressed, this, &AuditPanel::backup);
    connect(m_restore, &QPushButton::clicked, this, &AuditPanel::restore);
    connect(m_backupBrowse, &QPushButton::clicked, this, [this] {
        const QString start = m_backupPath->text().isEmpty() ? m_backupPath->placeholderText() : m_backupPath->text();
        const QString chosen = QFileDialog::getSaveFileName(
            this, QStringLiteral("Back up to"), start, QStringLiteral("Galvani backups (*.sqlite);;All files (*)"));
        if (!chosen.isEmpty()) {
            m_backupPath->setText(chosen);
        }
    });
    connect(m_restoreBrowse, &QPushButton::clicked, this, [this, documents] {
        const QString chosen = QFileDialog::getOpenFileName(this, QStringLiteral("Restore from"),
            m_restorePath->text().isEmpty() ? documents : m_restorePath->text(),
            QStringLiteral("Galvani backups (*.sqlite);;All files (*)"));
        if (!chosen.isEmpty()) {
            m_restorePath->setText(chosen);
        }
    });
    connect(&m_presenter, &presenters::AuditPresenter::busyChanged, this, &AuditPanel::setBusy);
    connect(&m_presenter, &presenters::AuditPresenter::verifyFinished, this, &AuditPanel::showVerification);
    connect(&m_presenter, &presenters::AuditPresenter::backupFinished, this,
        [this](const presenters::AuditPresenter::Result& result) { admin::showFeedback(m_backupMessage, result); });
    connect(&m_presenter, &presenters::AuditPresenter::restoreFinished, this, &AuditPanel::showRestore);
    connect(&m_presenter, &presenters::AuditPresenter::storeRestored, this, &AuditPanel::storeRestored);
    setBusy(false);
}

void AuditPanel::setBusy(bool busy)
{
    m_verify->setEnabled(!busy);
    m_backup->setEnabled(!busy);
    m_backupBrowse->setEnabled(!busy);
    m_restore->setEnabled(!busy);
    m_restoreBrowse->setEnabled(!busy);
    if (busy) {
        setCursor(Qt::BusyCursor);
    } else {
        unsetCursor();
    }
}

void AuditPanel::verify()
{
    const auto started = m_presenter.verify();
    if (started.kind != presenters::FeedbackKind::None) {
        admin::showFeedback(m_verifyResult, started);
    }
}

void AuditPanel::showVerification(const presenters::AuditPresenter::Verification& verification)
{
    switch (verification.verdict) {
    case presenters::AuditPresenter::Verdict::Failed:
        admin::showMessage(m_verifyResult, MessageKind::Error, verification.text);
        break;
    case presenters::AuditPresenter::Verdict::Intact:
        admin::showVerdict(m_verifyResult, true, verification.text);
        break;
    case presenters::AuditPresenter::Verdict::Broken:
        admin::showVerdict(m_verifyResult, false, verification.text);
        break;
    }
}

void AuditPanel::backup()
{
    const auto started = m_presenter.backup(m_backupPath->text());
    if (started.kind == presenters::FeedbackKind::None) {
        return;
    }
    admin::showFeedback(m_backupMessage, started);
    if (started.focus == presenters::AuditPresenter::Field::BackupPath) {
        m_backupPath->setFocus();
    }
}

void AuditPanel::restore()
{
    const QString path = m_restorePath->text();
    if (const auto check = m_presenter.checkRestore(path); check.isError()) {
        showRestore(check);
        return;
    }
    auto* box = new QMessageBox(QMessageBox::Warning, QStringLiteral("Restore the record store"),
        presenters::AuditPresenter::confirmRestoreText(path), QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("restoreConfirm"));
    auto* yes = box->addButton(QStringLiteral("&Restore"), QMessageBox::DestructiveRole);
    yes->setObjectName(QStringLiteral("confirmRestore"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, yes, path](QAbstractButton* clicked) {
        if (clicked == yes) {
            setCursor(Qt::WaitCursor);
            m_presenter.restore(path);
        }
    });
    box->open();
}

void AuditPanel::showRestore(const presenters::AuditPresenter::Result& result)
{
    unsetCursor();
    admin::showFeedback(m_restoreMessage, result);
    if (result.focus == presenters::AuditPresenter::Field::RestorePath) {
        m_restorePath->setFocus();
    }
}

} // namespace galvani::ui
