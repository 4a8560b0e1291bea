// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/HardwareCaps.h"
#include "core/domain/Program.h"
#include "protocols/common/DeviceCapabilities.h"

#include <QString>

#include <optional>
#include <vector>

namespace galvani::core::safety {
class ValidatedProgram;
}

namespace galvani::device {

// What the safety kernel requires the device controller to keep enforcing while a channel runs
// (core::safety::ChannelOutput). Units: µA, µA/s. Zero rampRateMax / amplitudeStepMax = no extra limit
// beyond the controller's own settings.
struct RunLimits {
    int channel = 0;
    core::Microamps amplitudeMax{0};
    core::MicroampsPerSecond rampRateMax{0};
    core::Microamps amplitudeStepMax{0};
};

// The programme a DeviceController runs: the channel programmes of a ValidatedProgram, copied into the
// device layer. Only DeviceService builds one for the application, and only from a
// core::safety::ValidatedProgram; the controller re-checks it against the device (defence in depth).
// Plain value; safe to copy across threads. Units: as core::ChannelProgram (µA, µs, Hz).
struct StimulationPlan {
    std::vector<core::ChannelProgram> channels; // one per active output, any order
    std::vector<RunLimits> limits; // per channel; a channel without an entry gets the controller's limits

    // The device layer's copy of a validated programme with the kernel's running limits.
    [[nodiscard]] static StimulationPlan fromValidated(const core::safety::ValidatedProgram& validated);

    [[nodiscard]] const core::ChannelProgram* find(int channel) const;
    [[nodiscard]] const RunLimits* limitsFor(int channel) const;
    // Longest channel timer: the session ends when it has passed (µs).
    [[nodiscard]] core::Microseconds sessionDuration() const;
};

// Checks that this device can run the plan as given: channel numbers within the device, waveform
// offered by the device, no bursts or sine carrier (not implemented by the drivers), amplitude, phase
// width and frequency within the hardware caps, a positive timer per channel. Returns a plain-words
// reason naming the channel and field, or nullopt.
[[nodiscard]] std::optional<QString> checkPlanAgainstDevice(
    const StimulationPlan& plan, const proto::DeviceCapabilities& caps);

// The device's capabilities as the safety kernel's hardware layer (core never includes protocols/).
[[nodiscard]] core::HardwareCaps hardwareCaps(const proto::DeviceCapabilities& caps);

} // namespace galvani::device
