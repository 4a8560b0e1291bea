// SPDX-License-Identifier: GPL-3.0-or-later
// The named constants and the worked examples of CLINICAL §1.2, checked numerically.
#include "SafetyTestSupport.h"

#include "core/safety/ClinicalLimits.h"
#include "core/safety/OutputMetrics.h"
#include "core/units/UnitConversions.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace galvani::core;
using namespace galvani::core::safety;
using namespace galvani::core::safety::test;

namespace {

double roundTo(double v, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(v * scale) / scale;
}

} // namespace

TEST_CASE("Clinical constants carry the documented values", "[core][safety]")
{
    STATIC_REQUIRE(kRmsCurrentLimit == Microamps(50'000));
    STATIC_REQUIRE(kRmsCurrentStandardUpTo400Hz == Microamps(50'000));
    STATIC_REQUIRE(kRmsCurrentStandard400To1500Hz == Microamps(80'000));
    STATIC_REQUIRE(kRmsCurrentStandardAbove1500Hz == Microamps(100'000));
    STATIC_REQUIRE(kPeakCurrentDesignCap == Microamps(100'000));
    STATIC_REQUIRE(kEnergyPerPulseLimit == Microjoules(300'000.0));
    STATIC_REQUIRE(kReferenceLoad == Ohms(500));
    STATIC_REQUIRE(kPeakVoltageLimit == Millivolts(500'000));
    STATIC_REQUIRE(kPowerDensityLimit == MilliwattsPerSquareCentimetre(250.0));
    STATIC_REQUIRE(kCurrentDensityWarning == MicroampsPerSquareCentimetre(2'000.0));
    STATIC_REQUIRE(kDcCurrentDensityLimit == MicroampsPerSquareCentimetre(200.0));
    STATIC_REQUIRE(kIndicatorLoad == Ohms(1'000));
    STATIC_REQUIRE(kSessionDurationMin == minutes(1));
    STATIC_REQUIRE(kSessionDurationMax == minutes(99));
    STATIC_REQUIRE(kContractionOnMin == seconds(1));
    STATIC_REQUIRE(kContractionOffMin == seconds(1));
    STATIC_REQUIRE(kRampTimeMax == seconds(10));
    STATIC_REQUIRE(kAmplitudeStepLimit == Microamps(500));
    // 100 mA over the shortest NMES ramp of 0.5 s.
    STATIC_REQUIRE(kRampRateLimit == MicroampsPerSecond(200'000));
    STATIC_REQUIRE(kStartRampDefaultMin <= kStartRampDefault);
    STATIC_REQUIRE(kStartRampDefault <= kStartRampDefaultMax);
    // The enforced rms limit is the strictest band.
    STATIC_REQUIRE(kRmsCurrentLimit <= kRmsCurrentStandardUpTo400Hz);
    STATIC_REQUIRE(kRmsCurrentLimit <= kRmsCurrentStandard400To1500Hz);
    STATIC_REQUIRE(kRmsCurrentLimit <= kRmsCurrentStandardAbove1500Hz);
}

TEST_CASE("Standard rms band figures switch exactly at 400 Hz and 1.5 kHz", "[core][safety]")
{
    CHECK(standardRmsCurrentForRate(Hertz(50.0)) == Microamps(50'000));
    CHECK(standardRmsCurrentForRate(Hertz(400.0)) == Microamps(50'000));
    CHECK(standardRmsCurrentForRate(Hertz(std::nextafter(400.0, 1e9))) == Microamps(80'000));
    CHECK(standardRmsCurrentForRate(Hertz(1500.0)) == Microamps(80'000));
    CHECK(standardRmsCurrentForRate(Hertz(std::nextafter(1500.0, 1e9))) == Microamps(100'000));
    CHECK(standardRmsCurrentForRate(Hertz(4000.0)) == Microamps(100'000));
}

TEST_CASE("CLINICAL §1.2: biphasic 300 µs, 50 Hz, 80 mA is 13.9 mA rms, 1.9 mJ, 0.31 mA/cm²", "[core][safety]")
{
    const auto train = PulseTrain::pulses(
        Waveform::symmetricBiphasic(), Hertz(50.0), Microseconds(300), Microseconds(0), Microamps(80'000));
    const auto rms = rmsCurrent(train);
    CHECK(rms.value() == Approx(80'000.0 * std::sqrt(0.03)).epsilon(1e-12));
    CHECK(roundTo(toMilliamps(rms), 1) == 13.9);
    CHECK(roundTo(toMillijoules(energyPerPulse(train, kReferenceLoad)).value(), 1) == 1.9);
    CHECK(energyPerPulse(train, kReferenceLoad).value() == Approx(1'920.0));
    const auto density = currentDensity(rms, rectangleArea(5.0, 9.0).value());
    CHECK(roundTo(density.value().value() / 1000.0, 2) == 0.31);

    // 50 mA rms would need 289 mA peak, so the 100 mA peak cap binds first.
    const double neededPeak = 50'000.0 / factorsOf(train).rmsPerPeak;
    CHECK(std::ceil(neededPeak / 1000.0) == 289.0);
    auto cp = baseChannel();
    cp.train = train;
    cp.train.amplitude = kPeakCurrentDesignCap;
    CHECK(SafetyGuard::validate(programOf(cp), standardLimits()).accepted());
    cp.train.amplitude = kPeakCurrentDesignCap + Microamps(1);
    const auto verdict = SafetyGuard::validate(programOf(cp), standardLimits());
    REQUIRE(verdict.violations().size() == 1);
    CHECK(verdict.violations()[0].rule == Rule::PeakCurrent);
}

TEST_CASE("CLINICAL §1.2: monophasic 200 µs, 100 Hz, 80 mA is 11.3 mA rms", "[core][safety]")
{
    const auto train = PulseTrain::pulses(
        Waveform::monophasic(), Hertz(100.0), Microseconds(200), Microseconds(0), Microamps(80'000));
    const auto rms = rmsCurrent(train);
    CHECK(rms.value() == Approx(80'000.0 * std::sqrt(0.02)).epsilon(1e-12));
    CHECK(roundTo(toMilliamps(rms), 1) == 11.3);
    // It carries d.c.: 80 mA × 200 µs × 100 Hz = 1.6 mA mean.
    CHECK(meanCurrent(train).value() == Approx(1'600.0));
}

TEST_CASE("CLINICAL §1.2: Russian 2.5 kHz, 50 % bursts, 100 mA peak is 50 mA rms, at the limit", "[core][safety]")
{
    const auto train = PulseTrain::sine(Hertz(2500.0), Microamps(100'000), CarrierBurst{Hertz(50.0), Permille(500)});
    CHECK(rmsCurrent(train).value() == 50'000.0); // exactly: 100/√2 · √0.5 = 50
    CHECK(meanCurrent(train).value() == 0.0);

    // At the limit passes; 1 µA more breaks the rms limit (and the peak cap).
    ChannelProgram cp = baseChannel();
    cp.train = train;
    cp.envelope = Envelope::cycling(seconds(1), seconds(10), seconds(1), seconds(50));
    cp.duration = minutes(10);
    const auto limits = standardLimits();
    CHECK(SafetyGuard::validate(programOf(cp), limits).accepted());
    cp.train.amplitude = Microamps(100'001);
    const auto verdict = SafetyGuard::validate(programOf(cp), limits);
    CHECK(verdict.find(1, Field::Amplitude, Rule::RmsCurrent) != nullptr);
    CHECK(verdict.find(1, Field::Amplitude, Rule::PeakCurrent) != nullptr);
}

TEST_CASE("CLINICAL §1.1: 50 mA rms needs at least 25 cm² to stay at 2 mA/cm²", "[core][safety]")
{
    ChannelProgram cp = baseChannel();
    cp.train = PulseTrain::sine(Hertz(2500.0), Microamps(100'000), CarrierBurst{Hertz(50.0), Permille(500)});
    cp.startRamp = seconds(1);
    // Exactly 2 mA/cm² is not "above": no warning.
    const auto atLimit = SafetyGuard::validate(programOf(cp), standardLimits(1, SquareCentimetres(25.0)));
    CHECK(atLimit.accepted());
    CHECK(atLimit.warnings().empty());
    // The next smaller pad is above: a warning, not a violation.
    const auto smaller
        = SafetyGuard::validate(programOf(cp), standardLimits(1, SquareCentimetres(std::nextafter(25.0, 0.0))));
    CHECK(smaller.accepted());
    REQUIRE(smaller.warnings().size() == 1);
    CHECK(smaller.warnings()[0].rule == Rule::CurrentDensity);
    CHECK(smaller.warnings()[0].channel == 1);
}
