// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/logging/LogLevel.h"
#include "app/logging/RateLimiter.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace galvani::app {

// Logs messages that can repeat at line rate (a corrupted frame every millisecond, a CRC error per
// telemetry packet) without flooding the log: per key, at most maxPerWindow messages per window reach the
// named logger. When a key is admitted again after some of its messages were held back, a line
// "suppressed K repeated messages for '<key>'" precedes it; reportSuppressed() writes such lines for keys
// that went quiet (call it from a periodic timer, and with includeOpenWindows at shutdown).
//
// Thread affinity: any thread. Ownership: holds the clock by reference; looks the logger up by name at each
// write, so it stays valid across logging sessions. Units: window in nanoseconds of monotonic time.
class RateLimitedLogger {
public:
    RateLimitedLogger(std::string loggerName, const core::Clock& clock, std::uint32_t maxPerWindow,
        std::chrono::nanoseconds window = std::chrono::seconds(1), LogLevel summaryLevel = LogLevel::Warn,
        std::size_t maxKeys = 256);

    // Logs message unless key is over its budget; returns true if it was logged.
    bool log(std::string_view key, LogLevel level, std::string_view message);

    // Writes a "suppressed" line (at the summary level) for every key with held-back messages whose window
    // has ended, or for every such key when includeOpenWindows. Returns the number of lines written.
    std::size_t reportSuppressed(bool includeOpenWindows = false);

    [[nodiscard]] const std::string& loggerName() const noexcept { return m_loggerName; }

    // The text of a suppression line; exposed so tests and the log pane can recognise it.
    [[nodiscard]] static std::string suppressedText(std::string_view key, std::uint64_t count);

private:
    const std::string m_loggerName;
    const LogLevel m_summaryLevel;
    RateLimiter m_limiter;
};

} // namespace galvani::app
