// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/logging/LoggingConfig.h"

#include <QString>

#include <cstdint>

namespace galvani::app {

// Scope guard for the logging session: starts it on construction, ends it on destruction. Executables
// create one at the top of main() so every exit path, including an exception unwinding out of main(),
// writes the log out.
// If a session was already running (or init failed), this object owns nothing and its destructor leaves
// the other session alone; ok() and error() say what happened.
// Thread affinity: the main thread. Not copyable or movable.
class LoggingSession {
public:
    explicit LoggingSession(const LoggingConfig& config);
    ~LoggingSession();
    LoggingSession(const LoggingSession&) = delete;
    LoggingSession& operator=(const LoggingSession&) = delete;
    LoggingSession(LoggingSession&&) = delete;
    LoggingSession& operator=(LoggingSession&&) = delete;

    // True if this object started the session that is still running.
    [[nodiscard]] bool ok() const;
    // Why init failed; empty on success.
    [[nodiscard]] const QString& error() const noexcept { return m_error; }
    // Ends this object's session early. Safe to call more than once.
    void shutdown();

private:
    std::uint64_t m_sessionId = 0;
    QString m_error;
};

} // namespace galvani::app
