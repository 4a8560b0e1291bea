// SPDX-License-Identifier: GPL-3.0-or-later
// The STOP path: overtaking queued traffic, re-sending until acknowledged, the port-closing fallback,
// link loss, and that nothing resumes by itself afterwards.
#include "ControllerRig.h"
#include "FakeSm4Device.h"
#include "TestBytes.h"
#include "support/FailingTransport.h"

#include "device/controller/Sm4LowLevelDriver.h"
#include "device/controller/Sm4MidLevelDriver.h"

#include <catch2/catch.hpp>

using namespace std::chrono_literals;
using galvani::device::DeviceState;
using galvani::device::FaultKind;
namespace sm4 = galvani::proto::sm4;

namespace galvani::test {

namespace {

// Advances time without letting the device's replies through.
template <typename Rig>
void runWithoutReplies(Rig& rig, std::chrono::milliseconds total)
{
    for (auto t = 0ms; t < total; t += 1ms) {
        rig.clock.advance(1ms);
        rig.controller.tick();
    }
}

} // namespace

TEST_CASE("STOP overtakes a full handshake queue: the stop frame is the next thing written", "[device][controller]")
{
    ControllerRig<device::Sm4MidLevelDriver> rig;
    FakeSm4Device dev(rig.clock);
    dev.attach(rig.transport);
    rig.controller.linkOpened();
    // One query in flight, three queued behind it; its reply is waiting in the transport.
    REQUIRE(rig.transport.writes().size() == 1);
    REQUIRE(rig.transport.pendingReplies() == 1);
    rig.stop->request(); // from "another thread": only the atomic is touched
    rig.transport.deliver(); // the reply would release the next query...
    REQUIRE(rig.transport.writes().size() == 2);
    CHECK(isSm4(rig.transport.writes()[1], sm4::CommandId::MlStop)); // ...but the STOP goes first
    CHECK(rig.state() == DeviceState::Stopping);
    // After the stop is acknowledged the handshake starts over and ends idle, never stimulating.
    REQUIRE(rig.runUntil([&] { return rig.state() == DeviceState::Idle; }, 200ms));
}

TEST_CASE("STOP overtakes streaming pulses at low level", "[device][controller]")
{
    ControllerRig<device::Sm4LowLevelDriver> rig;
    FakeSm4Device dev(rig.clock);
    dev.attach(rig.transport);
    stimulate(rig,
        planOf({channelProgram(1, 10.0, 100.0), channelProgram(2, 10.0, 100.0), channelProgram(3, 10.0, 100.0),
            channelProgram(4, 10.0, 100.0)}));
    rig.run(200ms);
    runWithoutReplies(rig, 40ms); // pulses pile up: the in-flight window fills, more are due
    const auto before = rig.transport.writes().size();
    rig.stop->request();
    rig.clock.advance(1ms);
    rig.controller.tick();
    REQUIRE(rig.transport.writes().size() == before + 1);
    CHECK(isSm4(rig.transport.writes().back(), sm4::CommandId::LlStop));
    rig.run(100ms);
    CHECK(rig.state() == DeviceState::Idle);
    // Not one pulse after the stop frame.
    for (auto i = before; i < rig.transport.writes().size(); ++i) {
        CHECK(!isSm4(rig.transport.writes()[i], sm4::CommandId::LlChannelConfig));
    }
}

TEST_CASE("STOP overtakes a pending amplitude command at mid level", "[device][controller]")
{
    ControllerRig<device::Sm4MidLevelDriver> rig;
    FakeSm4Device dev(rig.clock);
    dev.attach(rig.transport);
    stimulate(rig, planOf({channelProgram(1, 20.0), channelProgram(2, 20.0)}));
    rig.run(10ms);
    runWithoutReplies(rig, 5ms); // an Ml_update is in flight, its ack held back
    REQUIRE(rig.transport.pendingReplies() > 0);
    rig.stop->request();
    const auto before = rig.transport.writes().size();
    rig.transport.deliver(); // the ack would release the next ramp step
    REQUIRE(rig.transport.writes().size() > before);
    CHECK(isSm4(rig.transport.writes()[static_cast<qsizetype>(before)], sm4::CommandId::MlStop));
    REQUIRE(rig.runUntil([&] { return rig.state() == DeviceState::Idle; }, 100ms));
    CHECK(dev.status == sm4::StimStatus::None);
}

TEST_CASE("STOP is re-sent until acknowledged", "[device][controller]")
{
    ControllerRig<device::Sm4MidLevelDriver> rig;
    FakeSm4Device dev(rig.clock);
    dev.attach(rig.transport);
    stimulate(rig, planOf({channelProgram(1, 5.0)}));
    rig.run(50ms);
    dev.stopsToIgnore = 2;
    rig.controller.stop();
    REQUIRE(rig.runUntil([&] { return rig.state() == DeviceState::Idle; }, 300ms));
    const auto stops = dev.timesOf(sm4::CommandId::MlStop);
    REQUIRE(stops.size() == 3);
    CHECK(stops[1] - stops[0] == rig.controller.settings().stopResendInterval);
    CHECK(stops[2] - stops[1] == rig.controller.settings().stopResendInterval);
    CHECK(rig.controller.counters().stopsSent == 3);
    CHECK(rig.faults.empty());
}

TEST_CASE("STOP never acknowledged: the port is closed after the last attempt", "[device][controller]")
{
    ControllerRig<device::Sm4LowLevelDriver> rig;
    FakeSm4Device dev(rig.clock);
    dev.attach(rig.transport);
    stimulate(rig, planOf({channelProgram(1, 5.0)}));
    rig.run(50ms);
    dev.ignored = {sm4::CommandId::LlStop};
    rig.controller.stop();
    REQUIRE(rig.runUntil([&] { return rig.state() == DeviceState::Fault; }, 500ms));
    const auto& settings = rig.controller.settings();
    CHECK(dev.timesOf(sm4::CommandId::LlStop).size() == static_cast<std::size_t>(settings.stopMaxAttempts));
    CHECK(!rig.transport.isOpen());
    REQUIRE(rig.faults.size() == 1);
    CHECK(rig.faults.front().kind == FaultKind::StopNotAcknowledged);
    // Bounded: the last attempt plus one interval.
    CHECK(rig.faults.front().at - dev.timesOf(sm4::CommandId::LlStop).front()
        <= settings.stopResendInterval * settings.stopMaxAttempts + 1ms);
}

TEST_CASE("Link loss while stimulating is a fault, and reconnecting lands in Idle with nothing resumed",
    "[device][controller]")
{
    ControllerRig<device::Sm4LowLevelDriver> rig;
    FakeSm4Device dev(rig.clock);
    dev.attach(rig.transport);
    stimulate(rig, planOf({channelProgram(1, 8.0), channelProgram(2, 8.0)}));
    rig.run(300ms);
    REQUIRE(rig.controller.commanded(1).value() > 0);
    rig.transport.loseLink(QStringLiteral("cable pulled"));
    REQUIRE(rig.state() == DeviceState::Fault);
    REQUIRE(rig.faults.size() == 1);
    CHECK(rig.faults.front().kind == FaultKind::LinkLost);
    CHECK(rig.faults.front().message.contains(QStringLiteral("cable pulled")));

    rig.controller.clearFault(); // the link is closed: nothing to talk to
    CHECK(rig.state() == DeviceState::Disconnected);
    dev.status = sm4::StimStatus::LowLevelInitialized; // the device kept its level
    const auto pulsesBefore = dev.commandsOf(sm4::CommandId::LlChannelConfig).size();
    rig.transport.open(nullptr);
    rig.controller.linkOpened();
    rig.run(1000ms);
    CHECK(rig.state() == DeviceState::Idle);
    CHECK(dev.commandsOf(sm4::CommandId::LlChannelConfig).size() == pulsesBefore);
    CHECK(dev.commandsOf(sm4::CommandId::LlInit).size() == 1); // only the first session's
    CHECK(dev.commandsOf(sm4::CommandId::LlStop).size() == 1); // the handshake stopped the stale level
    CHECK(rig.controller.commanded(1).value() == 0);
    // Starting again needs the whole sequence, from zero.
    CHECK(rig.controller.start().has_value());
}

TEST_CASE("Clearing a fault with the link open re-handshakes into Idle, never Stimulating", "[device][controller]")
{
    ControllerRig<device::Sm4MidLevelDriver> rig;
    FakeSm4Device dev(rig.clock);
    dev.attach(rig.transport);
    stimulate(rig, planOf({channelProgram(2, 6.0)}));
    rig.run(200ms);
    dev.electrodeErrorChannel = 2;
    REQUIRE(rig.runUntil([&] { return rig.state() == DeviceState::Fault; }, 300ms));
    REQUIRE(rig.faults.size() == 1);
    CHECK(rig.faults.front().kind == FaultKind::ElectrodeError);
    CHECK(rig.faults.front().channel == 2);
    CHECK(dev.status == sm4::StimStatus::None); // stopped
    dev.electrodeErrorChannel.reset();
    const auto updates = dev.commandsOf(sm4::CommandId::MlUpdate).size();
    rig.controller.clearFault();
    rig.run(1000ms);
    CHECK(rig.state() == DeviceState::Idle);
    CHECK(dev.commandsOf(sm4::CommandId::MlUpdate).size() == updates);
}

TEST_CASE("A failing transport ends in a link-loss fault", "[device][controller]")
{
    FakeClock clock;
    FailingTransport transport(FailingTransport::Mode::FailAfterWrites, 2);
    device::Sm4LowLevelDriver driver;
    device::DeviceController controller(transport, driver, clock, std::make_shared<device::StopSignal>());
    QObject::connect(&transport, &device::Transport::linkLost, &controller, &device::DeviceController::linkLost);
    std::vector<device::DeviceFault> faults;
    QObject::connect(&controller, &device::DeviceController::faultRaised, &controller,
        [&](const device::DeviceFault& f) { faults.push_back(f); });
    REQUIRE(transport.open(nullptr));
    controller.linkOpened();
    // Nothing answers: each query times out and is re-sent; the third write kills the link.
    for (int i = 0; i < 1000 && controller.state() != DeviceState::Fault; ++i) {
        clock.advance(1ms);
        controller.tick();
    }
    REQUIRE(controller.state() == DeviceState::Fault);
    REQUIRE(faults.size() == 1);
    CHECK(faults.front().kind == FaultKind::LinkLost);
    CHECK(transport.linkLostCount() == 1);
    CHECK(transport.writes().size() == 2);
    // A STOP after the fault is harmless and writes nothing to a dead link.
    controller.stop();
    CHECK(transport.writes().size() == 2);
}

TEST_CASE("A port that cannot be opened is reported by the transport", "[device][controller]")
{
    FailingTransport transport(FailingTransport::Mode::RefuseOpen);
    QString error;
    CHECK(!transport.open(&error));
    CHECK(error.contains(QStringLiteral("cannot open")));
}

} // namespace galvani::test
