// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/calibration/AmplitudeCorrection.h"

#include <chrono>
#include <optional>
#include <span>
#include <string>

namespace galvani::core::calibration {

// One past calibration of a channel: when it was made and the model it fitted.
struct DriftSample {
    std::chrono::system_clock::time_point at;
    CorrectionModel model;
};

// Where a channel's gain and offset are heading. Units: gainPerYear in gain units per 365.25 days,
// offsetPerYear in µA per 365.25 days.
struct DriftForecast {
    bool trendKnown = false; // at least two samples at different times
    double gainPerYear = 0.0;
    MicroampsReal offsetPerYear{0.0};
    CorrectionModel atDue; // the trend extrapolated to the due date (the latest model when no trend is known)
    // The first day, from the latest calibration up to the due date, on which the extrapolated model would need
    // more correction than the bound allows; nullopt if it stays within the bound until the due date.
    std::optional<std::chrono::system_clock::time_point> leavesBoundAt;
    std::string problem; // correctionBoundProblem() of the model on that day

    [[nodiscard]] bool warning() const { return leavesBoundAt.has_value(); }
};

// Linear trend of gain and offset over time (least squares, each on its own), extrapolated to `due` and
// checked day by day against the correction bound over `range`. Samples need not be sorted. With fewer than
// two distinct times there is no trend, only the latest model. Pure; any thread.
[[nodiscard]] DriftForecast forecastDrift(
    std::span<const DriftSample> history, std::chrono::system_clock::time_point due, CalibratedRange range);

} // namespace galvani::core::calibration
