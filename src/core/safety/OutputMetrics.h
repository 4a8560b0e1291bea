// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/PulseTrain.h"
#include "core/units/UnitConversions.h"
#include "core/units/Units.h"

// Electrical quantities of a pulse train (CLINICAL §1.2), the single implementation the guard, the validated
// programme and the output indicator share.
//
// rms current over the averaging window:
//   pulses: I_rms = I_peak · √(Σ_phases (I_k/I_peak)² · t_k[µs] · f_avg[Hz] · 10⁻⁶)
//     monophasic Σ = t; symmetric biphasic Σ = 2·t; asymmetric Σ = t₁ + r²·t₂ (r = second-phase amplitude ratio)
//   sine carrier: I_rms = I_peak / √2 · √(burst duty)   (duty 1 for a continuous sine)
// f_avg is the pulse rate averaged over one second (the FDA window): the pulse rate, or for burst TENS pulses per
// burst × burst rate; a rate below 1 Hz counts as 1 Hz (a 1 s window can hold a whole pulse), which is conservative.
// The envelope is ignored (rms during the on plateau), also conservative.
// energy per pulse into R: Σ_phases I_k² · R · t_k; for a sine, one burst (duty / burst rate) or, when continuous,
// one carrier cycle: I_peak²/2 · R · T.
// d.c. (mean) current: I_peak · |t₁ − r·t₂| · f_avg (monophasic: t₂ = 0; symmetric and sine: 0).
// absolute mean current (charge delivered per second, for the dose): I_peak · (t₁ + r·t₂) · f_avg; sine 2/π·I·duty.
//
// Units: currents in µA, energy in µJ, voltage in mV, loads in Ω, times in µs, rates in Hz.
// Thread affinity: pure functions, any thread.

namespace galvani::core::safety {

// True when every rate is finite and positive, no width, gap or count is negative, a ratio or duty lies within
// 0–1000 ‰, and the burst structure matches the waveform (pulse bursts for pulses, carrier bursts for a sine).
// The quantities below are finite for such trains; for others they are meaningless (the guard reports the
// malformed field instead of computing them).
[[nodiscard]] bool isWellFormed(const PulseTrain& train);

// Output quantities per unit of peak amplitude, so a limit on the quantity becomes a limit on the amplitude.
struct TrainFactors {
    double averagedRate = 0.0; // pulses per second used for averaging (0 for a sine), Hz
    double rmsPerPeak = 0.0; // I_rms / I_peak
    double meanPerPeak = 0.0; // |d.c.| / I_peak
    double absoluteMeanPerPeak = 0.0; // mean |i| / I_peak
    double squaredTimePerPulse = 0.0; // Σ (I_k/I_peak)² · t_k in µs: energy = I_peak² · R · this · 10⁻¹² µJ
};
[[nodiscard]] TrainFactors factorsOf(const PulseTrain& train);

// The quantities at an amplitude (the train's own amplitude is ignored), from precomputed factors. Monotone
// non-decreasing in the amplitude, which the guard relies on when it turns a limit into an amplitude range.
[[nodiscard]] MicroampsReal rmsCurrentAt(const TrainFactors& f, Microamps peak);
[[nodiscard]] MicroampsReal meanCurrentAt(const TrainFactors& f, Microamps peak);
[[nodiscard]] Microjoules energyPerPulseAt(const TrainFactors& f, Microamps peak, Ohms load);
// Charge delivered per second of output (all phases counted as magnitudes), µC/s.
[[nodiscard]] Microcoulombs chargePerSecondAt(const TrainFactors& f, Microamps peak);

// The same at the train's own amplitude.
[[nodiscard]] MicroampsReal rmsCurrent(const PulseTrain& train);
[[nodiscard]] MicroampsReal meanCurrent(const PulseTrain& train);
[[nodiscard]] Microjoules energyPerPulse(const PulseTrain& train, Ohms load);
// I_peak × R_load, rounded up to a whole mV; fails on overflow or negative inputs.
[[nodiscard]] Checked<Millivolts> peakVoltage(const PulseTrain& train, Ohms load);

// Total duration of one pulse (all phases and the gap), µs; 0 for a sine. Fails on overflow or negative parts.
[[nodiscard]] Checked<Microseconds> pulseDuration(const PulseTrain& train);

} // namespace galvani::core::safety
