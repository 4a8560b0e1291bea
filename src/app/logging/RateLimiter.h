// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Clock.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace galvani::app {

// Decides whether a repeated event (typically the same protocol error over and over) may be logged, and
// counts the ones that may not. Each key gets at most maxPerWindow admissions per window; later events in
// the same window are suppressed and counted, and the count is handed back exactly once: either with the
// key's next admitted event or by takeSuppressed().
//
// Windows are fixed per key: a window opens with the first event after the previous one ended.
// The number of keys is bounded (keys may carry device names or error codes): when maxKeys are tracked,
// keys with nothing pending are forgotten first, and if none can be, further new keys share one overflow
// key, kOverflowKey.
//
// Thread affinity: any thread (internally locked). Ownership: holds the clock by reference; the clock must
// outlive the limiter. Units: window in nanoseconds of the clock's monotonic time.
class RateLimiter {
public:
    static constexpr std::string_view kOverflowKey = "(other)";

    struct Verdict {
        bool admitted = false;
        // Events of this key suppressed since the last report; non-zero only when admitted.
        std::uint64_t suppressedBefore = 0;
    };
    struct Suppressed {
        std::string key;
        std::uint64_t count = 0;
    };

    RateLimiter(const core::Clock& clock, std::uint32_t maxPerWindow, std::chrono::nanoseconds window,
        std::size_t maxKeys = 256);

    Verdict admit(std::string_view key);

    // Reports and resets pending suppression counts: of keys whose window has ended, or of every key when
    // includeOpenWindows (use at shutdown). Sorted by key.
    [[nodiscard]] std::vector<Suppressed> takeSuppressed(bool includeOpenWindows = false);

    [[nodiscard]] std::size_t trackedKeys() const;

private:
    struct Entry {
        std::chrono::nanoseconds windowStart{0};
        std::uint32_t admittedInWindow = 0;
        std::uint64_t suppressed = 0;
    };

    [[nodiscard]] bool windowEnded(const Entry& entry, std::chrono::nanoseconds now) const;
    Entry& entryFor(std::string_view key, std::chrono::nanoseconds now);

    const core::Clock& m_clock;
    const std::uint32_t m_maxPerWindow;
    const std::chrono::nanoseconds m_window;
    const std::size_t m_maxKeys;
    mutable std::mutex m_mutex;
    std::map<std::string, Entry, std::less<>> m_entries;
};

} // namespace galvani::app
