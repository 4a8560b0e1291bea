// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/units/Units.h"

#include <vector>

namespace galvani::device::sim {

// One segment of a pulse: the output drives `current` (µA, signed: negative = reversed polarity) for
// `duration` (µs). A biphasic pulse is {+I, w}, {0, gap}, {-I, w}. Plain value.
struct PulsePhase {
    core::Microseconds duration{0};
    core::Microamps current{0};
    friend bool operator==(const PulsePhase&, const PulsePhase&) = default;
};

using PulseShape = std::vector<PulsePhase>;

// Symmetric biphasic, charge-balanced pulse: +amplitude for phaseWidth, 0 for gap, -amplitude for
// phaseWidth. An empty shape when amplitude or phase width is zero.
[[nodiscard]] PulseShape biphasicPulse(
    core::Microamps amplitude, core::Microseconds phaseWidth, core::Microseconds gap);
// Largest |current| of any phase (µA).
[[nodiscard]] core::Microamps peakCurrent(const PulseShape& shape);
// Sum of the phase durations (µs).
[[nodiscard]] core::Microseconds pulseDuration(const PulseShape& shape);
// Longest phase with a non-zero current (µs).
[[nodiscard]] core::Microseconds widestPhase(const PulseShape& shape);
// The same shape with every non-zero phase at |peak| (signs kept); used for a stuck output stage.
[[nodiscard]] PulseShape withPeak(const PulseShape& shape, core::Microamps peak);
// The shape scaled by factor (0..1), rounded to whole µA; used for mid-level ramps.
[[nodiscard]] PulseShape scaled(const PulseShape& shape, double factor);

} // namespace galvani::device::sim
