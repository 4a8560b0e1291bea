// SPDX-License-Identifier: GPL-3.0-or-later
// StimulatorModel's observers: read-only, callable from any thread (each takes the model's mutex).
#include "device/sim/StimulatorModel.h"

#include <algorithm>

namespace galvani::device::sim {

SimState StimulatorModel::state() const
{
    const std::lock_guard lock(m_mutex);
    return stateLocked();
}

ChannelModel StimulatorModel::physics(int channel) const
{
    const std::lock_guard lock(m_mutex);
    const Channel* c = find(channel);
    return c != nullptr ? c->physics : ChannelModel{};
}

bool StimulatorModel::running(int channel) const
{
    const std::lock_guard lock(m_mutex);
    const Channel* c = find(channel);
    return c != nullptr && c->running;
}

bool StimulatorModel::anyOutput() const
{
    const std::lock_guard lock(m_mutex);
    return anyOutputLocked();
}

ChannelOutput StimulatorModel::outputLocked(std::size_t index, std::chrono::nanoseconds now) const
{
    const Channel& c = m_channels[index];
    ChannelOutput out;
    out.channel = static_cast<int>(index) + 1;
    out.resistance = c.physics.resistance();
    out.electrodeError = c.electrodeError;
    out.stuck = c.stuck;
    if (!c.running) {
        return out;
    }
    out.running = true;
    out.commanded = peakCurrent(c.commanded);
    out.phaseWidth = widestPhase(c.commanded);
    out.period = c.period;
    double factor = 1.0;
    if (c.rampPulses > 0 && c.period.value() > 0) {
        const auto elapsedUs = std::chrono::duration_cast<std::chrono::microseconds>(now - c.enabledAt).count();
        const auto pulse = elapsedUs / c.period.value(); // index of the pulse running now
        factor = std::min(1.0, static_cast<double>(pulse + 1) / static_cast<double>(c.rampPulses + 1));
    }
    const PulseShape shape = factor < 1.0 ? scaled(c.applied, factor) : c.applied;
    out.delivered = c.physics.settledPeak(shape, c.compliance);
    out.lowCurrent = c.physics.complianceLimited(shape, c.compliance);
    return out;
}

std::vector<ChannelOutput> StimulatorModel::outputs() const
{
    const std::lock_guard lock(m_mutex);
    const auto now = m_clock.monotonic();
    std::vector<ChannelOutput> out;
    for (std::size_t i = 0; i < static_cast<std::size_t>(m_config.channels); ++i) {
        out.push_back(outputLocked(i, now));
    }
    return out;
}

ChannelOutput StimulatorModel::output(int channel) const
{
    const std::lock_guard lock(m_mutex);
    if (find(channel) == nullptr) {
        return ChannelOutput{};
    }
    return outputLocked(static_cast<std::size_t>(channel - 1), m_clock.monotonic());
}

core::Microamps StimulatorModel::delivered(int channel) const
{
    return output(channel).delivered;
}

std::optional<StopEvent> StimulatorModel::lastStop() const
{
    const std::lock_guard lock(m_mutex);
    return m_lastStop;
}

std::optional<StopEvent> StimulatorModel::lastChannelStop(int channel) const
{
    const std::lock_guard lock(m_mutex);
    const Channel* c = find(channel);
    return c != nullptr ? c->lastStop : std::nullopt;
}

std::vector<OracleEntry> StimulatorModel::oracle() const
{
    const std::lock_guard lock(m_mutex);
    return {m_oracle.begin(), m_oracle.end()};
}

std::size_t StimulatorModel::oracleCount() const
{
    const std::lock_guard lock(m_mutex);
    return m_oracleCount;
}

std::vector<AppliedSetting> StimulatorModel::appliedLog() const
{
    const std::lock_guard lock(m_mutex);
    return {m_applied.begin(), m_applied.end()};
}

} // namespace galvani::device::sim
