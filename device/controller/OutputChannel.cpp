// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/controller/OutputChannel.h"

#include <algorithm>
#include <cmath>

namespace galvani::device {

namespace {

using std::chrono::nanoseconds;

std::int64_t floorToGrid(std::int64_t value, std::int64_t grid)
{
    if (grid <= 1) {
        return value;
    }
    const std::int64_t q = value / grid;
    return (value < 0 && q * grid != value ? q - 1 : q) * grid;
}

double fraction(nanoseconds part, nanoseconds whole)
{
    if (whole.count() <= 0) {
        return 1.0;
    }
    return std::clamp(static_cast<double>(part.count()) / static_cast<double>(whole.count()), 0.0, 1.0);
}

nanoseconds toNs(core::Microseconds us)
{
    return std::chrono::microseconds(us.value());
}

} // namespace

OutputChannel::OutputChannel(const core::ChannelProgram& program, const RunLimits* limits, core::Microamps grid,
    core::Microamps maxStep, nanoseconds start)
    : m_program(program), m_amplitude(program.train.amplitude), m_grid(grid),
      m_maxStep(std::max(limits != nullptr && limits->amplitudeStepMax.value() > 0
              ? std::min(maxStep, limits->amplitudeStepMax)
              : maxStep,
          grid)),
      m_start(start), m_period(static_cast<std::int64_t>(std::llround(1e9 / program.train.frequency.value()))),
      m_nextPulse(start), m_lastCommit(start)
{
    // The fastest rise the programme asks for: its start ramp, or a faster envelope ramp (NMES cycles).
    const auto amplitude = static_cast<double>(program.train.amplitude.value());
    auto considerRamp = [this, amplitude](core::Microseconds ramp) {
        if (ramp.value() > 0) {
            m_ratePerNs = std::max(m_ratePerNs, amplitude / (static_cast<double>(ramp.value()) * 1000.0));
        }
    };
    considerRamp(program.startRamp);
    if (!program.envelope.isContinuous()) {
        considerRamp(program.envelope.rampUp());
        considerRamp(program.envelope.rampDown());
    }
    // No positive ramp at all (a zero start ramp, continuous output): only the per-command step limits it.
    // The kernel's cap on the rise rate, when given, is the rate the controller enforces.
    if (limits != nullptr && limits->rampRateMax.value() > 0) {
        m_ratePerNs = static_cast<double>(limits->rampRateMax.value()) / 1e9;
    }
}

double OutputChannel::envelopeFactor(nanoseconds elapsed) const
{
    const auto& env = m_program.envelope;
    if (env.isContinuous()) {
        return 1.0;
    }
    const auto cycle = env.cycle();
    if (!cycle || cycle.value().value() <= 0) {
        return 1.0;
    }
    const nanoseconds period = toNs(cycle.value());
    nanoseconds t = elapsed % period;
    const nanoseconds up = toNs(env.rampUp());
    const nanoseconds on = toNs(env.on());
    const nanoseconds down = toNs(env.rampDown());
    if (t < up) {
        return fraction(t, up);
    }
    t -= up;
    if (t < on) {
        return 1.0;
    }
    t -= on;
    if (t < down) {
        return 1.0 - fraction(t, down);
    }
    return 0.0;
}

bool OutputChannel::timerExpired(nanoseconds now) const
{
    return now - m_start >= toNs(m_program.duration);
}

core::Microamps OutputChannel::target(nanoseconds now) const
{
    if (timerExpired(now)) {
        return core::Microamps(0);
    }
    const nanoseconds elapsed = now - m_start;
    const double start = fraction(elapsed, toNs(m_program.startRamp));
    const double value = static_cast<double>(m_amplitude.value()) * start * envelopeFactor(elapsed);
    return core::Microamps(floorToGrid(static_cast<std::int64_t>(value), m_grid.value()));
}

std::optional<core::Microamps> OutputChannel::nextStep(nanoseconds now) const
{
    const std::int64_t want = target(now).value();
    const std::int64_t have = m_commanded.value();
    if (want == have) {
        return std::nullopt;
    }
    std::int64_t allowed = m_maxStep.value();
    if (m_ratePerNs > 0.0) {
        const double byRate = m_ratePerNs * static_cast<double>((now - m_lastCommit).count());
        allowed = std::min(allowed, static_cast<std::int64_t>(byRate));
    }
    const std::int64_t delta = std::clamp(want - have, -allowed, allowed);
    // Stay on the grid without overshooting the allowed step: round the move towards zero.
    const std::int64_t grid = std::max<std::int64_t>(m_grid.value(), 1);
    const std::int64_t move = (delta / grid) * grid;
    if (move == 0) {
        return std::nullopt;
    }
    return core::Microamps(have + move);
}

void OutputChannel::commit(core::Microamps amplitude, nanoseconds now)
{
    m_commanded = amplitude;
    m_lastCommit = now;
}

bool OutputChannel::takePulseDue(nanoseconds now)
{
    if (now < m_nextPulse) {
        return false;
    }
    m_nextPulse += m_period;
    if (m_nextPulse <= now) {
        m_nextPulse = now + m_period;
    }
    return true;
}

bool OutputChannel::deviates(
    core::Microamps commanded, std::optional<core::Microamps> measured, core::Microamps floor, int permille)
{
    if (!measured) {
        return true;
    }
    const std::int64_t c = commanded.value();
    const std::int64_t tolerance = std::max(floor.value(), std::abs(c) * permille / 1000);
    return std::abs(measured->value() - std::abs(c)) > tolerance;
}

bool OutputChannel::recordMeasurement(
    core::Microamps commanded, std::optional<core::Microamps> measured, core::Microamps floor, int permille, int limit)
{
    if (deviates(commanded, measured, floor, permille)) {
        ++m_deviationRun;
    } else {
        m_deviationRun = 0;
    }
    return m_deviationRun >= limit;
}

} // namespace galvani::device
