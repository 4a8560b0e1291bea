// SPDX-License-Identifier: GPL-3.0-or-later
// The simulated P24 / RehaMove3: general requests and mid level, driven by a scripted ScienceMode4 host.

#include "unit/device/sim/SimTestHosts.h"
#include "unit/device/sim/SimTestUtil.h"

#include "protocols/sciencemode4/Frame.h"

#include <QTimer>

#include <catch2/catch.hpp>

#include <string>

using namespace std::chrono_literals;
using galvani::device::sim::SimProtocol;
using galvani::device::sim::SimState;
using galvani::device::sim::StopCause;
namespace sm4 = galvani::proto::sm4;
namespace test = galvani::test;

namespace {

void initMidLevel(test::Sm4Host& host)
{
    const auto ack = host.request<sm4::MlInitAck>(sm4::MlInit{false});
    REQUIRE(ack);
    REQUIRE(ack->result == sm4::ResultCode::Ok);
}

sm4::ChannelStatesReport states(test::Sm4Host& host)
{
    const auto ack
        = host.request<sm4::MlGetCurrentDataAck>(sm4::MlGetCurrentData{sm4::CurrentDataSelection::ChannelStates});
    REQUIRE(ack);
    REQUIRE(ack->result == sm4::ResultCode::Ok);
    REQUIRE(std::holds_alternative<sm4::ChannelStatesReport>(ack->body));
    return std::get<sm4::ChannelStatesReport>(ack->body);
}

} // namespace

TEST_CASE("sm4 sim answers the general requests", "[device][sim][sm4]")
{
    auto sim = test::startSim(SimProtocol::ScienceMode4, {{"serial", "GSIM-0042"}, {"battery", "64"}});
    test::Sm4Host host(sim->hostTransport());

    const auto id = host.request<sm4::GetDeviceIdAck>(sm4::GetDeviceId{});
    REQUIRE(id);
    CHECK(std::string(id->deviceId.data(), 9) == "GSIM-0042");
    CHECK(id->deviceId[9] == '\0');
    const auto battery = host.request<sm4::GetBatteryStatusAck>(sm4::GetBatteryStatus{});
    REQUIRE(battery);
    CHECK(battery->levelPercent == 64);
    CHECK(battery->voltage.value() > 3300);
    const auto version = host.request<sm4::GetExtendedVersionAck>(sm4::GetExtendedVersion{});
    REQUIRE(version);
    CHECK(version->scienceMode.major == 4);
    CHECK(version->hashValid);
    const auto status = host.request<sm4::GetStimStatusAck>(sm4::GetStimStatus{});
    REQUIRE(status);
    CHECK(status->status == sm4::StimStatus::None);
    CHECK(status->highVoltage == sm4::HighVoltageLevel::Off);
    CHECK(sim->stimulator().serialNumber() == QStringLiteral("GSIM-0042"));
}

TEST_CASE("sm4 sim mid level stimulates, updates, clips at compliance and stops", "[device][sim][sm4]")
{
    auto sim = test::startSim(SimProtocol::ScienceMode4, {{"load", "3:10000"}});
    auto& stim = sim->stimulator();
    test::Sm4Host host(sim->hostTransport());

    initMidLevel(host);
    CHECK(stim.state() == SimState::Armed);
    CHECK(host.request<sm4::GetStimStatusAck>(sm4::GetStimStatus{})->highVoltage == sm4::HighVoltageLevel::V150);

    auto update = test::mlUpdate(1, 20.0, 250, 20'000);
    update.channels[2] = test::mlUpdate(3, 20.0, 250, 20'000).channels[2];
    REQUIRE(host.request<sm4::MlUpdateAck>(update)->result == sm4::ResultCode::Ok);
    CHECK(stim.state() == SimState::Stimulating);
    CHECK(stim.deliveredCurrent(1).value() == 20'000);
    CHECK(stim.deliveredCurrent(3).value() == 15'000); // 150 V into 10 kΩ
    CHECK(stim.output(1).period.value() == 20'000);
    const auto report = states(host);
    CHECK(report.runningMask == 0b101);
    CHECK(report.states[0] == sm4::ChannelState::Ok);
    CHECK(report.states[2] == sm4::ChannelState::LowCurrent);
    CHECK(host.request<sm4::GetStimStatusAck>(sm4::GetStimStatus{})->status == sm4::StimStatus::MidLevelRunning);

    // Amplitude change on a running channel: applied at once, no ramp restart; channel 3 left out stops.
    REQUIRE(host.request<sm4::MlUpdateAck>(test::mlUpdate(1, 24.5, 250, 20'000))->result == sm4::ResultCode::Ok);
    CHECK(stim.deliveredCurrent(1).value() == 24'500);
    CHECK_FALSE(stim.output(3).running);
    REQUIRE(stim.lastChannelStop(3));
    CHECK(stim.lastChannelStop(3)->cause == StopCause::HostStop);

    REQUIRE(host.request<sm4::MlStopAck>(sm4::MlStop{})->result == sm4::ResultCode::Ok);
    CHECK(stim.deliveredCurrent(1).value() == 0);
    CHECK(stim.state() == SimState::Idle);
    REQUIRE(stim.lastStop());
    CHECK(stim.lastStop()->cause == StopCause::HostStop);
    CHECK(host.request<sm4::GetStimStatusAck>(sm4::GetStimStatus{})->status == sm4::StimStatus::None);
    CHECK(stim.oracle().empty());
}

TEST_CASE("sm4 sim mid-level ramp rises over the requested pulses", "[device][sim][sm4]")
{
    auto sim = test::startSim(SimProtocol::ScienceMode4);
    auto& stim = sim->stimulator();
    test::Sm4Host host(sim->hostTransport());
    initMidLevel(host);
    // 4 ramp pulses of 100 ms: 1/5, 2/5, ... of 20 mA.
    REQUIRE(host.request<sm4::MlUpdateAck>(test::mlUpdate(1, 20.0, 200, 100'000, 4))->result == sm4::ResultCode::Ok);
    CHECK(stim.deliveredCurrent(1).value() < 20'000);
    REQUIRE(test::waitUntil([&] { return stim.deliveredCurrent(1).value() == 20'000; }, 1500ms));
}

TEST_CASE("sm4 sim refuses mid-level commands beyond its limits and records them", "[device][sim][sm4]")
{
    auto sim = test::startSim(SimProtocol::ScienceMode4, {{"channels", "4"}});
    auto& stim = sim->stimulator();
    test::Sm4Host host(sim->hostTransport());

    SECTION("an update before Ml_init is in the wrong level")
    {
        const auto ack = host.request<sm4::MlUpdateAck>(test::mlUpdate(1, 10.0, 200, 20'000));
        REQUIRE(ack);
        CHECK(ack->result == sm4::ResultCode::NotInitialized);
        CHECK(stim.oracleCount() == 1);
    }
    SECTION("current code 600 (150 mA) is beyond the device limit")
    {
        initMidLevel(host);
        // enable ch1; 1 point, ramp 0; period code 40 (20 ms, r = 0); point 200 µs at code 600.
        const std::vector<std::uint8_t> data{0x01, 0x00, 0x00, 0x50, 0x0C, 0x89, 0x60, 0x00};
        auto frame = sm4::buildFrame(5, sm4::toWire(sm4::CommandId::MlUpdate), data);
        REQUIRE(frame.hasValue());
        host.writeRaw(frame.value());
        const auto ack = host.next<sm4::MlUpdateAck>();
        REQUIRE(ack);
        CHECK(ack->result == sm4::ResultCode::ParameterError);
        CHECK(stim.oracleCount() == 1);
    }
    SECTION("a channel the device does not have")
    {
        initMidLevel(host);
        const auto ack = host.request<sm4::MlUpdateAck>(test::mlUpdate(5, 10.0, 200, 20'000));
        REQUIRE(ack);
        CHECK(ack->result == sm4::ResultCode::ParameterError);
        CHECK(stim.oracleCount() == 1);
    }
    SECTION("a low-level pulse while mid level is active")
    {
        initMidLevel(host);
        const auto ack = host.request<sm4::LlChannelConfigAck>(test::llPulse(1, 10.0, 200));
        REQUIRE(ack);
        CHECK(ack->result == sm4::ResultCode::NotInitialized);
        CHECK(stim.oracleCount() == 1);
    }
    CHECK_FALSE(stim.output(1).running);
    CHECK(stim.deliveredCurrent(1).value() == 0);
}

TEST_CASE("sm4 sim mid-level watchdog stops output and latches until Ml_init", "[device][sim][sm4]")
{
    auto sim = test::startSim(SimProtocol::ScienceMode4, {{"watchdog-ms", "200"}});
    auto& stim = sim->stimulator();
    test::Sm4Host host(sim->hostTransport());
    initMidLevel(host);
    REQUIRE(host.request<sm4::MlUpdateAck>(test::mlUpdate(1, 20.0, 250, 20'000))->result == sm4::ResultCode::Ok);
    const auto lastHostFrame = host.lastSend();

    REQUIRE(test::waitUntil([&] { return stim.state() == SimState::LatchedWatchdog; }, 2000ms));
    REQUIRE(stim.lastStop());
    CHECK(stim.lastStop()->cause == StopCause::Watchdog);
    const auto trip = stim.lastStop()->time - lastHostFrame;
    CHECK(trip >= 195ms);
    CHECK(trip <= 200ms + 20ms + 40ms); // period + one pulse period + scheduling slack

    // No resume: the next update is refused, status shows no level, nothing delivered.
    CHECK(host.request<sm4::MlUpdateAck>(test::mlUpdate(1, 20.0, 250, 20'000))->result
        == sm4::ResultCode::NotInitialized);
    CHECK(stim.deliveredCurrent(1).value() == 0);
    CHECK(host.request<sm4::GetStimStatusAck>(sm4::GetStimStatus{})->status == sm4::StimStatus::None);
    CHECK(stim.state() == SimState::LatchedWatchdog);

    initMidLevel(host);
    REQUIRE(host.request<sm4::MlUpdateAck>(test::mlUpdate(1, 12.0, 250, 20'000))->result == sm4::ResultCode::Ok);
    CHECK(stim.state() == SimState::Stimulating);
    CHECK(stim.deliveredCurrent(1).value() == 12'000);
}

TEST_CASE("sm4 sim keeps mid level running while the host polls", "[device][sim][sm4]")
{
    auto sim = test::startSim(SimProtocol::ScienceMode4, {{"watchdog-ms", "200"}});
    test::Sm4Host host(sim->hostTransport());
    initMidLevel(host);
    REQUIRE(host.request<sm4::MlUpdateAck>(test::mlUpdate(1, 20.0, 250, 20'000))->result == sm4::ResultCode::Ok);
    QTimer poll;
    QObject::connect(
        &poll, &QTimer::timeout, [&] { host.send(sm4::MlGetCurrentData{sm4::CurrentDataSelection::ChannelStates}); });
    poll.start(50);
    CHECK_FALSE(test::waitUntil([&] { return sim->stimulator().state() != SimState::Stimulating; }, 700ms));
}

TEST_CASE("sm3 sim is the 4-channel variant", "[device][sim][sm3]")
{
    auto sim = test::startSim(SimProtocol::ScienceMode3);
    auto& stim = sim->stimulator();
    test::Sm4Host host(sim->hostTransport(), sm4::Variant::ScienceMode3);
    CHECK(stim.config().channels == 4);
    initMidLevel(host);
    REQUIRE(host.request<sm4::MlUpdateAck>(test::mlUpdate(4, 18.0, 300, 25'000))->result == sm4::ResultCode::Ok);
    CHECK(stim.deliveredCurrent(4).value() == 18'000);
    const auto data
        = host.request<sm4::MlGetCurrentDataAck>(sm4::MlGetCurrentData{sm4::CurrentDataSelection::FourChannelStatus});
    REQUIRE(data);
    REQUIRE(std::holds_alternative<sm4::FourChannelStatus>(data->body));
    CHECK(std::get<sm4::FourChannelStatus>(data->body).channels1to4.running);
    // Get_extended_version does not exist on a RehaMove3.
    const auto raw = sm4::buildFrame(3, sm4::toWire(sm4::CommandId::GetExtendedVersion), {});
    REQUIRE(raw.hasValue());
    host.writeRaw(raw.value());
    const auto unknown = host.next<sm4::UnknownCmd>();
    REQUIRE(unknown);
    CHECK(unknown->result == sm4::ResultCode::UnknownCommand);
}
