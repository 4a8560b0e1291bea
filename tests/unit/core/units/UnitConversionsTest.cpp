// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/units/UnitConversions.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <set>
#include <string>

using namespace galvani::core;

namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

template <typename T>
ConversionError errorOf(const Checked<T>& c)
{
    REQUIRE_FALSE(c.ok());
    return c.error();
}

} // namespace

TEST_CASE("Checked carries a value or an error, never garbage", "[core][units]")
{
    const auto ok = Checked<Microamps>::success(Microamps(5));
    CHECK(ok.ok());
    CHECK(static_cast<bool>(ok));
    CHECK(ok.value() == Microamps(5));
    const auto bad = Checked<Microamps>::failure(ConversionError::Overflow);
    CHECK_FALSE(bad.ok());
    CHECK(bad.error() == ConversionError::Overflow);
    CHECK(bad.value() == Microamps(0));
    CHECK(bad.valueOr(Microamps(7)) == Microamps(7));
    std::set<std::string> texts;
    for (auto e : {ConversionError::NotFinite, ConversionError::Negative, ConversionError::Overflow,
             ConversionError::ZeroDivisor}) {
        texts.insert(std::string(toString(e)));
    }
    CHECK(texts.size() == 4);
}

TEST_CASE("checkedAdd reports overflow at both ends of int64", "[core][units]")
{
    CHECK(checkedAdd(kMax, 0).value() == kMax);
    CHECK(errorOf(checkedAdd(kMax, 1)) == ConversionError::Overflow);
    CHECK(checkedAdd(kMin, 0).value() == kMin);
    CHECK(errorOf(checkedAdd(kMin, -1)) == ConversionError::Overflow);
    CHECK(checkedAdd(kMax, kMin).value() == -1);
    CHECK(checkedAdd(-5, 3).value() == -2);
}

TEST_CASE("checkedMultiply reports overflow exactly at the int64 boundary", "[core][units]")
{
    struct Row {
        std::int64_t a;
        std::int64_t b;
        bool overflows;
    };
    const Row rows[] = {
        {kMax, 1, false},
        {kMax, 2, true},
        {kMax, -1, false},
        {kMin, 1, false},
        {kMin, -1, true},
        {-1, kMin, true},
        {0, kMin, false},
        {kMin, 0, false},
        {3'037'000'499, 3'037'000'499, false}, // 9.223372030926249e18 < 2⁶³
        {3'037'000'500, 3'037'000'500, true},
        {-3'037'000'500, 3'037'000'500, true},
        {-3'037'000'499, -3'037'000'499, false},
        {4'611'686'018'427'387'904, -2, false}, // exactly -2⁶³
        {4'611'686'018'427'387'904, 2, true},
    };
    for (const auto& r : rows) {
        INFO(r.a << " * " << r.b);
        const auto c = checkedMultiply(r.a, r.b);
        CHECK(c.ok() == !r.overflows);
        if (c.ok()) {
            CHECK(c.value() == r.a * r.b);
        }
    }

    // Against the compiler's own overflow detection over random magnitudes.
    std::mt19937_64 rng(20240611);
    for (int i = 0; i < 100'000; ++i) {
        const int shiftA = static_cast<int>(rng() % 63);
        const int shiftB = static_cast<int>(rng() % 63);
        const auto a = static_cast<std::int64_t>(rng() >> shiftA) * ((rng() & 1) != 0 ? -1 : 1);
        const auto b = static_cast<std::int64_t>(rng() >> shiftB) * ((rng() & 1) != 0 ? -1 : 1);
        std::int64_t expected = 0;
        const bool overflow = __builtin_mul_overflow(a, b, &expected);
        const auto c = checkedMultiply(a, b);
        INFO(a << " * " << b);
        REQUIRE(c.ok() == !overflow);
        if (!overflow) {
            REQUIRE(c.value() == expected);
        }
    }
}

TEST_CASE("checkedRound rounds half away from zero and refuses what does not fit", "[core][units]")
{
    CHECK(checkedRound(2.5).value() == 3);
    CHECK(checkedRound(-2.5).value() == -3);
    CHECK(checkedRound(2.4999).value() == 2);
    CHECK(errorOf(checkedRound(kNaN)) == ConversionError::NotFinite);
    CHECK(errorOf(checkedRound(kInf)) == ConversionError::NotFinite);
    CHECK(errorOf(checkedRound(-kInf)) == ConversionError::NotFinite);
    const double twoPow63 = 9223372036854775808.0;
    CHECK(checkedRound(std::nextafter(twoPow63, 0.0)).ok());
    CHECK(errorOf(checkedRound(twoPow63)) == ConversionError::Overflow);
    CHECK(checkedRound(-twoPow63).value() == kMin);
    CHECK(errorOf(checkedRound(std::nextafter(-twoPow63, -kInf))) == ConversionError::Overflow);
}

TEST_CASE("Current conversions", "[core][units]")
{
    CHECK(microampsFromMilliamps(24.5).value() == Microamps(24'500));
    CHECK(microampsFromMilliamps(0.0004).value() == Microamps(0));
    CHECK(microampsFromMilliamps(0.0005).value() == Microamps(1));
    CHECK(microampsFromMilliamps(-0.0).value() == Microamps(0));
    CHECK(errorOf(microampsFromMilliamps(-0.001)) == ConversionError::Negative);
    CHECK(errorOf(microampsFromMilliamps(kNaN)) == ConversionError::NotFinite);
    CHECK(errorOf(microampsFromMilliamps(kInf)) == ConversionError::NotFinite);
    CHECK(microampsFromMilliamps(9.2e15).ok());
    CHECK(errorOf(microampsFromMilliamps(9.3e15)) == ConversionError::Overflow);

    CHECK(microampsRoundedDown(MicroampsReal(13'856.9)).value() == Microamps(13'856));
    CHECK(microampsRoundedDown(MicroampsReal(0.999)).value() == Microamps(0));
    CHECK(errorOf(microampsRoundedDown(MicroampsReal(-0.1))) == ConversionError::Negative);
    CHECK(errorOf(microampsRoundedDown(MicroampsReal(kNaN))) == ConversionError::NotFinite);
    CHECK(errorOf(microampsRoundedDown(MicroampsReal(1e19))) == ConversionError::Overflow);
}

TEST_CASE("Duration conversions", "[core][units]")
{
    CHECK(microsecondsFromMilliseconds(1'500).value() == Microseconds(1'500'000));
    CHECK(errorOf(microsecondsFromMilliseconds(-1)) == ConversionError::Negative);
    CHECK(microsecondsFromMilliseconds(kMax / 1000).ok());
    CHECK(errorOf(microsecondsFromMilliseconds(kMax / 1000 + 1)) == ConversionError::Overflow);

    CHECK(microsecondsFromSeconds(1.5).value() == Microseconds(1'500'000));
    CHECK(microsecondsFromSeconds(1e-6).value() == Microseconds(1));
    CHECK(microsecondsFromSeconds(4e-7).value() == Microseconds(0));
    CHECK(errorOf(microsecondsFromSeconds(-1e-9)) == ConversionError::Negative);
    CHECK(errorOf(microsecondsFromSeconds(kNaN)) == ConversionError::NotFinite);
    CHECK(errorOf(microsecondsFromSeconds(1e13)) == ConversionError::Overflow);

    CHECK(microsecondsFromMinutes(99).value() == Microseconds(5'940'000'000));
    CHECK(errorOf(microsecondsFromMinutes(-1)) == ConversionError::Negative);
    CHECK(microsecondsFromMinutes(kMax / 60'000'000).ok());
    CHECK(errorOf(microsecondsFromMinutes(kMax / 60'000'000 + 1)) == ConversionError::Overflow);

    CHECK(checkedSum(Microseconds(1), Microseconds(2)).value() == Microseconds(3));
    CHECK(errorOf(checkedSum(Microseconds(-1), Microseconds(2))) == ConversionError::Negative);
    CHECK(errorOf(checkedSum(Microseconds(kMax), Microseconds(1))) == ConversionError::Overflow);
}

TEST_CASE("Frequency, area, ratio, energy and voltage conversions", "[core][units]")
{
    CHECK(hertzFromDouble(50.0).value() == Hertz(50.0));
    CHECK(hertzFromDouble(0.0).ok());
    CHECK(errorOf(hertzFromDouble(-0.5)) == ConversionError::Negative);
    CHECK(errorOf(hertzFromDouble(kNaN)) == ConversionError::NotFinite);
    CHECK(errorOf(hertzFromDouble(kInf)) == ConversionError::NotFinite);

    CHECK(rectangleArea(5.0, 9.0).value() == SquareCentimetres(45.0));
    CHECK(errorOf(rectangleArea(kNaN, 9.0)) == ConversionError::NotFinite);
    CHECK(errorOf(rectangleArea(5.0, -9.0)) == ConversionError::Negative);
    CHECK(errorOf(rectangleArea(1e200, 1e200)) == ConversionError::Overflow);

    CHECK(permilleFromPercent(50.0).value() == Permille(500));
    CHECK(permilleFromPercent(100.0).value() == Permille(1000));
    CHECK(errorOf(permilleFromPercent(std::nextafter(100.0, 200.0))) == ConversionError::Overflow);
    CHECK(errorOf(permilleFromPercent(-0.1)) == ConversionError::Negative);
    CHECK(errorOf(permilleFromPercent(kNaN)) == ConversionError::NotFinite);

    CHECK(microjoulesFromMillijoules(1.9).value().value() == Approx(1'900.0));
    CHECK(errorOf(microjoulesFromMillijoules(-1.0)) == ConversionError::Negative);
    CHECK(errorOf(microjoulesFromMillijoules(kNaN)) == ConversionError::NotFinite);
    CHECK(errorOf(microjoulesFromMillijoules(1e308)) == ConversionError::Overflow);

    CHECK(millivoltsFromVolts(500.0).value() == Millivolts(500'000));
    CHECK(errorOf(millivoltsFromVolts(-1.0)) == ConversionError::Negative);
    CHECK(errorOf(millivoltsFromVolts(kInf)) == ConversionError::NotFinite);
    CHECK(errorOf(millivoltsFromVolts(1e17)) == ConversionError::Overflow);
}

TEST_CASE("Derived quantities of a phase", "[core][units]")
{
    // 80 mA for 600 µs (both phases of the CLINICAL §1.2 example): 48 µC, and 1.92 mJ into 500 Ω.
    CHECK(phaseCharge(Microamps(80'000), Microseconds(600)).value().value() == Approx(48.0));
    CHECK(errorOf(phaseCharge(Microamps(-1), Microseconds(600))) == ConversionError::Negative);
    CHECK(phaseEnergy(Microamps(80'000), Microseconds(600), Ohms(500)).value().value() == Approx(1'920.0));
    CHECK(errorOf(phaseEnergy(Microamps(1), Microseconds(1), Ohms(-500))) == ConversionError::Negative);
    CHECK(std::isfinite(phaseEnergy(Microamps(kMax), Microseconds(kMax), Ohms(kMax)).value().value()));

    // I · R in µV, rounded up to whole mV.
    CHECK(voltageAcross(Microamps(100'000), Ohms(500)).value() == Millivolts(50'000));
    CHECK(voltageAcross(Microamps(1), Ohms(1)).value() == Millivolts(1));
    CHECK(voltageAcross(Microamps(1000), Ohms(1)).value() == Millivolts(1));
    CHECK(voltageAcross(Microamps(1001), Ohms(1)).value() == Millivolts(2));
    CHECK(voltageAcross(Microamps(0), Ohms(1)).value() == Millivolts(0));
    CHECK(errorOf(voltageAcross(Microamps(kMax), Ohms(2))) == ConversionError::Overflow);
    CHECK(errorOf(voltageAcross(Microamps(-1), Ohms(2))) == ConversionError::Negative);

    // 13.9 mA rms on a 5 × 9 cm pad: 0.31 mA/cm² (CLINICAL §1.2).
    CHECK(currentDensity(MicroampsReal(13'856.4), SquareCentimetres(45.0)).value().value() / 1000.0
        == Approx(0.3079).epsilon(1e-3));
    CHECK(errorOf(currentDensity(MicroampsReal(1.0), SquareCentimetres(0.0))) == ConversionError::ZeroDivisor);
    CHECK(errorOf(currentDensity(MicroampsReal(-1.0), SquareCentimetres(1.0))) == ConversionError::Negative);
    CHECK(errorOf(currentDensity(MicroampsReal(kNaN), SquareCentimetres(1.0))) == ConversionError::NotFinite);
    CHECK(errorOf(currentDensity(MicroampsReal(1e300), SquareCentimetres(1e-300))) == ConversionError::Overflow);

    // 50 mA rms into 500 Ω is 1.25 W; over 5 cm² exactly 0.25 W/cm² = 250 mW/cm².
    CHECK(powerDensity(MicroampsReal(50'000.0), Ohms(500), SquareCentimetres(5.0)).value().value() == 250.0);
    CHECK(errorOf(powerDensity(MicroampsReal(1.0), Ohms(500), SquareCentimetres(0.0))) == ConversionError::ZeroDivisor);
    CHECK(errorOf(powerDensity(MicroampsReal(1.0), Ohms(-1), SquareCentimetres(1.0))) == ConversionError::Negative);
    CHECK(errorOf(powerDensity(MicroampsReal(kInf), Ohms(1), SquareCentimetres(1.0))) == ConversionError::NotFinite);
}
