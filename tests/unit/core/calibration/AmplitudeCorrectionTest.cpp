// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/calibration/AmplitudeCorrection.h"
#include "core/calibration/Tolerance.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <variant>

using namespace galvani::core;
using namespace galvani::core::calibration;

namespace {

const CalibratedRange kRange{Microamps(10'000), Microamps(50'000)};
const Microamps kGrid{500}; // ScienceMode4 amplitude step

AmplitudeCorrection correctionOf(double gain, double offsetUa)
{
    auto made = AmplitudeCorrection::make(CorrectionModel{gain, MicroampsReal(offsetUa)}, kRange);
    INFO((std::holds_alternative<std::string>(made) ? std::get<std::string>(made) : std::string()));
    REQUIRE(std::holds_alternative<AmplitudeCorrection>(made));
    return std::get<AmplitudeCorrection>(made);
}

} // namespace

TEST_CASE("an 8 percent gain error is within the correction bound", "[calibration][correction]")
{
    CHECK_FALSE(correctionBoundProblem(CorrectionModel{1.08, MicroampsReal(0.0)}, kRange));
    CHECK_FALSE(correctionBoundProblem(CorrectionModel{0.92, MicroampsReal(0.0)}, kRange));
    CHECK_FALSE(correctionBoundProblem(CorrectionModel{1.10, MicroampsReal(0.0)}, kRange));
}

TEST_CASE("a channel needing more than the bound is refused with the reason", "[calibration][correction]")
{
    const auto gain = correctionBoundProblem(CorrectionModel{1.15, MicroampsReal(0.0)}, kRange);
    REQUIRE(gain);
    CHECK_THAT(*gain, Catch::Contains("gain 1.1500") && Catch::Contains("±10 %"));
    const auto offset = correctionBoundProblem(CorrectionModel{1.0, MicroampsReal(1'200.0)}, kRange);
    REQUIRE(offset);
    CHECK_THAT(*offset, Catch::Contains("offset 1.200 mA") && Catch::Contains("±1.000 mA"));
    // Each part alone is inside its bound, together they leave the acceptance band at 10 mA (1.5 mA off).
    const auto joint = correctionBoundProblem(CorrectionModel{1.05, MicroampsReal(1'000.0)}, kRange);
    REQUIRE(joint);
    CHECK_THAT(*joint, Catch::Contains("at 10.000 mA"));
    CHECK(std::holds_alternative<std::string>(
        AmplitudeCorrection::make(CorrectionModel{1.05, MicroampsReal(1'000.0)}, kRange)));
}

TEST_CASE("unusable models and ranges are refused", "[calibration][correction]")
{
    CHECK(correctionBoundProblem(CorrectionModel{0.0, MicroampsReal(0.0)}, kRange));
    CHECK(
        correctionBoundProblem(CorrectionModel{std::numeric_limits<double>::quiet_NaN(), MicroampsReal(0.0)}, kRange));
    CHECK(
        correctionBoundProblem(CorrectionModel{1.0, MicroampsReal(0.0)}, CalibratedRange{Microamps(0), Microamps(0)}));
    CHECK(correctionBoundProblem(
        CorrectionModel{1.0, MicroampsReal(0.0)}, CalibratedRange{Microamps(50'000), Microamps(10'000)}));
}

TEST_CASE("the command delivers the target on the device grid", "[calibration][correction]")
{
    const auto c = correctionOf(1.08, 0.0);
    CHECK(c.command(Microamps(10'000), kGrid) == Microamps(9'500)); // 9.259 mA → nearest 0.5 mA
    CHECK(c.command(Microamps(25'000), kGrid) == Microamps(23'000)); // 23.148 mA
    CHECK(c.command(Microamps(50'000), kGrid) == Microamps(46'500)); // 46.296 mA
    // Delivered current with the commands above is within the band of each target.
    for (const std::int64_t target : {10'000, 25'000, 50'000}) {
        const auto command = c.command(Microamps(target), kGrid);
        CHECK(withinCurrentTolerance(Microamps(target), c.model().predictedOutput(command)));
        CHECK(
            std::fabs(c.model().predictedOutput(command).value() - static_cast<double>(target)) <= 250.0 * 1.08 + 1.0);
    }
}

TEST_CASE("zero stays zero and no command goes negative", "[calibration][correction]")
{
    const auto c = correctionOf(1.0, 800.0);
    CHECK(c.command(Microamps(0), kGrid) == Microamps(0));
    CHECK(c.command(Microamps(-5'000), kGrid) == Microamps(0));
    CHECK(c.command(Microamps(500), kGrid).value() >= 0);
}

TEST_CASE("every command stays within the acceptance band of its target", "[calibration][correction]")
{
    const auto c = correctionOf(0.905, 0.0);
    for (std::int64_t target = 500; target <= 100'000; target += 500) {
        const auto command = c.command(Microamps(target), kGrid);
        INFO("target " << target << " command " << command.value());
        CHECK(std::fabs(static_cast<double>(command.value() - target)) <= currentTolerance(Microamps(target)).value());
        CHECK(command.value() % kGrid.value() == 0);
    }
}

TEST_CASE("the factory correction commands the target itself", "[calibration][correction]")
{
    const auto c = AmplitudeCorrection::factory();
    CHECK(c.isFactory());
    CHECK(c.command(Microamps(12'500), kGrid) == Microamps(12'500));
    CHECK(c.command(Microamps(12'500), Microamps(0)) == Microamps(12'500));
    CHECK_FALSE(correctionOf(1.02, 10.0).isFactory());
}
