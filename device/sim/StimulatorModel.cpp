// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/sim/StimulatorModel.h"

#include "device/sim/SimText.h"

#include <algorithm>

namespace galvani::device::sim {

namespace {

std::string stopText(StopCause cause, std::string_view detail)
{
    std::string text = "output stopped (" + std::string(toString(cause));
    if (!detail.empty()) {
        text += ": " + std::string(detail);
    }
    return text + ")";
}

bool delivering(bool running, const PulseShape& commanded)
{
    return running && peakCurrent(commanded).value() > 0;
}

} // namespace

StimulatorModel::StimulatorModel(const SimulatorConfig& config, const core::Clock& clock)
    : m_config(config), m_clock(clock)
{
    for (std::size_t i = 0; i < m_channels.size(); ++i) {
        m_channels[i].physics.setLoad(config.loads[i]);
        m_channels[i].physics.setError(config.errors[i]);
    }
}

StimulatorModel::Channel* StimulatorModel::find(int channel)
{
    if (channel < 1 || channel > m_config.channels) {
        return nullptr;
    }
    return &m_channels[static_cast<std::size_t>(channel - 1)];
}

const StimulatorModel::Channel* StimulatorModel::find(int channel) const
{
    if (channel < 1 || channel > m_config.channels) {
        return nullptr;
    }
    return &m_channels[static_cast<std::size_t>(channel - 1)];
}

bool StimulatorModel::anyOutputLocked() const
{
    return std::any_of(
        m_channels.begin(), m_channels.end(), [](const Channel& c) { return delivering(c.running, c.commanded); });
}

SimState StimulatorModel::stateLocked() const
{
    if (m_baseState == SimState::LatchedWatchdog) {
        return m_baseState;
    }
    return anyOutputLocked() ? SimState::Stimulating : m_baseState;
}

void StimulatorModel::publish(const std::vector<std::string>& lines, SimState before, SimState after) const
{
    for (const auto& line : lines) {
        log(line);
    }
    if (before != after) {
        log("state " + std::string(toString(after)));
        if (m_stateSink) {
            m_stateSink(after);
        }
    }
}

void StimulatorModel::log(const std::string& line) const
{
    if (m_log) {
        m_log(line);
    }
}

void StimulatorModel::setBaseState(SimState state)
{
    SimState before = SimState::Idle;
    SimState after = SimState::Idle;
    {
        const std::lock_guard lock(m_mutex);
        before = stateLocked();
        m_baseState = state == SimState::Stimulating ? SimState::Armed : state;
        after = stateLocked();
    }
    publish({}, before, after);
}

void StimulatorModel::applyStuck(Channel& c)
{
    if (c.stuck && !c.stuckLevel && peakCurrent(c.commanded).value() > 0) {
        c.stuckLevel = peakCurrent(c.commanded); // frozen at the first level it is given
    }
    c.applied = c.stuck && c.stuckLevel ? withPeak(c.commanded, *c.stuckLevel) : c.commanded;
}

void StimulatorModel::record(const Channel& c, int channel, std::string_view command)
{
    m_applied.push_back(AppliedSetting{m_clock.monotonic(), channel, peakCurrent(c.commanded), widestPhase(c.commanded),
        c.period, std::string(command)});
    while (m_applied.size() > kMaxAppliedEntries) {
        m_applied.pop_front();
    }
}

void StimulatorModel::runChannel(int channel, const PulseShape& shape, core::Microseconds period, int rampPulses,
    core::Millivolts compliance, bool restartRamp, std::string_view command)
{
    SimState before = SimState::Idle;
    SimState after = SimState::Idle;
    {
        const std::lock_guard lock(m_mutex);
        Channel* c = find(channel);
        if (c == nullptr) {
            return;
        }
        before = stateLocked();
        if (restartRamp || !c->running) {
            c->enabledAt = m_clock.monotonic();
        }
        c->running = true;
        c->commanded = shape;
        c->period = period;
        c->rampPulses = rampPulses;
        c->compliance = compliance;
        applyStuck(*c);
        record(*c, channel, command);
        after = stateLocked();
    }
    publish({}, before, after);
}

PulseShape StimulatorModel::firePulse(int channel, const PulseShape& shape, core::Microseconds expectedPeriod,
    core::Millivolts compliance, std::string_view command)
{
    SimState before = SimState::Idle;
    SimState after = SimState::Idle;
    PulseShape applied;
    {
        const std::lock_guard lock(m_mutex);
        Channel* c = find(channel);
        if (c == nullptr) {
            return {};
        }
        before = stateLocked();
        if (!c->running) {
            c->enabledAt = m_clock.monotonic();
        }
        c->running = true;
        c->commanded = shape;
        c->period = expectedPeriod;
        c->rampPulses = 0;
        c->compliance = compliance;
        applyStuck(*c);
        record(*c, channel, command);
        applied = c->applied;
        after = stateLocked();
    }
    publish({}, before, after);
    return applied;
}

bool StimulatorModel::stopChannel(int channel, StopCause cause, std::string_view detail)
{
    SimState before = SimState::Idle;
    SimState after = SimState::Idle;
    std::vector<std::string> lines;
    bool wasOn = false;
    {
        const std::lock_guard lock(m_mutex);
        Channel* c = find(channel);
        if (c == nullptr || !c->running) {
            return false;
        }
        before = stateLocked();
        const bool anyBefore = anyOutputLocked();
        wasOn = delivering(c->running, c->commanded);
        c->running = false;
        const auto now = m_clock.monotonic();
        if (wasOn) {
            c->lastStop = StopEvent{now, cause, std::string(detail)};
            lines.push_back("channel " + std::to_string(channel) + " " + stopText(cause, detail));
        }
        if (anyBefore && !anyOutputLocked()) {
            m_lastStop = StopEvent{now, cause, std::string(detail)};
        }
        after = stateLocked();
    }
    publish(lines, before, after);
    return wasOn;
}

bool StimulatorModel::stopAll(StopCause cause, std::string_view detail, std::optional<SimState> baseState)
{
    SimState before = SimState::Idle;
    SimState after = SimState::Idle;
    std::vector<std::string> lines;
    bool wasOn = false;
    {
        const std::lock_guard lock(m_mutex);
        before = stateLocked();
        wasOn = anyOutputLocked();
        const auto now = m_clock.monotonic();
        for (auto& c : m_channels) {
            if (delivering(c.running, c.commanded)) {
                c.lastStop = StopEvent{now, cause, std::string(detail)};
            }
            c.running = false;
        }
        if (wasOn) {
            m_lastStop = StopEvent{now, cause, std::string(detail)};
            lines.push_back(stopText(cause, detail));
        }
        if (baseState) {
            m_baseState = *baseState == SimState::Stimulating ? SimState::Armed : *baseState;
        }
        after = stateLocked();
    }
    publish(lines, before, after);
    return wasOn;
}

void StimulatorModel::setElectrodeError(int channel, bool error)
{
    const std::lock_guard lock(m_mutex);
    if (Channel* c = find(channel)) {
        c->electrodeError = error;
    }
}

void StimulatorModel::clearElectrodeErrors()
{
    const std::lock_guard lock(m_mutex);
    for (auto& c : m_channels) {
        c.electrodeError = false;
    }
}

void StimulatorModel::recordViolation(std::string command, std::string reason)
{
    const std::string line = "oracle: " + command + " refused: " + reason;
    {
        const std::lock_guard lock(m_mutex);
        m_oracle.push_back(OracleEntry{m_clock.monotonic(), std::move(command), std::move(reason)});
        ++m_oracleCount;
        while (m_oracle.size() > kMaxOracleEntries) {
            m_oracle.pop_front();
        }
    }
    log(line);
}

void StimulatorModel::setOpenElectrode(int channel, bool open)
{
    const std::lock_guard lock(m_mutex);
    if (Channel* c = find(channel)) {
        c->physics.setOpenElectrode(open);
    }
}

void StimulatorModel::setImpedanceOverride(int channel, std::optional<core::Ohms> ohms)
{
    const std::lock_guard lock(m_mutex);
    if (Channel* c = find(channel)) {
        c->physics.setImpedanceOverride(ohms);
    }
}

void StimulatorModel::setOverCurrent(int channel, bool on)
{
    const std::lock_guard lock(m_mutex);
    if (Channel* c = find(channel)) {
        c->physics.setOverCurrent(on);
    }
}

void StimulatorModel::setStuck(int channel, bool stuck)
{
    const std::lock_guard lock(m_mutex);
    if (Channel* c = find(channel)) {
        c->stuck = stuck;
        c->stuckLevel.reset();
        if (stuck && c->running && peakCurrent(c->applied).value() > 0) {
            c->stuckLevel = peakCurrent(c->applied); // frozen where it is now
        }
        applyStuck(*c);
    }
}

} // namespace galvani::device::sim
