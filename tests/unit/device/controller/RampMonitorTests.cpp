// SPDX-License-Identifier: GPL-3.0-or-later
// Ramp limiting (no command moves an amplitude by more than 0.5 mA), telemetry, runtime monitors and the
// session timer.
#include "ControllerRig.h"
#include "FakeSm4Device.h"

#include "device/controller/Sm4LowLevelDriver.h"
#include "device/controller/Sm4MidLevelDriver.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <map>

using namespace std::chrono_literals;
using galvani::device::DeviceState;
using galvani::device::FaultKind;
namespace sm4 = galvani::proto::sm4;

namespace galvani::test {

namespace {

// First-phase current of each enabled channel in every Ml_update, in order.
std::map<int, std::vector<std::int64_t>> midLevelAmplitudes(const FakeSm4Device& dev)
{
    std::map<int, std::vector<std::int64_t>> out;
    for (const auto& command : dev.commandsOf(sm4::CommandId::MlUpdate)) {
        const auto& update = std::get<sm4::MlUpdate>(command);
        for (std::size_t i = 0; i < update.channels.size(); ++i) {
            if (update.channels[i]) {
                out[static_cast<int>(i) + 1].push_back(update.channels[i]->points.front().current.value());
            }
        }
    }
    return out;
}

std::map<int, std::vector<std::int64_t>> lowLevelAmplitudes(const FakeSm4Device& dev)
{
    std::map<int, std::vector<std::int64_t>> out;
    for (const auto& command : dev.commandsOf(sm4::CommandId::LlChannelConfig)) {
        const auto& config = std::get<sm4::LlChannelConfig>(command);
        const int output = static_cast<int>(config.connector) * 4 + config.channel + 1;
        out[output].push_back(config.points.front().current.value());
    }
    return out;
}

void checkSteps(const std::vector<std::int64_t>& amplitudes, std::int64_t maxStepUa)
{
    REQUIRE(!amplitudes.empty());
    CHECK(amplitudes.front() <= maxStepUa); // from zero
    for (std::size_t i = 1; i < amplitudes.size(); ++i) {
        INFO("command " << i << ": " << amplitudes[i - 1] << " -> " << amplitudes[i] << " µA");
        CHECK(std::abs(amplitudes[i] - amplitudes[i - 1]) <= maxStepUa);
    }
}

} // namespace

TEST_CASE("Mid level ramps from zero in steps of at most 0.5 mA, up and down", "[device][controller]")
{
    ControllerRig<device::Sm4MidLevelDriver> rig;
    FakeSm4Device dev(rig.clock);
    dev.attach(rig.transport);
    stimulate(rig, planOf({channelProgram(1, 12.0), channelProgram(3, 7.5)}));
    REQUIRE(rig.runUntil([&] { return rig.controller.commanded(1) == core::milliamps(12.0); }, 1000ms));
    REQUIRE(rig.runUntil([&] { return rig.controller.commanded(3) == core::milliamps(7.5); }, 100ms));
    REQUIRE(!rig.controller.setAmplitude(1, core::milliamps(4.0)));
    REQUIRE(rig.runUntil([&] { return rig.controller.commanded(1) == core::milliamps(4.0); }, 1000ms));
    rig.run(100ms);
    const auto amplitudes = midLevelAmplitudes(dev);
    checkSteps(amplitudes.at(1), 500);
    checkSteps(amplitudes.at(3), 500);
    CHECK(amplitudes.at(1).front() == 0); // the first Ml_update starts output at zero
    CHECK(amplitudes.at(1).back() == 4000);
    CHECK(amplitudes.at(3).back() == 7500);
    // 12 mA up and 8 mA down need at least 24 + 16 steps.
    CHECK(amplitudes.at(1).size() >= 41);
    CHECK(rig.faults.empty());
}

TEST_CASE("The start ramp sets the pace and the kernel ramp-rate cap is enforced", "[device][controller]")
{
    SECTION("programme start ramp of 2 s")
    {
        ControllerRig<device::Sm4MidLevelDriver> rig;
        FakeSm4Device dev(rig.clock);
        dev.attach(rig.transport);
        stimulate(rig, planOf({channelProgram(1, 10.0, 50.0, core::seconds(2))}));
        const auto started = rig.now();
        REQUIRE(rig.runUntil([&] { return rig.controller.commanded(1) == core::milliamps(10.0); }, 3000ms));
        const auto took = rig.now() - started;
        CHECK(took >= 1900ms);
        CHECK(took <= 2100ms);
        checkSteps(midLevelAmplitudes(dev).at(1), 500);
    }
    SECTION("kernel cap of 2 mA/s on an instant start ramp")
    {
        ControllerRig<device::Sm4LowLevelDriver> rig;
        FakeSm4Device dev(rig.clock);
        dev.attach(rig.transport);
        auto plan = planOf({channelProgram(1, 4.0, 100.0)});
        plan.limits.push_back({1, core::milliamps(4.0), core::microampsPerSecond(2000), core::microamps(500)});
        stimulate(rig, plan);
        const auto started = rig.now();
        REQUIRE(rig.runUntil([&] { return rig.controller.commanded(1) == core::milliamps(4.0); }, 3000ms));
        CHECK(rig.now() - started >= 1900ms);
        checkSteps(lowLevelAmplitudes(dev).at(1), 500);
    }
}

TEST_CASE("Low level: every pulse moves the amplitude by at most 0.5 mA and measured current reaches the ring",
    "[device][controller]")
{
    ControllerRig<device::Sm4LowLevelDriver> rig;
    FakeSm4Device dev(rig.clock);
    dev.attach(rig.transport);
    stimulate(rig, planOf({channelProgram(1, 15.0, 100.0), channelProgram(6, 9.0, 40.0)}));
    rig.run(1500ms);
    CHECK(rig.controller.commanded(1) == core::milliamps(15.0));
    CHECK(rig.controller.commanded(6) == core::milliamps(9.0));
    const auto amplitudes = lowLevelAmplitudes(dev);
    checkSteps(amplitudes.at(1), 500);
    checkSteps(amplitudes.at(6), 500);
    // Pulse rate follows the programme (100 Hz and 40 Hz for 1.5 s), never faster.
    CHECK(amplitudes.at(1).size() <= 151);
    CHECK(amplitudes.at(1).size() >= 140);
    CHECK(amplitudes.at(6).size() <= 61);

    device::TelemetrySample sample;
    int measured = 0;
    int atFull = 0;
    while (rig.ring->tryPop(sample)) {
        REQUIRE((sample.flags & device::kTelemetryMeasured) != 0);
        ++measured;
        if (sample.channel == 1 && sample.commandedUa == 15000) {
            ++atFull;
            CHECK(std::abs(sample.measuredUa - 15000) <= 10);
        }
    }
    CHECK(measured >= 190);
    CHECK(atFull > 50);
    CHECK(rig.controller.counters().pulsesMeasured == static_cast<std::uint64_t>(measured));
}

TEST_CASE("Measured current beyond tolerance stops the session with a channel fault", "[device][controller]")
{
    SECTION("gain error")
    {
        ControllerRig<device::Sm4LowLevelDriver> rig;
        FakeSm4Device dev(rig.clock);
        dev.gain = 1.25;
        dev.attach(rig.transport);
        stimulate(rig, planOf({channelProgram(2, 20.0, 100.0)}));
        REQUIRE(rig.runUntil([&] { return rig.state() == DeviceState::Fault; }, 2000ms));
        REQUIRE(rig.faults.size() == 1);
        CHECK(rig.faults.front().kind == FaultKind::DeliveryDeviation);
        CHECK(rig.faults.front().channel == 2);
        CHECK(!dev.commandsOf(sm4::CommandId::LlStop).empty());
        // 25 % over is caught once it exceeds 1 mA: well before 20 mA.
        CHECK(rig.controller.commanded(2).value() == 0);
        const auto amplitudes = lowLevelAmplitudes(dev).at(2);
        CHECK(amplitudes.back() < 8000);
    }
    SECTION("stuck channel")
    {
        ControllerRig<device::Sm4LowLevelDriver> rig;
        FakeSm4Device dev(rig.clock);
        dev.stuck = true;
        dev.attach(rig.transport);
        stimulate(rig, planOf({channelProgram(1, 20.0, 100.0)}));
        REQUIRE(rig.runUntil([&] { return rig.state() == DeviceState::Fault; }, 2000ms));
        CHECK(rig.faults.front().kind == FaultKind::DeliveryDeviation);
        // Deviating from 1.5 mA on (beyond the 1 mA floor): the third such pulse, at 2.5 mA, is the last.
        CHECK(lowLevelAmplitudes(dev).at(1).back() == 2500);
    }
    SECTION("within tolerance runs on")
    {
        ControllerRig<device::Sm4LowLevelDriver> rig;
        FakeSm4Device dev(rig.clock);
        dev.gain = 1.05;
        dev.attach(rig.transport);
        stimulate(rig, planOf({channelProgram(1, 20.0, 100.0)}));
        rig.run(2000ms);
        CHECK(rig.state() == DeviceState::Stimulating);
        CHECK(rig.faults.empty());
    }
}

TEST_CASE("Electrode error on a low-level pulse stops everything", "[device][controller]")
{
    ControllerRig<device::Sm4LowLevelDriver> rig;
    FakeSm4Device dev(rig.clock);
    dev.attach(rig.transport);
    stimulate(rig, planOf({channelProgram(1, 10.0, 100.0), channelProgram(5, 10.0, 100.0)}));
    rig.run(200ms);
    dev.electrodeErrorChannel = 5;
    REQUIRE(rig.runUntil([&] { return rig.state() == DeviceState::Fault; }, 100ms));
    CHECK(rig.faults.front().kind == FaultKind::ElectrodeError);
    CHECK(rig.faults.front().channel == 5);
    CHECK(rig.faults.front().whatToCheck.contains(QStringLiteral("channel 5")));
    CHECK(!dev.commandsOf(sm4::CommandId::LlStop).empty());
}

TEST_CASE("Mid level: a channel the device stopped by itself is a fault", "[device][controller]")
{
    ControllerRig<device::Sm4MidLevelDriver> rig;
    FakeSm4Device dev(rig.clock);
    dev.attach(rig.transport);
    stimulate(rig, planOf({channelProgram(1, 5.0)}));
    rig.run(300ms);
    dev.status = sm4::StimStatus::MidLevelInitialized; // output stopped (e.g. its own 2 s watchdog)
    dev.runningMask = 0;
    REQUIRE(rig.runUntil([&] { return rig.state() == DeviceState::Fault; }, 200ms));
    CHECK(rig.faults.front().kind == FaultKind::DeviceStopped);
}

TEST_CASE("The session ends by itself when the channel timers run out, in Idle", "[device][controller]")
{
    ControllerRig<device::Sm4MidLevelDriver> rig;
    FakeSm4Device dev(rig.clock);
    dev.attach(rig.transport);
    stimulate(rig,
        planOf({channelProgram(1, 3.0, 50.0, core::Microseconds(0), core::seconds(1)),
            channelProgram(2, 3.0, 50.0, core::Microseconds(0), core::milliseconds(500))}));
    const auto started = rig.now();
    rig.run(600ms);
    // Channel 2's timer is over: it ramps down, channel 1 runs on.
    CHECK(rig.controller.commanded(2).value() == 0);
    CHECK(rig.controller.commanded(1) == core::milliamps(3.0));
    REQUIRE(rig.runUntil([&] { return rig.state() == DeviceState::Idle; }, 600ms));
    CHECK(rig.now() - started >= 1000ms);
    CHECK(rig.now() - started <= 1050ms);
    CHECK(dev.commandsOf(sm4::CommandId::MlStop).size() == 1);
    checkSteps(midLevelAmplitudes(dev).at(2), 500);
}

TEST_CASE("Amplitude changes are refused outside the validated range and when not running", "[device][controller]")
{
    ControllerRig<device::Sm4MidLevelDriver> rig;
    FakeSm4Device dev(rig.clock);
    dev.attach(rig.transport);
    rig.controller.linkOpened();
    REQUIRE(rig.runUntil([&] { return rig.state() == DeviceState::Idle; }, 100ms));
    CHECK(rig.controller.setAmplitude(1, core::milliamps(5.0)).has_value()); // nothing loaded
    auto plan = planOf({channelProgram(1, 5.0)});
    plan.limits.push_back({1, core::milliamps(8.0), core::microampsPerSecond(0), core::microamps(500)});
    REQUIRE(!rig.controller.configure(plan));
    REQUIRE(rig.runUntil([&] { return rig.state() == DeviceState::Armed; }, 100ms));
    CHECK(rig.controller.setAmplitude(1, core::milliamps(8.5)).has_value()); // above the validated max
    CHECK(rig.controller.setAmplitude(1, core::microamps(7250)).has_value()); // off the 0.5 mA grid
    CHECK(rig.controller.setAmplitude(4, core::milliamps(1.0)).has_value()); // not programmed
    CHECK(!rig.controller.setAmplitude(1, core::milliamps(8.0)));
    REQUIRE(!rig.controller.start());
    REQUIRE(rig.runUntil([&] { return rig.controller.commanded(1) == core::milliamps(8.0); }, 1000ms));
}

// Regression: a pulse whose ack was late was taken off the in-flight count at its ack timeout, so the host sent
// more pulses while the late ones still sat in the device's queue (10 deep): under load the simulator saw its
// low-level queue overflow ("low-level queue full (10 pulses waiting)") in the link-fault battery. A pulse whose
// ack is overdue is counted lost at once but keeps its place until the device answers it or a later pulse.
TEST_CASE("Low level: pulses whose acks are late keep their place, so the device's queue never overflows",
    "[device][controller]")
{
    ControllerRig<device::Sm4LowLevelDriver> rig;
    FakeSm4Device dev(rig.clock);
    dev.attach(rig.transport);
    stimulate(rig, planOf({channelProgram(1, 5.0, 100.0), channelProgram(2, 5.0, 100.0)}));
    rig.run(300ms);
    REQUIRE(rig.state() == DeviceState::Stimulating);
    const auto sentBefore = dev.commandsOf(sm4::CommandId::LlChannelConfig).size();
    const auto lostBefore = rig.controller.counters().pulsesLost;

    // The device stops answering pulses for longer than their ack timeout (200 ms plus the pulse).
    dev.holdPulseAcks = true;
    const int limit = rig.controller.settings().maxPulsesInFlight;
    std::size_t mostUnanswered = 0;
    for (int ms = 0; ms < 350; ++ms) {
        rig.step();
        mostUnanswered = std::max(mostUnanswered, dev.heldPulseAcks.size());
    }
    INFO("pulses sent while the device held its acks: " << dev.commandsOf(sm4::CommandId::LlChannelConfig).size()
            - sentBefore);
    CHECK(mostUnanswered == static_cast<std::size_t>(limit));
    CHECK(rig.controller.counters().pulsesLost > lostBefore); // the overdue ones are counted as lost
    REQUIRE(rig.state() == DeviceState::Stimulating);

    // The late acks arrive: their places are free again and pulses flow at the programme's rate.
    dev.holdPulseAcks = false;
    for (auto& ack : dev.heldPulseAcks) {
        rig.transport.inject(std::move(ack));
    }
    dev.heldPulseAcks.clear();
    const auto resumedFrom = dev.commandsOf(sm4::CommandId::LlChannelConfig).size();
    rig.run(200ms);
    CHECK(rig.state() == DeviceState::Stimulating);
    CHECK(dev.commandsOf(sm4::CommandId::LlChannelConfig).size() - resumedFrom >= 30);
}

} // namespace galvani::test
