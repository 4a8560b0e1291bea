// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/Program.h"
#include "core/units/Units.h"
#include "device/controller/StimulationPlan.h"

#include <chrono>
#include <cstdint>
#include <optional>

namespace galvani::device {

// One running output channel as the controller sees it: where its amplitude should be now (start ramp,
// envelope, timer, operator changes), where it was last commanded, how far the next command may move
// it, when its next pulse is due, and how its measured current compares.
//
// Ramp rule (CLINICAL §1.3): every command moves the amplitude by at most maxStep (absolute values, on
// the device grid; the kernel's amplitudeStepMax if smaller) and no faster than the kernel's rampRateMax
// (or, without one, the programme's own fastest ramp); output always starts from zero.
// Thread affinity: the device thread (owned by DeviceController). Units: currents in µA, times are
// monotonic nanoseconds (core::Clock::monotonic()).
class OutputChannel {
public:
    OutputChannel(const core::ChannelProgram& program, const RunLimits* limits, core::Microamps grid,
        core::Microamps maxStep, std::chrono::nanoseconds start);

    [[nodiscard]] int channel() const { return m_program.channel.index(); }
    [[nodiscard]] const core::ChannelProgram& program() const { return m_program; }

    // Where the amplitude should be at `now` (floored to the grid), before the per-command limits.
    [[nodiscard]] core::Microamps target(std::chrono::nanoseconds now) const;
    // The next absolute amplitude to command at `now`, or nullopt if it should stay where it is.
    // Never more than maxStep from commanded(), never faster than the ramp rate, always on the grid.
    [[nodiscard]] std::optional<core::Microamps> nextStep(std::chrono::nanoseconds now) const;
    // Records that `amplitude` was commanded at `now` (sent, or acknowledged for repeating devices).
    void commit(core::Microamps amplitude, std::chrono::nanoseconds now);
    [[nodiscard]] core::Microamps commanded() const { return m_commanded; }
    [[nodiscard]] bool ramping(std::chrono::nanoseconds now) const { return target(now) != m_commanded; }

    // The operator's new peak amplitude (already checked against the limits). The change is ramped.
    void setAmplitude(core::Microamps amplitude) { m_amplitude = amplitude; }
    [[nodiscard]] core::Microamps amplitude() const { return m_amplitude; }

    // True when the channel's own timer has run out.
    [[nodiscard]] bool timerExpired(std::chrono::nanoseconds now) const;

    // Pulse timing at the programme's rate. Returns true (and schedules the next one) when a pulse is due.
    // A late caller gets one pulse, never a burst to catch up: the rate can only come out lower.
    bool takePulseDue(std::chrono::nanoseconds now);
    [[nodiscard]] std::chrono::nanoseconds pulsePeriod() const { return m_period; }

    // Runtime monitor: records one measured pulse; returns true when the deviation has exceeded the
    // tolerance (max(floor, permille of commanded)) on `limit` consecutive pulses. nullopt measured =
    // undecodable samples, which count as a deviation (the output cannot be verified).
    bool recordMeasurement(core::Microamps commanded, std::optional<core::Microamps> measured, core::Microamps floor,
        int permille, int limit);
    [[nodiscard]] static bool deviates(
        core::Microamps commanded, std::optional<core::Microamps> measured, core::Microamps floor, int permille);

private:
    [[nodiscard]] double envelopeFactor(std::chrono::nanoseconds elapsed) const;

    core::ChannelProgram m_program;
    core::Microamps m_amplitude;
    core::Microamps m_grid;
    core::Microamps m_maxStep;
    std::chrono::nanoseconds m_start;
    std::chrono::nanoseconds m_period;
    std::chrono::nanoseconds m_nextPulse;
    double m_ratePerNs = 0.0; // µA per ns; 0 = only the per-command step limits the ramp
    core::Microamps m_commanded{0};
    std::chrono::nanoseconds m_lastCommit;
    int m_deviationRun = 0;
};

} // namespace galvani::device
