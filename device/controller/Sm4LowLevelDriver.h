// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "device/controller/Sm4Driver.h"

#include <optional>
#include <vector>

namespace galvani::device {

// ScienceMode4 / ScienceMode3 low level (SCIENCEMODE4.md §4.3): the host sends every pulse.
//   configure: Ll_init (P24: measure stimulation current; RehaMove3: no measurement); amplitudes: nothing
//   to send (each pulse carries its amplitude); pulse: Ll_channel_config on one output; its ack arrives
//   after the pulse ran and, on the P24, carries 128 current samples, turned into the measured plateau
//   current; keep-alive: Get_stim_status (the pulse stream itself also counts as traffic).
// Thread affinity: the device thread. Units: µA, µs; the sample scale is the simulator's convention
// (raw = int16 of mA × 100, SCIENCEMODE4.md §7), not yet confirmed on hardware.
class Sm4LowLevelDriver final : public Sm4Driver {
public:
    explicit Sm4LowLevelDriver(proto::sm4::Variant variant = proto::sm4::Variant::ScienceMode4);

    [[nodiscard]] std::optional<QString> checkPlan(const StimulationPlan& plan) const override;

private:
    std::optional<EncodeOutcome> encodeLevel(const Operation& operation) override;
    bool decodeLevel(
        std::uint8_t packetNumber, const proto::sm4::DeviceMessage& message, std::vector<DriverEvent>& out) override;
    void resetLevel() override { m_plan.reset(); }

    std::optional<StimulationPlan> m_plan;
};

// The delivered amplitude of one pulse from its raw current samples: the median magnitude of the phases'
// plateau, i.e. of the samples within [peak / 2, peak] where peak is the largest magnitude shared by at
// least three samples (so a single spike neither raises nor hides it). 0 µA when nothing exceeds 200 µA;
// nullopt when any sample cannot be decoded (|I| > 150 mA, SCIENCEMODE4.md §7).
[[nodiscard]] std::optional<core::Microamps> plateauCurrent(const std::vector<std::uint16_t>& samples);

// The width of a pulse's first phase from its raw current samples: the first run of at least three samples of
// one sign at or above half the plateau (plateauCurrent), times the sampling period; the resolution is one
// sampling period. nullopt when samples are undecodable, the period is 0 or no phase stands out of the noise.
[[nodiscard]] std::optional<core::Microseconds> firstPhaseWidth(
    const std::vector<std::uint16_t>& samples, core::Microseconds samplingPeriod);

// The delivered charge of one pulse (Σ |I| × sampling period over all samples) divided by its phases'
// commanded duration (first phase + second phase × amplitude ratio): the amplitude a pulse of this shape
// would have had to deliver this charge. A current that sags to the compliance limit shows here even when
// the start of each phase reaches the set value. nullopt when samples are undecodable or the period is 0.
[[nodiscard]] std::optional<core::Microamps> phaseMeanCurrent(
    const std::vector<std::uint16_t>& samples, core::Microseconds samplingPeriod, const core::ChannelProgram& program);

} // namespace galvani::device
