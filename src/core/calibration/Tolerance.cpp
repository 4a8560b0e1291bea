// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/calibration/Tolerance.h"

#include "core/calibration/CalibrationLimits.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace galvani::core::calibration {

namespace {

bool withinPermille(double nominal, double measured, std::int64_t permille)
{
    if (!(nominal > 0.0) || !std::isfinite(nominal) || !std::isfinite(measured)) {
        return false;
    }
    return std::fabs(measured - nominal) <= nominal * static_cast<double>(permille) / 1000.0;
}

} // namespace

MicroampsReal currentTolerance(Microamps set)
{
    // |set| · permille / 1000 in integers first: exact for every whole-µA set value.
    const std::int64_t magnitude = std::llabs(set.value());
    const double proportional = static_cast<double>(magnitude * kCurrentTolerancePermille) / 1000.0;
    return MicroampsReal(std::max(static_cast<double>(kCurrentToleranceFloor.value()), proportional));
}

bool withinCurrentTolerance(Microamps set, MicroampsReal measured)
{
    if (!std::isfinite(measured.value())) {
        return false;
    }
    return std::fabs(measured.value() - static_cast<double>(set.value())) <= currentTolerance(set).value();
}

bool withinWidthTolerance(Microseconds nominal, double measuredUs)
{
    return withinPermille(static_cast<double>(nominal.value()), measuredUs, kTimingTolerancePermille);
}

bool withinFrequencyTolerance(Hertz nominal, Hertz measured)
{
    return withinPermille(nominal.value(), measured.value(), kTimingTolerancePermille);
}

} // namespace galvani::core::calibration
