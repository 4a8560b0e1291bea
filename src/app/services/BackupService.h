// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppResult.h"
#include "app/access/Access.h"

#include <QString>
#include <QtGlobal>

namespace galvani::app {

class RecordStore;

// A verified backup file, or the backup a store was restored from. Plain value.
struct BackupSummary {
    QString path;
    int schemaVersion = 0;
    qint64 auditRows = 0; // rows of the audit trail in the file, all verified
    qint64 bytes = 0;
    QString sha256; // hex digest of the file (also in the audit trail)
};

// Backup and restore of an SQLite record store (db::StoreBackup; a PostgreSQL store is backed up by the server's
// tools and both calls refuse it). backup → BackupStore, restore → RestoreStore.
// backup(): a consistent copy while the store stays in use, verified before it is renamed into place; audited.
// restore(): the file is verified first (integrity, known schema, audit trail under this store's key), so a
// corrupt, newer or tampered file is refused without touching the store. Then the store's connection is closed,
// the file put in place (the replaced store is kept beside it as <store>.before-restore-<time>), the anchor file
// re-based on the restored trail, which gains a `restore` row, and the store opened again
// (RecordStore::reopenAfter). Refused while another connection has the store open or a session runs. The
// signed-in user may not exist in the restored store: sign in again afterwards.
// Thread affinity: the RecordStore's thread. Ownership: borrows the store.
class BackupService {
public:
    explicit BackupService(RecordStore& store);

    [[nodiscard]] AppResult<BackupSummary> backup(const SignedInUser& user, const QString& outPath);
    [[nodiscard]] AppResult<BackupSummary> restore(const SignedInUser& user, const QString& inPath);

private:
    RecordStore& m_store;
};

} // namespace galvani::app
