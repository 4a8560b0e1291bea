// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/calibration/CalibrationLimits.h"
#include "core/calibration/Tolerance.h"

#include <catch2/catch.hpp>

#include <limits>

using namespace galvani::core;
using namespace galvani::core::calibration;

TEST_CASE("current tolerance is 10 percent or 1 mA whichever is larger", "[calibration][tolerance]")
{
    CHECK(currentTolerance(Microamps(5'000)).value() == Approx(1000.0));
    CHECK(currentTolerance(Microamps(10'000)).value() == Approx(1000.0));
    CHECK(currentTolerance(Microamps(25'000)).value() == Approx(2500.0));
    CHECK(currentTolerance(Microamps(50'000)).value() == Approx(5000.0));
    CHECK(currentTolerance(Microamps(-50'000)).value() == Approx(5000.0));
}

TEST_CASE("current tolerance bounds are inclusive and symmetric", "[calibration][tolerance]")
{
    CHECK(withinCurrentTolerance(Microamps(25'000), MicroampsReal(27'500.0)));
    CHECK(withinCurrentTolerance(Microamps(25'000), MicroampsReal(22'500.0)));
    CHECK_FALSE(withinCurrentTolerance(Microamps(25'000), MicroampsReal(27'501.0)));
    CHECK_FALSE(withinCurrentTolerance(Microamps(25'000), MicroampsReal(22'499.0)));
    // Below 10 mA the 1 mA floor binds.
    CHECK(withinCurrentTolerance(Microamps(2'000), MicroampsReal(3'000.0)));
    CHECK_FALSE(withinCurrentTolerance(Microamps(2'000), MicroampsReal(3'001.0)));
}

TEST_CASE("a non-finite measurement is never within tolerance", "[calibration][tolerance]")
{
    CHECK_FALSE(withinCurrentTolerance(Microamps(10'000), MicroampsReal(std::numeric_limits<double>::quiet_NaN())));
    CHECK_FALSE(withinCurrentTolerance(Microamps(10'000), MicroampsReal(std::numeric_limits<double>::infinity())));
    CHECK_FALSE(withinWidthTolerance(Microseconds(200), std::numeric_limits<double>::quiet_NaN()));
}

TEST_CASE("width and frequency tolerance is 5 percent", "[calibration][tolerance]")
{
    CHECK(withinWidthTolerance(Microseconds(200), 210.0));
    CHECK(withinWidthTolerance(Microseconds(200), 190.0));
    CHECK_FALSE(withinWidthTolerance(Microseconds(200), 210.5));
    CHECK_FALSE(withinWidthTolerance(Microseconds(200), 189.5));
    CHECK(withinFrequencyTolerance(Hertz(100.0), Hertz(105.0)));
    CHECK_FALSE(withinFrequencyTolerance(Hertz(100.0), Hertz(105.1)));
    CHECK_FALSE(withinFrequencyTolerance(Hertz(0.0), Hertz(0.0)));
    CHECK_FALSE(withinWidthTolerance(Microseconds(0), 0.0));
}

TEST_CASE("calibration figures follow CLINICAL section 6", "[calibration][limits]")
{
    CHECK(kCurrentToleranceFloor == Microamps(1000));
    CHECK(kCurrentTolerancePermille == 100);
    CHECK(kTimingTolerancePermille == 50);
    CHECK(kMinPoints == 3);
    CHECK(kDueSoonDays == 30);
    CHECK(kDefaultIntervalMonths == 12);
    CHECK(kMaxIntervalMonths == 12);
}
