// SPDX-License-Identifier: GPL-3.0-or-later
// The IEC 60601-2-10 "output present" rule: above 10 mA rms, 10 V rms or 10 mJ per pulse into 1 kΩ.
#include "SafetyTestSupport.h"

#include "core/safety/ClinicalLimits.h"
#include "core/safety/OutputIndicator.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace galvani::core;
using namespace galvani::core::safety;
using namespace galvani::core::safety::test;

TEST_CASE("Indicator thresholds are strict, each on its own", "[core][safety]")
{
    const auto level = [](double ua, double mv, double uj) {
        return OutputLevel{MicroampsReal(ua), MillivoltsReal(mv), Microjoules(uj)};
    };
    CHECK_FALSE(exceedsIndicatorThreshold(level(10'000.0, 0.0, 0.0)));
    CHECK(exceedsIndicatorThreshold(level(std::nextafter(10'000.0, 1e9), 0.0, 0.0)));
    CHECK_FALSE(exceedsIndicatorThreshold(level(0.0, 10'000.0, 0.0)));
    CHECK(exceedsIndicatorThreshold(level(0.0, std::nextafter(10'000.0, 1e9), 0.0)));
    CHECK_FALSE(exceedsIndicatorThreshold(level(0.0, 0.0, 10'000.0)));
    CHECK(exceedsIndicatorThreshold(level(0.0, 0.0, std::nextafter(10'000.0, 1e9))));
    CHECK_FALSE(exceedsIndicatorThreshold(level(10'000.0, 10'000.0, 10'000.0)));
}

TEST_CASE("A train into 1 kΩ: rms current and energy per pulse boundaries, 1 µA apart", "[core][safety]")
{
    // Continuous sine: rms = I/√2 crosses 10 mA between 14.142 and 14.143 mA.
    CHECK_FALSE(outputIndicatorRequired(PulseTrain::sine(Hertz(4000.0), Microamps(14'142))));
    CHECK(outputIndicatorRequired(PulseTrain::sine(Hertz(4000.0), Microamps(14'143))));

    // 2 × 4000 µs at 1 Hz: 3.2 mA rms at most, but I² · 1 kΩ · 8 ms crosses 10 mJ between 35.355 and 35.356 mA.
    const auto slow = [](std::int64_t ua) {
        return PulseTrain::pulses(
            Waveform::symmetricBiphasic(), Hertz(1.0), Microseconds(4000), Microseconds(0), Microamps(ua));
    };
    CHECK(outputLevelInto(slow(35'356), kIndicatorLoad).rmsCurrent.value() < 10'000.0);
    CHECK_FALSE(outputIndicatorRequired(slow(35'355)));
    CHECK(outputIndicatorRequired(slow(35'356)));

    // rms voltage into 1 kΩ tracks rms current (10 V ⇔ 10 mA); into another load it is I_rms · R.
    const auto level = outputLevelInto(PulseTrain::sine(Hertz(4000.0), Microamps(20'000)), Ohms(2'000));
    CHECK(level.rmsVoltage.value() == Approx(20'000.0 / std::sqrt(2.0) * 2.0));
}

TEST_CASE("Whether a channel is able to exceed the thresholds, within its limits", "[core][safety]")
{
    EffectiveLimits limits(2);
    CHECK(channelCanExceedIndicatorThreshold(*limits.channel(1)));

    Caps low;
    low.amplitudeMax = Microamps(10'000); // at most 10 mA peak, so at most 10 mA rms
    low.waveforms = WaveformSet{}.add(WaveformKind::SymmetricBiphasic);
    low.phaseWidthMax = Microseconds(500); // 10 mA² · 1 kΩ · 1 ms = 0.1 mJ per pulse
    limits.tighten(LimitLayer::ClinicPolicy, 2, low);
    CHECK_FALSE(channelCanExceedIndicatorThreshold(*limits.channel(2)));
    low.amplitudeMax = Microamps(10'001);
    limits = EffectiveLimits(2);
    limits.tighten(LimitLayer::ClinicPolicy, 2, low);
    CHECK(channelCanExceedIndicatorThreshold(*limits.channel(2)));
}

TEST_CASE("The validated programme says which channels need the indicator", "[core][safety]")
{
    auto quiet = baseChannel(1);
    quiet.train.amplitude = Microamps(5'000);
    auto strong = baseChannel(2);
    strong.train = PulseTrain::sine(Hertz(4000.0), Microamps(15'000));
    const auto verdict = SafetyGuard::validate(programOf({quiet, strong}), standardLimits());
    REQUIRE(verdict.accepted());
    CHECK_FALSE(verdict.program()->output(1)->outputIndicatorRequired);
    CHECK(verdict.program()->output(2)->outputIndicatorRequired);
}
