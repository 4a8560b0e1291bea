// SPDX-License-Identifier: GPL-3.0-or-later
// DeviceController against a scripted ScienceMode2 device: beacon handshake, Watchdog heartbeat, the
// lost-ack rule of SCIENCEMODE2.md §3.5, StimulationError, device restarts and 1 mA ramping.
#include "ControllerRig.h"
#include "FakeSm2Device.h"

#include "device/controller/Sm2Driver.h"

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace std::chrono_literals;
using galvani::device::DeviceState;
using galvani::device::FaultKind;
namespace sm2 = galvani::proto::sm2;

namespace galvani::test {

namespace {

using Rig = ControllerRig<device::Sm2Driver>;

void connectWithBeacon(Rig& rig, FakeSm2Device& dev)
{
    rig.controller.linkOpened();
    rig.run(20ms);
    CHECK(rig.state() == DeviceState::Handshaking); // waiting for the beacon
    rig.transport.inject(dev.beacon());
    REQUIRE(rig.runUntil([&] { return rig.state() == DeviceState::Idle; }, 100ms));
}

void stimulate(Rig& rig, FakeSm2Device& dev, const device::StimulationPlan& plan)
{
    connectWithBeacon(rig, dev);
    REQUIRE(!rig.controller.configure(plan));
    REQUIRE(rig.runUntil([&] { return rig.state() == DeviceState::Armed; }, 1000ms));
    REQUIRE(!rig.controller.start());
}

} // namespace

TEST_CASE("ScienceMode2 handshake answers the beacon with its packet number", "[device][controller]")
{
    Rig rig;
    FakeSm2Device dev(rig.clock);
    dev.attach(rig.transport);
    connectWithBeacon(rig, dev);
    CHECK(dev.connected);
    const auto acks = dev.entriesOf(sm2::cmd::kInitAck);
    REQUIRE(acks.size() == 1);
    CHECK(acks.front().packetNumber == 0); // the beacon's own (first) packet number, echoed
    CHECK(dev.entriesOf(sm2::cmd::kGetStimulationMode).size() == 1);
    CHECK(rig.controller.identity().channels == 8);
    CHECK(!rig.controller.identity().measuresDeliveredCurrent);
    CHECK(rig.transport.problems().isEmpty());
}

TEST_CASE("ScienceMode2 without a beacon is probed directly and stopped if it was running", "[device][controller]")
{
    Rig rig;
    FakeSm2Device dev(rig.clock);
    dev.connected = true; // still connected to an earlier run of the host
    dev.mode = sm2::StimulationMode::Started;
    dev.attach(rig.transport);
    rig.controller.linkOpened();
    REQUIRE(rig.runUntil([&] { return rig.state() == DeviceState::Idle; }, 2000ms));
    CHECK(rig.now() >= rig.controller.settings().beaconWait);
    CHECK(dev.entriesOf(sm2::cmd::kStopChannelListMode).size() == 1);
    CHECK(dev.mode == sm2::StimulationMode::Start);
}

TEST_CASE(
    "ScienceMode2 heartbeat: Watchdog frames with a state query in between, never 100 ms apart", "[device][controller]")
{
    Rig rig;
    FakeSm2Device dev(rig.clock);
    dev.attach(rig.transport);
    connectWithBeacon(rig, dev);
    rig.run(2000ms);
    std::vector<std::chrono::nanoseconds> times;
    for (const auto& e : dev.received) {
        if (sm2::commandNumber(e.command) == sm2::cmd::kWatchdog
            || sm2::commandNumber(e.command) == sm2::cmd::kGetStimulationMode) {
            times.push_back(e.at);
        }
    }
    REQUIRE(times.size() >= 20);
    for (std::size_t i = 2; i < times.size(); ++i) {
        CHECK(times[i] - times[i - 1] <= 100ms);
    }
    CHECK(dev.entriesOf(sm2::cmd::kWatchdog).size() >= 10);
    CHECK(dev.entriesOf(sm2::cmd::kGetStimulationMode).size() >= 10);
    CHECK(rig.state() == DeviceState::Idle);
}

TEST_CASE(
    "ScienceMode2 lost ack: the state query shows the command worked, so it is not re-sent", "[device][controller]")
{
    Rig rig;
    FakeSm2Device dev(rig.clock);
    dev.attach(rig.transport);
    connectWithBeacon(rig, dev);
    dev.loseAckOnce = {sm2::cmd::kInitChannelListMode}; // applied, but the ack is lost
    REQUIRE(!rig.controller.configure(planOf({channelProgram(1, 4.0)})));
    REQUIRE(rig.runUntil([&] { return rig.state() == DeviceState::Armed; }, 400ms));
    CHECK(dev.entriesOf(sm2::cmd::kInitChannelListMode).size() == 1);
    CHECK(rig.faults.empty());
}

TEST_CASE("ScienceMode2 lost command: the state query shows it was lost, so it is re-sent", "[device][controller]")
{
    Rig rig;
    FakeSm2Device dev(rig.clock);
    dev.attach(rig.transport);
    connectWithBeacon(rig, dev);
    dev.ignoreOnce = {sm2::cmd::kInitChannelListMode}; // lost on the way: never applied, never answered
    REQUIRE(!rig.controller.configure(planOf({channelProgram(1, 4.0)})));
    REQUIRE(rig.runUntil([&] { return rig.state() == DeviceState::Armed; }, 400ms));
    CHECK(dev.entriesOf(sm2::cmd::kInitChannelListMode).size() == 2);
}

TEST_CASE("ScienceMode2 ramps in whole-mA steps (its resolution) from zero", "[device][controller]")
{
    Rig rig;
    FakeSm2Device dev(rig.clock);
    dev.attach(rig.transport);
    stimulate(rig, dev, planOf({channelProgram(1, 10.0, 40.0), channelProgram(2, 6.0, 40.0)}));
    REQUIRE(rig.runUntil([&] { return rig.controller.commanded(1) == core::milliamps(10.0); }, 2000ms));
    const auto starts = dev.entriesOf(sm2::cmd::kStartChannelListMode);
    REQUIRE(starts.size() >= 10);
    int previous1 = 0;
    int previous2 = 0;
    for (const auto& e : starts) {
        const auto& entries = std::get<sm2::StartChannelListMode>(e.command).entries;
        REQUIRE(entries.size() == 2);
        CHECK(std::abs(entries[0].currentMa - previous1) <= 1);
        CHECK(std::abs(entries[1].currentMa - previous2) <= 1);
        CHECK(entries[0].pulseWidthUs == 250);
        previous1 = entries[0].currentMa;
        previous2 = entries[1].currentMa;
    }
    CHECK(std::get<sm2::StartChannelListMode>(starts.front().command).entries[0].currentMa == 0);
    CHECK(previous2 == 6);
}

TEST_CASE("ScienceMode2 StimulationError ends the session in an electrode fault", "[device][controller]")
{
    Rig rig;
    FakeSm2Device dev(rig.clock);
    dev.attach(rig.transport);
    stimulate(rig, dev, planOf({channelProgram(1, 5.0)}));
    rig.run(200ms);
    rig.transport.inject(dev.stimulationError(sm2::StimulationErrorCode::Electrode));
    REQUIRE(rig.runUntil([&] { return rig.state() == DeviceState::Fault; }, 100ms));
    CHECK(rig.faults.front().kind == FaultKind::ElectrodeError);
    CHECK(!dev.entriesOf(sm2::cmd::kStopChannelListMode).empty());
}

TEST_CASE("ScienceMode2 beacon while connected means the device restarted: fault, no resume", "[device][controller]")
{
    Rig rig;
    FakeSm2Device dev(rig.clock);
    dev.attach(rig.transport);
    stimulate(rig, dev, planOf({channelProgram(1, 5.0)}));
    rig.run(200ms);
    dev.mode = sm2::StimulationMode::Start;
    dev.connected = false;
    rig.transport.inject(dev.beacon());
    REQUIRE(rig.runUntil([&] { return rig.state() == DeviceState::Fault; }, 100ms));
    CHECK(rig.faults.front().kind == FaultKind::DeviceStopped);
    const auto starts = dev.entriesOf(sm2::cmd::kStartChannelListMode).size();
    rig.run(500ms);
    CHECK(dev.entriesOf(sm2::cmd::kStartChannelListMode).size() == starts);
}

TEST_CASE("ScienceMode2 refuses programmes its channel list cannot express", "[device][controller]")
{
    Rig rig;
    FakeSm2Device dev(rig.clock);
    dev.attach(rig.transport);
    connectWithBeacon(rig, dev);
    auto problem = rig.controller.configure(planOf({channelProgram(1, 4.0, 50.0), channelProgram(2, 4.0, 30.0)}));
    REQUIRE(problem);
    CHECK(problem->contains(QStringLiteral("one frequency")));
    problem = rig.controller.configure(planOf({channelProgram(1, 4.5)}));
    REQUIRE(problem);
    CHECK(problem->contains(QStringLiteral("4500")));
    CHECK(dev.entriesOf(sm2::cmd::kInitChannelListMode).empty());
}

} // namespace galvani::test
