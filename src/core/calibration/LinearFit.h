// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/units/Units.h"

#include <optional>
#include <span>

namespace galvani::core::calibration {

// A straight line y = slope · x + intercept fitted by ordinary least squares. Plain value.
struct Line {
    double slope = 0.0;
    double intercept = 0.0;
};

// Least squares over paired samples (x centred on its mean first, so large x such as times in ms keep their
// precision). nullopt when the spans differ in size, hold fewer than two points, contain a non-finite value, or
// all x are equal (no slope is defined). Pure; any thread.
[[nodiscard]] std::optional<Line> fitLine(std::span<const double> x, std::span<const double> y);

// One calibration point: the current set (commanded to the device, µA) and the current measured (µA).
struct FitSample {
    Microamps set{0};
    MicroampsReal measured{0.0};
};

// The channel model I_out = gain · I_set + offset fitted over the points (CLINICAL.md §6), with the largest
// |residual| so callers can check the points lie on the line. Units: offset and residual in µA; gain
// dimensionless (1.0 = exact).
struct LinearFit {
    double gain = 1.0;
    MicroampsReal offset{0.0};
    MicroampsReal maxAbsResidual{0.0};
};

// nullopt under the same conditions as fitLine() (fewer than two distinct set values, non-finite measurements).
[[nodiscard]] std::optional<LinearFit> fitLeastSquares(std::span<const FitSample> samples);

} // namespace galvani::core::calibration
