// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/logging/RateLimiter.h"

#include <algorithm>
#include <utility>

namespace galvani::app {

RateLimiter::RateLimiter(
    const core::Clock& clock, std::uint32_t maxPerWindow, std::chrono::nanoseconds window, std::size_t maxKeys)
    : m_clock(clock), m_maxPerWindow(std::max<std::uint32_t>(maxPerWindow, 1)),
      m_window(std::max(window, std::chrono::nanoseconds{1})), m_maxKeys(std::max<std::size_t>(maxKeys, 1))
{
}

bool RateLimiter::windowEnded(const Entry& entry, std::chrono::nanoseconds now) const
{
    return now - entry.windowStart >= m_window;
}

RateLimiter::Entry& RateLimiter::entryFor(std::string_view key, std::chrono::nanoseconds now)
{
    if (const auto it = m_entries.find(key); it != m_entries.end()) {
        return it->second;
    }
    if (m_entries.size() >= m_maxKeys) {
        // Forget keys that can no longer affect a decision: window over and nothing left to report.
        std::erase_if(
            m_entries, [&](const auto& item) { return item.second.suppressed == 0 && windowEnded(item.second, now); });
    }
    if (m_entries.size() >= m_maxKeys) {
        key = kOverflowKey;
        if (const auto it = m_entries.find(key); it != m_entries.end()) {
            return it->second;
        }
        // The overflow key may exceed maxKeys by one; it is the only key that can.
    }
    Entry fresh;
    fresh.windowStart = now;
    return m_entries.emplace(std::string(key), fresh).first->second;
}

RateLimiter::Verdict RateLimiter::admit(std::string_view key)
{
    const std::chrono::nanoseconds now = m_clock.monotonic();
    const std::lock_guard lock(m_mutex);
    Entry& entry = entryFor(key, now);
    if (windowEnded(entry, now)) {
        entry.windowStart = now;
        entry.admittedInWindow = 0;
    }
    Verdict verdict;
    if (entry.admittedInWindow < m_maxPerWindow) {
        ++entry.admittedInWindow;
        verdict.admitted = true;
        verdict.suppressedBefore = std::exchange(entry.suppressed, 0);
    } else {
        ++entry.suppressed;
    }
    return verdict;
}

std::vector<RateLimiter::Suppressed> RateLimiter::takeSuppressed(bool includeOpenWindows)
{
    const std::chrono::nanoseconds now = m_clock.monotonic();
    const std::lock_guard lock(m_mutex);
    std::vector<Suppressed> result;
    for (auto& [key, entry] : m_entries) {
        if (entry.suppressed > 0 && (includeOpenWindows || windowEnded(entry, now))) {
            result.push_back(Suppressed{key, std::exchange(entry.suppressed, 0)});
        }
    }
    return result;
}

std::size_t RateLimiter::trackedKeys() const
{
    const std::lock_guard lock(m_mutex);
    return m_entries.size();
}

} // namespace galvani::app
