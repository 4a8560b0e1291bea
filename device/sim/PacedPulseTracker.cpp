// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/sim/PacedPulseTracker.h"

#include "device/sim/SimText.h"
#include "device/sim/StimulatorModel.h"

#include <algorithm>

namespace galvani::device::sim {

PacedPulseTracker::PacedPulseTracker(StimulatorModel& model, std::string mode) : m_model(model), m_mode(std::move(mode))
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { expire(); });
}

std::chrono::nanoseconds PacedPulseTracker::now()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch());
}

core::Microseconds PacedPulseTracker::pulse(int channel)
{
    if (channel < 1 || channel > kMaxSimChannels) {
        return core::Microseconds(0);
    }
    const auto i = static_cast<std::size_t>(channel - 1);
    const auto t = now();
    m_pace[i] = std::chrono::nanoseconds(0);
    if (m_last[i]) {
        const auto interval = t - *m_last[i];
        if (interval > std::chrono::nanoseconds(0) && interval <= kLongestPace) {
            m_pace[i] = interval;
        }
    }
    m_last[i] = t;
    const auto hold = m_pace[i].count() > 0 ? m_pace[i] + m_pace[i] / 2 : std::chrono::nanoseconds(kUnknownPaceHold);
    m_deadline[i] = t + hold;
    rearm();
    return core::Microseconds(std::chrono::duration_cast<std::chrono::microseconds>(m_pace[i]).count());
}

void PacedPulseTracker::reset()
{
    m_last.fill(std::nullopt);
    m_deadline.fill(std::nullopt);
    m_pace.fill(std::chrono::nanoseconds(0));
    m_timer.stop();
}

void PacedPulseTracker::rearm()
{
    std::optional<std::chrono::nanoseconds> earliest;
    for (const auto& d : m_deadline) {
        if (d && (!earliest || *d < *earliest)) {
            earliest = d;
        }
    }
    if (!earliest) {
        m_timer.stop();
        return;
    }
    const auto wait = std::chrono::ceil<std::chrono::milliseconds>(*earliest - now());
    m_timer.start(std::max(wait, std::chrono::milliseconds(0)));
}

void PacedPulseTracker::expire()
{
    const auto t = now();
    for (std::size_t i = 0; i < m_deadline.size(); ++i) {
        if (!m_deadline[i] || *m_deadline[i] > t) {
            continue;
        }
        const auto silent = std::chrono::duration_cast<std::chrono::microseconds>(t - m_last[i].value_or(t));
        std::string detail = "no pulse for " + formatDuration(core::Microseconds(silent.count()));
        if (m_pace[i].count() > 0) {
            const auto pace = std::chrono::duration_cast<std::chrono::microseconds>(m_pace[i]);
            detail += ", expected every " + formatDuration(core::Microseconds(pace.count()));
        }
        if (!m_mode.empty()) {
            detail += " (" + m_mode + ")";
        }
        m_model.stopChannel(static_cast<int>(i) + 1, StopCause::HostSilentLowLevel, detail);
        m_deadline[i].reset();
        m_last[i].reset();
    }
    rearm();
}

} // namespace galvani::device::sim
