// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/admin/AuditPanel.h"

#include "app/AppContext.h"
#include "app/session/SessionController.h"
#include "app/store/RecordStore.h"
#include "ui/admin/AdminFormat.h"
#include "ui/admin/StoreWorker.h"

#include <QAbstractButton>
#include <QDate>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace galvani::ui {

using admin::MessageKind;

namespace {

QString backupText(const app::BackupSummary& b)
{
    return QStringLiteral("%1 — %2 bytes, schema version %3, %4 audit rows verified\nSHA-256 %5")
        .arg(b.path, QLocale().toString(b.bytes))
        .arg(b.schemaVersion)
        .arg(b.auditRows)
        .arg(b.sha256);
}

bool sessionActive(app::SessionState s)
{
    return s != app::SessionState::Idle && s != app::SessionState::Ended;
}

} // namespace

AuditPanel::AuditPanel(app::AppContext& context, const app::SignedInUser& user, QWidget* parent)
    : QWidget(parent), m_context(context), m_user(user), m_worker(new admin::StoreWorker(context, this))
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
    connect(m_worker, &admin::StoreWorker::finished, this, [this](const QString& openError) {
        setBusy(false);
        if (!openError.isEmpty()) {
            const QString text = QStringLiteral("the record store could not be opened: ") + openError;
            admin::showMessage(m_pendingBackup ? m_backupMessage : m_verifyResult, MessageKind::Error, text);
        }
        if (m_pendingCheck) {
            const auto& r = *m_pendingCheck;
            if (!r.ok()) {
                admin::showMessage(m_verifyResult, MessageKind::Error, r.error().message);
            } else {
                m_check = r.value();
                if (m_check->ok) {
                    admin::showVerdict(m_verifyResult, true,
                        QStringLiteral("OK (%1 rows)%2")
                            .arg(m_check->rowsChecked)
                            .arg(m_check->anchorUsed
                                    ? QStringLiteral("; its last row matches this workstation's anchor file")
                                    : QString()));
                } else {
                    QString text = QStringLiteral("BROKEN — %1").arg(m_check->summary);
                    if (m_check->brokenRowId) {
                        text += QStringLiteral("\nFirst broken row: %1. %2 rows before it are intact.")
                                    .arg(*m_check->brokenRowId)
                                    .arg(m_check->rowsChecked);
                    }
                    admin::showVerdict(m_verifyResult, false, text);
                }
            }
        }
        if (m_pendingBackup) {
            const auto& r = *m_pendingBackup;
            if (r.ok()) {
                admin::showMessage(
                    m_backupMessage, MessageKind::Success, QStringLiteral("backup written: ") + backupText(r.value()));
            } else {
                admin::showMessage(m_backupMessage, MessageKind::Error, r.error().message);
            }
        }
        m_pendingCheck.reset();
        m_pendingBackup.reset();
    });
    setBusy(false);
}

AuditPanel::~AuditPanel()
{
    m_worker->stopAndWait();
}

bool AuditPanel::isBusy() const
{
    return m_worker->busy();
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
    if (m_worker->busy()) {
        return;
    }
    m_check.reset();
    m_pendingCheck.reset();
    m_pendingBackup.reset();
    admin::showMessage(m_verifyResult, MessageKind::Info, QStringLiteral("Verifying…"));
    setBusy(true);
    admin::StoreWorker* worker = m_worker;
    const app::SignedInUser user = m_user;
    worker->start([this, worker, user](app::RecordStore& store, const std::atomic_bool&) {
        auto result = app::AuditService(store).verify(user);
        worker->post([this, r = std::move(result)] { m_pendingCheck = r; });
    });
}

void AuditPanel::backup()
{
    if (m_worker->busy()) {
        return;
    }
    const QString path = m_backupPath->text().trimmed();
    if (path.isEmpty()) {
        admin::showMessage(m_backupMessage, MessageKind::Error,
            QStringLiteral("backup file: type the path of the file to write, or choose one with Browse…"));
        m_backupPath->setFocus();
        return;
    }
    m_pendingCheck.reset();
    m_pendingBackup.reset();
    admin::showMessage(m_backupMessage, MessageKind::Info, QStringLiteral("Backing up to %1 …").arg(path));
    setBusy(true);
    admin::StoreWorker* worker = m_worker;
    const app::SignedInUser user = m_user;
    worker->start([this, worker, user, path](app::RecordStore& store, const std::atomic_bool&) {
        auto result = app::BackupService(store).backup(user, path);
        worker->post([this, r = std::move(result)] { m_pendingBackup = r; });
    });
}

void AuditPanel::restore()
{
    const QString path = m_restorePath->text().trimmed();
    if (path.isEmpty()) {
        admin::showMessage(m_restoreMessage, MessageKind::Error,
            QStringLiteral("backup to restore: type the path of a backup file, or choose one with Browse…"));
        m_restorePath->setFocus();
        return;
    }
    auto* box = new QMessageBox(QMessageBox::Warning, QStringLiteral("Restore the record store"),
        QStringLiteral("Replace every record in this store by the backup\n%1 ?\n\nThe backup is checked first. Then "
                       "Galvani closes the record store, puts the backup in its place (the current store is kept "
                       "beside it, named …before-restore-…) and reopens it. Records made since the backup are not "
                       "in it. Everyone, you included, must sign in again afterwards.")
            .arg(path),
        QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("restoreConfirm"));
    auto* yes = box->addButton(QStringLiteral("&Restore"), QMessageBox::DestructiveRole);
    yes->setObjectName(QStringLiteral("confirmRestore"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, yes, path](QAbstractButton* clicked) {
        if (clicked == yes) {
            restoreConfirmed(path);
        }
    });
    box->open();
}

void AuditPanel::restoreConfirmed(const QString& path)
{
    if (sessionActive(m_context.sessions().state())) {
        admin::showMessage(m_restoreMessage, MessageKind::Error,
            QStringLiteral("restore: not possible while a session is prepared or running; end the session first"));
        return;
    }
    if (m_worker->busy()) {
        admin::showMessage(m_restoreMessage, MessageKind::Error,
            QStringLiteral("restore: wait until the verification or backup has finished"));
        return;
    }
    setCursor(Qt::WaitCursor);
    const auto restored = m_context.backups().restore(m_user, path);
    unsetCursor();
    if (!restored.ok()) {
        admin::showMessage(m_restoreMessage, MessageKind::Error, restored.error().message);
        return;
    }
    admin::showMessage(m_restoreMessage, MessageKind::Success,
        QStringLiteral("restored from ") + backupText(restored.value())
            + QStringLiteral("\nThe store was reopened. Sign in again: accounts and records are now the backup's."));
    Q_EMIT storeRestored(restored.value());
}

} // namespace galvani::ui
