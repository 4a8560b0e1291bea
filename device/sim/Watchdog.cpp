// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/sim/Watchdog.h"

#include <algorithm>

namespace galvani::device::sim {

Watchdog::Watchdog(Expired onExpired) : m_onExpired(std::move(onExpired))
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { check(); });
}

std::chrono::nanoseconds Watchdog::now()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch());
}

void Watchdog::arm(std::chrono::milliseconds period)
{
    m_armed = true;
    m_period = period;
    m_lastActivity = now();
    m_timer.start(m_period);
}

void Watchdog::disarm()
{
    m_armed = false;
    m_timer.stop();
}

void Watchdog::kick()
{
    m_lastActivity = now();
    if (m_armed && !m_timer.isActive()) {
        m_timer.start(m_period);
    }
}

void Watchdog::check()
{
    if (!m_armed) {
        return;
    }
    const auto silent = now() - m_lastActivity;
    if (silent >= m_period) {
        disarm();
        m_onExpired(std::chrono::duration_cast<std::chrono::milliseconds>(silent));
        return;
    }
    // Activity since the timer was started: wait for the rest of the period after the last one.
    const auto rest = std::chrono::ceil<std::chrono::milliseconds>(m_period - silent);
    m_timer.start(std::max(rest, std::chrono::milliseconds(1)));
}

} // namespace galvani::device::sim
