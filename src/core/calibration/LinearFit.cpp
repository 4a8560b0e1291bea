// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/calibration/LinearFit.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace galvani::core::calibration {

std::optional<Line> fitLine(std::span<const double> x, std::span<const double> y)
{
    if (x.size() != y.size() || x.size() < 2) {
        return std::nullopt;
    }
    const auto finite = [](double v) { return std::isfinite(v); };
    if (!std::all_of(x.begin(), x.end(), finite) || !std::all_of(y.begin(), y.end(), finite)) {
        return std::nullopt;
    }
    const auto n = static_cast<double>(x.size());
    double meanX = 0.0;
    double meanY = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        meanX += x[i];
        meanY += y[i];
    }
    meanX /= n;
    meanY /= n;
    double sxx = 0.0;
    double sxy = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double dx = x[i] - meanX;
        sxx += dx * dx;
        sxy += dx * (y[i] - meanY);
    }
    if (!(sxx > 0.0)) {
        return std::nullopt;
    }
    const double slope = sxy / sxx;
    return Line{slope, meanY - slope * meanX};
}

std::optional<LinearFit> fitLeastSquares(std::span<const FitSample> samples)
{
    std::vector<double> x;
    std::vector<double> y;
    x.reserve(samples.size());
    y.reserve(samples.size());
    for (const FitSample& s : samples) {
        x.push_back(static_cast<double>(s.set.value()));
        y.push_back(s.measured.value());
    }
    const auto line = fitLine(x, y);
    if (!line) {
        return std::nullopt;
    }
    double worst = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        worst = std::max(worst, std::fabs(y[i] - (line->slope * x[i] + line->intercept)));
    }
    return LinearFit{line->slope, MicroampsReal(line->intercept), MicroampsReal(worst)};
}

} // namespace galvani::core::calibration
