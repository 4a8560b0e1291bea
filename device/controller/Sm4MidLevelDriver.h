// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "device/controller/Sm4Driver.h"

namespace galvani::device {

// ScienceMode4 / ScienceMode3 mid level (SCIENCEMODE4.md §4.4): the device repeats each channel's pulse
// by itself.
//   configure: Ml_init (stop all channels when any fails); amplitudes: Ml_update with the whole programme
//   at the new absolute currents (ramp field 0: the controller ramps); keep-alive: Ml_get_current_data
//   (selection 4 on the P24, 2 on the RehaMove3), which also reports per-channel states; before Ml_init,
//   Get_stim_status. No amplitude is reported back: telemetry carries the commanded value.
// Thread affinity: the device thread. Units: µA, µs, Hz (the period is rounded up to the variant's grid,
// 0.25 ms or 0.5 ms, which can only lower the pulse rate).
class Sm4MidLevelDriver final : public Sm4Driver {
public:
    explicit Sm4MidLevelDriver(proto::sm4::Variant variant = proto::sm4::Variant::ScienceMode4);

    [[nodiscard]] std::optional<QString> checkPlan(const StimulationPlan& plan) const override;

    // The Ml_update for a plan at the given amplitudes, or the encoder's reason why not.
    [[nodiscard]] std::variant<proto::sm4::MlUpdate, QString> buildUpdate(
        const StimulationPlan& plan, const AmplitudeSet& amplitudes) const;

private:
    std::optional<EncodeOutcome> encodeLevel(const Operation& operation) override;
    bool decodeLevel(
        std::uint8_t packetNumber, const proto::sm4::DeviceMessage& message, std::vector<DriverEvent>& out) override;
    void resetLevel() override { m_plan.reset(); }
    void decodeCurrentData(
        std::uint8_t packetNumber, const proto::sm4::MlGetCurrentDataAck& data, std::vector<DriverEvent>& out) const;

    std::optional<StimulationPlan> m_plan;
};

} // namespace galvani::device
