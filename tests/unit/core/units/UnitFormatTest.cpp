// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/units/UnitFormat.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace galvani::core;

TEST_CASE("formatDecimal trims to the needed decimals", "[core][units]")
{
    CHECK(formatDecimal(62.0, 3) == "62.0");
    CHECK(formatDecimal(50.001, 3) == "50.001");
    CHECK(formatDecimal(13.8564, 3) == "13.856");
    CHECK(formatDecimal(2.0, 3, 0) == "2");
    CHECK(formatDecimal(-0.0001, 3) == "0.0");
    CHECK(formatDecimal(std::numeric_limits<double>::quiet_NaN(), 3) == "NaN");
    CHECK(formatDecimal(std::numeric_limits<double>::infinity(), 3) == "inf");
    CHECK(formatDecimal(-std::numeric_limits<double>::infinity(), 3) == "-inf");
    CHECK_FALSE(formatDecimal(1e300, 3).empty());
}

TEST_CASE("Quantities read in clinical units, every step visible", "[core][units]")
{
    CHECK(formatValue(Microamps(62'000)) == "62.0 mA");
    CHECK(formatValue(Microamps(50'001)) == "50.001 mA");
    CHECK(formatValue(Microamps(-1)) == "-0.001 mA");
    CHECK(formatValue(Microamps(std::numeric_limits<std::int64_t>::min())) == "-9223372036854775.808 mA");
    CHECK(formatValue(MicroampsReal(13'856.4)) == "13.856 mA");
    CHECK(formatValue(Microseconds(300), TimeStyle::InMicroseconds) == "300 µs");
    CHECK(formatValue(Microseconds(1'500'000), TimeStyle::InSeconds) == "1.5 s");
    CHECK(formatValue(Microseconds(999'999), TimeStyle::InSeconds) == "0.999999 s");
    CHECK(formatValue(Microseconds(5'940'000'000), TimeStyle::InMinutes) == "99 min");
    CHECK(formatValue(Microseconds(5'940'000'001), TimeStyle::InMinutes) == "5940.000001 s");
    CHECK(formatValue(Hertz(50.0)) == "50 Hz");
    CHECK(formatValue(Hertz(0.5)) == "0.5 Hz");
    CHECK(formatValue(Hertz(std::nextafter(150.0, 200.0))) == "150.00000000000003 Hz");
    CHECK(formatValue(Microjoules(1'920.0)) == "1.92 mJ");
    CHECK(formatValue(Millivolts(500'000)) == "500.0 V");
    CHECK(formatValue(MillivoltsReal(10'000.5)) == "10.001 V");
    CHECK(formatValue(Ohms(500)) == "500 Ω");
    CHECK(formatValue(SquareCentimetres(45.0)) == "45.0 cm²");
    CHECK(formatValue(MicroampsPerSquareCentimetre(2'000.0)) == "2.0 mA/cm²");
    CHECK(formatValue(MilliwattsPerSquareCentimetre(250.0)) == "0.25 W/cm²");
    CHECK(formatValue(MicroampsPerSecond(200'000)) == "200.0 mA/s");
    CHECK(formatValue(Microcoulombs(1'800'000.0)) == "1800.0 mC");
    CHECK(formatValue(Permille(500)) == "50.0 %");
}

TEST_CASE("Ranges share one unit", "[core][units]")
{
    CHECK(formatRange(Microamps(0), Microamps(50'000)) == "0.0–50.0 mA");
    CHECK(formatRange(Microseconds(60'000'000), Microseconds(5'940'000'000), TimeStyle::InMinutes) == "1–99 min");
    CHECK(formatRange(Microseconds(30'000'000), Microseconds(5'940'000'000), TimeStyle::InMinutes) == "30.0–5940.0 s");
    CHECK(joinedRange(DisplayValue{"1", ""}, DisplayValue{"50", ""}) == "1–50");
    CHECK(joinedRange(DisplayValue{"1", "mA"}, DisplayValue{"2", "A"}) == "1 mA–2 A");
}
