// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/calibration/DriftTrend.h"

#include <catch2/catch.hpp>

#include <vector>

using namespace galvani::core;
using namespace galvani::core::calibration;
using namespace std::chrono_literals;

namespace {

using TimePoint = std::chrono::system_clock::time_point;
const TimePoint kStart = std::chrono::sys_days{std::chrono::year{2026} / 1 / 1};
const CalibratedRange kDriftRange{Microamps(10'000), Microamps(50'000)};
constexpr auto kYear = std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::days(365));

DriftSample sample(TimePoint at, double gain, double offsetUa)
{
    return DriftSample{at, CorrectionModel{gain, MicroampsReal(offsetUa)}};
}

} // namespace

TEST_CASE("a steady channel gives no drift warning", "[calibration][drift]")
{
    const std::vector<DriftSample> history{
        sample(kStart, 1.01, 50.0), sample(kStart + kYear, 1.011, 60.0), sample(kStart + 2 * kYear, 1.012, 55.0)};
    const auto forecast = forecastDrift(history, kStart + 3 * kYear, kDriftRange);
    CHECK(forecast.trendKnown);
    CHECK(forecast.gainPerYear == Approx(0.001).margin(1e-5));
    CHECK_FALSE(forecast.warning());
    CHECK(forecast.atDue.gain == Approx(1.013).margin(1e-4));
}

TEST_CASE("a gain trend leaving the bound before the due date warns with the day", "[calibration][drift]")
{
    // +4 % a year: 1.00, 1.04, 1.08 → 1.12 at the next due date; the ±10 % bound breaks half way (day ~182).
    const std::vector<DriftSample> history{
        sample(kStart, 1.00, 0.0), sample(kStart + kYear, 1.04, 0.0), sample(kStart + 2 * kYear, 1.08, 0.0)};
    const auto due = kStart + 3 * kYear;
    const auto forecast = forecastDrift(history, due, kDriftRange);
    REQUIRE(forecast.trendKnown);
    CHECK(forecast.gainPerYear == Approx(0.04 * 365.25 / 365.0).epsilon(1e-6));
    CHECK(forecast.atDue.gain == Approx(1.12).epsilon(1e-6));
    REQUIRE(forecast.warning());
    const auto daysIn = std::chrono::duration_cast<std::chrono::days>(*forecast.leavesBoundAt - (kStart + 2 * kYear));
    CHECK(daysIn.count() >= 181);
    CHECK(daysIn.count() <= 184);
    CHECK(*forecast.leavesBoundAt < due);
    CHECK_THAT(forecast.problem, Catch::Contains("gain"));
}

TEST_CASE("an offset trend is forecast on its own", "[calibration][drift]")
{
    const std::vector<DriftSample> history{sample(kStart, 1.0, 200.0), sample(kStart + kYear, 1.0, 700.0)};
    const auto forecast = forecastDrift(history, kStart + 2 * kYear, kDriftRange);
    CHECK(forecast.offsetPerYear.value() == Approx(500.0 * 365.25 / 365.0).epsilon(1e-6));
    REQUIRE(forecast.warning());
    CHECK_THAT(forecast.problem, Catch::Contains("offset"));
}

TEST_CASE("one calibration has no trend and forecasts its own model", "[calibration][drift]")
{
    const std::vector<DriftSample> one{sample(kStart, 1.03, 100.0)};
    const auto forecast = forecastDrift(one, kStart + kYear, kDriftRange);
    CHECK_FALSE(forecast.trendKnown);
    CHECK_FALSE(forecast.warning());
    CHECK(forecast.atDue.gain == Approx(1.03));
    CHECK_FALSE(forecastDrift(std::vector<DriftSample>{}, kStart, kDriftRange).trendKnown);
}

TEST_CASE("samples out of order give the same forecast", "[calibration][drift]")
{
    const std::vector<DriftSample> ordered{
        sample(kStart, 1.00, 0.0), sample(kStart + kYear, 1.04, 0.0), sample(kStart + 2 * kYear, 1.08, 0.0)};
    const std::vector<DriftSample> shuffled{ordered[2], ordered[0], ordered[1]};
    const auto a = forecastDrift(ordered, kStart + 3 * kYear, kDriftRange);
    const auto b = forecastDrift(shuffled, kStart + 3 * kYear, kDriftRange);
    CHECK(a.leavesBoundAt == b.leavesBoundAt);
    CHECK(a.atDue.gain == Approx(b.atDue.gain));
}
