// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>

namespace galvani::core {

// Source of time for everything that schedules, times out or stamps records.
// Thread affinity: implementations must be safe to call from any thread.
// Ownership: held by reference; the composition root (or a test) owns the instance.
// Units: monotonic() is nanoseconds since an arbitrary fixed origin (never goes back);
//        utcNow() is wall-clock UTC (may jump when the system clock is set).
class Clock {
public:
    virtual ~Clock() = default;
    [[nodiscard]] virtual std::chrono::nanoseconds monotonic() const = 0;
    [[nodiscard]] virtual std::chrono::system_clock::time_point utcNow() const = 0;
};

// The real clocks: std::chrono::steady_clock and std::chrono::system_clock.
class SystemClock final : public Clock {
public:
    [[nodiscard]] std::chrono::nanoseconds monotonic() const override;
    [[nodiscard]] std::chrono::system_clock::time_point utcNow() const override;
};

} // namespace galvani::core
