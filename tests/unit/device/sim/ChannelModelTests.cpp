// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/sim/ChannelModel.h"
#include "device/sim/PulseShape.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>

using namespace galvani::device::sim;
using galvani::core::Microamps;
using galvani::core::Microseconds;
using galvani::core::Millivolts;
using galvani::core::Ohms;

namespace {

constexpr Millivolts k150V{150'000};

double mean(const std::vector<Microamps>& v, std::size_t from, std::size_t to)
{
    double sum = 0.0;
    for (std::size_t i = from; i < to; ++i) {
        sum += static_cast<double>(v[i].value());
    }
    return sum / static_cast<double>(to - from);
}

} // namespace

TEST_CASE("pulse shape helpers", "[device][sim][model]")
{
    const auto pulse = biphasicPulse(Microamps(20'000), Microseconds(250), Microseconds(100));
    REQUIRE(pulse.size() == 3);
    CHECK(pulse[2].current.value() == -20'000);
    CHECK(peakCurrent(pulse).value() == 20'000);
    CHECK(pulseDuration(pulse).value() == 600);
    CHECK(widestPhase(pulse).value() == 250);
    CHECK(peakCurrent(withPeak(pulse, Microamps(7'000))).value() == 7'000);
    CHECK(withPeak(pulse, Microamps(7'000))[2].current.value() == -7'000);
    CHECK(peakCurrent(scaled(pulse, 0.5)).value() == 10'000);
    CHECK(biphasicPulse(Microamps(0), Microseconds(250), Microseconds(100)).empty());
}

TEST_CASE("the settled current is the source current limited by compliance / R", "[device][sim][model]")
{
    ChannelModel channel;
    CHECK(channel.settledCurrent(Microamps(20'000), k150V).value() == 20'000);
    CHECK(channel.settledCurrent(Microamps(-20'000), k150V).value() == -20'000);
    channel.setLoad(ChannelLoad{Ohms(10'000), 100.0});
    CHECK(channel.settledCurrent(Microamps(20'000), k150V).value() == 15'000);
    CHECK(channel.complianceLimited(biphasicPulse(Microamps(20'000), Microseconds(200), Microseconds(100)), k150V));
    CHECK_FALSE(
        channel.complianceLimited(biphasicPulse(Microamps(10'000), Microseconds(200), Microseconds(100)), k150V));
    channel.setImpedanceOverride(Ohms(20'000));
    CHECK(channel.resistance().value() == 20'000);
    CHECK(channel.settledCurrent(Microamps(20'000), k150V).value() == 7'500);
    CHECK(channel.settledCurrent(Microamps(20'000), Millivolts(0)).value() == 0);
}

TEST_CASE("gain, offset, over-current and open electrode shape the output", "[device][sim][model]")
{
    ChannelModel channel;
    channel.setError(ChannelError{0.15, Microamps(-500)});
    CHECK(channel.sourceCurrent(Microamps(20'000)).value() == 22'500);
    CHECK(channel.sourceCurrent(Microamps(-20'000)).value() == -22'500);
    CHECK(channel.sourceCurrent(Microamps(0)).value() == 0); // no offset on a zero phase
    channel.setError(ChannelError{0.0, Microamps(-2'000)});
    CHECK(channel.sourceCurrent(Microamps(1'000)).value() == 0); // never reversed by the offset
    channel.setError(ChannelError{});
    channel.setOverCurrent(true);
    CHECK(channel.sourceCurrent(Microamps(20'000)).value() == 30'000);
    channel.setOverCurrent(false);
    channel.setOpenElectrode(true);
    CHECK(channel.settledCurrent(Microamps(20'000), k150V).value() == 0);
    CHECK_FALSE(channel.complianceLimited(biphasicPulse(Microamps(90'000), Microseconds(200), Microseconds(0)), k150V));
}

TEST_CASE("sampled pulses follow the RC load and the compliance limit", "[device][sim][model]")
{
    std::mt19937_64 rng(1);
    ChannelModel channel;
    const auto pulse = biphasicPulse(Microamps(20'000), Microseconds(250), Microseconds(100));
    const auto period = ChannelModel::samplingPeriodFor(pulse, 128);
    CHECK(period.value() * 128 >= 600);
    const auto clean = channel.samplePulse(pulse, period, 128, k150V, Microamps(0), rng);
    REQUIRE(clean.size() == 128);
    CHECK(clean.front().value() == 20'000);
    CHECK(clean.back().value() == 0);
    const auto negativeIndex = static_cast<std::size_t>(400 / period.value());
    CHECK(clean[negativeIndex].value() == -20'000);

    // 40 mA into 2 kΩ with 30 V: the capacitance takes the full current first, then V/R = 15 mA.
    channel.setLoad(ChannelLoad{Ohms(2'000), 100.0});
    const auto clipped = channel.samplePulse(biphasicPulse(Microamps(40'000), Microseconds(2'000), Microseconds(0)),
        Microseconds(10), 128, Millivolts(30'000), Microamps(0), rng);
    CHECK(clipped.front().value() == 40'000);
    CHECK(mean(clipped, 20, 120) == Approx(15'000).margin(1));

    // Without capacitance the clip is immediate.
    channel.setLoad(ChannelLoad{Ohms(2'000), 0.0});
    const auto instant = channel.samplePulse(biphasicPulse(Microamps(40'000), Microseconds(200), Microseconds(0)),
        Microseconds(5), 128, Millivolts(30'000), Microamps(0), rng);
    CHECK(instant.front().value() == 15'000);

    // Noise: zero mean, reproducible with the seed.
    channel.setLoad(ChannelLoad{});
    std::mt19937_64 a(9);
    std::mt19937_64 b(9);
    const auto noisyA = channel.samplePulse(pulse, period, 128, k150V, Microamps(50), a);
    const auto noisyB = channel.samplePulse(pulse, period, 128, k150V, Microamps(50), b);
    CHECK(noisyA == noisyB);
    CHECK(noisyA != clean);
    CHECK(mean(noisyA, 110, 128) == Approx(0.0).margin(40.0));
}
