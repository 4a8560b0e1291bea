// SPDX-License-Identifier: GPL-3.0-or-later
// DeviceController against a scripted ScienceMode4 device: handshake, heartbeat, silence, acks and retries.
#include "ControllerRig.h"
#include "FakeSm4Device.h"
#include "TestBytes.h"

#include "device/controller/Sm4LowLevelDriver.h"
#include "device/controller/Sm4MidLevelDriver.h"

#include <catch2/catch.hpp>

using namespace std::chrono_literals;
using galvani::device::DeviceState;
using galvani::device::FaultKind;
namespace sm4 = galvani::proto::sm4;

namespace galvani::test {

namespace {

using LowRig = ControllerRig<device::Sm4LowLevelDriver>;
using MidRig = ControllerRig<device::Sm4MidLevelDriver>;

template <typename Rig>
void connect(Rig& rig)
{
    rig.controller.linkOpened();
    REQUIRE(rig.runUntil([&] { return rig.state() == DeviceState::Idle; }, 100ms));
}

// The device refuses Ml_init: configure ends in one CommandRefused fault, the link still open.
void faultOnRefusedInit(MidRig& rig, FakeSm4Device& dev)
{
    dev.results[sm4::CommandId::MlInit] = sm4::ResultCode::HighVoltageError;
    dev.attach(rig.transport);
    connect(rig);
    REQUIRE(!rig.controller.configure(planOf({channelProgram(1, 5.0)})));
    REQUIRE(rig.runUntil([&] { return rig.state() == DeviceState::Fault; }, 200ms));
    REQUIRE(rig.faults.size() == 1);
}

} // namespace

TEST_CASE("ScienceMode4 handshake sends the documented queries and reports the identity", "[device][controller]")
{
    LowRig rig;
    sm4::HostCodec host;
    sm4::DeviceCodec device;
    const auto request = [&](const sm4::HostCommand& c) { return toQBytes(host.encode(c).value()); };
    const auto reply
        = [&](std::uint8_t pn, const sm4::DeviceMessage& m) { return toQBytes(device.encode(pn, m).value()); };
    sm4::GetDeviceIdAck id;
    const std::string serial = "P24-000123";
    std::copy(serial.begin(), serial.end(), id.deviceId.begin());
    rig.transport.expect(request(sm4::GetDeviceId{}), reply(0, id));
    rig.transport.expect(request(sm4::GetExtendedVersion{}),
        reply(1, sm4::GetExtendedVersionAck{sm4::ResultCode::Ok, {2, 1, 7}, {4, 0, 0}, 1, sm4::HashType::Git, true}));
    rig.transport.expect(request(sm4::GetBatteryStatus{}),
        reply(2, sm4::GetBatteryStatusAck{sm4::ResultCode::Ok, 64, core::Millivolts(3800)}));
    rig.transport.expect(request(sm4::GetStimStatus{}),
        reply(3, sm4::GetStimStatusAck{sm4::ResultCode::Ok, sm4::StimStatus::None, sm4::HighVoltageLevel::Off}));

    device::DeviceIdentity identity;
    QObject::connect(&rig.controller, &device::DeviceController::identityChanged, &rig.controller,
        [&](const device::DeviceIdentity& i) { identity = i; });
    rig.controller.linkOpened();
    CHECK(rig.state() == DeviceState::Handshaking);
    REQUIRE(rig.runUntil([&] { return rig.state() == DeviceState::Idle; }, 100ms));

    CHECK(rig.transport.problems().isEmpty());
    CHECK(rig.transport.pendingExpectations() == 0);
    CHECK(identity.deviceId == QStringLiteral("P24-000123"));
    CHECK(identity.firmware == QStringLiteral("2.1.7 (ScienceMode 4.0.0)"));
    CHECK(identity.batteryPercent == 64);
    CHECK(identity.channels == 8);
    CHECK(identity.measuresDeliveredCurrent);
    CHECK(identity.protocolId == QStringLiteral("sciencemode4"));
}

TEST_CASE("Handshake stops a level the device was left running in", "[device][controller]")
{
    MidRig rig;
    FakeSm4Device dev(rig.clock);
    dev.status = sm4::StimStatus::MidLevelRunning;
    dev.attach(rig.transport);
    connect(rig);
    REQUIRE(dev.commandsOf(sm4::CommandId::MlStop).size() == 1);
    CHECK(dev.status == sm4::StimStatus::None);
    // The stop went out after the state query and before the controller called itself idle.
    CHECK(dev.timesOf(sm4::CommandId::MlStop).front() > dev.timesOf(sm4::CommandId::GetStimStatus).front());
}

TEST_CASE("Handshake fails clearly when the device never answers", "[device][controller]")
{
    LowRig rig;
    FakeSm4Device dev(rig.clock);
    dev.ignored = {sm4::CommandId::GetDeviceId};
    dev.attach(rig.transport);
    rig.controller.linkOpened();
    REQUIRE(rig.runUntil([&] { return rig.state() == DeviceState::Fault; }, 3500ms));
    REQUIRE(rig.faults.size() == 1);
    CHECK(rig.faults.front().kind == FaultKind::HandshakeFailed);
    // Three attempts of the first query, 200 ms apart.
    const auto times = dev.timesOf(sm4::CommandId::GetDeviceId);
    REQUIRE(times.size() == 3);
    CHECK(times[1] - times[0] >= 200ms);
    CHECK(!rig.faults.front().whatToCheck.isEmpty());
}

TEST_CASE("Keep-alive goes out at least every 100 ms in every connected state", "[device][controller]")
{
    MidRig rig;
    FakeSm4Device dev(rig.clock);
    dev.attach(rig.transport);
    connect(rig);
    rig.run(1000ms); // idle: Get_stim_status
    REQUIRE(!rig.controller.configure(planOf({channelProgram(1, 5.0)})));
    REQUIRE(rig.runUntil([&] { return rig.state() == DeviceState::Armed; }, 50ms));
    rig.run(1000ms); // armed: Ml_get_current_data
    REQUIRE(rig.state() == DeviceState::Armed);

    auto times = dev.timesOf(sm4::CommandId::GetStimStatus);
    const auto polls = dev.timesOf(sm4::CommandId::MlGetCurrentData);
    times.insert(times.end(), polls.begin(), polls.end());
    std::sort(times.begin(), times.end());
    REQUIRE(times.size() >= 20);
    for (std::size_t i = 1; i < times.size(); ++i) {
        INFO("gap " << i << ": " << (times[i] - times[i - 1]).count() << " ns");
        CHECK(times[i] - times[i - 1] <= 100ms);
    }
    CHECK(polls.size() >= 9); // the mid-level poll takes over once the level is initialised
    CHECK(rig.controller.counters().keepAlivesSent >= 20);
}

TEST_CASE("A silent device is a fault within 500 ms, with a stop frame and the port closed", "[device][controller]")
{
    LowRig rig;
    FakeSm4Device dev(rig.clock);
    dev.attach(rig.transport);
    connect(rig);
    rig.run(300ms);
    rig.transport.setMute(true);
    const auto mutedAt = rig.now();
    const auto writesBefore = rig.transport.writes().size();
    REQUIRE(rig.runUntil([&] { return rig.state() == DeviceState::Fault; }, 600ms));
    const auto faultAt = rig.now();
    CHECK(faultAt - mutedAt <= 501ms);
    CHECK(faultAt - mutedAt >= 400ms); // the last reply came at most one heartbeat before the mute
    REQUIRE(rig.faults.size() == 1);
    CHECK(rig.faults.front().kind == FaultKind::DeviceSilent);
    CHECK(!rig.transport.isOpen());
    REQUIRE(rig.transport.writes().size() > writesBefore);
    CHECK(isSm4(rig.transport.writes().back(), sm4::CommandId::LlStop));
}

TEST_CASE("An unacknowledged command is retried, then the controller stops and faults", "[device][controller]")
{
    MidRig rig;
    FakeSm4Device dev(rig.clock);
    dev.ignored = {sm4::CommandId::MlInit};
    dev.attach(rig.transport);
    connect(rig);
    REQUIRE(!rig.controller.configure(planOf({channelProgram(1, 5.0)})));
    REQUIRE(rig.runUntil([&] { return rig.state() == DeviceState::Fault; }, 1000ms));
    const auto inits = dev.timesOf(sm4::CommandId::MlInit);
    REQUIRE(inits.size() == 3);
    CHECK(inits[1] - inits[0] >= 200ms);
    CHECK(inits[2] - inits[1] >= 200ms);
    REQUIRE(rig.faults.size() == 1);
    CHECK(rig.faults.front().kind == FaultKind::NoAcknowledgement);
    // The fault path went through STOP, acknowledged by the device.
    REQUIRE(!dev.timesOf(sm4::CommandId::MlStop).empty());
    CHECK(dev.timesOf(sm4::CommandId::MlStop).front() > inits[2]);
    CHECK(rig.controller.counters().retries == 2);
    CHECK(rig.controller.counters().ackTimeouts >= 3);
}

TEST_CASE("A busy reply is retried after a pause and then succeeds", "[device][controller]")
{
    MidRig rig;
    FakeSm4Device dev(rig.clock);
    dev.busyReplies[sm4::CommandId::MlInit] = 1;
    dev.attach(rig.transport);
    connect(rig);
    REQUIRE(!rig.controller.configure(planOf({channelProgram(1, 5.0)})));
    REQUIRE(rig.runUntil([&] { return rig.state() == DeviceState::Armed; }, 200ms));
    CHECK(dev.commandsOf(sm4::CommandId::MlInit).size() == 2);
    CHECK(rig.controller.counters().retries == 1);
    CHECK(rig.faults.empty());
}

TEST_CASE("A refused command is a fault naming the device's reason", "[device][controller]")
{
    MidRig rig;
    FakeSm4Device dev(rig.clock);
    faultOnRefusedInit(rig, dev);
    CHECK(rig.faults.front().kind == FaultKind::CommandRefused);
    CHECK(dev.commandsOf(sm4::CommandId::MlInit).size() == 1);
}

TEST_CASE("Configure refuses a plan the device cannot run, naming the field", "[device][controller]")
{
    MidRig rig;
    FakeSm4Device dev(rig.clock);
    dev.attach(rig.transport);
    connect(rig);
    auto tooHigh = channelProgram(1, 140.0);
    auto problem = rig.controller.configure(planOf({tooHigh}));
    REQUIRE(problem);
    CHECK(problem->contains(QStringLiteral("amplitude")));
    auto badChannel = channelProgram(1, 5.0);
    badChannel.channel = *core::Channel::make(9, 16);
    problem = rig.controller.configure(planOf({badChannel}));
    REQUIRE(problem);
    CHECK(problem->contains(QStringLiteral("channel 9")));
    CHECK(rig.state() == DeviceState::Idle);
    CHECK(dev.commandsOf(sm4::CommandId::MlInit).empty());
}

TEST_CASE("A fault cleared after a long pause without ticks is not taken for a stalled host", "[device][controller]")
{
    // The device thread stops ticking a controller in Fault (nothing to drive). A fault cleared on a link that stayed
    // open then runs handshake, configure and start on the device's replies alone, possibly before the next tick;
    // that tick must not measure the parked time as a stall of this host's loop.
    MidRig rig;
    FakeSm4Device dev(rig.clock);
    faultOnRefusedInit(rig, dev);
    REQUIRE(rig.transport.isOpen());

    rig.clock.advance(10s); // parked: no tick
    dev.results.clear();
    // Replies only, no tick.
    const auto repliesUntil = [&](DeviceState state) {
        for (int i = 0; i < 50 && rig.state() != state; ++i) {
            rig.transport.deliver();
        }
        return rig.state() == state;
    };
    rig.controller.clearFault();
    REQUIRE(repliesUntil(DeviceState::Idle));
    REQUIRE(!rig.controller.configure(planOf({channelProgram(1, 5.0)})));
    REQUIRE(repliesUntil(DeviceState::Armed));
    REQUIRE(!rig.controller.start());
    (void)repliesUntil(DeviceState::Stimulating);
    INFO((rig.faults.size() > 1 ? rig.faults.back().message.toStdString() : std::string()));
    REQUIRE(rig.state() == DeviceState::Stimulating);

    rig.step();
    INFO((rig.faults.size() > 1 ? rig.faults.back().message.toStdString() : std::string()));
    CHECK(rig.faults.size() == 1);
    CHECK(rig.state() == DeviceState::Stimulating);
}

} // namespace galvani::test
