// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/units/Units.h"

#include <cstddef>
#include <cstdint>

// The figures of a channel calibration (CLINICAL.md §6 "Calibration and service"). No other calibration number
// appears inline anywhere: tolerances, the correction bound, the point count and the intervals live here.
namespace galvani::core::calibration {

// Acceptance of a current (CLINICAL §6): ±10 % of the set value or ±1 mA, whichever is larger. The same band is
// the device's delivered-versus-commanded monitor (device/controller/ControllerSettings.h).
inline constexpr Microamps kCurrentToleranceFloor{1000};
inline constexpr std::int64_t kCurrentTolerancePermille = 100;

// Acceptance of pulse width and of pulse rate (CLINICAL §6): ±5 % each.
inline constexpr std::int64_t kTimingTolerancePermille = 50;

// At least three points per channel (CLINICAL §6: "≥ 3 points per channel (e.g. 10, 25, 50 mA)").
inline constexpr std::size_t kMinPoints = 3;

// Bounded correction. CLINICAL §6 fits I_out = gain · I_set + offset and applies it; it publishes no bound, so
// this is ours: a channel whose fit needs more than this much correction fails instead of being corrected.
//  - |gain − 1| ≤ 10 % and |offset| ≤ 1 mA: the acceptance band itself (a channel further off than the band is
//    broken, not drifted; field units found > 25 % off label are exactly what the lock is for);
//  - and over the calibrated range the uncorrected output, gain · I + offset, stays within the acceptance band of
//    I. The device's runtime monitor compares measured current with the (corrected) command using that band, so
//    a channel allowed past this bound would trip the monitor during therapy.
inline constexpr double kMaxGainDeviation = 0.10;
inline constexpr Microamps kMaxOffset{1000};

// A channel is "due soon" this many days before its due date (issue #8: reminders 30 days before).
inline constexpr int kDueSoonDays = 30;

// Calibration interval (CLINICAL §6: at least yearly with the IEC 62353 recurrent test; sooner if law or insurer
// require). The interval is configurable within 1..12 months; the default is the yearly maximum.
inline constexpr int kDefaultIntervalMonths = 12;
inline constexpr int kMinIntervalMonths = 1;
inline constexpr int kMaxIntervalMonths = 12;

} // namespace galvani::core::calibration
