// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/HardwareCaps.h"
#include "core/domain/Waveform.h"
#include "core/units/Units.h"

#include <cstdint>
#include <optional>
#include <string>

namespace galvani::core::safety {

// The layers whose minimum makes the effective limits (CLINICAL §1.3 "defence in depth", DESIGN "Safety kernel").
enum class LimitLayer : std::uint8_t {
    Clinical, // ClinicalLimits.h: IEC 60601-2-10 / FDA figures and the modelled scope
    Hardware, // what the connected device can do (HardwareCaps)
    Calibration, // per channel: the calibrated current range caps the amplitude (CLINICAL §6)
    ClinicPolicy, // the clinic's own, audited configuration
    Placement, // per channel: electrode area (→ density limits) and measured load
};

// Which layer, and for per-channel layers which channel, set a limit. Used in messages:
// "(limited by calibration of channel 3)".
struct LimitSource {
    LimitLayer layer = LimitLayer::Clinical;
    int channel = 0; // 1-based channel of a per-channel layer, 0 when the layer applies to every channel
    [[nodiscard]] std::string describe() const;
    bool operator==(const LimitSource&) const = default;
};

// One layer's limits. Every field is optional: an absent field means "this layer does not constrain it".
// Combination rule (EffectiveLimits): upper bounds take the minimum, lower bounds the maximum, the assumed load the
// maximum (worst case), the electrode area the minimum (smaller pad), capabilities the intersection — i.e. always
// the most restrictive. Units in the field types: µA, µs, Hz, µJ, mV, Ω, cm², µA/cm², mW/cm², µA/s, µC.
struct Caps {
    // Output, per phase / per channel
    std::optional<Microamps> amplitudeMax; // peak of any phase
    std::optional<Microamps> rmsCurrentMax; // rms over the averaging window
    std::optional<Microamps> meanCurrentMax; // d.c. (mean) current of any waveform
    std::optional<Microamps> biphasicResidualDcMax; // d.c. left by an unbalanced biphasic pulse
    std::optional<Microjoules> energyPerPulseMax; // into loadResistance
    std::optional<Millivolts> peakVoltageMax; // I_peak × loadResistance
    std::optional<Ohms> loadResistance; // load assumed for energy, voltage, power density (worst case: max)
    // Placement
    std::optional<SquareCentimetres> electrodeArea; // the smaller pad of the channel's pair
    std::optional<MilliwattsPerSquareCentimetre> powerDensityMax; // strict: must stay below
    std::optional<MicroampsPerSquareCentimetre> dcCurrentDensityMax; // mean current / smaller pad
    std::optional<MicroampsPerSquareCentimetre> currentDensityWarning; // rms / smaller pad: warn above
    // Timing (ranges)
    std::optional<Microseconds> phaseWidthMin;
    std::optional<Microseconds> phaseWidthMax;
    std::optional<Hertz> frequencyMin; // pulse rate
    std::optional<Hertz> frequencyMax;
    std::optional<Hertz> carrierFrequencyMin; // sine carrier
    std::optional<Hertz> carrierFrequencyMax;
    std::optional<Hertz> burstRateMin;
    // Behaviour
    std::optional<Microseconds> rampTimeMax; // start ramp and contraction ramps
    std::optional<MicroampsPerSecond> rampRateMax; // rise rate of any ramp
    std::optional<Microamps> amplitudeStepMax; // live adjustment step
    std::optional<Microseconds> sessionDurationMin;
    std::optional<Microseconds> sessionDurationMax;
    std::optional<Microseconds> contractionOnMin;
    std::optional<Microseconds> contractionOffMin;
    // Capabilities
    std::optional<WaveformSet> waveforms;
    std::optional<bool> pulseBursts;
    std::optional<bool> carrierBursts;
    // Programme-wide (ignored with an error when given by a per-channel layer)
    std::optional<int> channelCount;
    std::optional<Microcoulombs> chargeDoseMax; // per-treatment total charge, all channels
};

// The calibration record of one channel, as far as the limits are concerned.
struct CalibrationCaps {
    Microamps calibratedCurrentMax{
        0}; // top of the calibrated range (CLINICAL §6: "the calibrated range caps amplitude")
};

// The recorded placement of one channel's electrode pair.
struct PlacementCaps {
    SquareCentimetres smallerPadArea{0.0}; // w × h of the smaller pad, cm²
    std::optional<Ohms> measuredLoad; // electrode/skin impedance if measured; raises the assumed load if higher
};

// The layers as Caps.
[[nodiscard]] Caps clinicalCaps();
[[nodiscard]] Caps capsOf(const HardwareCaps& hw);
[[nodiscard]] Caps capsOf(const CalibrationCaps& cal);
[[nodiscard]] Caps capsOf(const PlacementCaps& placement);

} // namespace galvani::core::safety
