// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/units/Units.h"

#include <catch2/catch.hpp>

#include <type_traits>

using namespace galvani::core;

TEST_CASE("Quantities of different units are distinct types", "[core][units]")
{
    STATIC_REQUIRE_FALSE(std::is_same_v<Microamps, Microseconds>);
    STATIC_REQUIRE_FALSE(std::is_same_v<Microamps, MicroampsReal>);
    STATIC_REQUIRE_FALSE(std::is_same_v<Millivolts, MillivoltsReal>);
    STATIC_REQUIRE_FALSE(std::is_convertible_v<std::int64_t, Microamps>);
    STATIC_REQUIRE_FALSE(std::is_convertible_v<Microamps, std::int64_t>);
    STATIC_REQUIRE_FALSE(std::is_convertible_v<Microamps, MicroampsReal>);
    STATIC_REQUIRE_FALSE(std::is_convertible_v<Microjoules, Millijoules>);
}

TEST_CASE("Quantity arithmetic stays within one unit", "[core][units]")
{
    constexpr Microamps a{1500};
    constexpr Microamps b{500};
    STATIC_REQUIRE((a + b).value() == 2000);
    STATIC_REQUIRE((a - b).value() == 1000);
    STATIC_REQUIRE((-a).value() == -1500);
    STATIC_REQUIRE(b < a);
    Microseconds t{10};
    t += Microseconds(5);
    CHECK(t.value() == 15);
    t -= Microseconds(20);
    CHECK(t.value() == -5);
}

TEST_CASE("Helpers build constants in the stated units", "[core][units]")
{
    STATIC_REQUIRE(milliamps(24.5) == Microamps(24'500));
    STATIC_REQUIRE(milliamps(-0.0005) == Microamps(-1)); // half away from zero
    STATIC_REQUIRE(volts(500) == Millivolts(500'000));
    STATIC_REQUIRE(seconds(2) == Microseconds(2'000'000));
    STATIC_REQUIRE(minutes(99) == Microseconds(5'940'000'000));
    STATIC_REQUIRE(millijoules(300.0) == Microjoules(300'000.0));
    STATIC_REQUIRE(toMillijoules(Microjoules(1'900.0)) == Millijoules(1.9));
    STATIC_REQUIRE(toMicrojoules(Millijoules(2.0)) == Microjoules(2'000.0));
    STATIC_REQUIRE(toMilliwatts(Microwatts(250'000.0)) == Milliwatts(250.0));
    STATIC_REQUIRE(toMicrowatts(Milliwatts(0.5)) == Microwatts(500.0));
    STATIC_REQUIRE(toReal(Microamps(13'856)) == MicroampsReal(13'856.0));
    STATIC_REQUIRE(toMilliamps(MicroampsReal(500.0)) == 0.5);
    STATIC_REQUIRE(toSeconds(Microseconds(1'500'000)) == 1.5);
    STATIC_REQUIRE(toFraction(Permille(500)) == 0.5);
    STATIC_REQUIRE(squareCentimetres(45.0).value() == 45.0);
    STATIC_REQUIRE(microampsPerSecond(200'000).value() == 200'000);
    STATIC_REQUIRE(microampsPerSquareCentimetre(2'000.0).value() == 2'000.0);
    STATIC_REQUIRE(milliwattsPerSquareCentimetre(250.0).value() == 250.0);
}
