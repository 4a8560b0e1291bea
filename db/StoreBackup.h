// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/Actor.h"
#include "db/Result.h"
#include "db/StoreContext.h"

#include <QString>

namespace galvani::core {
class Clock;
}

namespace galvani::db {

namespace audit {
class AuditKey;
}

// What a verified backup holds.
struct BackupReport {
    QString path;
    int schemaVersion = 0;
    qint64 auditRows = 0;
    qint64 bytes = 0;
    QString sha256; // hex digest of the file, recorded in the audit trail
};

// Online backup, verification and restore of an SQLite record store. (A PostgreSQL store is backed up by the
// server's own tools, pg_dump or base backups; backup() reports Unsupported for it.)
//  - backup(): VACUUM INTO a temporary file beside the destination (a consistent snapshot while the store stays in
//    use), flush, verify the copy, rename it into place, and write a "backup" audit row to the live store.
//  - verify(): the file opens read-only, PRAGMA integrity_check and foreign_key_check pass, the schema version is
//    one this program knows, and the audit trail verifies with the key.
//  - restore(): verify the backup; copy it beside the store, flush and verify the copy; checkpoint the old store
//    and keep it as "<store>.before-restore-<time>"; rename the copy over the store (atomic), and write a "restore"
//    audit row into the restored store. Refuses a corrupt file, a newer schema, a broken audit trail, and a store
//    that another connection still has open. Close every Database on the store first.
// Thread affinity: the calling thread (restore opens its own connections). Ownership: none kept.
class StoreBackup {
public:
    [[nodiscard]] static Result<BackupReport> backup(
        const StoreContext& ctx, const QString& destinationPath, const Actor& actor);
    [[nodiscard]] static Result<BackupReport> verify(const QString& path, const audit::AuditKey& key);
    [[nodiscard]] static Result<BackupReport> restore(const QString& backupPath, const QString& storePath,
        const audit::AuditKey& key, const core::Clock& clock, const Actor& actor);
};

} // namespace galvani::db
