// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/units/Units.h"
#include "device/sim/SimulatorConfig.h"

#include <QTimer>

#include <array>
#include <chrono>
#include <optional>
#include <string>

namespace galvani::device::sim {

class StimulatorModel;

// Host-paced pulses (ScienceMode4 low level, ScienceMode2 one-shot list mode and single pulses): the
// device has no timer of its own, so "output on" means "pulses keep coming". The tracker estimates
// each channel's pace from the interval between its last two pulses and, when one expected period
// (with half a period of slack for jitter) passes without a pulse, stops the channel in the model
// with cause HostSilentLowLevel. Without an estimate (first pulse) it allows kUnknownPaceHold.
// Thread affinity: the simulator's thread (owns a QTimer).
class PacedPulseTracker {
public:
    static constexpr std::chrono::milliseconds kUnknownPaceHold{1000};
    static constexpr std::chrono::milliseconds kLongestPace{2000}; // slower than this is not a train

    PacedPulseTracker(StimulatorModel& model, std::string mode);

    // A pulse on channel (1..8) now. Returns the pace estimate (0 when unknown).
    core::Microseconds pulse(int channel);
    // Forget every channel (after a stop, a re-init or a link loss).
    void reset();

private:
    void expire();
    void rearm();
    [[nodiscard]] static std::chrono::nanoseconds now();

    StimulatorModel& m_model;
    std::string m_mode; // added to the stop detail, e.g. "one-shot list mode"; empty for low level
    QTimer m_timer;
    std::array<std::optional<std::chrono::nanoseconds>, kMaxSimChannels> m_last{};
    std::array<std::chrono::nanoseconds, kMaxSimChannels> m_pace{};
    std::array<std::optional<std::chrono::nanoseconds>, kMaxSimChannels> m_deadline{};
};

} // namespace galvani::device::sim
