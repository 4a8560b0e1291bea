// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/domain/Program.h"

#include <catch2/catch.hpp>

#include <limits>

using namespace galvani::core;

TEST_CASE("PulseTrain factories and timing description", "[core][domain]")
{
    const auto t = PulseTrain::pulses(
        Waveform::symmetricBiphasic(), Hertz(50.0), Microseconds(300), Microseconds(20), Microamps(25'000));
    CHECK(t.frequency == Hertz(50.0));
    CHECK(t.phaseWidth == Microseconds(300));
    CHECK(t.interphaseGap == Microseconds(20));
    CHECK(t.amplitude == Microamps(25'000));
    CHECK(t.pulseBurst() == nullptr);
    CHECK(t.carrierBurst() == nullptr);
    CHECK(t.describeTiming() == "300 µs, 50 Hz, symmetric biphasic");

    auto burst = t;
    burst.burst = PulseBurst{Hertz(2.0), 7};
    REQUIRE(burst.pulseBurst() != nullptr);
    CHECK(burst.pulseBurst()->pulsesPerBurst == 7);
    CHECK(burst.describeTiming() == "300 µs, 50 Hz, symmetric biphasic, 7 pulses per burst at 2 Hz");
    CHECK_FALSE(burst == t);

    const auto russian = PulseTrain::sine(Hertz(2500.0), Microamps(100'000), CarrierBurst{Hertz(50.0), Permille(500)});
    CHECK(russian.waveform.kind() == WaveformKind::SineCarrier);
    CHECK(russian.phaseWidth == Microseconds(0));
    REQUIRE(russian.carrierBurst() != nullptr);
    CHECK(russian.carrierBurst()->duty == Permille(500));
    CHECK(russian.describeTiming() == "sine 2500 Hz, 50 Hz bursts at 50.0 %");
    CHECK(PulseTrain::sine(Hertz(4000.0), Microamps(1)).carrierBurst() == nullptr);
}

TEST_CASE("Envelope cycles and their checked sums", "[core][domain]")
{
    const auto c = Envelope::continuous();
    CHECK(c.isContinuous());
    CHECK(c.cycle().value() == Microseconds(0));

    const auto e = Envelope::cycling(seconds(2), seconds(10), seconds(1), seconds(30));
    CHECK_FALSE(e.isContinuous());
    CHECK(e.activePerCycle().value() == seconds(13));
    CHECK(e.cycle().value() == seconds(43));

    const auto huge = Envelope::cycling(
        Microseconds(std::numeric_limits<std::int64_t>::max()), seconds(1), Microseconds(0), Microseconds(0));
    CHECK_FALSE(huge.activePerCycle().ok());
    CHECK_FALSE(huge.cycle().ok());
    const auto negative = Envelope::cycling(Microseconds(-1), seconds(1), Microseconds(0), Microseconds(0));
    CHECK_FALSE(negative.cycle().ok());
}

TEST_CASE("Program finds channels and reports the longest timer", "[core][domain]")
{
    Program p;
    CHECK(p.totalDuration() == Microseconds(0));
    CHECK(p.find(1) == nullptr);
    const auto train = PulseTrain::pulses(
        Waveform::monophasic(), Hertz(100.0), Microseconds(200), Microseconds(0), Microamps(10'000));
    p.channels.push_back({*Channel::make(2, 4), train, Envelope::continuous(), seconds(1), minutes(20)});
    p.channels.push_back({*Channel::make(4, 4), train, Envelope::continuous(), seconds(1), minutes(30)});
    CHECK(p.totalDuration() == minutes(30));
    REQUIRE(p.find(2) != nullptr);
    CHECK(p.find(2)->duration == minutes(20));
    CHECK(p.find(3) == nullptr);
    p.find(4)->train.amplitude = Microamps(12'000);
    const Program& cp = p;
    CHECK(cp.find(4)->train.amplitude == Microamps(12'000));
}
