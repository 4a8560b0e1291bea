// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/store/RecordStore.h"

#include "app/AppPaths.h"
#include "app/store/RecordStoreImpl.h"
#include "db/Migrator.h"
#include "db/StoreUrl.h"
#include "db/audit/AuditAnchor.h"
#include "db/audit/AuditTrail.h"
#include "db/audit/AuditVerifier.h"
#include "db/records/SessionRepository.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSysInfo>

#include <cstdlib>
#include <variant>

namespace galvani::app {

namespace {

// How old a session lock file without an owner must be before it is taken for abandoned. QLockFile writes the
// owner right after creating the file; a creator that has not done so within this time was killed in between.
constexpr qint64 kOwnerlessLockAgeMs = 2'000;

// One anchor file per store URL, so several stores used from one account never overwrite each other's anchor.
QString anchorFileFor(const QString& canonicalUrl)
{
    const QByteArray digest = QCryptographicHash::hash(canonicalUrl.toUtf8(), QCryptographicHash::Sha256).toHex();
    return QDir(AppPaths::dataDir())
        .filePath(QStringLiteral("audit-anchor-") + QString::fromLatin1(digest.left(16)) + QStringLiteral(".txt"));
}

std::unique_ptr<RecordStore::Impl> openImpl(const StoreConfig& config, const core::Clock& clock, QString* error)
{
    const auto parsed = db::parseStoreUrl(config.storeUrl);
    if (const auto* bad = std::get_if<db::StoreUrlError>(&parsed)) {
        *error = QStringLiteral("--db: ") + bad->message;
        return nullptr;
    }
    QString dbError;
    auto database = db::Database::open(std::get<db::StoreUrl>(parsed), &dbError);
    if (!database) {
        *error = QStringLiteral("--db: ") + dbError;
        return nullptr;
    }
    auto key = db::audit::AuditKey::loadOrCreate(config.auditKeyPath);
    if (!key.ok()) {
        *error = QStringLiteral("audit key %1: %2").arg(config.auditKeyPath, key.error().message);
        return nullptr;
    }
    return std::make_unique<RecordStore::Impl>(std::move(*database), std::move(key).value(), clock, config);
}

} // namespace

std::optional<QString> RecordStore::checkUrl(const QString& storeUrl)
{
    const auto parsed = db::parseStoreUrl(storeUrl);
    if (const auto* bad = std::get_if<db::StoreUrlError>(&parsed)) {
        return bad->message;
    }
    return std::nullopt;
}

StoreConfig StoreConfig::defaults(const QString& storeUrl)
{
    StoreConfig c;
    c.storeUrl = storeUrl;
    const QDir data(AppPaths::dataDir());
    c.auditKeyPath = data.filePath(QStringLiteral("audit.key"));
    const auto parsed = db::parseStoreUrl(storeUrl);
    const QString canonical
        = std::holds_alternative<db::StoreUrl>(parsed) ? std::get<db::StoreUrl>(parsed).toUrl() : storeUrl;
    c.anchorPath = anchorFileFor(canonical);
    c.sessionLockPath = data.filePath(QStringLiteral("sessions.lock"));
    c.workstation = QSysInfo::machineHostName();
    if (c.workstation.isEmpty()) {
        c.workstation = QStringLiteral("workstation");
    }
    return c;
}

RecordStore::RecordStore(std::unique_ptr<Impl> impl) : m_impl(std::move(impl))
{
}

RecordStore::~RecordStore()
{
    if (m_impl && m_impl->primary) {
        QString ignored;
        refreshAnchor(&ignored);
    }
    unlockSessions();
}

std::unique_ptr<RecordStore> RecordStore::openConnection(
    const StoreConfig& config, const core::Clock& clock, QString* error)
{
    auto impl = openImpl(config, clock, error);
    if (!impl) {
        return nullptr;
    }
    db::Migrator migrator(impl->db, clock);
    const auto version = migrator.currentVersion();
    if (!version.ok() || *version != db::Migrator::latestVersion()) {
        *error
            = QStringLiteral("--db: the store is not at schema version %1; open it with the primary connection first")
                  .arg(db::Migrator::latestVersion());
        return nullptr;
    }
    impl->report.fromVersion = impl->report.toVersion = *version;
    return std::unique_ptr<RecordStore>(new RecordStore(std::move(impl)));
}

std::unique_ptr<RecordStore> RecordStore::open(const StoreConfig& config, const core::Clock& clock, QString* error)
{
    auto impl = openImpl(config, clock, error);
    if (!impl) {
        return nullptr;
    }
    impl->primary = true;

    db::Migrator migrator(impl->db, clock);
    const auto migrated = migrator.migrate();
    if (!migrated.ok()) {
        *error = QStringLiteral("--db: ") + migrated.error().message;
        return nullptr;
    }
    impl->report.fromVersion = migrated->fromVersion;
    impl->report.toVersion = migrated->toVersion;
    impl->report.backupPath = migrated->backupPath;

    auto store = std::unique_ptr<RecordStore>(new RecordStore(std::move(impl)));
    Impl& d = store->impl();

    // Verify the trail before anything new is written to it, against this workstation's anchor when there is one.
    std::optional<db::audit::AuditAnchor> anchor;
    if (QFileInfo::exists(config.anchorPath)) {
        auto read = db::audit::readAnchorFile(config.anchorPath);
        if (read.ok()) {
            anchor = *read;
        } else {
            d.report.auditOk = false;
            d.report.auditSummary
                = QStringLiteral("anchor file %1 unreadable: %2").arg(config.anchorPath, read.error().message);
        }
    }
    if (d.report.auditSummary.isEmpty()) {
        const auto verdict = db::audit::AuditVerifier(d.db, d.auditKey).verify(anchor);
        d.report.auditOk = verdict.ok();
        d.report.auditSummary = verdict.summary();
    }

    // Close what a crash left open, unless a live process on this workstation is running a session right now.
    QString lockError;
    if (store->tryLockSessions(&lockError)) {
        auto closed = db::records::SessionRepository(d.context()).markInterruptedSessions(config.workstation);
        store->unlockSessions();
        if (!closed.ok()) {
            *error = QStringLiteral("--db: could not close interrupted sessions: ") + closed.error().message;
            return nullptr;
        }
        d.report.interruptedSessions = *closed;
    }
    // Only extend the anchor over a trail that verified, so a broken trail keeps being reported.
    if (d.report.auditOk) {
        QString anchorError;
        store->refreshAnchor(&anchorError);
    }
    if (config.primaryLockWaitMs > 0) {
        QString waitError;
        if (!d.db.setLockWait(config.primaryLockWaitMs, &waitError)) {
            *error = QStringLiteral("--db: ") + waitError;
            return nullptr;
        }
    }
    return store;
}

const StoreOpenReport& RecordStore::openReport() const
{
    return m_impl->report;
}

const StoreConfig& RecordStore::config() const
{
    return m_impl->config;
}

QString RecordStore::url() const
{
    return m_impl->db.url().toUrl();
}

const core::Clock& RecordStore::clock() const
{
    return m_impl->clock;
}

bool RecordStore::refreshAnchor(QString* error)
{
    if (!m_impl->report.auditOk) {
        *error = QStringLiteral("the audit trail did not verify at start-up; the anchor is left as it was");
        return false;
    }
    auto anchor = db::audit::AuditTrail(m_impl->context()).anchor();
    if (!anchor.ok()) {
        *error = anchor.error().message;
        return false;
    }
    const auto written = db::audit::writeAnchorFile(*anchor, m_impl->config.anchorPath);
    if (!written.ok()) {
        *error = written.error().message;
        return false;
    }
    return true;
}

bool RecordStore::tryLockSessions(QString* error)
{
    if (m_impl->sessionLock && m_impl->sessionLock->isLocked()) {
        return true;
    }
    QDir().mkpath(QFileInfo(m_impl->config.sessionLockPath).absolutePath());
    m_impl->sessionLock.emplace(m_impl->config.sessionLockPath);
    // Never stale by age: only a lock whose process is gone is taken over.
    m_impl->sessionLock->setStaleLockTime(0);
    if (m_impl->sessionLock->tryLock(0)) {
        return true;
    }
    qint64 pid = 0;
    QString host;
    QString app;
    if (!m_impl->sessionLock->getLockInfo(&pid, &host, &app)) {
        // A lock file without an owner: QLockFile creates the file, then writes who holds it; a process killed (or
        // a machine that lost power) between the two leaves it empty, and with no owner it is never stale. Once it
        // is older than any creator still about to write it, it is removed, which QLockFile does only when no live
        // process holds the file's native lock.
        const QDateTime modified = QFileInfo(m_impl->config.sessionLockPath).lastModified();
        const bool abandoned
            = modified.isValid() && std::abs(modified.msecsTo(QDateTime::currentDateTimeUtc())) >= kOwnerlessLockAgeMs;
        if (abandoned && m_impl->sessionLock->removeStaleLockFile() && m_impl->sessionLock->tryLock(0)) {
            return true;
        }
        *error = QStringLiteral("the session lock %1 has no owner written in it (its process may have been "
                                "killed as it took the lock, or may be taking it now); it is taken over when it is "
                                "%2 s old and no live process holds it, so try again")
                     .arg(QDir::toNativeSeparators(m_impl->config.sessionLockPath))
                     .arg(kOwnerlessLockAgeMs / 1000);
        m_impl->sessionLock.reset();
        return false;
    }
    *error = QStringLiteral("another Galvani process (%1, pid %2) is running a session on this workstation")
                 .arg(app.isEmpty() ? QStringLiteral("unknown") : app)
                 .arg(pid);
    m_impl->sessionLock.reset();
    return false;
}

void RecordStore::unlockSessions()
{
    if (m_impl && m_impl->sessionLock) {
        m_impl->sessionLock->unlock();
        m_impl->sessionLock.reset();
    }
}

bool RecordStore::holdsSessionLock() const
{
    return m_impl->sessionLock && m_impl->sessionLock->isLocked();
}

bool RecordStore::reopenAfter(const std::function<bool(QString* error)>& whileClosed, QString* error)
{
    if (holdsSessionLock()) {
        *error = QStringLiteral("a session is running in this process; stop it before replacing the store");
        return false;
    }
    const StoreConfig config = m_impl->config;
    const core::Clock& clock = m_impl->clock;
    const bool primary = m_impl->primary;
    const auto selfTests = m_impl->selfTests; // the devices did not change with the records
    if (primary) {
        QString ignored;
        refreshAnchor(&ignored);
    }
    m_impl.reset();
    QString workError;
    const bool worked = whileClosed(&workError);
    QString openError;
    auto reopened = primary ? open(config, clock, &openError) : openConnection(config, clock, &openError);
    if (reopened) {
        reopened->m_impl->selfTests = selfTests;
        m_impl = std::move(reopened->m_impl);
    }
    if (!worked) {
        *error = m_impl ? workError
                        : QStringLiteral("%1; and the store could not be opened again: %2").arg(workError, openError);
        return false;
    }
    if (!m_impl) {
        *error = QStringLiteral("the store could not be opened again: ") + openError;
        return false;
    }
    return true;
}

RecordStore::Impl& RecordStore::impl()
{
    return *m_impl;
}

} // namespace galvani::app
