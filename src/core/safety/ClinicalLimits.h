// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/units/Units.h"

// Every clinical number the safety kernel enforces, in one place, each with its unit and source.
// "CLINICAL" is the project's domain reference (shared/CLINICAL.md); "(cons.)" marks a value where sources
// disagree and the stricter one is used. No other file of the kernel writes a clinical number inline: the guard,
// the limit layers, the presets and the tests refer to these names.
// Thread affinity: compile-time constants. Units: in the type of each constant (µA, µs, Hz, µJ, mV, Ω, ...).

namespace galvani::core::safety {

// ---- rms current (CLINICAL §1.1, IEC 60601-2-10 into 500 Ω) ---------------------------------------------------
// Band figures of the 1987 edition; kept as documented constants (see standardRmsCurrentForRate()).
inline constexpr Microamps kRmsCurrentStandardUpTo400Hz{50'000}; // rate ≤ 400 Hz: 50 mA rms
inline constexpr Microamps kRmsCurrentStandard400To1500Hz{80'000}; // 400 Hz < rate ≤ 1.5 kHz: 80 mA rms
inline constexpr Microamps kRmsCurrentStandardAbove1500Hz{100'000}; // rate > 1.5 kHz: 100 mA rms
inline constexpr Hertz kRmsBandLowUpperEdge{400.0};
inline constexpr Hertz kRmsBandMidUpperEdge{1500.0};
// Enforced in every band (cons.): 2012-edition makers quote 50 mA rms for all waveforms (CLINICAL §1.1).
inline constexpr Microamps kRmsCurrentLimit{50'000};

// The band figure of the standard for a repetition rate (pulse, burst or beat rate; Russian and interferential
// count as ≤ 400 Hz, CLINICAL §1.1). Informational: the kernel enforces kRmsCurrentLimit in every band.
[[nodiscard]] constexpr Microamps standardRmsCurrentForRate(Hertz rate)
{
    if (rate <= kRmsBandLowUpperEdge) {
        return kRmsCurrentStandardUpTo400Hz;
    }
    if (rate <= kRmsBandMidUpperEdge) {
        return kRmsCurrentStandard400To1500Hz;
    }
    return kRmsCurrentStandardAbove1500Hz;
}

// ---- peak current, energy, voltage (CLINICAL §1.1) -----------------------------------------------------------
// Design cap on the peak of any phase in current-regulated modes (CLINICAL §1.1, "peak current").
inline constexpr Microamps kPeakCurrentDesignCap{100'000};
// Reference load of the standard's output limits (IEC 60601-2-10: rms current, energy, power density at 500 Ω).
inline constexpr Ohms kReferenceLoad{500};
// Energy per pulse into 500 Ω, for pulses shorter than 0.1 s (IEC 60601-2-10, CLINICAL §1.1): 300 mJ.
inline constexpr Microjoules kEnergyPerPulseLimit{300'000.0};
inline constexpr Microseconds kEnergyLimitPulseScope{100'000}; // the limit is defined for pulses < 0.1 s
// Peak output voltage (IEC 60601-2-10 states it open-circuit; the kernel checks I_peak × R_load): 500 V.
inline constexpr Millivolts kPeakVoltageLimit{500'000};

// ---- d.c. current and charge balance -------------------------------------------------------------------------
// Standard figure for the d.c. (mean) current into 500 Ω (CLINICAL §1.1). Never binds in practice (a mean is never
// above the rms, and rms ≤ 50 mA) but is kept as the d.c. layer's outer bound.
inline constexpr Microamps kDcCurrentStandardLimit{80'000};
// Enforcement chosen (conservative): biphasic outputs must be charge-balanced. The residual d.c. of a biphasic
// program (from an unbalanced asymmetric second phase) may not exceed the calibration acceptance figure for the
// mean current of biphasic output, < 10 µA (CLINICAL §6), i.e. the program may not ask for more imbalance than a
// passing device is allowed to have. Monophasic outputs carry d.c. by design and are allowed only within the
// d.c. current-density limit below, computed from the smaller pad.
inline constexpr Microamps kBiphasicResidualDcLimit{10};
// Current density with a d.c. component: ≤ 0.2 mA/cm² (CLINICAL §1.1). Enforced as a hard limit (cons.).
inline constexpr MicroampsPerSquareCentimetre kDcCurrentDensityLimit{200.0};

// ---- current and power density (CLINICAL §1.1) ---------------------------------------------------------------
// Warn above 2 mA/cm² rms, from the smaller pad of the pair (so 50 mA rms needs ≥ 25 cm²). A warning, not a block.
inline constexpr MicroampsPerSquareCentimetre kCurrentDensityWarning{2'000.0};
// FDA power density: strictly below 0.25 W/cm², 1 s mean, smallest pad, at 500 Ω. A hard cap.
inline constexpr MilliwattsPerSquareCentimetre kPowerDensityLimit{250.0};
// The averaging window of the FDA power density; the kernel averages rms over it too (see OutputMetrics.h).
inline constexpr Microseconds kAveragingWindow{1'000'000};

// ---- output indicator (CLINICAL §1.1, IEC 60601-2-10) ---------------------------------------------------------
// A channel able to put more than any of these into 1 kΩ must show "output present".
inline constexpr Ohms kIndicatorLoad{1'000};
inline constexpr Microamps kIndicatorCurrentRms{10'000}; // 10 mA rms
inline constexpr Millivolts kIndicatorVoltageRms{10'000}; // 10 V rms
inline constexpr Microjoules kIndicatorEnergyPerPulse{10'000.0}; // 10 mJ per pulse

// ---- amplitude behaviour (CLINICAL §1.3) ---------------------------------------------------------------------
// Every start/resume ramps from 0; ramp 0–10 s allowed, 1–2 s by default.
inline constexpr Microseconds kRampTimeMax{10'000'000};
inline constexpr Microseconds kStartRampDefaultMin{1'000'000};
inline constexpr Microseconds kStartRampDefaultMax{2'000'000};
inline constexpr Microseconds kStartRampDefault{1'500'000}; // middle of the 1–2 s default
// Shortest contraction ramp-up of any NMES programme (CLINICAL §2: "up 0.5–3.5 s").
inline constexpr Microseconds kShortestNmesRampUp{500'000};
// Ramp-rate cap, µA/s: the peak design cap reached over the shortest NMES ramp, 100 mA / 0.5 s = 200 mA/s. Every
// clinical programme in CLINICAL §2 fits under it, and no ramp (start, resume or contraction) can rise faster than
// the fastest one a programme in use needs. Applies to rises only; a fall towards 0 is always allowed.
inline constexpr MicroampsPerSecond kRampRateLimit{
    kPeakCurrentDesignCap.value() * 1'000'000 / kShortestNmesRampUp.value()};
// Live adjustments: absolute targets, each step at most 0.5 mA from the current amplitude.
inline constexpr Microamps kAmplitudeStepLimit{500};

// ---- session and contractions (CLINICAL §2) ------------------------------------------------------------------
inline constexpr Microseconds kSessionDurationMin{60'000'000}; // timer 1–99 min per channel
inline constexpr Microseconds kSessionDurationMax{5'940'000'000};
inline constexpr Microseconds kContractionOnMin{1'000'000}; // FDA: ≥ 1 s on (the full-amplitude plateau)
inline constexpr Microseconds kContractionOffMin{1'000'000}; // FDA: ≥ 1 s off

// ---- behaviour timing for the device layer (CLINICAL §1.3) ---------------------------------------------------
inline constexpr Microseconds kStopDeadline{100'000}; // all channels at 0 within 100 ms of STOP
inline constexpr Microseconds kHeartbeatPeriod{100'000}; // host beat every 100 ms
inline constexpr Microseconds kHeartbeatTimeout{500'000}; // outputs to 0 after 500 ms without a valid beat

// ---- scope of the modelled modalities (CLINICAL §2 and §4) ---------------------------------------------------
// Not limits of the standard but the envelope of the programmes this kernel is meant to run; anything outside is
// refused rather than run unreviewed. Widen only together with a new modality and its review.
// Phase width: FES spans 10 µs–4 ms, the widest range of any modality in CLINICAL §2.
inline constexpr Microseconds kPhaseWidthMin{10};
inline constexpr Microseconds kPhaseWidthMax{4'000};
// Pulse rate: from 0.5 Hz (motor-point search over the abdomen, CLINICAL §4) to 150 Hz (conventional TENS upper
// end, the fastest pulse rate in CLINICAL §2).
inline constexpr Hertz kPulseRateMin{0.5};
inline constexpr Hertz kPulseRateMax{150.0};
// Sine carriers: 2.5 kHz (Russian) to 4.25 kHz (interferential 4.0–4.25 kHz), CLINICAL §2.
inline constexpr Hertz kCarrierFrequencyMin{2'500.0};
inline constexpr Hertz kCarrierFrequencyMax{4'250.0};
// Bursts repeat at least once per averaging window, so the 1 s mean always covers a whole burst period.
inline constexpr Hertz kBurstRateMin{1.0};

} // namespace galvani::core::safety
