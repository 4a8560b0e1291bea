// SPDX-License-Identifier: GPL-3.0-or-later
#include "ControllerRig.h"

#include "device/controller/OutputChannel.h"

#include <catch2/catch.hpp>

using namespace std::chrono_literals;

namespace galvani::test {

using device::OutputChannel;

TEST_CASE("OutputChannel target follows the start ramp and the timer, on the device grid", "[device][controller]")
{
    const auto program = channelProgram(1, 10.0, 50.0, core::seconds(2), core::seconds(10));
    OutputChannel channel(program, nullptr, core::microamps(500), core::microamps(500), 0ns);
    CHECK(channel.target(0ns).value() == 0);
    CHECK(channel.target(1s).value() == 5000);
    CHECK(channel.target(1100ms).value() == 5500);
    CHECK(channel.target(1150ms).value() == 5500); // 5.75 mA floored to the 0.5 mA grid
    CHECK(channel.target(3s).value() == 10000);
    CHECK(channel.target(10s).value() == 0); // timer over
    CHECK(channel.timerExpired(10s));
    CHECK(!channel.timerExpired(9999ms));
}

TEST_CASE("OutputChannel follows a contraction envelope", "[device][controller]")
{
    auto program = channelProgram(1, 20.0);
    program.envelope = core::Envelope::cycling(core::seconds(1), core::seconds(2), core::seconds(1), core::seconds(4));
    OutputChannel channel(program, nullptr, core::microamps(500), core::microamps(500), 0ns);
    CHECK(channel.target(500ms).value() == 10000); // halfway up
    CHECK(channel.target(2s).value() == 20000); // plateau
    CHECK(channel.target(3500ms).value() == 10000); // halfway down
    CHECK(channel.target(5s).value() == 0); // rest
    CHECK(channel.target(8500ms).value() == 10000); // next cycle
}

TEST_CASE("OutputChannel steps never exceed the step limit and stay on the grid", "[device][controller]")
{
    SECTION("no rate limit: one step per command")
    {
        const auto program = channelProgram(1, 3.0);
        OutputChannel channel(program, nullptr, core::microamps(500), core::microamps(500), 0ns);
        std::vector<std::int64_t> steps;
        for (int i = 0; i < 10; ++i) {
            const auto next = channel.nextStep(std::chrono::milliseconds(i));
            if (!next) {
                break;
            }
            steps.push_back(next->value());
            channel.commit(*next, std::chrono::milliseconds(i));
        }
        CHECK(steps == std::vector<std::int64_t>{500, 1000, 1500, 2000, 2500, 3000});
        CHECK(!channel.nextStep(20ms));
    }
    SECTION("coarser device grid")
    {
        const auto program = channelProgram(1, 3.0);
        OutputChannel channel(program, nullptr, core::microamps(1000), core::microamps(500), 0ns);
        const auto next = channel.nextStep(1ms);
        REQUIRE(next);
        CHECK(next->value() == 1000); // the device cannot do 0.5 mA: one grid step
    }
    SECTION("the kernel's ramp-rate cap and step cap")
    {
        const auto program = channelProgram(1, 10.0);
        const device::RunLimits limits{1, core::milliamps(10.0), core::microampsPerSecond(1000), core::microamps(500)};
        OutputChannel channel(program, &limits, core::microamps(500), core::microamps(500), 0ns);
        CHECK(!channel.nextStep(400ms)); // 1 mA/s: 0.4 mA is not yet a whole step
        const auto next = channel.nextStep(500ms);
        REQUIRE(next);
        CHECK(next->value() == 500);
        channel.commit(*next, 500ms);
        CHECK(!channel.nextStep(900ms));
        CHECK(channel.nextStep(1000ms).value().value() == 1000);
        CHECK(channel.nextStep(60s).value().value() == 1000); // however long ago: one step at a time
    }
    SECTION("down as well as up")
    {
        auto program = channelProgram(1, 2.0);
        OutputChannel channel(program, nullptr, core::microamps(500), core::microamps(500), 0ns);
        channel.commit(core::milliamps(2.0), 0ns);
        channel.setAmplitude(core::microamps(0));
        CHECK(channel.nextStep(1ms).value().value() == 1500);
    }
}

TEST_CASE("OutputChannel pulse timing never bursts to catch up", "[device][controller]")
{
    const auto program = channelProgram(1, 1.0, 100.0); // 10 ms period
    OutputChannel channel(program, nullptr, core::microamps(500), core::microamps(500), 0ns);
    CHECK(channel.takePulseDue(0ns));
    CHECK(!channel.takePulseDue(9ms));
    CHECK(channel.takePulseDue(10ms));
    CHECK(channel.takePulseDue(55ms)); // late by 35 ms: one pulse...
    CHECK(!channel.takePulseDue(56ms)); // ...and no burst after it
    CHECK(!channel.takePulseDue(64ms));
    CHECK(channel.takePulseDue(65ms));
}

TEST_CASE("Delivery tolerance is 10 % or 1 mA, whichever is larger", "[device][controller]")
{
    const auto floor = core::microamps(1000);
    CHECK(!OutputChannel::deviates(core::milliamps(5.0), core::milliamps(5.9), floor, 100));
    CHECK(OutputChannel::deviates(core::milliamps(5.0), core::milliamps(6.1), floor, 100));
    CHECK(!OutputChannel::deviates(core::milliamps(20.0), core::milliamps(21.9), floor, 100));
    CHECK(OutputChannel::deviates(core::milliamps(20.0), core::milliamps(22.1), floor, 100));
    CHECK(OutputChannel::deviates(core::milliamps(20.0), core::milliamps(0.0), floor, 100));
    CHECK(OutputChannel::deviates(core::milliamps(20.0), std::nullopt, floor, 100)); // unreadable
    auto program = channelProgram(1, 20.0);
    OutputChannel channel(program, nullptr, core::microamps(500), core::microamps(500), 0ns);
    CHECK(!channel.recordMeasurement(core::milliamps(20.0), core::milliamps(0.0), floor, 100, 3));
    CHECK(!channel.recordMeasurement(core::milliamps(20.0), core::milliamps(0.0), floor, 100, 3));
    CHECK(!channel.recordMeasurement(core::milliamps(20.0), core::milliamps(20.0), floor, 100, 3)); // resets
    CHECK(!channel.recordMeasurement(core::milliamps(20.0), core::milliamps(0.0), floor, 100, 3));
    CHECK(!channel.recordMeasurement(core::milliamps(20.0), core::milliamps(0.0), floor, 100, 3));
    CHECK(channel.recordMeasurement(core::milliamps(20.0), core::milliamps(0.0), floor, 100, 3));
}

} // namespace galvani::test
