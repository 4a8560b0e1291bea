// SPDX-License-Identifier: GPL-3.0-or-later
// The simulated RehaStim2 driven by a scripted ScienceMode2 host over the in-process loopback link.

#include "unit/device/sim/SimTestHosts.h"
#include "unit/device/sim/SimTestUtil.h"

#include "protocols/sciencemode2/Frame.h"

#include <QTimer>

#include <catch2/catch.hpp>

using namespace std::chrono_literals;
using galvani::device::sim::SimProtocol;
using galvani::device::sim::SimState;
using galvani::device::sim::StopCause;
namespace sm2 = galvani::proto::sm2;
namespace test = galvani::test;

namespace {

sm2::InitChannelListMode twoChannels20ms()
{
    sm2::InitChannelListMode init;
    init.activeChannels = static_cast<std::uint8_t>(sm2::channelBit(1) | sm2::channelBit(2));
    init.interPulseIntervalCode = 13; // t2 8 ms
    init.mainIntervalCode = *sm2::mainIntervalCodeFor(galvani::core::milliseconds(20)); // t1 20 ms
    return init;
}

sm2::StartChannelListMode entries(int ma1, int ma2)
{
    return sm2::StartChannelListMode{{{sm2::PulseMode::Single, 250, ma1}, {sm2::PulseMode::Single, 300, ma2}}};
}

// Connect, configure channels 1+2 and start them at the given currents.
void startStimulating(test::Sm2Host& host, int ma1, int ma2)
{
    REQUIRE(host.handshake());
    host.send(twoChannels20ms());
    const auto init = host.nextMessage<sm2::InitChannelListModeAck>();
    REQUIRE(init);
    REQUIRE(init->result == sm2::ResultCode::Ok);
    host.send(entries(ma1, ma2));
    const auto start = host.nextMessage<sm2::StartChannelListModeAck>();
    REQUIRE(start);
    REQUIRE(start->result == sm2::ResultCode::Ok);
}

} // namespace

TEST_CASE("sm2 sim beacons Init every 500 ms until the host answers", "[device][sim][sm2]")
{
    auto sim = test::startSim(SimProtocol::ScienceMode2);
    test::Sm2Host host(sim->hostTransport());
    const auto first = host.next<sm2::Init>();
    REQUIRE(first);
    const auto firstIndex = host.cursor() - 1;
    const auto second = host.next<sm2::Init>(1500ms);
    REQUIRE(second);
    const auto gap = host.arrival(host.cursor() - 1) - host.arrival(firstIndex);
    CHECK(gap >= 400ms);
    CHECK(gap <= 800ms);
    CHECK(std::get<sm2::Init>(second->message).protocolVersion == 1);

    host.send(sm2::InitAck{sm2::ResultCode::Ok}, second->packetNumber);
    REQUIRE(test::waitUntil([&] { return sim->stimulator().state() == SimState::Idle; }));
    host.send(sm2::GetStimulationMode{});
    const auto mode = host.nextMessage<sm2::GetStimulationModeAck>();
    REQUIRE(mode);
    CHECK(mode->mode == sm2::StimulationMode::Start);
    // Connected: no further beacons (checked over more than one beacon interval).
    const auto beacons = host.count<sm2::Init>();
    CHECK_FALSE(test::waitUntil([&] { return host.count<sm2::Init>() > beacons; }, 800ms));
}

TEST_CASE("sm2 sim stimulates, follows amplitude updates, clips at compliance and stops", "[device][sim][sm2]")
{
    auto sim = test::startSim(SimProtocol::ScienceMode2, {{"load", "2:10000"}});
    auto& stim = sim->stimulator();
    test::Sm2Host host(sim->hostTransport());
    startStimulating(host, 20, 20);

    CHECK(stim.state() == SimState::Stimulating);
    CHECK(stim.deliveredCurrent(1).value() == 20'000);
    // Channel 2 drives a 10 kΩ load: 150 V compliance allows 15 mA.
    CHECK(stim.deliveredCurrent(2).value() == 15'000);
    CHECK(stim.output(2).lowCurrent);
    CHECK(stim.output(1).period.value() == 20'000);
    CHECK(stim.output(1).phaseWidth.value() == 250);
    host.send(sm2::GetStimulationMode{});
    REQUIRE(host.nextMessage<sm2::GetStimulationModeAck>()->mode == sm2::StimulationMode::Started);

    host.send(entries(24, 8));
    REQUIRE(host.nextMessage<sm2::StartChannelListModeAck>()->result == sm2::ResultCode::Ok);
    CHECK(stim.deliveredCurrent(1).value() == 24'000);
    CHECK(stim.deliveredCurrent(2).value() == 8'000);
    const auto applied = stim.appliedLog();
    REQUIRE(applied.size() == 4);
    CHECK(applied.back().channel == 2);
    CHECK(applied.back().amplitude.value() == 8'000);

    host.send(sm2::StopChannelListMode{});
    REQUIRE(host.nextMessage<sm2::StopChannelListModeAck>()->result == sm2::ResultCode::Ok);
    CHECK(stim.deliveredCurrent(1).value() == 0);
    CHECK(stim.state() == SimState::Idle);
    REQUIRE(stim.lastStop());
    CHECK(stim.lastStop()->cause == StopCause::HostStop);
    CHECK(stim.oracle().empty());
}

TEST_CASE("sm2 sim refuses commands beyond its limits and records them", "[device][sim][sm2]")
{
    auto sim = test::startSim(SimProtocol::ScienceMode2, {{"channels", "4"}});
    auto& stim = sim->stimulator();
    test::Sm2Host host(sim->hostTransport());

    SECTION("stimulation before the handshake is in the wrong mode")
    {
        REQUIRE(host.next<sm2::Init>());
        host.send(sm2::SinglePulse{1, 200, 10});
        REQUIRE(host.nextMessage<sm2::SinglePulseAck>()->result == sm2::ResultCode::WrongMode);
        CHECK(stim.oracleCount() == 1);
    }
    REQUIRE(host.handshake());
    REQUIRE(test::waitUntil([&] { return stim.state() == SimState::Idle; }));

    SECTION("current above 130 mA")
    {
        host.writeRaw(sm2::buildFrame(7, sm2::cmd::kSinglePulse, std::vector<std::uint8_t>{0, 0, 200, 131}));
        const auto ack = host.next<sm2::SinglePulseAck>();
        REQUIRE(ack);
        CHECK(ack->packetNumber == 7);
        CHECK(std::get<sm2::SinglePulseAck>(ack->message).result == sm2::ResultCode::ParameterError);
        REQUIRE(stim.oracle().size() == 1);
        CHECK(stim.oracle().front().command.find("SinglePulse") != std::string::npos);
    }
    SECTION("low-frequency factor above 7")
    {
        host.writeRaw(sm2::buildFrame(
            8, sm2::cmd::kInitChannelListMode, std::vector<std::uint8_t>{8, 0x01, 0x00, 13, 0x00, 38, 0}));
        REQUIRE(host.nextMessage<sm2::InitChannelListModeAck>()->result == sm2::ResultCode::ParameterError);
        CHECK(stim.oracleCount() == 1);
    }
    SECTION("a channel the device does not have")
    {
        sm2::InitChannelListMode init;
        init.activeChannels = sm2::channelBit(5);
        init.mainIntervalCode = 38;
        host.send(init);
        REQUIRE(host.nextMessage<sm2::InitChannelListModeAck>()->result == sm2::ResultCode::ParameterError);
        CHECK(stim.oracleCount() == 1);
    }
    SECTION("start without a channel list")
    {
        host.writeRaw(sm2::buildFrame(9, sm2::cmd::kStartChannelListMode, std::vector<std::uint8_t>{0, 0, 200, 10}));
        REQUIRE(host.nextMessage<sm2::StartChannelListModeAck>()->result == sm2::ResultCode::WrongMode);
        CHECK(stim.oracleCount() == 1);
    }
    SECTION("continuous t1 shorter than 8 ms is refused against the channel list")
    {
        host.send(twoChannels20ms());
        REQUIRE(host.nextMessage<sm2::InitChannelListModeAck>()->result == sm2::ResultCode::Ok);
        // A triplet needs t1 >= 3 x 8 ms; the list has 20 ms.
        host.writeRaw(sm2::buildFrame(
            10, sm2::cmd::kStartChannelListMode, std::vector<std::uint8_t>{2, 0, 200, 10, 0, 0, 200, 10}));
        REQUIRE(host.nextMessage<sm2::StartChannelListModeAck>()->result == sm2::ResultCode::ParameterError);
        CHECK(stim.oracleCount() == 1);
    }
    CHECK(stim.deliveredCurrent(1).value() == 0);
    CHECK_FALSE(stim.output(1).running);
}

TEST_CASE("sm2 sim watchdog stops output within the period and latches until a new init", "[device][sim][sm2]")
{
    auto sim = test::startSim(SimProtocol::ScienceMode2, {{"watchdog-ms", "200"}});
    auto& stim = sim->stimulator();
    test::Sm2Host host(sim->hostTransport());

    startStimulating(host, 20, 10);
    const auto lastHostFrame = host.lastSend();
    REQUIRE(test::waitUntil([&] { return stim.state() == SimState::LatchedWatchdog; }, 2000ms));
    REQUIRE(stim.lastStop());
    CHECK(stim.lastStop()->cause == StopCause::Watchdog);
    const auto trip = stim.lastStop()->time - lastHostFrame;
    CHECK(trip >= 195ms);
    CHECK(trip <= 200ms + 20ms + 40ms); // period + one pulse period + scheduling slack
    CHECK(stim.deliveredCurrent(1).value() == 0);

    // Latched: beacons again, stimulation refused until InitAck and a new channel list.
    REQUIRE(host.next<sm2::Init>(1000ms));
    host.send(entries(20, 10));
    REQUIRE(host.nextMessage<sm2::StartChannelListModeAck>()->result == sm2::ResultCode::WrongMode);
    CHECK(stim.deliveredCurrent(1).value() == 0);
    CHECK(stim.state() == SimState::LatchedWatchdog);

    startStimulating(host, 12, 10);
    CHECK(stim.state() == SimState::Stimulating);
    CHECK(stim.deliveredCurrent(1).value() == 12'000);
}

TEST_CASE("sm2 sim keeps running while the host sends keep-alives", "[device][sim][sm2]")
{
    auto sim = test::startSim(SimProtocol::ScienceMode2, {{"watchdog-ms", "200"}});
    test::Sm2Host host(sim->hostTransport());
    startStimulating(host, 20, 10);
    QTimer keepAlive;
    QObject::connect(&keepAlive, &QTimer::timeout, [&] { host.send(sm2::Watchdog{}); });
    keepAlive.start(50);
    CHECK_FALSE(test::waitUntil([&] { return sim->stimulator().state() != SimState::Stimulating; }, 700ms));
    CHECK(sim->stimulator().deliveredCurrent(1).value() == 20'000);
}

TEST_CASE("sm2 sim one-shot list mode is host-paced", "[device][sim][sm2]")
{
    auto sim = test::startSim(SimProtocol::ScienceMode2);
    auto& stim = sim->stimulator();
    test::Sm2Host host(sim->hostTransport());
    REQUIRE(host.handshake());
    sm2::InitChannelListMode init;
    init.activeChannels = sm2::channelBit(1);
    init.mainIntervalCode = 0; // one-shot: one group per StartChannelListMode
    host.send(init);
    REQUIRE(host.nextMessage<sm2::InitChannelListModeAck>()->result == sm2::ResultCode::Ok);
    const auto appliedBefore = stim.appliedLog().size();
    for (int i = 0; i < 3; ++i) {
        host.send(sm2::StartChannelListMode{{{sm2::PulseMode::Single, 200, 15}}});
        REQUIRE(host.nextMessage<sm2::StartChannelListModeAck>()->result == sm2::ResultCode::Ok);
        // Each start delivers one pulse at 15 mA. Read at once the output is still on at 15 mA; on a loaded
        // machine this thread may read only after the host-paced hold has ended it, so the applied log is the
        // record that counts (the current, when read on, must still be 15 mA).
        const auto applied = stim.appliedLog();
        REQUIRE(applied.size() == appliedBefore + static_cast<std::size_t>(i) + 1);
        CHECK(applied.back().channel == 1);
        CHECK(applied.back().amplitude.value() == 15'000);
        if (stim.output(1).running) {
            CHECK(stim.deliveredCurrent(1).value() == 15'000);
        }
    }
    // The host stops pacing: output ends as host-paced silence, not as a watchdog trip.
    REQUIRE(test::waitUntil([&] { return !stim.output(1).running; }, 3000ms));
    REQUIRE(stim.lastStop());
    CHECK(stim.lastStop()->cause == StopCause::HostSilentLowLevel);
}
