// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QTimer>

#include <chrono>
#include <functional>

namespace galvani::device::sim {

// The device's host watchdog: expires when no host activity was seen for `period` while armed.
// kick() is cheap (it records a time; the timer is re-armed only when it fires), so it can be called
// for every received frame. On expiry the watchdog disarms itself before calling onExpired, with how
// long the host had been silent. Re-arming is the device model's decision (it latches).
// Thread affinity: the simulator's thread (owns a QTimer). Units: milliseconds, monotonic time.
class Watchdog {
public:
    using Expired = std::function<void(std::chrono::milliseconds silentFor)>;

    explicit Watchdog(Expired onExpired);

    // Starts watching, counting from now.
    void arm(std::chrono::milliseconds period);
    void disarm();
    // Host activity: restarts the count.
    void kick();
    [[nodiscard]] bool armed() const { return m_armed; }
    [[nodiscard]] std::chrono::milliseconds period() const { return m_period; }

private:
    void check();
    [[nodiscard]] static std::chrono::nanoseconds now();

    Expired m_onExpired;
    QTimer m_timer;
    bool m_armed = false;
    std::chrono::milliseconds m_period{0};
    std::chrono::nanoseconds m_lastActivity{0};
};

} // namespace galvani::device::sim
