// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/calibration/AmplitudeCorrection.h"

#include "core/calibration/CalibrationLimits.h"
#include "core/calibration/Tolerance.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace galvani::core::calibration {

namespace {

std::string fixed(double v, int decimals)
{
    std::ostringstream s;
    s.setf(std::ios::fixed);
    s.precision(decimals);
    s << v;
    return s.str();
}

// Rounding slack of the bound comparisons, far below any measurable difference: 1.10 − 1 is 0.10000000000000009
// in binary floating point and must count as 10 %.
constexpr double kGainSlack = 1e-9;
constexpr double kCurrentSlackUa = 1e-6;

std::string milliamps(double ua)
{
    return fixed(ua / 1000.0, 3) + " mA";
}

} // namespace

MicroampsReal CorrectionModel::predictedOutput(Microamps command) const
{
    return MicroampsReal(gain * static_cast<double>(command.value()) + offset.value());
}

std::optional<std::string> correctionBoundProblem(const CorrectionModel& model, CalibratedRange range)
{
    if (!std::isfinite(model.gain) || !std::isfinite(model.offset.value()) || !(model.gain > 0.0)) {
        return "the fitted model is not a usable line (gain " + fixed(model.gain, 6) + ")";
    }
    if (range.low.value() <= 0 || range.high < range.low) {
        return "the calibrated range " + milliamps(static_cast<double>(range.low.value())) + " .. "
            + milliamps(static_cast<double>(range.high.value())) + " is empty";
    }
    const double gainDeviation = model.gain - 1.0;
    if (std::fabs(gainDeviation) > kMaxGainDeviation + kGainSlack) {
        return "gain " + fixed(model.gain, 4) + " needs a correction of " + fixed(gainDeviation * 100.0, 2)
            + " %; at most ±" + fixed(kMaxGainDeviation * 100.0, 0) + " % may be corrected";
    }
    if (std::fabs(model.offset.value()) > static_cast<double>(kMaxOffset.value()) + kCurrentSlackUa) {
        return "offset " + milliamps(model.offset.value()) + " is outside ±"
            + milliamps(static_cast<double>(kMaxOffset.value())) + ", the most that may be corrected";
    }
    // The uncorrected error |(gain − 1)·I + offset| is convex in I and the band max(1 mA, 10 % I) is convex with
    // one corner, so the band holds over the whole range if it holds at both ends and at the corner.
    const double corner
        = static_cast<double>(kCurrentToleranceFloor.value()) * 1000.0 / static_cast<double>(kCurrentTolerancePermille);
    for (const double current : {static_cast<double>(range.low.value()), static_cast<double>(range.high.value()),
             std::clamp(corner, static_cast<double>(range.low.value()), static_cast<double>(range.high.value()))}) {
        const auto set = Microamps(std::llround(current));
        const double error = gainDeviation * current + model.offset.value();
        if (std::fabs(error) > currentTolerance(set).value() + kCurrentSlackUa) {
            return "at " + milliamps(current) + " the channel delivers " + milliamps(current + error) + ", "
                + milliamps(error) + " off; a correctable channel stays within ±"
                + milliamps(currentTolerance(set).value()) + " (±10 % or ±1 mA)";
        }
    }
    return std::nullopt;
}

AmplitudeCorrection AmplitudeCorrection::factory()
{
    return AmplitudeCorrection(CorrectionModel::identity(), true);
}

std::variant<AmplitudeCorrection, std::string> AmplitudeCorrection::make(
    const CorrectionModel& model, CalibratedRange range)
{
    if (auto problem = correctionBoundProblem(model, range)) {
        return *problem;
    }
    return AmplitudeCorrection(model, false);
}

Microamps AmplitudeCorrection::command(Microamps target, Microamps grid) const
{
    if (target.value() <= 0) {
        return Microamps(0);
    }
    const double step = grid.value() > 0 ? static_cast<double>(grid.value()) : 1.0;
    const double wanted = (static_cast<double>(target.value()) - m_model.offset.value()) / m_model.gain;
    const double band = currentTolerance(target).value();
    const double t = static_cast<double>(target.value());
    // Keep the command inside the target's band, on the grid: the lowest and highest grid points inside it.
    const double lowest = std::ceil(std::max(0.0, t - band) / step) * step;
    const double highest = std::floor((t + band) / step) * step;
    double rounded = std::round(wanted / step) * step;
    if (lowest <= highest) {
        rounded = std::clamp(rounded, lowest, highest);
    }
    return Microamps(std::llround(std::max(0.0, rounded)));
}

} // namespace galvani::core::calibration
