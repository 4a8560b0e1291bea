// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/calibration/DriftTrend.h"

#include "core/calibration/LinearFit.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace galvani::core::calibration {

namespace {

using Clock = std::chrono::system_clock;
using Days = std::chrono::duration<double, std::ratio<86400>>;
constexpr double kDaysPerYear = 365.25;

double daysSinceEpoch(Clock::time_point t)
{
    return std::chrono::duration_cast<Days>(t.time_since_epoch()).count();
}

} // namespace

DriftForecast forecastDrift(std::span<const DriftSample> history, Clock::time_point due, CalibratedRange range)
{
    DriftForecast out;
    if (history.empty()) {
        return out;
    }
    const auto latest = std::max_element(
        history.begin(), history.end(), [](const DriftSample& a, const DriftSample& b) { return a.at < b.at; });
    out.atDue = latest->model;

    std::vector<double> days;
    std::vector<double> gains;
    std::vector<double> offsets;
    for (const DriftSample& s : history) {
        days.push_back(daysSinceEpoch(s.at));
        gains.push_back(s.model.gain);
        offsets.push_back(s.model.offset.value());
    }
    const auto gainLine = fitLine(days, gains);
    const auto offsetLine = fitLine(days, offsets);
    if (!gainLine || !offsetLine) {
        return out;
    }
    out.trendKnown = true;
    out.gainPerYear = gainLine->slope * kDaysPerYear;
    out.offsetPerYear = MicroampsReal(offsetLine->slope * kDaysPerYear);
    const auto modelAt = [&](double day) {
        return CorrectionModel{gainLine->slope * day + gainLine->intercept,
            MicroampsReal(offsetLine->slope * day + offsetLine->intercept)};
    };
    const double dueDay = daysSinceEpoch(due);
    out.atDue = modelAt(dueDay);
    // Day by day: the bound has a corner (see correctionBoundProblem), so the first crossing is searched rather
    // than solved; a calibration interval is at most a year, a few hundred evaluations.
    const double first = daysSinceEpoch(latest->at);
    const double span = dueDay + 1e-9 - first;
    const std::int64_t lastStep = span >= 0.0 ? static_cast<std::int64_t>(std::floor(span)) : -1;
    for (std::int64_t step = 0; step <= lastStep; ++step) {
        const double at = std::min(first + static_cast<double>(step), dueDay);
        if (auto problem = correctionBoundProblem(modelAt(at), range)) {
            out.leavesBoundAt = Clock::time_point(std::chrono::duration_cast<Clock::duration>(Days(at)));
            out.problem = *problem;
            break;
        }
    }
    if (!out.leavesBoundAt) {
        if (auto problem = correctionBoundProblem(out.atDue, range)) {
            out.leavesBoundAt = due;
            out.problem = *problem;
        }
    }
    return out;
}

} // namespace galvani::core::calibration
