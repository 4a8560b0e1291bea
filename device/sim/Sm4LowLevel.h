// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "device/sim/DeviceSide.h"
#include "device/sim/PacedPulseTracker.h"
#include "device/sim/PulseShape.h"
#include "protocols/sciencemode4/Commands.h"
#include "protocols/sciencemode4/Messages.h"

#include <chrono>
#include <deque>

namespace galvani::device::sim {

// ScienceMode4 / ScienceMode3 low level (SCIENCEMODE4.md §3, §4.3): each Ll_channel_config is one
// pulse, run at once or after the pulses queued before it (the device queues up to 10), and its ack
// follows the pulse. With measurement on (Ll_init), the ack carries 128 samples of the pulse as the
// channel model delivers it (RC load, compliance, gain/offset error, noise; raw = int16 of mA x 100)
// at a sampling period that fits the pulse. A silent host simply gets no pulses: the pace tracker
// reports "output stopped (host silent in low level)" after one expected period without a pulse.
// Thread affinity: the simulator's thread. Units: µA, µs, mV.
class Sm4LowLevel {
public:
    static constexpr std::size_t kQueueDepth = 10;
    static constexpr core::Microamps kElectrodeDetection{15'000};

    explicit Sm4LowLevel(SimContext& context);

    // Entering low level (Ll_init).
    void init(proto::sm4::LlMeasurement measurement, proto::sm4::HighVoltageSetting highVoltage);
    // Leaving low level, or stopping its pulses: forget the queue and the pace.
    void leave();

    struct Outcome {
        proto::sm4::DeviceMessage ack;
        std::chrono::nanoseconds notBefore{0}; // the ack follows the pulse (model clock, monotonic ns)
        int overCurrentChannel = 0; // the device's over-current monitor tripped on this output
    };
    [[nodiscard]] Outcome config(const proto::sm4::LlChannelConfig& config);

    [[nodiscard]] core::Millivolts compliance() const;
    [[nodiscard]] proto::sm4::HighVoltageLevel highVoltageLevel() const;
    // A channel fault changed while pulses run: an open electrode stops the output at once.
    void channelFaultChanged(int channel);

private:
    [[nodiscard]] std::vector<std::uint16_t> measure(
        const PulseShape& driven, int output, core::Microseconds samplingPeriod);

    SimContext& m_ctx;
    PacedPulseTracker m_paced;
    proto::sm4::LlMeasurement m_measurement = proto::sm4::LlMeasurement::None;
    proto::sm4::HighVoltageSetting m_highVoltage = proto::sm4::HighVoltageSetting::Default;
    std::deque<std::chrono::nanoseconds> m_pulseEnds; // end times of queued and running pulses
};

} // namespace galvani::device::sim
