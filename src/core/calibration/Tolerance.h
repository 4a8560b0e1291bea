// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/units/Units.h"

namespace galvani::core::calibration {

// Acceptance checks of one calibration point (CLINICAL.md §6; figures in CalibrationLimits.h). Bounds are
// inclusive. Pure functions; any thread. Units: currents in µA, widths in µs, rates in Hz.

// The current band of a set value: the larger of 1 mA and 10 % of |set|.
[[nodiscard]] MicroampsReal currentTolerance(Microamps set);
// |measured − set| within currentTolerance(set). A NaN or infinite measurement is never within.
[[nodiscard]] bool withinCurrentTolerance(Microamps set, MicroampsReal measured);

// |measured − nominal| within 5 % of nominal; false for a nominal ≤ 0 or a non-finite measurement.
[[nodiscard]] bool withinWidthTolerance(Microseconds nominal, double measuredUs);
[[nodiscard]] bool withinFrequencyTolerance(Hertz nominal, Hertz measured);

} // namespace galvani::core::calibration
