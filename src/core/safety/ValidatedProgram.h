// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/Program.h"
#include "core/units/Units.h"

#include <optional>
#include <span>
#include <vector>

namespace galvani::core::safety {

class SafetyGuard;

// What a validated channel will deliver, computed once by the guard, and the limits the later layers (device
// controller, UI) must keep enforcing while it runs.
// Units: currents in µA, energy in µJ (into `load`), voltage in mV, densities in µA/cm² and mW/cm², charge in µC,
// ramp rate in µA/s.
struct ChannelOutput {
    int channel = 0;
    MicroampsReal rmsCurrent{0.0};
    MicroampsReal meanCurrent{0.0}; // d.c.
    Microjoules energyPerPulse{0.0};
    Millivolts peakVoltage{0};
    Ohms load{0}; // the load the figures above assume
    std::optional<MicroampsPerSquareCentimetre> rmsCurrentDensity; // over the smaller pad
    std::optional<MilliwattsPerSquareCentimetre> powerDensity;
    Microcoulombs charge{0.0}; // upper bound of the charge over the channel's whole timer
    Microamps amplitudeMax{0}; // effective peak cap of the channel
    MicroampsPerSecond rampRateMax{0}; // the device controller enforces this on every rise
    Microamps amplitudeStepMax{0}; // largest live step
    bool outputIndicatorRequired = false; // IEC 60601-2-10: able to exceed 10 mA rms / 10 V rms / 10 mJ into 1 kΩ
};

// A programme that SafetyGuard::validate() accepted, with its computed outputs. The constructor is private and
// only SafetyGuard may call it, so holding a ValidatedProgram proves the programme passed every check against the
// limits it was validated with; the device API accepts nothing else. Copies are fine (a copy of a validated
// programme is still validated); the contents cannot be changed — a change means validating again.
// Thread affinity: immutable value, any thread.
class ValidatedProgram {
public:
    [[nodiscard]] const Program& program() const { return m_program; }
    [[nodiscard]] std::span<const ChannelOutput> outputs() const { return m_outputs; }
    // nullptr if the channel is not in the programme.
    [[nodiscard]] const ChannelOutput* output(int channel) const;
    // Upper bound of the charge of the whole treatment, all channels, µC.
    [[nodiscard]] Microcoulombs totalCharge() const { return m_totalCharge; }

private:
    friend class SafetyGuard;
    ValidatedProgram(Program program, std::vector<ChannelOutput> outputs, Microcoulombs totalCharge);

    Program m_program;
    std::vector<ChannelOutput> m_outputs;
    Microcoulombs m_totalCharge{0.0};
};

} // namespace galvani::core::safety
