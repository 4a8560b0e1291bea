// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/safety/Caps.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace galvani::core::safety {

// The programme field a violation or warning is about.
enum class Field : std::uint8_t {
    Program, // the programme as a whole (no channel, empty programme)
    Limits, // the effective limits themselves are unusable
    Channel, // channel number
    Waveform,
    SecondPhaseRatio,
    SecondPhaseWidth,
    Amplitude,
    PhaseWidth,
    InterphaseGap,
    Frequency, // pulse rate
    CarrierFrequency,
    Burst, // burst structure as a whole
    BurstRate,
    PulsesPerBurst,
    BurstDuty,
    RampUp,
    OnTime,
    RampDown,
    OffTime,
    StartRamp,
    Duration,
    ElectrodeArea,
    TotalCharge, // per-treatment charge, all channels
    AmplitudeStep, // live adjustment
};
[[nodiscard]] std::string_view toString(Field f);

// Why it is a violation (or warning).
enum class Rule : std::uint8_t {
    Range, // outside a plain [min, max] range
    NotFinite, // NaN or infinite
    NotApplicable, // set for a waveform that does not use it (e.g. a gap on a monophasic pulse)
    Unsupported, // waveform or burst kind not allowed by a layer
    Duplicate, // channel listed twice
    Missing, // required information absent (placement, channels)
    InvalidLimits, // the limits are invalid; nothing can be validated
    PeakCurrent,
    RmsCurrent,
    EnergyPerPulse,
    PeakVoltage,
    DcCurrent, // mean current above the d.c. cap
    ChargeBalance, // residual d.c. of a biphasic pulse
    DcCurrentDensity,
    PowerDensity,
    CurrentDensity, // warning only
    PulseFitsPeriod, // a pulse longer than its period
    BurstFitsPeriod, // a burst longer than its period
    BurstOnTime, // a carrier burst shorter than one carrier cycle
    RampRate,
    ContractionOn,
    ContractionOff,
    SessionLength,
    ChargeDose,
    AmplitudeStep,
};
[[nodiscard]] std::string_view toString(Rule r);

// One broken rule. Numbers are in the field's base unit (µA, µs, Hz, ‰, cm², µC); allowedMin / allowedMax are
// absent for a one-sided bound, and allowedEmpty is set when no value of the field would do (e.g. a limit of 0).
// The texts carry units and are ready to show; message joins them:
//   "channel 2 amplitude 62.0 mA is outside 0.0–57.735 mA (rms 53.7 mA exceeds 50.0 mA at 300 µs, 50 Hz,
//    symmetric biphasic; limited by clinical limits)"
struct Violation {
    int channel = 0; // 1-based; 0 for programme-wide
    Field field = Field::Program;
    Rule rule = Rule::Range;
    std::optional<LimitSource> source; // the binding layer, if the rule is a limit
    double value = 0.0;
    std::optional<double> allowedMin;
    std::optional<double> allowedMax;
    bool allowedEmpty = false;
    std::string valueText; // "62.0 mA"
    std::string allowedText; // "0.0–57.735 mA", "≥ 1.0 s", "monophasic, symmetric biphasic"
    std::string reason; // "rms 53.7 mA exceeds 50.0 mA at 300 µs, 50 Hz, symmetric biphasic"
    std::string message;
};

// Something the clinician should see but that does not block (current density above 2 mA/cm²).
struct Warning {
    int channel = 0;
    Field field = Field::Program;
    Rule rule = Rule::CurrentDensity;
    std::optional<LimitSource> source;
    double value = 0.0; // in the rule's unit (µA/cm² for current density)
    double threshold = 0.0;
    std::string message;
};

// Builds a violation's message from its parts (fills Violation::message; the other fields must be set).
void composeMessage(Violation& v);

} // namespace galvani::core::safety
