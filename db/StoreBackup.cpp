// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/StoreBackup.h"

#include "db/Database.h"
#include "db/Migrator.h"
#include "db/TimeStamp.h"
#include "db/audit/AuditEntry.h"
#include "db/audit/AuditTrail.h"
#include "db/audit/AuditVerifier.h"
#include "db/sql/Query.h"
#include "db/sql/SqliteFile.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace galvani::db {

namespace {

QString siblingPath(const QString& target, const QString& tag, qint64 utc)
{
    const QFileInfo info(target);
    return info.dir().filePath(QStringLiteral(".%1.%2-%3-%4")
                                   .arg(info.fileName(), tag, fileStamp(utc))
                                   .arg(QCoreApplication::applicationPid()));
}

Result<QString> fileSha256(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return storageError(QStringLiteral("cannot read '%1': %2").arg(path, f.errorString()));
    }
    QCryptographicHash h(QCryptographicHash::Sha256);
    if (!h.addData(&f)) {
        return storageError(QStringLiteral("cannot read '%1'").arg(path));
    }
    return QString::fromLatin1(h.result().toHex());
}

// Merges the old store's WAL into its main file so that the file alone is the whole store, and refuses if any other
// connection has the store open: in WAL mode an exclusive lock is granted only to a connection that is alone.
Status checkpointOldStore(const QString& storePath)
{
    const QString name = QStringLiteral("galvani-restore-checkpoint");
    Status result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(storePath);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=250"));
        if (!db.open()) {
            result = storageError(QStringLiteral("cannot open the current store to checkpoint it"));
        } else {
            QSqlQuery q(db);
            const auto inUse = [](const QSqlQuery& failed) {
                const QString text = failed.lastError().text();
                return text.contains(QLatin1String("locked"), Qt::CaseInsensitive)
                    || text.contains(QLatin1String("busy"), Qt::CaseInsensitive);
            };
            const DbError busy = refused(QStringLiteral("the store is in use by another connection; close Galvani "
                                                        "everywhere before restoring"));
            if (!q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")) || !q.next()) {
                result = inUse(q) ? Status(busy) : storageError(QStringLiteral("cannot checkpoint the current store"));
            } else if (q.value(0).toInt() != 0) {
                result = busy;
            } else {
                q.finish();
                if (!q.exec(QStringLiteral("PRAGMA locking_mode = EXCLUSIVE"))
                    || !q.exec(QStringLiteral("BEGIN EXCLUSIVE"))) {
                    result = inUse(q) ? Status(busy) : storageError(QStringLiteral("cannot lock the current store"));
                } else {
                    (void)q.exec(QStringLiteral("COMMIT"));
                }
            }
            q.finish();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

} // namespace

Result<BackupReport> StoreBackup::verify(const QString& path, const audit::AuditKey& key)
{
    QString err;
    auto db = Database::openForInspection(path, &err);
    if (!db) {
        return refused(QStringLiteral("'%1' is not a usable backup: %2").arg(path, err));
    }
    if (Status s = sql::checkIntegrity(*db); !s.ok()) {
        return refused(QStringLiteral("'%1' is damaged: %2").arg(path, s.error().message));
    }
    const Result<int> version = sql::sqliteUserVersion(*db);
    if (!version.ok()) {
        return version.error();
    }
    BackupReport report;
    report.path = path;
    report.schemaVersion = version.value();
    if (report.schemaVersion == 0) {
        return refused(QStringLiteral("'%1' is not a Galvani record store").arg(path));
    }
    if (report.schemaVersion > Migrator::latestVersion()) {
        return DbError{DbError::Kind::Schema,
            QStringLiteral("'%1' has schema version %2, newer than this Galvani (%3); use the Galvani that wrote it")
                .arg(path)
                .arg(report.schemaVersion)
                .arg(Migrator::latestVersion())};
    }
    const audit::AuditVerdict verdict = audit::AuditVerifier(*db, key).verify();
    if (!verdict.ok()) {
        return refused(QStringLiteral("the audit trail in '%1' does not verify: %2").arg(path, verdict.summary()));
    }
    report.auditRows = verdict.rowsChecked;
    report.bytes = QFileInfo(path).size();
    const auto digest = fileSha256(path);
    if (!digest.ok()) {
        return digest.error();
    }
    report.sha256 = digest.value();
    return report;
}

Result<BackupReport> StoreBackup::backup(const StoreContext& ctx, const QString& destinationPath, const Actor& actor)
{
    if (ctx.db.dialect() != Dialect::Sqlite) {
        return DbError{DbError::Kind::Unsupported,
            QStringLiteral("PostgreSQL stores are backed up with the server's tools (pg_dump, base backups)")};
    }
    if (QFileInfo::exists(destinationPath)) {
        return DbError{DbError::Kind::Conflict, QStringLiteral("'%1' already exists").arg(destinationPath)};
    }
    if (!QDir().mkpath(QFileInfo(destinationPath).absolutePath())) {
        return storageError(QStringLiteral("cannot create the folder of '%1'").arg(destinationPath));
    }
    const QString temp = siblingPath(destinationPath, QStringLiteral("partial"), utcMs(ctx.clock));
    auto fail = [&temp](DbError e) {
        QFile::remove(temp);
        return e;
    };
    if (Status s = sql::vacuumInto(ctx.db, temp); !s.ok()) {
        return fail(s.error());
    }
    QFile::setPermissions(temp, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    auto report = verify(temp, ctx.auditKey);
    if (!report.ok()) {
        return fail(report.error());
    }
    if (Status s = sql::atomicReplace(temp, destinationPath); !s.ok()) {
        return fail(s.error());
    }
    report->path = destinationPath;

    audit::AuditTrail trail(ctx);
    audit::AuditRecord r;
    r.actor = actor;
    r.action = QString::fromLatin1(audit::action::kBackup);
    r.newValue = audit::recordJson(QJsonObject{{QStringLiteral("path"), destinationPath},
        {QStringLiteral("sha256"), report->sha256}, {QStringLiteral("bytes"), report->bytes},
        {QStringLiteral("schema_version"), report->schemaVersion}, {QStringLiteral("audit_rows"), report->auditRows}});
    if (const auto a = trail.append(r); !a.ok()) {
        return a.error();
    }
    return report;
}

Result<BackupReport> StoreBackup::restore(const QString& backupPath, const QString& storePath,
    const audit::AuditKey& key, const core::Clock& clock, const Actor& actor)
{
    const auto source = verify(backupPath, key);
    if (!source.ok()) {
        return source.error();
    }
    const qint64 now = utcMs(clock);
    if (!QDir().mkpath(QFileInfo(storePath).absolutePath())) {
        return storageError(QStringLiteral("cannot create the folder of '%1'").arg(storePath));
    }
    const QString temp = siblingPath(storePath, QStringLiteral("restore"), now);
    auto fail = [&temp](DbError e) {
        QFile::remove(temp);
        return e;
    };
    if (Status s = sql::copyFileDurably(backupPath, temp); !s.ok()) {
        return fail(s.error());
    }
    auto copy = verify(temp, key);
    if (!copy.ok()) {
        return fail(copy.error());
    }
    if (copy->sha256 != source->sha256) {
        return fail(storageError(QStringLiteral("the copy of the backup differs from the backup")));
    }

    QString keptAs;
    if (QFileInfo::exists(storePath)) {
        const QString wal = storePath + QStringLiteral("-wal");
        const QString shm = storePath + QStringLiteral("-shm");
        const Status checkpoint = checkpointOldStore(storePath);
        if (!checkpoint.ok() && checkpoint.error().kind == DbError::Kind::Refused) {
            return fail(checkpoint.error());
        }
        keptAs = QStringLiteral("%1.before-restore-%2").arg(storePath, fileStamp(now));
        if (Status s = sql::copyFileDurably(storePath, keptAs); !s.ok()) {
            return fail(s.error());
        }
        // A WAL that could not be merged (damaged store) stays with the kept copy, never with the restored file.
        if (QFileInfo(wal).exists() && QFileInfo(wal).size() > 0) {
            if (Status s = sql::atomicReplace(wal, keptAs + QStringLiteral("-wal")); !s.ok()) {
                return fail(s.error());
            }
        }
        QFile::remove(wal);
        QFile::remove(shm);
    }
    if (Status s = sql::atomicReplace(temp, storePath); !s.ok()) {
        return fail(s.error());
    }

    StoreUrl url;
    url.path = storePath;
    QString err;
    auto restored = Database::open(url, &err);
    if (!restored) {
        return storageError(QStringLiteral("the restored store cannot be opened: %1").arg(err));
    }
    audit::AuditTrail trail(StoreContext{*restored, clock, key});
    audit::AuditRecord r;
    r.actor = actor;
    r.action = QString::fromLatin1(audit::action::kRestore);
    r.newValue = audit::recordJson(QJsonObject{{QStringLiteral("from"), backupPath},
        {QStringLiteral("sha256"), source->sha256}, {QStringLiteral("previous_store_kept_as"), keptAs}});
    if (const auto a = trail.append(r); !a.ok()) {
        return a.error();
    }
    BackupReport report = source.value();
    report.path = storePath;
    return report;
}

} // namespace galvani::db
