// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presenters/AuditPresenter.h"

#include "app/AppContext.h"
#include "app/session/SessionController.h"
#include "app/store/RecordStore.h"
#include "ui/presenters/StoreWorker.h"

#include <QLocale>

#include <utility>

namespace galvani::ui::presenters {

namespace {

bool sessionActive(app::SessionState s)
{
    return s != app::SessionState::Idle && s != app::SessionState::Ended;
}

} // namespace

AuditPresenter::AuditPresenter(app::AppContext& context, app::SignedInUser user, QObject* parent)
    : QObject(parent), m_context(context), m_user(std::move(user)), m_worker(new StoreWorker(context, this))
{
    connect(m_worker, &StoreWorker::finished, this, &AuditPresenter::jobEnded);
}

AuditPresenter::~AuditPresenter()
{
    m_worker->stopAndWait();
}

bool AuditPresenter::busy() const
{
    return m_worker->busy();
}

QString AuditPresenter::backupText(const app::BackupSummary& b)
{
    return QStringLiteral("%1 — %2 bytes, schema version %3, %4 audit rows verified\nSHA-256 %5")
        .arg(b.path, QLocale().toString(b.bytes))
        .arg(b.schemaVersion)
        .arg(b.auditRows)
        .arg(b.sha256);
}

AuditPresenter::Verification AuditPresenter::verification(const app::AuditCheck& check)
{
    if (check.ok) {
        return {Verdict::Intact,
            QStringLiteral("OK (%1 rows)%2")
                .arg(check.rowsChecked)
                .arg(check.anchorUsed ? QStringLiteral("; its last row matches this workstation's anchor file")
                                      : QString())};
    }
    QString text = QStringLiteral("BROKEN — %1").arg(check.summary);
    if (check.brokenRowId) {
        text += QStringLiteral("\nFirst broken row: %1. %2 rows before it are intact.")
                    .arg(*check.brokenRowId)
                    .arg(check.rowsChecked);
    }
    return {Verdict::Broken, text};
}

AuditPresenter::Result AuditPresenter::verify()
{
    if (m_worker->busy()) {
        return {};
    }
    m_check.reset();
    m_pendingCheck.reset();
    m_pendingBackup.reset();
    m_job = Job::Verify;
    StoreWorker* worker = m_worker;
    const app::SignedInUser user = m_user;
    worker->start([this, worker, user](app::RecordStore& store, const std::atomic_bool&) {
        auto result = app::AuditService(store).verify(user);
        worker->post([this, r = std::move(result)] { m_pendingCheck = r; });
    });
    Q_EMIT busyChanged(true);
    return Result::info(QStringLiteral("Verifying…"));
}

AuditPresenter::Result AuditPresenter::backup(const QString& path)
{
    if (m_worker->busy()) {
        return {};
    }
    const QString file = path.trimmed();
    if (file.isEmpty()) {
        return Result::error(
            QStringLiteral("backup file: type the path of the file to write, or choose one with Browse…"),
            Field::BackupPath);
    }
    m_pendingCheck.reset();
    m_pendingBackup.reset();
    m_job = Job::Backup;
    StoreWorker* worker = m_worker;
    const app::SignedInUser user = m_user;
    worker->start([this, worker, user, file](app::RecordStore& store, const std::atomic_bool&) {
        auto result = app::BackupService(store).backup(user, file);
        worker->post([this, r = std::move(result)] { m_pendingBackup = r; });
    });
    Q_EMIT busyChanged(true);
    return Result::info(QStringLiteral("Backing up to %1 …").arg(file));
}

void AuditPresenter::jobEnded(const QString& openError)
{
    const Job job = std::exchange(m_job, Job::None);
    Q_EMIT busyChanged(false);
    // The work did not run when its connection could not be opened: say so under the job that was asked for.
    const QString notOpened
        = openError.isEmpty() ? QString() : QStringLiteral("the record store could not be opened: ") + openError;
    if (job == Job::Verify) {
        if (!notOpened.isEmpty()) {
            Q_EMIT verifyFinished({Verdict::Failed, notOpened});
        } else if (m_pendingCheck && !m_pendingCheck->ok()) {
            Q_EMIT verifyFinished({Verdict::Failed, m_pendingCheck->error().message});
        } else if (m_pendingCheck) {
            m_check = m_pendingCheck->value();
            Q_EMIT verifyFinished(verification(*m_check));
        }
    } else if (job == Job::Backup) {
        if (!notOpened.isEmpty()) {
            Q_EMIT backupFinished(Result::error(notOpened));
        } else if (m_pendingBackup && m_pendingBackup->ok()) {
            Q_EMIT backupFinished(
                Result::success(QStringLiteral("backup written: ") + backupText(m_pendingBackup->value())));
        } else if (m_pendingBackup) {
            Q_EMIT backupFinished(Result::error(m_pendingBackup->error().message));
        }
    }
    m_pendingCheck.reset();
    m_pendingBackup.reset();
}

AuditPresenter::Result AuditPresenter::checkRestore(const QString& path) const
{
    if (path.trimmed().isEmpty()) {
        return Result::error(
            QStringLiteral("backup to restore: type the path of a backup file, or choose one with Browse…"),
            Field::RestorePath);
    }
    return {};
}

QString AuditPresenter::confirmRestoreText(const QString& path)
{
    return QStringLiteral("Replace every record in this store by the backup\n%1 ?\n\nThe backup is checked first. Then "
                          "Galvani closes the record store, puts the backup in its place (the current store is kept "
                          "beside it, named …before-restore-…) and reopens it. Records made since the backup are not "
                          "in it. Everyone, you included, must sign in again afterwards.")
        .arg(path.trimmed());
}

void AuditPresenter::restore(const QString& path)
{
    if (const Result check = checkRestore(path); check.isError()) {
        Q_EMIT restoreFinished(check);
        return;
    }
    if (sessionActive(m_context.sessions().state())) {
        Q_EMIT restoreFinished(Result::error(
            QStringLiteral("restore: not possible while a session is prepared or running; end the session first")));
        return;
    }
    if (m_worker->busy()) {
        Q_EMIT restoreFinished(
            Result::error(QStringLiteral("restore: wait until the verification or backup has finished")));
        return;
    }
    const auto restored = m_context.backups().restore(m_user, path.trimmed());
    if (!restored.ok()) {
        Q_EMIT restoreFinished(Result::error(restored.error().message));
        return;
    }
    const app::BackupSummary& summary = restored.value(); // a local: valid even if a receiver ends this presenter
    Q_EMIT restoreFinished(Result::success(QStringLiteral("restored from ") + backupText(summary)
        + QStringLiteral("\nThe store was reopened. Sign in again: accounts and records are now the backup's.")));
    Q_EMIT storeRestored(summary);
}

} // namespace galvani::ui::presenters
