// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/logging/LogLevel.h"

#include <QString>

#include <chrono>
#include <cstddef>

namespace galvani::app {

// Everything Logging::init() needs. Plain value; the defaults are what the GUI uses, apart from logDir,
// which the executable sets to AppPaths::logDir().
struct LoggingConfig {
    // Folder for the rotating log file. Empty: no file is written. Created (owner-only) if missing.
    QString logDir;
    QString fileName = QStringLiteral("galvani.log");
    // Rotation: when the current file would grow past maxFileBytes it is renamed galvani.1.log (older ones
    // shift up) and a new one starts. maxFiles counts every file kept, the current one included.
    std::size_t maxFileBytes = std::size_t{5} * 1024 * 1024; // bytes
    std::size_t maxFiles = 5;
    LogLevel fileLevel = defaultFileLevel();

    // Standard error: verbose in debug builds, warnings and worse otherwise.
    bool stderrEnabled = true;
    LogLevel stderrLevel = defaultStderrLevel();

    // In-memory ring of recent formatted lines for the in-app log pane.
    std::size_t ringCapacity = 2000; // lines
    LogLevel ringLevel = LogLevel::Info;

    // Asynchronous queue between the logging threads and the single writer thread. When full, the oldest
    // queued message is dropped (and counted) unless blockWhenQueueFull: a device thread must never wait
    // for a slow disk, so blocking is for tools only.
    std::size_t queueCapacity = 8192; // messages
    bool blockWhenQueueFull = false;

    // Messages at or above flushLevel are flushed to disk as soon as they are written; everything else at
    // least every flushInterval.
    LogLevel flushLevel = LogLevel::Warn;
    std::chrono::seconds flushInterval{2};

    // Route qDebug/qInfo/qWarning/qCritical/qFatal into the log (see QtMessageRouter).
    bool routeQtMessages = true;

    [[nodiscard]] static constexpr LogLevel defaultStderrLevel() noexcept
    {
#ifdef NDEBUG
        return LogLevel::Warn;
#else
        return LogLevel::Debug;
#endif
    }
    [[nodiscard]] static constexpr LogLevel defaultFileLevel() noexcept
    {
#ifdef NDEBUG
        return LogLevel::Info;
#else
        return LogLevel::Debug;
#endif
    }
};

} // namespace galvani::app
