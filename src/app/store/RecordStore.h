// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace galvani::core {
class Clock;
}

namespace galvani::app {

// What opening the store found and did, for the start-up screen, the log and the CLI.
struct StoreOpenReport {
    int fromVersion = 0; // schema version found (0: a new store)
    int toVersion = 0; // schema version after migration
    QString backupPath; // copy written before an upgrade, empty when none was needed
    QList<qint64> interruptedSessions; // sessions a crash left open, closed now as app_crash (never resumed)
    bool auditOk = true; // the audit trail verified (chain, MACs and, when an anchor file exists, its tail)
    QString auditSummary; // "OK (1234 rows)" or the first broken row
};

// Where a store and its companions live. Defaults (AppPaths): the user's data folder.
struct StoreConfig {
    QString storeUrl; // sqlite:PATH or postgresql://user@host[:port]/db
    QString auditKeyPath; // the audit MAC key, outside the store (created 0600 if missing)
    QString anchorPath; // this workstation's audit anchor for the store (last id + hash, MACed)
    QString sessionLockPath; // held by the process that runs sessions on this workstation
    QString workstation; // name recorded with sessions; interrupted sessions are found per workstation
    // How long a write through the primary connection (open()) waits for another writer before it fails with "the
    // record store is busy", in ms; 0 keeps the store's default (SQLite 5 s). Applied after migration, audit
    // verification and crash recovery, which always wait the default. Further connections (openConnection(): the
    // session recorder, export and backup workers) always wait the default. The GUI sets
    // kInteractiveLockWaitMs: its main thread also takes STOP (F12, the STOP button), which must never queue behind
    // a store wait (CLINICAL §1.3).
    int primaryLockWaitMs = 0;
    static constexpr int kInteractiveLockWaitMs = 50;

    // The defaults for a store URL: key, anchor and lock in the data folder, the host name as workstation.
    [[nodiscard]] static StoreConfig defaults(const QString& storeUrl);
};

// The open record store of one thread: the connection, the audit key and the clock, after schema migration.
// open() (the primary, once per process, on the main thread) migrates the schema, verifies the audit trail against
// the anchor file and — only when no other live process on this workstation holds the session lock — closes
// sessions a crash left open (end reason app_crash; nothing resumes). openConnection() opens a further connection
// for another thread (the db thread) without any of that.
// The session lock (QLockFile, stale when its process died) is taken by whoever runs a session and released when
// it ends, so one workstation never runs two sessions at once and a live session is never marked interrupted. A lock
// file its creator died before writing its owner into is taken over once it is 2 s old and no live process holds it.
// The anchor file is refreshed on close and whenever a service calls refreshAnchor().
// Thread affinity: the thread that opened it (one connection per thread). Ownership: owns the connection and key;
// borrows the clock, which must outlive it.
class RecordStore {
public:
    // The form of a store URL, checked without opening anything: nullopt for sqlite:PATH or
    // postgresql://user@host[:port]/db, else why not (naming the part at fault and the forms allowed). open()
    // refuses exactly these URLs with the same message, and besides them only stores it cannot reach or use; so a
    // caller can tell a malformed --db argument from an unreachable store.
    [[nodiscard]] static std::optional<QString> checkUrl(const QString& storeUrl);
    [[nodiscard]] static std::unique_ptr<RecordStore> open(
        const StoreConfig& config, const core::Clock& clock, QString* error);
    [[nodiscard]] static std::unique_ptr<RecordStore> openConnection(
        const StoreConfig& config, const core::Clock& clock, QString* error);
    ~RecordStore();
    RecordStore(const RecordStore&) = delete;
    RecordStore& operator=(const RecordStore&) = delete;

    [[nodiscard]] const StoreOpenReport& openReport() const;
    [[nodiscard]] const StoreConfig& config() const;
    [[nodiscard]] QString url() const; // canonical store URL
    [[nodiscard]] const core::Clock& clock() const;

    // Writes the anchor file for the trail's current tail. Returns false and sets *error on failure.
    bool refreshAnchor(QString* error);

    // The workstation's session lock. tryLockSessions() fails with a message when another live process holds it.
    [[nodiscard]] bool tryLockSessions(QString* error);
    void unlockSessions();
    [[nodiscard]] bool holdsSessionLock() const;

    // Closes this connection, runs `whileClosed` — the only moment the store file may be replaced, as a restore
    // does — and opens the store again as open() (or openConnection()) did: migration, audit verification against
    // the anchor file, interrupted sessions. Every db object taken from impl() before the call is invalid after it
    // (services build their repositories per call). Refused while this process holds the session lock.
    // Returns false with *error when `whileClosed` fails (the store is reopened as it was) or when the store cannot
    // be opened again; in the latter case isOpen() is false and nothing but destruction may follow.
    bool reopenAfter(const std::function<bool(QString* error)>& whileClosed, QString* error);
    [[nodiscard]] bool isOpen() const { return m_impl != nullptr; }

    // For the app's own services (defined in RecordStoreImpl.h, which only app .cpp files include).
    struct Impl;
    [[nodiscard]] Impl& impl();

private:
    explicit RecordStore(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace galvani::app
