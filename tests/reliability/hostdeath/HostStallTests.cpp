// SPDX-License-Identifier: GPL-3.0-or-later
// The host-death finding, deterministic: a DeviceController whose own loop was frozen (SIGSTOP and SIGCONT, a
// suspended laptop, a starved device thread) while it streamed low-level pulses must not carry on streaming when
// it runs again. During the freeze the stimulator's output stopped (host-paced pulses simply stopped coming; it
// has no watchdog in low level), so carrying on is output resuming by itself, at the programme's amplitude and
// without a ramp. On waking, the event loop reads the replies that waited in the port before the tick timer
// fires, so the controller's silence check sees fresh traffic and never trips (hostdeath_tests "sigstop
// sciencemode4 low level" found it end to end).
//
// The controller is driven exactly as DeviceWorker drives it, with a FakeClock: ticks every millisecond, replies
// delivered after each tick; the freeze is the clock moving on with nothing ticking.
#include "../../unit/device/controller/ControllerRig.h"
#include "../../unit/device/controller/FakeSm4Device.h"

#include "device/controller/Sm4LowLevelDriver.h"

#include <catch2/catch.hpp>

using namespace std::chrono_literals;
using galvani::device::DeviceState;
using galvani::device::FaultKind;
namespace sm4 = galvani::proto::sm4;

namespace galvani::test {

namespace {

using LowRig = ControllerRig<device::Sm4LowLevelDriver>;

// Low level, channel 1 at 8 mA, 50 Hz, no start ramp: stimulating at full amplitude.
void stimulate(LowRig& rig)
{
    rig.controller.linkOpened();
    REQUIRE(rig.runUntil([&] { return rig.state() == DeviceState::Idle; }, 100ms));
    REQUIRE_FALSE(rig.controller.configure(planOf({channelProgram(1, 8.0, 50.0)})));
    REQUIRE(rig.runUntil([&] { return rig.state() == DeviceState::Armed; }, 100ms));
    REQUIRE_FALSE(rig.controller.start());
    REQUIRE(rig.state() == DeviceState::Stimulating);
    rig.run(200ms);
    REQUIRE(rig.state() == DeviceState::Stimulating);
}

// Ticks without delivering until the device's answer to something is waiting in the port.
void leaveRepliesWaiting(LowRig& rig)
{
    for (int i = 0; i < 100 && rig.transport.pendingReplies() == 0; ++i) {
        rig.clock.advance(1ms);
        rig.controller.tick();
    }
    REQUIRE(rig.transport.pendingReplies() > 0);
}

// The process is frozen for `frozen`, then runs again: first the waiting replies are read, then the timer ticks.
void freezeAndWake(LowRig& rig, std::chrono::milliseconds frozen)
{
    leaveRepliesWaiting(rig);
    rig.clock.advance(frozen);
    rig.transport.deliver();
    rig.controller.tick();
    rig.transport.deliver();
}

std::size_t pulsesSince(const FakeSm4Device& device, std::chrono::nanoseconds from)
{
    std::size_t n = 0;
    for (const auto at : device.timesOf(sm4::CommandId::LlChannelConfig)) {
        n += at > from ? 1U : 0U;
    }
    return n;
}

} // namespace

TEST_CASE("hostdeath: a controller frozen past the heartbeat timeout does not resume host-paced pulses",
    "[reliability][hostdeath]")
{
    LowRig rig;
    FakeSm4Device device(rig.clock);
    device.attach(rig.transport);
    stimulate(rig);
    const auto frozenFrom = rig.clock.monotonic();

    freezeAndWake(rig, 700ms); // longer than ControllerSettings::silenceTimeout (CLINICAL §1.3: 500 ms)
    const auto woke = rig.clock.monotonic();
    rig.run(300ms);

    // Not one pulse after waking: the session was interrupted and is stopped, not continued.
    CHECK(pulsesSince(device, woke - 1ns) == 0);
    CHECK(rig.state() == DeviceState::Fault);
    REQUIRE_FALSE(rig.faults.empty());
    CHECK(rig.faults.front().kind == FaultKind::DeviceSilent);
    CHECK(device.timesOf(sm4::CommandId::LlStop).size() >= 1);
    CHECK(device.timesOf(sm4::CommandId::LlStop).back() > frozenFrom);
}

TEST_CASE("hostdeath: a controller frozen in the middle of a tick sends nothing more after it wakes",
    "[reliability][hostdeath]")
{
    // The freeze lands after the tick has read the clock and before it writes the next pulse: two channels, the
    // clock jumps while the first one's pulse is written, so the second one's pulse would go out after the freeze.
    LowRig rig;
    FakeSm4Device device(rig.clock);
    bool frozen = false;
    std::optional<std::chrono::nanoseconds> wokeAt;
    rig.transport.respond(
        QStringLiteral("device that freezes the host once"), [](const QByteArray&) { return true; },
        [&](const QByteArray& frame) {
            auto replies = device.answer(frame);
            const auto& received = device.received;
            if (!frozen && !received.empty() && std::holds_alternative<sm4::LlChannelConfig>(received.back().command)
                && std::get<sm4::LlChannelConfig>(received.back().command).channel == 0
                && rig.state() == DeviceState::Stimulating && rig.clock.monotonic() > 300ms) {
                frozen = true;
                rig.clock.advance(700ms);
                wokeAt = rig.clock.monotonic();
            }
            return replies;
        });
    rig.controller.linkOpened();
    REQUIRE(rig.runUntil([&] { return rig.state() == DeviceState::Idle; }, 100ms));
    REQUIRE_FALSE(rig.controller.configure(planOf({channelProgram(1, 8.0, 50.0), channelProgram(2, 8.0, 50.0)})));
    REQUIRE(rig.runUntil([&] { return rig.state() == DeviceState::Armed; }, 100ms));
    REQUIRE_FALSE(rig.controller.start());
    REQUIRE(rig.runUntil([&] { return frozen; }, 1000ms));
    rig.run(300ms);

    REQUIRE(wokeAt);
    CHECK(pulsesSince(device, *wokeAt - 1ns) == 0);
    CHECK(rig.state() == DeviceState::Fault);
    REQUIRE_FALSE(rig.faults.empty());
    CHECK(rig.faults.front().kind == FaultKind::DeviceSilent);
}

TEST_CASE("hostdeath: a freeze shorter than the heartbeat timeout is a gap in the pulse train, not an interruption",
    "[reliability][hostdeath]")
{
    // CLINICAL §1.3: only 500 ms without a beat is a communication loss. A shorter stall delays pulses and the
    // session carries on (the stricter alternative would fault sessions on every scheduling hiccup).
    LowRig rig;
    FakeSm4Device device(rig.clock);
    device.attach(rig.transport);
    stimulate(rig);
    freezeAndWake(rig, 300ms);
    const auto woke = rig.clock.monotonic();
    rig.run(200ms);
    CHECK(rig.state() == DeviceState::Stimulating);
    CHECK(rig.faults.empty());
    CHECK(pulsesSince(device, woke - 1ns) >= 9); // 50 Hz again
}

} // namespace galvani::test
