// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/logging/RateLimitedLogger.h"

#include "app/logging/Logging.h"

#include <utility>

namespace galvani::app {

RateLimitedLogger::RateLimitedLogger(std::string loggerName, const core::Clock& clock, std::uint32_t maxPerWindow,
    std::chrono::nanoseconds window, LogLevel summaryLevel, std::size_t maxKeys)
    : m_loggerName(std::move(loggerName)), m_summaryLevel(summaryLevel), m_limiter(clock, maxPerWindow, window, maxKeys)
{
}

bool RateLimitedLogger::log(std::string_view key, LogLevel level, std::string_view message)
{
    const RateLimiter::Verdict verdict = m_limiter.admit(key);
    if (!verdict.admitted) {
        return false;
    }
    if (verdict.suppressedBefore > 0) {
        Logging::log(m_loggerName, level, suppressedText(key, verdict.suppressedBefore));
    }
    Logging::log(m_loggerName, level, message);
    return true;
}

std::size_t RateLimitedLogger::reportSuppressed(bool includeOpenWindows)
{
    const auto pending = m_limiter.takeSuppressed(includeOpenWindows);
    for (const auto& item : pending) {
        Logging::log(m_loggerName, m_summaryLevel, suppressedText(item.key, item.count));
    }
    return pending.size();
}

std::string RateLimitedLogger::suppressedText(std::string_view key, std::uint64_t count)
{
    std::string text
        = "suppressed " + std::to_string(count) + (count == 1 ? " repeated message" : " repeated messages");
    text.append(" for '").append(key).append("'");
    return text;
}

} // namespace galvani::app
