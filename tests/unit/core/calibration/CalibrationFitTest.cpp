// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/calibration/LinearFit.h"

#include <catch2/catch.hpp>

#include <limits>
#include <random>
#include <vector>

using namespace galvani::core;
using namespace galvani::core::calibration;

TEST_CASE("an exact line is recovered with zero residual", "[calibration][fit]")
{
    const std::vector<FitSample> points{{Microamps(10'000), MicroampsReal(10'800.0 + 150.0)},
        {Microamps(25'000), MicroampsReal(27'000.0 + 150.0)}, {Microamps(50'000), MicroampsReal(54'000.0 + 150.0)}};
    const auto fit = fitLeastSquares(points);
    REQUIRE(fit);
    CHECK(fit->gain == Approx(1.08).epsilon(1e-12));
    CHECK(fit->offset.value() == Approx(150.0).margin(1e-6));
    CHECK(fit->maxAbsResidual.value() == Approx(0.0).margin(1e-6));
}

TEST_CASE("least squares matches a hand-computed fit and reports the worst residual", "[calibration][fit]")
{
    // x = 1, 2, 3; y = 1, 3, 2: slope 0.5, intercept 1; residuals -0.5, 1, -0.5.
    const std::vector<FitSample> points{
        {Microamps(1), MicroampsReal(1.0)}, {Microamps(2), MicroampsReal(3.0)}, {Microamps(3), MicroampsReal(2.0)}};
    const auto fit = fitLeastSquares(points);
    REQUIRE(fit);
    CHECK(fit->gain == Approx(0.5));
    CHECK(fit->offset.value() == Approx(1.0));
    CHECK(fit->maxAbsResidual.value() == Approx(1.0));
}

TEST_CASE("noisy points give the gain within a fraction of a percent", "[calibration][fit]")
{
    std::mt19937_64 rng(7);
    std::normal_distribution<double> noise(0.0, 20.0);
    std::vector<FitSample> points;
    for (const std::int64_t set : {10'000, 25'000, 50'000}) {
        double sum = 0.0;
        for (int i = 0; i < 16; ++i) {
            sum += 0.92 * static_cast<double>(set) - 300.0 + noise(rng);
        }
        points.push_back({Microamps(set), MicroampsReal(sum / 16.0)});
    }
    const auto fit = fitLeastSquares(points);
    REQUIRE(fit);
    CHECK(fit->gain == Approx(0.92).epsilon(0.001));
    CHECK(fit->offset.value() == Approx(-300.0).margin(30.0));
}

TEST_CASE("a fit needs two distinct set values and finite numbers", "[calibration][fit]")
{
    CHECK_FALSE(fitLeastSquares(std::vector<FitSample>{}));
    CHECK_FALSE(fitLeastSquares(std::vector<FitSample>{{Microamps(10'000), MicroampsReal(10'000.0)}}));
    CHECK_FALSE(fitLeastSquares(std::vector<FitSample>{
        {Microamps(10'000), MicroampsReal(10'000.0)}, {Microamps(10'000), MicroampsReal(11'000.0)}}));
    CHECK_FALSE(fitLeastSquares(std::vector<FitSample>{{Microamps(10'000), MicroampsReal(10'000.0)},
        {Microamps(20'000), MicroampsReal(std::numeric_limits<double>::quiet_NaN())}}));
    const std::vector<double> x{1.0, 2.0};
    const std::vector<double> y{1.0};
    CHECK_FALSE(fitLine(x, y));
}

TEST_CASE("a line over large x such as times in ms keeps its precision", "[calibration][fit]")
{
    const double t0 = 1.77e12; // 2026 in ms since 1970
    const std::vector<double> x{t0, t0 + 3.15e10, t0 + 6.3e10};
    const std::vector<double> y{1.0, 1.01, 1.02};
    const auto line = fitLine(x, y);
    REQUIRE(line);
    CHECK(line->slope * 3.15e10 == Approx(0.01).epsilon(1e-9));
    CHECK(line->slope * t0 + line->intercept == Approx(1.0).epsilon(1e-9));
}
