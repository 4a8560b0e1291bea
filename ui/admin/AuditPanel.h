// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/services/AuditService.h"
#include "app/services/BackupService.h"
#include "ui/presenters/AuditPresenter.h"

#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace galvani::app {
class AppContext;
}

namespace galvani::ui {

// The audit trail and the store's backups, for admins. "Verify" checks the whole trail (chain, MACs and this
// workstation's anchor file, which catches a cut-off tail) on a worker thread with its own store connection and
// shows "OK (n rows)" or the first broken row and what is wrong with it. "Back up" writes a verified copy of the
// store to a file, also on the worker thread (the store stays in use). "Restore" replaces the store by a backup
// file: it asks for confirmation first, explaining that the application closes and reopens the store and that
// everyone signs in again; it runs on the GUI thread (the store's own connection is the one that is closed and
// reopened), and is refused while a session is prepared or running and while this panel's worker is busy.
// The panel builds and binds; presenters::AuditPresenter runs the jobs and words their results. Every call goes
// through app::AuditService / app::BackupService, which check the grants and audit backups and restores; their
// messages are shown verbatim.
// Thread affinity: GUI thread. Ownership: borrows the AppContext, which must outlive it. The destructor waits for
// a running verification or backup (neither can be cancelled half-way).
class AuditPanel : public QWidget {
    Q_OBJECT
public:
    AuditPanel(app::AppContext& context, const app::SignedInUser& user, QWidget* parent = nullptr);

    [[nodiscard]] bool isBusy() const { return m_presenter.busy(); }
    [[nodiscard]] const std::optional<app::AuditCheck>& lastCheck() const { return m_presenter.lastCheck(); }

public Q_SLOTS:
    void verify();
    void backup();
    // Asks for confirmation (a window-modal box named "restoreConfirm"), then restores.
    void restore();

Q_SIGNALS:
    // The store now holds the backup's records: whoever is signed in must sign in again.
    void storeRestored(const galvani::app::BackupSummary& summary);

private:
    void setBusy(bool busy);
    void showVerification(const presenters::AuditPresenter::Verification& verification);
    void showRestore(const presenters::AuditPresenter::Result& result);

    presenters::AuditPresenter m_presenter;

    QPushButton* m_verify = nullptr;
    QLabel* m_verifyResult = nullptr;
    QLineEdit* m_backupPath = nullptr;
    QPushButton* m_backupBrowse = nullptr;
    QPushButton* m_backup = nullptr;
    QLabel* m_backupMessage = nullptr;
    QLineEdit* m_restorePath = nullptr;
    QPushButton* m_restoreBrowse = nullptr;
    QPushButton* m_restore = nullptr;
    QLabel* m_restoreMessage = nullptr;
};

} // namespace galvani::ui
