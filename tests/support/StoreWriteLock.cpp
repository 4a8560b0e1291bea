// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/StoreWriteLock.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace galvani::test {

namespace {

std::chrono::nanoseconds now()
{
    return std::chrono::steady_clock::now().time_since_epoch();
}

// Longer than any write of the session recorder, so the lock is always taken in the end.
constexpr int kBusyTimeoutMs = 30'000;

} // namespace

StoreWriteLock::StoreWriteLock(QString sqlitePath)
    : m_path(std::move(sqlitePath)),
      m_connection(QStringLiteral("store-write-lock-%1").arg(reinterpret_cast<quintptr>(this)))
{
    m_thread = std::thread([this] { run(); });
    std::unique_lock lock(m_mutex);
    m_wake.wait(lock, [this] { return m_ready; });
}

StoreWriteLock::~StoreWriteLock()
{
    {
        const std::lock_guard lock(m_mutex);
        m_quit = true;
    }
    m_wake.notify_all();
    m_thread.join();
    QSqlDatabase::removeDatabase(m_connection);
}

bool StoreWriteLock::ok() const
{
    const std::lock_guard lock(m_mutex);
    return m_ok;
}

QString StoreWriteLock::error() const
{
    const std::lock_guard lock(m_mutex);
    return m_error;
}

void StoreWriteLock::holdFor(std::chrono::milliseconds hold)
{
    {
        const std::lock_guard lock(m_mutex);
        if (m_busy || m_request) {
            return;
        }
        m_request = hold;
        m_busy = true;
    }
    m_wake.notify_all();
}

bool StoreWriteLock::holding() const
{
    const std::lock_guard lock(m_mutex);
    return m_holding;
}

bool StoreWriteLock::idle() const
{
    const std::lock_guard lock(m_mutex);
    return !m_busy;
}

std::optional<std::chrono::nanoseconds> StoreWriteLock::lastTaken() const
{
    const std::lock_guard lock(m_mutex);
    return m_taken;
}

std::optional<std::chrono::nanoseconds> StoreWriteLock::lastReleased() const
{
    const std::lock_guard lock(m_mutex);
    return m_released;
}

int StoreWriteLock::holds() const
{
    const std::lock_guard lock(m_mutex);
    return m_holds;
}

int StoreWriteLock::failures() const
{
    const std::lock_guard lock(m_mutex);
    return m_failures;
}

void StoreWriteLock::run()
{
    {
        // The connection is created, used and closed on this thread only (QSqlDatabase's rule).
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
        db.setDatabaseName(m_path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs));
        const bool opened = db.open();
        {
            const std::lock_guard lock(m_mutex);
            m_ok = opened;
            m_error = opened ? QString() : db.lastError().text();
            m_ready = true;
        }
        m_wake.notify_all();
        while (opened) {
            std::chrono::milliseconds hold{0};
            {
                std::unique_lock lock(m_mutex);
                m_wake.wait(lock, [this] { return m_quit || m_request.has_value(); });
                if (m_quit) {
                    break;
                }
                hold = *m_request;
                m_request.reset();
            }
            QSqlQuery q(db);
            const bool began = q.exec(QStringLiteral("BEGIN IMMEDIATE"));
            const auto taken = now();
            {
                const std::lock_guard lock(m_mutex);
                m_holding = began;
                if (began) {
                    m_taken = taken;
                } else {
                    ++m_failures;
                    m_busy = false;
                }
            }
            if (!began) {
                continue;
            }
            {
                std::unique_lock lock(m_mutex);
                m_wake.wait_until(lock, std::chrono::steady_clock::time_point(taken + hold), [this] { return m_quit; });
            }
            const bool committed = q.exec(QStringLiteral("COMMIT"));
            if (!committed) {
                q.exec(QStringLiteral("ROLLBACK"));
            }
            const std::lock_guard lock(m_mutex);
            m_holding = false;
            m_released = now();
            m_busy = false;
            if (committed) {
                ++m_holds;
            } else {
                ++m_failures;
            }
        }
        db.close();
    }
}

} // namespace galvani::test
