// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/services/BackupService.h"

#include "app/access/AccessGuard.h"
#include "app/services/ServiceSupport.h"
#include "app/store/RecordStoreImpl.h"
#include "db/StoreBackup.h"
#include "db/audit/AuditAnchor.h"
#include "db/audit/AuditTrail.h"
#include "db/audit/AuditVerifier.h"

#include <QFileInfo>

#include <optional>

namespace galvani::app {

namespace {

BackupSummary summaryOf(const db::BackupReport& r)
{
    return BackupSummary{r.path, r.schemaVersion, r.auditRows, r.bytes, r.sha256};
}

std::optional<AppError> requireSqlite(RecordStore& store, const QString& what)
{
    if (store.impl().db.dialect() == db::Dialect::Sqlite) {
        return std::nullopt;
    }
    return AppError{AppError::Kind::Refused,
        QStringLiteral("%1: a PostgreSQL store is backed up and restored with the server's tools (pg_dump, "
                       "pg_restore, base backups)")
            .arg(what)};
}

// Points the anchor file at the tail of the restored trail: the restored history is the store's history now, and
// the old anchor (a tail the restored file never had) would report it as cut off.
db::Status reanchor(
    const QString& storePath, const db::audit::AuditKey& key, const core::Clock& clock, const QString& anchorPath)
{
    db::StoreUrl url;
    url.path = storePath;
    QString err;
    auto database = db::Database::open(url, &err);
    if (!database) {
        return db::storageError(QStringLiteral("the restored store cannot be opened: ") + err);
    }
    const auto verdict = db::audit::AuditVerifier(*database, key).verify();
    if (!verdict.ok()) {
        return db::refused(QStringLiteral("the restored audit trail does not verify: ") + verdict.summary());
    }
    const auto anchor = db::audit::AuditTrail(db::StoreContext{*database, clock, key}).anchor();
    if (!anchor.ok()) {
        return anchor.error();
    }
    return db::audit::writeAnchorFile(anchor.value(), anchorPath);
}

} // namespace

BackupService::BackupService(RecordStore& store) : m_store(store)
{
}

AppResult<BackupSummary> BackupService::backup(const SignedInUser& user, const QString& outPath)
{
    if (auto denied = checkAccess(m_store, user, Action::BackupStore, outPath)) {
        return *denied;
    }
    if (auto notSqlite = requireSqlite(m_store, QStringLiteral("backup"))) {
        return *notSqlite;
    }
    if (outPath.trimmed().isEmpty()) {
        return detail::invalidInput(QStringLiteral("backup file: a path is required"));
    }
    const auto report = db::StoreBackup::backup(
        m_store.impl().context(), QFileInfo(outPath).absoluteFilePath(), detail::actorOf(user));
    if (!report.ok()) {
        return detail::fromDb(report.error());
    }
    return summaryOf(report.value());
}

AppResult<BackupSummary> BackupService::restore(const SignedInUser& user, const QString& inPath)
{
    if (auto denied = checkAccess(m_store, user, Action::RestoreStore, inPath)) {
        return *denied;
    }
    if (auto notSqlite = requireSqlite(m_store, QStringLiteral("restore"))) {
        return *notSqlite;
    }
    const QString source = QFileInfo(inPath).absoluteFilePath();
    if (!QFileInfo(source).isFile()) {
        return detail::notFound(QStringLiteral("backup file '%1' does not exist").arg(inPath));
    }
    // Verify before closing anything: a bad file must leave the running store untouched.
    const auto checked = db::StoreBackup::verify(source, m_store.impl().auditKey);
    if (!checked.ok()) {
        return detail::fromDb(checked.error());
    }
    const QString storePath = m_store.impl().db.url().path;
    const StoreConfig config = m_store.config();
    const core::Clock& clock = m_store.clock();
    const db::Actor actor = detail::actorOf(user);
    std::optional<db::DbError> failure;
    std::optional<db::BackupReport> restored;
    QString error;
    const bool ok = m_store.reopenAfter(
        [&](QString* whyNot) {
            const auto key = db::audit::AuditKey::load(config.auditKeyPath);
            if (!key.ok()) {
                failure = key.error();
                *whyNot = key.error().message;
                return false;
            }
            const auto report = db::StoreBackup::restore(source, storePath, key.value(), clock, actor);
            if (!report.ok()) {
                failure = report.error();
                *whyNot = report.error().message;
                return false;
            }
            restored = report.value();
            if (const auto anchored = reanchor(storePath, key.value(), clock, config.anchorPath); !anchored.ok()) {
                failure = anchored.error();
                *whyNot = anchored.error().message;
                return false;
            }
            return true;
        },
        &error);
    if (!ok) {
        // No failure recorded: refused before the store was touched (a session runs), or the reopen failed.
        AppError e = failure
            ? detail::fromDb(*failure)
            : AppError{m_store.isOpen() ? AppError::Kind::Refused : AppError::Kind::Storage, QString()};
        e.message = error;
        return e;
    }
    BackupSummary summary = summaryOf(*restored);
    summary.path = source;
    return summary;
}

} // namespace galvani::app
