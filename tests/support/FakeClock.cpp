// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/FakeClock.h"

#include <stdexcept>

namespace galvani::test {

namespace {
// 2026-01-01T00:00:00Z in nanoseconds since the Unix epoch.
constexpr std::int64_t kDefaultUtcNs = 1'767'225'600LL * 1'000'000'000LL;
} // namespace

FakeClock::FakeClock() : m_utcNs(kDefaultUtcNs)
{
}

std::chrono::nanoseconds FakeClock::monotonic() const
{
    return std::chrono::nanoseconds(m_monoNs.load());
}

std::chrono::system_clock::time_point FakeClock::utcNow() const
{
    const std::int64_t ns = m_utcNs.fetch_add(m_stepPerUtcReadNs.load());
    return std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::nanoseconds(ns)));
}

void FakeClock::advance(std::chrono::nanoseconds d)
{
    if (d.count() < 0) {
        throw std::invalid_argument("FakeClock::advance: a monotonic clock cannot go back");
    }
    m_monoNs += d.count();
    m_utcNs += d.count();
}

void FakeClock::setUtc(std::chrono::system_clock::time_point t)
{
    m_utcNs = std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

void FakeClock::setStepPerUtcRead(std::chrono::nanoseconds step)
{
    m_stepPerUtcReadNs = step.count();
}

} // namespace galvani::test
