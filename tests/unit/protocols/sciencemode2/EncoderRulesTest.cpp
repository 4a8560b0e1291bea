// SPDX-License-Identifier: GPL-3.0-or-later
// §6 "Host encoder refuses", the device encoder's refusals and the named errors they return.
#include "Sm2TestSupport.h"

#include "protocols/sciencemode2/ChannelListRules.h"

#include <catch2/catch.hpp>

using namespace galvani::proto;
using namespace galvani::proto::sm2;
using namespace sm2test;

namespace {

InitChannelListMode okInit()
{
    InitChannelListMode c;
    c.activeChannels = 0x05; // ch1 + ch3
    c.interPulseIntervalCode = 17; // 10 ms
    c.mainIntervalCode = 48; // 25 ms
    return c;
}

// The field the host codec names when refusing command (after encoding context first).
std::string refusedField(const HostCommand& command, const InitChannelListMode& context = okInit())
{
    HostCodec host;
    REQUIRE(host.encode(context, 0).hasValue());
    const auto before = host.nextPacketNumber();
    const auto result = host.encodeNext(command);
    if (result) {
        CHECK(result.value().packetNumber == before);
        CHECK(host.nextPacketNumber() == before + 1);
        return "accepted";
    }
    CHECK(host.nextPacketNumber() == before); // a refusal uses no packet number
    return std::string(result.error().field);
}

StartChannelListMode twoEntries(ChannelListEntry a, ChannelListEntry b)
{
    return StartChannelListMode{{a, b}};
}

} // namespace

TEST_CASE("SM2 host encoder: InitChannelListMode limits", "[protocols][sm2][encoder]")
{
    auto c = okInit();
    CHECK(refusedField(c) == "accepted");
    c.lowFrequencyFactor = 7;
    CHECK(refusedField(c) == "accepted");
    c.lowFrequencyFactor = 8;
    CHECK(refusedField(c) == "lowFrequencyFactor");
    c.lowFrequencyFactor = -1;
    CHECK(refusedField(c) == "lowFrequencyFactor");

    c = okInit();
    c.activeChannels = 0;
    CHECK(refusedField(c) == "activeChannels");

    c = okInit();
    for (const int t1 : {1, 7, 13, 2049, -1, 65535}) {
        c.mainIntervalCode = t1;
        INFO("t1 code " << t1);
        CHECK(refusedField(c) == "mainIntervalCode");
    }
    for (const int t1 : {0, 14, 2048}) {
        c.mainIntervalCode = t1;
        CHECK(refusedField(c) == "accepted");
    }

    c = okInit();
    for (const int t2 : {-1, 256}) {
        c.interPulseIntervalCode = t2;
        CHECK(refusedField(c) == "interPulseIntervalCode");
    }
    c.interPulseIntervalCode = 0; // fine at init time: only doublets/triplets need t2 ≥ 8 ms
    CHECK(refusedField(c) == "accepted");

    c = okInit();
    c.execution = static_cast<ChannelExecution>(2);
    CHECK(refusedField(c) == "execution");

    HostCodec host;
    c.lowFrequencyFactor = 9;
    const auto refused = host.encode(c, 0);
    REQUIRE_FALSE(refused.hasValue());
    CHECK(refused.error().value == 9);
    CHECK(refused.error().allowed == "0..7");
    CHECK_FALSE(host.channelList().has_value()); // a refused init is not remembered
}

TEST_CASE("SM2 host encoder: pulse width, current and mode limits", "[protocols][sm2][encoder]")
{
    const ChannelListEntry ok{PulseMode::Single, 300, 20};
    CHECK(refusedField(twoEntries(ok, ok)) == "accepted");
    for (const int pw : {1, 19, 501, -1, 65536}) {
        INFO("pw " << pw);
        CHECK(refusedField(twoEntries(ok, {PulseMode::Single, pw, 20})) == "pulseWidthUs");
        CHECK(refusedField(SinglePulse{1, pw, 20}) == "pulseWidthUs");
    }
    for (const int pw : {0, 20, 500}) {
        CHECK(refusedField(twoEntries(ok, {PulseMode::Single, pw, 20})) == "accepted");
        CHECK(refusedField(SinglePulse{8, pw, 130}) == "accepted");
    }
    for (const int ma : {131, 255, -1}) {
        INFO("mA " << ma);
        CHECK(refusedField(twoEntries({PulseMode::Single, 300, ma}, ok)) == "currentMa");
        CHECK(refusedField(SinglePulse{1, 300, ma}) == "currentMa");
    }
    CHECK(refusedField(twoEntries(ok, {static_cast<PulseMode>(3), 300, 20})) == "mode");
    for (const int channel : {0, 9, -1}) {
        CHECK(refusedField(SinglePulse{channel, 300, 20}) == "channel");
    }
}

TEST_CASE("SM2 host encoder: StartChannelListMode against the last InitChannelListMode", "[protocols][sm2][encoder]")
{
    const ChannelListEntry single{PulseMode::Single, 300, 20};
    const ChannelListEntry doublet{PulseMode::Doublet, 300, 20};
    const ChannelListEntry triplet{PulseMode::Triplet, 300, 20};

    // No init yet.
    HostCodec fresh;
    const auto noInit = fresh.encode(twoEntries(single, single), 0);
    REQUIRE_FALSE(noInit.hasValue());
    CHECK(noInit.error().field == "entries");

    // One entry per active channel (init has 2).
    CHECK(refusedField(StartChannelListMode{{single}}) == "entries");
    CHECK(refusedField(StartChannelListMode{{single, single, single}}) == "entries");
    CHECK(refusedField(StartChannelListMode{}) == "entries");

    // t2 below 8 ms (code 12) with a doublet is refused; with singles it is fine.
    auto init = okInit();
    init.interPulseIntervalCode = 12;
    CHECK(refusedField(twoEntries(single, doublet), init) == "interPulseIntervalCode");
    CHECK(refusedField(twoEntries(single, single), init) == "accepted");
    init.interPulseIntervalCode = 13;
    CHECK(refusedField(twoEntries(single, doublet), init) == "accepted");

    // Continuous t1 ≥ nPgr·t2: t2 = 10 ms; t1 = 25 ms allows doublets, not triplets.
    init = okInit();
    CHECK(refusedField(twoEntries(single, doublet), init) == "accepted");
    CHECK(refusedField(twoEntries(triplet, single), init) == "mainIntervalCode");
    init.mainIntervalCode = 58; // 30 ms = 3 × 10 ms
    CHECK(refusedField(twoEntries(triplet, single), init) == "accepted");
    init.mainIntervalCode = 57; // 29.5 ms
    CHECK(refusedField(twoEntries(triplet, single), init) == "mainIntervalCode");
    init.mainIntervalCode = 0; // one-shot: the host sets the rate, no t1 rule
    CHECK(refusedField(twoEntries(triplet, single), init) == "accepted");

    // The codec forgets the list when told to.
    HostCodec host;
    REQUIRE(host.encode(okInit(), 0).hasValue());
    REQUIRE(host.channelList().has_value());
    host.forgetChannelList();
    CHECK_FALSE(host.encode(twoEntries(single, single), 1).hasValue());
}

TEST_CASE("SM2 host encoder: InitAck and MOTOmed", "[protocols][sm2][encoder]")
{
    CHECK(refusedField(InitAck{ResultCode::Ok}) == "accepted");
    CHECK(refusedField(InitAck{ResultCode::IncompatibleVersion}) == "accepted");
    CHECK(refusedField(InitAck{ResultCode::WrongMode}) == "result");
    CHECK(refusedField(MotomedCommand{30, {}}) == "command");
    CHECK(refusedField(MotomedCommand{91, {}}) == "command");
    CHECK(refusedField(MotomedCommand{50, Bytes(61)}) == "dataBytes");
    CHECK(refusedField(MotomedCommand{50, Bytes(60)}) == "accepted");
}

TEST_CASE("SM2 device encoder refusals", "[protocols][sm2][encoder]")
{
    const DeviceCodec device;
    auto field = [&](const DeviceMessage& m) {
        const auto r = device.encode(m, 1);
        return r ? std::string("accepted") : std::string(r.error().field);
    };
    CHECK(field(GetStimulationModeAck{ResultCode::Ok, StimulationMode::Started}) == "accepted");
    CHECK(field(GetStimulationModeAck{ResultCode::Ok, std::nullopt}) == "mode");
    CHECK(field(GetStimulationModeAck{ResultCode::Busy, StimulationMode::Start}) == "mode");
    CHECK(field(GetStimulationModeAck{ResultCode::Ok, static_cast<StimulationMode>(3)}) == "mode");
    CHECK(field(GetStimulationModeAck{ResultCode::IncompatibleVersion, std::nullopt}) == "result");
    for (const int r : {-4, -5, -6, -7, 1, 100}) {
        CHECK(field(InitChannelListModeAck{static_cast<ResultCode>(r)}) == "result");
        CHECK(field(StartChannelListModeAck{static_cast<ResultCode>(r)}) == "result");
        CHECK(field(StopChannelListModeAck{static_cast<ResultCode>(r)}) == "result");
        CHECK(field(SinglePulseAck{static_cast<ResultCode>(r)}) == "result");
    }
    CHECK(field(StimulationError{static_cast<StimulationErrorCode>(0)}) == "error");
    CHECK(field(StimulationError{static_cast<StimulationErrorCode>(-4)}) == "error");
    CHECK(field(MotomedMessage{38, {}}) == "command");
    CHECK(field(MotomedMessage{60, Bytes(61)}) == "dataBytes");
}

TEST_CASE("SM2 interval codes and channel helpers", "[protocols][sm2][encoder]")
{
    using galvani::core::Microseconds;
    CHECK(mainIntervalCodeFor(Microseconds(33000)) == 64);
    CHECK(mainIntervalCodeFor(Microseconds(1025000)) == 2048);
    CHECK(mainIntervalCodeFor(Microseconds(1025500)) == std::nullopt);
    CHECK(mainIntervalCodeFor(Microseconds(25250)) == std::nullopt);
    CHECK(mainIntervalCodeFor(Microseconds(500)) == std::nullopt);
    CHECK(interPulseIntervalCodeFor(Microseconds(10000)) == 17);
    CHECK(interPulseIntervalCodeFor(Microseconds(129000)) == 255);
    CHECK(interPulseIntervalCodeFor(Microseconds(129500)) == std::nullopt);
    CHECK(interPulseIntervalCodeFor(Microseconds(1000)) == std::nullopt);
    InitChannelListMode c;
    c.mainIntervalCode = 48;
    c.interPulseIntervalCode = 17;
    CHECK(c.mainInterval() == Microseconds(25000));
    CHECK(c.interPulseInterval() == Microseconds(10000));
    CHECK(channelBit(1) == 0x01);
    CHECK(channelBit(8) == 0x80);
    CHECK(channelBit(0) == 0);
    CHECK(channelBit(9) == 0);
    c.activeChannels = 0xA5;
    CHECK(c.activeChannelCount() == 4);
}

TEST_CASE("SM2 simulator channel-list rules", "[protocols][sm2][encoder]")
{
    InitChannelListMode init;
    init.activeChannels = 0x03;
    init.interPulseIntervalCode = 0; // 1.5 ms: sent by real hosts with single pulses (§9.10)
    init.mainIntervalCode = 14; // 8 ms
    const ChannelListEntry single{PulseMode::Single, 200, 10};
    const ChannelListEntry doublet{PulseMode::Doublet, 200, 10};
    CHECK(checkDeviceChannelList(init, twoEntries(single, single)) == ResultCode::Ok);
    CHECK(checkDeviceChannelList(init, StartChannelListMode{{single}}) == ResultCode::ParameterError);
    // Doublet: t1 must be ≥ 2·max(t2, 8 ms) = 16 ms.
    CHECK(checkDeviceChannelList(init, twoEntries(single, doublet)) == ResultCode::ParameterError);
    init.mainIntervalCode = 30; // 16 ms
    CHECK(checkDeviceChannelList(init, twoEntries(single, doublet)) == ResultCode::Ok);
    init.interPulseIntervalCode = 20; // 11.5 ms → 23 ms needed
    CHECK(checkDeviceChannelList(init, twoEntries(single, doublet)) == ResultCode::ParameterError);
    init.mainIntervalCode = 0; // one-shot
    CHECK(checkDeviceChannelList(init, twoEntries(doublet, doublet)) == ResultCode::Ok);
    CHECK(pulsesPerGroup(twoEntries(single, doublet)) == 2);
    CHECK(pulsesPerGroup(StartChannelListMode{}) == 1);
}
