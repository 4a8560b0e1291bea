// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/logging/LoggingSession.h"

#include "app/logging/Logging.h"

namespace galvani::app {

LoggingSession::LoggingSession(const LoggingConfig& config)
{
    if (Logging::init(config, &m_error)) {
        m_sessionId = Logging::sessionId();
    }
}

LoggingSession::~LoggingSession()
{
    shutdown();
}

bool LoggingSession::ok() const
{
    return m_sessionId != 0 && Logging::sessionId() == m_sessionId;
}

void LoggingSession::shutdown()
{
    // Only the session this object started: if someone ended it and started another, that one is not ours.
    if (ok()) {
        Logging::shutdown();
    }
    m_sessionId = 0;
}

} // namespace galvani::app
