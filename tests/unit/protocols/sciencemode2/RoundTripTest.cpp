// SPDX-License-Identifier: GPL-3.0-or-later
// Host encode → device decode and device encode → host decode over every field's full range.
#include "Sm2TestSupport.h"

#include "protocols/sciencemode2/HostPayload.h"

#include <catch2/catch.hpp>

using namespace galvani::proto;
using namespace galvani::proto::sm2;
using namespace sm2test;

namespace {

// Encodes with the host codec, decodes with a fresh device codec: exactly the same command and pn.
void hostToDevice(HostCodec& host, const HostCommand& command, std::uint8_t pn)
{
    const auto wire = host.encode(command, pn);
    if (!wire) {
        FAIL("host refused: " << wire.error().message());
    }
    const auto events = feedDevice(wire.value());
    REQUIRE(events.size() == 1);
    const auto* received = std::get_if<ReceivedCommand>(&events[0]);
    REQUIRE(received != nullptr);
    REQUIRE(received->packetNumber == pn);
    REQUIRE(received->command == command);
}

void deviceToHost(const DeviceMessage& message, std::uint8_t pn)
{
    const DeviceCodec device;
    const auto wire = device.encode(message, pn);
    if (!wire) {
        FAIL("device refused: " << wire.error().message());
    }
    const auto events = feedHost(wire.value());
    REQUIRE(events.size() == 1);
    const auto* received = std::get_if<ReceivedMessage>(&events[0]);
    REQUIRE(received != nullptr);
    REQUIRE(received->packetNumber == pn);
    REQUIRE(received->message == message);
}

std::uint8_t pnOf(int i)
{
    return static_cast<std::uint8_t>(i & 0xFF);
}

} // namespace

TEST_CASE("SM2 round trip: commands without data, every packet number", "[protocols][sm2][roundtrip]")
{
    HostCodec host;
    for (int pn = 0; pn < 256; ++pn) {
        hostToDevice(host, Watchdog{}, pnOf(pn));
        hostToDevice(host, GetStimulationMode{}, pnOf(pn));
        hostToDevice(host, StopChannelListMode{}, pnOf(pn));
        hostToDevice(host, InitAck{ResultCode::Ok}, pnOf(pn));
        hostToDevice(host, InitAck{ResultCode::IncompatibleVersion}, pnOf(pn));
    }
}

TEST_CASE("SM2 round trip: InitChannelListMode sweeping each field over its range", "[protocols][sm2][roundtrip]")
{
    std::mt19937 rng(30);
    HostCodec host;
    int n = 0;
    for (int lff = 0; lff <= kMaxLowFrequencyFactor; ++lff) {
        auto c = randomInit(rng, uniform(rng, 1, 8));
        c.lowFrequencyFactor = lff;
        hostToDevice(host, c, pnOf(n++));
    }
    for (int mask = 1; mask <= 255; ++mask) {
        auto c = randomInit(rng, 1);
        c.activeChannels = static_cast<std::uint8_t>(mask);
        c.lowFrequencyChannels = static_cast<std::uint8_t>(255 - mask);
        hostToDevice(host, c, pnOf(n++));
    }
    for (int t2 = 0; t2 <= kMaxInterPulseIntervalCode; ++t2) {
        auto c = randomInit(rng, uniform(rng, 1, 8));
        c.interPulseIntervalCode = t2;
        hostToDevice(host, c, pnOf(n++));
    }
    for (int t1 = 0; t1 <= kMaxMainIntervalCode; ++t1) {
        if (t1 > 0 && t1 < kMinContinuousMainIntervalCode) {
            continue;
        }
        auto c = randomInit(rng, uniform(rng, 1, 8));
        c.mainIntervalCode = t1;
        hostToDevice(host, c, pnOf(n++));
    }
    for (const auto execution : {ChannelExecution::FixedSlots, ChannelExecution::AsFastAsPossible}) {
        auto c = randomInit(rng, 3);
        c.execution = execution;
        hostToDevice(host, c, pnOf(n++));
    }
}

TEST_CASE(
    "SM2 round trip: StartChannelListMode over modes, widths, currents and entry counts", "[protocols][sm2][roundtrip]")
{
    std::mt19937 rng(32);
    int n = 0;
    for (int count = 1; count <= kChannels; ++count) {
        for (int mode = 0; mode <= 2; ++mode) {
            HostCodec host;
            auto start = randomStart(rng, count);
            for (auto& e : start.entries) {
                e.mode = static_cast<PulseMode>(mode);
            }
            REQUIRE(host.encode(initFor(rng, start), 0).hasValue());
            hostToDevice(host, start, pnOf(n++));
        }
    }
    // Every legal pulse width and current, on a random entry of a random list.
    HostCodec host;
    auto start = randomStart(rng, kChannels);
    REQUIRE(host.encode(initFor(rng, start), 0).hasValue());
    for (int pw = 0; pw <= kMaxPulseWidthUs; ++pw) {
        if (pw > 0 && pw < kMinNonZeroPulseWidthUs) {
            continue;
        }
        start.entries[static_cast<std::size_t>(uniform(rng, 0, 7))].pulseWidthUs = pw;
        hostToDevice(host, start, pnOf(n++));
    }
    for (int ma = 0; ma <= kMaxCurrentMa; ++ma) {
        start.entries[static_cast<std::size_t>(uniform(rng, 0, 7))].currentMa = ma;
        hostToDevice(host, start, pnOf(n++));
    }
    for (int i = 0; i < 2000; ++i) {
        HostCodec fresh;
        const auto s = randomStart(rng, uniform(rng, 1, 8));
        REQUIRE(fresh.encode(initFor(rng, s), 0).hasValue());
        hostToDevice(fresh, s, pnOf(i));
    }
}

TEST_CASE("SM2 round trip: SinglePulse over every channel, width and current", "[protocols][sm2][roundtrip]")
{
    HostCodec host;
    int n = 0;
    for (int channel = 1; channel <= kChannels; ++channel) {
        for (int pw = 0; pw <= kMaxPulseWidthUs; ++pw) {
            if (pw > 0 && pw < kMinNonZeroPulseWidthUs) {
                continue;
            }
            for (int ma = 0; ma <= kMaxCurrentMa; ma += (pw % 7 == 0 ? 1 : 13)) {
                hostToDevice(host, SinglePulse{channel, pw, ma}, pnOf(n++));
            }
        }
    }
    CHECK(n > 40000);
}

TEST_CASE("SM2 round trip: MOTOmed commands travel opaque", "[protocols][sm2][roundtrip]")
{
    std::mt19937 rng(50);
    HostCodec host;
    for (int command = 0; command < 256; ++command) {
        if (!isMotomedCommand(static_cast<std::uint8_t>(command))) {
            continue;
        }
        for (int len : {0, 1, 7, 60}) {
            MotomedCommand c{static_cast<std::uint8_t>(command), Bytes(static_cast<std::size_t>(len))};
            for (auto& b : c.data) {
                b = static_cast<std::uint8_t>(uniform(rng, 0, 255));
            }
            hostToDevice(host, c, pnOf(command + len));
        }
    }
}

TEST_CASE("SM2 round trip: every device message, every value", "[protocols][sm2][roundtrip]")
{
    for (int pn = 0; pn < 256; ++pn) {
        deviceToHost(Init{pnOf(pn)}, pnOf(pn));
        deviceToHost(UnknownCommand{pnOf(255 - pn)}, pnOf(pn));
        for (const auto result : {ResultCode::Ok, ResultCode::TransferError, ResultCode::ParameterError,
                 ResultCode::WrongMode, ResultCode::Busy}) {
            deviceToHost(InitChannelListModeAck{result}, pnOf(pn));
            deviceToHost(StartChannelListModeAck{result}, pnOf(pn));
            deviceToHost(StopChannelListModeAck{result}, pnOf(pn));
            deviceToHost(SinglePulseAck{result}, pnOf(pn));
            if (result != ResultCode::Ok) {
                deviceToHost(GetStimulationModeAck{result, std::nullopt}, pnOf(pn));
            }
        }
        for (const auto mode : {StimulationMode::Start, StimulationMode::Initialized, StimulationMode::Started}) {
            deviceToHost(GetStimulationModeAck{ResultCode::Ok, mode}, pnOf(pn));
        }
        for (const auto error : {StimulationErrorCode::EmergencySwitch, StimulationErrorCode::Electrode,
                 StimulationErrorCode::StimulationModule}) {
            deviceToHost(StimulationError{error}, pnOf(pn));
        }
    }
    std::mt19937 rng(60);
    for (int i = 0; i < 3000; ++i) {
        deviceToHost(randomDeviceMessage(rng), pnOf(i));
    }
}

TEST_CASE("SM2 round trip: a host codec talks to a device codec without a mismatch", "[protocols][sm2][roundtrip]")
{
    // One long conversation through one codec pair each way, as a session would run.
    std::mt19937 rng(70);
    HostCodec host;
    DeviceCodec device;
    InitChannelListMode context = randomInit(rng, 4);
    context.interPulseIntervalCode = 20;
    context.mainIntervalCode = 400;
    REQUIRE(host.encode(context, 0).hasValue());
    std::vector<DeviceEvent> deviceEvents;
    std::vector<HostEvent> hostEvents;
    for (int i = 0; i < 20000; ++i) {
        const auto command = randomHostCommand(rng, context);
        const auto sent = host.encodeNext(command);
        if (!sent) {
            FAIL(sent.error().message());
        }
        deviceEvents.clear();
        device.feed(sent.value().bytes, deviceEvents);
        REQUIRE(deviceEvents.size() == 1);
        const auto& received = std::get<ReceivedCommand>(deviceEvents[0]);
        REQUIRE(received.packetNumber == sent.value().packetNumber);
        REQUIRE(received.command == command);

        const auto reply = randomDeviceMessage(rng);
        const auto wire = device.encode(reply, received.packetNumber);
        REQUIRE(wire.hasValue());
        hostEvents.clear();
        host.feed(wire.value(), hostEvents);
        REQUIRE(hostEvents.size() == 1);
        REQUIRE(std::get<ReceivedMessage>(hostEvents[0]) == ReceivedMessage{received.packetNumber, reply});
    }
    CHECK(host.rejects().total() == 0);
    CHECK(device.rejects().total() == 0);
    CHECK(device.commandsReceived() == 20000);
    CHECK(host.messagesReceived() == 20000);
    CHECK(host.nextPacketNumber() == static_cast<std::uint8_t>(20000 % 256));
}

TEST_CASE("SM2 round trip: lenient encodings decode to the same commands", "[protocols][sm2][roundtrip]")
{
    // §9.2: extra escapes of any data value; LEN and CRC cover the bytes as sent.
    std::mt19937 rng(80);
    InitChannelListMode context = randomInit(rng, 2);
    context.interPulseIntervalCode = 20;
    context.mainIntervalCode = 0;
    HostCodec host;
    REQUIRE(host.encode(context, 0).hasValue());
    for (int i = 0; i < 5000; ++i) {
        const auto command = randomHostCommand(rng, context);
        const auto data = encodeHostData(command).value();
        std::vector<std::uint8_t> extra;
        for (int k = 0; k < uniform(rng, 0, 4); ++k) {
            extra.push_back(static_cast<std::uint8_t>(uniform(rng, 0, 255)));
        }
        const auto pn = pnOf(i);
        const auto wire = lenientFrame(pn, commandNumber(command), data, false, extra);
        const auto events = feedDevice(wire);
        REQUIRE(events.size() == 1);
        const auto* received = std::get_if<ReceivedCommand>(&events[0]);
        REQUIRE(received != nullptr);
        REQUIRE(received->packetNumber == pn);
        REQUIRE(received->command == command);
    }
}

TEST_CASE("SM2 device counter skips F0, 0F and 81 for unsolicited frames", "[protocols][sm2][roundtrip]")
{
    DeviceCodec device;
    std::vector<int> used;
    for (int i = 0; i < 600; ++i) {
        const auto sent = device.encodeUnsolicited(Init{});
        REQUIRE(sent.hasValue());
        const auto pn = sent.value().packetNumber;
        CHECK(pn != 0xF0);
        CHECK(pn != 0x0F);
        CHECK(pn != 0x81);
        // Fixed-offset parsers (§9.6): cmd at byte 6.
        CHECK(sent.value().bytes[6] == cmd::kInit);
        used.push_back(pn);
    }
    CHECK(used[0] == 0);
    CHECK(used[14] == 14);
    CHECK(used[15] == 16); // 15 = 0F skipped
    // A refused message does not advance the counter.
    const auto before = device.nextUnsolicitedPacketNumber();
    CHECK_FALSE(device.encodeUnsolicited(StimulationError{static_cast<StimulationErrorCode>(-4)}).hasValue());
    CHECK(device.nextUnsolicitedPacketNumber() == before);
}
