// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <thread>

namespace galvani::test {

// Another writer on the record store: a second SQLite connection, on a thread of its own, that on request runs
// BEGIN IMMEDIATE (SQLite's write lock, taken up front), holds it for the given time and COMMITs. While it holds
// the lock every other connection's write (the session recorder's) waits in SQLite's busy handler; reads go on
// (WAL). It writes no row: the lock alone is what a long writer (another process, a bulk import) imposes.
// Used by the STOP benchmarks and the STOP-while-the-store-is-busy regression test.
// Thread affinity: every public member from one thread (the test's or benchmark's main thread); the connection lives on
// the lock's own thread. Ownership: owns that thread and its connection; the destructor lets a hold finish early.
// Units: monotonic nanoseconds of std::chrono::steady_clock (core::SystemClock's monotonic clock).
class StoreWriteLock {
public:
    explicit StoreWriteLock(QString sqlitePath);
    ~StoreWriteLock();
    StoreWriteLock(const StoreWriteLock&) = delete;
    StoreWriteLock& operator=(const StoreWriteLock&) = delete;

    // False (and error() says why) when the connection could not be opened.
    [[nodiscard]] bool ok() const;
    [[nodiscard]] QString error() const;

    // Starts one hold (BEGIN IMMEDIATE, `hold`, COMMIT) on the lock's thread and returns at once. Ignored while a
    // hold is under way.
    void holdFor(std::chrono::milliseconds hold);
    // The write lock is held now.
    [[nodiscard]] bool holding() const;
    // The current or last hold is over (committed or failed).
    [[nodiscard]] bool idle() const;
    // When the last hold began (the lock was taken) and ended (committed); empty before the first.
    [[nodiscard]] std::optional<std::chrono::nanoseconds> lastTaken() const;
    [[nodiscard]] std::optional<std::chrono::nanoseconds> lastReleased() const;
    [[nodiscard]] int holds() const; // holds that took the lock and committed
    [[nodiscard]] int failures() const; // holds whose BEGIN IMMEDIATE or COMMIT failed

private:
    void run();

    QString m_path;
    QString m_connection;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_ready = false;
    bool m_ok = false;
    QString m_error;
    bool m_quit = false;
    std::optional<std::chrono::milliseconds> m_request;
    bool m_busy = false;
    bool m_holding = false;
    std::optional<std::chrono::nanoseconds> m_taken;
    std::optional<std::chrono::nanoseconds> m_released;
    int m_holds = 0;
    int m_failures = 0;
    std::thread m_thread;
};

} // namespace galvani::test
