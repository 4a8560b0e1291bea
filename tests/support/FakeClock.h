// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Clock.h"

#include <atomic>
#include <chrono>

namespace galvani::test {

// A Clock that only moves when the test says so.
// Thread affinity: any thread (atomics); tests normally advance it from the test thread.
// Units: monotonic in nanoseconds; UTC starts at 2026-01-01T00:00:00Z unless set.
class FakeClock final : public core::Clock {
public:
    FakeClock();
    [[nodiscard]] std::chrono::nanoseconds monotonic() const override;
    [[nodiscard]] std::chrono::system_clock::time_point utcNow() const override;

    // Moves both clocks forward by d (must be >= 0).
    void advance(std::chrono::nanoseconds d);
    // Sets the wall clock alone (a clock jump); the monotonic clock is unaffected.
    void setUtc(std::chrono::system_clock::time_point t);
    // From now on every wall-clock read moves the wall clock on by `step` after it is taken (0: off), as a real
    // clock moves between two reads of the same operation.
    void setStepPerUtcRead(std::chrono::nanoseconds step);

private:
    std::atomic<std::int64_t> m_monoNs{0};
    mutable std::atomic<std::int64_t> m_utcNs;
    std::atomic<std::int64_t> m_stepPerUtcReadNs{0};
};

} // namespace galvani::test
