// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/services/AuditService.h"
#include "app/services/BackupService.h"
#include "ui/presenters/Feedback.h"

#include <QObject>
#include <QString>

#include <optional>

namespace galvani::app {
class AppContext;
}

namespace galvani::ui::presenters {

class StoreWorker;

// The audit trail and the store's backups, for AuditPanel. verify() checks the whole trail (chain, MACs and this
// workstation's anchor file) and backup() writes a verified copy of the store, each on a StoreWorker thread with
// its own store connection, one job at a time; the result comes with verifyFinished / backupFinished. restore()
// replaces the store by a backup file on the calling thread (the store's own connection is the one closed and
// reopened); it is refused while a session is prepared or running and while a job runs, and the panel asks for
// confirmation first (checkRestore(), confirmRestoreText()). app::AuditService and app::BackupService check the
// grants and audit backups and restores; their messages come back verbatim.
// Thread affinity: GUI thread. Ownership: borrows the AppContext, which must outlive it; owns its worker. The
// destructor waits for a running verification or backup (neither can be cancelled half-way).
class AuditPresenter : public QObject {
    Q_OBJECT
public:
    enum class Field { None, BackupPath, RestorePath };
    using Result = Feedback<Field>;

    // A verification's outcome: it could not run (the text says why), or the trail is intact or broken.
    enum class Verdict { Failed, Intact, Broken };
    struct Verification {
        Verdict verdict = Verdict::Failed;
        QString text;
    };

    AuditPresenter(app::AppContext& context, app::SignedInUser user, QObject* parent = nullptr);
    ~AuditPresenter() override;
    AuditPresenter(const AuditPresenter&) = delete;
    AuditPresenter& operator=(const AuditPresenter&) = delete;

    [[nodiscard]] bool busy() const;
    [[nodiscard]] const std::optional<app::AuditCheck>& lastCheck() const { return m_check; }

    // Starts a verification: Info "Verifying…", or nothing (kind None) while a job runs.
    Result verify();
    // Starts a backup to `path` (trimmed): Info naming the file, an error naming the field when it is empty, or
    // nothing while a job runs.
    Result backup(const QString& path);
    // The checks before the confirmation: an error naming the field when no file is given, else kind None.
    [[nodiscard]] Result checkRestore(const QString& path) const;
    [[nodiscard]] static QString confirmRestoreText(const QString& path);
    // Restores from `path` after the confirmation. Emits restoreFinished with the outcome, then, on success,
    // storeRestored (whose receivers may delete this presenter: nothing runs here after it).
    void restore(const QString& path);

    // "<path> — <n> bytes, schema version <v>, <n> audit rows verified\nSHA-256 <hex>".
    [[nodiscard]] static QString backupText(const app::BackupSummary& backup);

Q_SIGNALS:
    void busyChanged(bool busy);
    void verifyFinished(const galvani::ui::presenters::AuditPresenter::Verification& verification);
    void backupFinished(const galvani::ui::presenters::AuditPresenter::Result& result);
    void restoreFinished(const galvani::ui::presenters::AuditPresenter::Result& result);
    // The store now holds the backup's records: whoever is signed in must sign in again.
    void storeRestored(const galvani::app::BackupSummary& summary);

private:
    enum class Job { None, Verify, Backup };
    void jobEnded(const QString& openError);
    [[nodiscard]] static Verification verification(const app::AuditCheck& check);

    app::AppContext& m_context;
    app::SignedInUser m_user;
    StoreWorker* m_worker = nullptr;
    Job m_job = Job::None;
    std::optional<app::AuditCheck> m_check;
    std::optional<app::AppResult<app::AuditCheck>> m_pendingCheck;
    std::optional<app::AppResult<app::BackupSummary>> m_pendingBackup;
};

} // namespace galvani::ui::presenters
