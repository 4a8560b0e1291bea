// SPDX-License-Identifier: GPL-3.0-or-later
// §8 device-side receive rules and the host decoder's checks, on hand-built frames.
#include "Sm2TestSupport.h"

#include "protocols/common/Crc.h"
#include "protocols/sciencemode2/Frame.h"

#include <catch2/catch.hpp>

using namespace galvani::proto;
using namespace galvani::proto::sm2;
using namespace sm2test;

namespace {

RejectedCommand deviceReject(const Bytes& wire)
{
    const auto events = feedDevice(wire);
    REQUIRE(events.size() == 1);
    REQUIRE(std::holds_alternative<RejectedCommand>(events[0]));
    return std::get<RejectedCommand>(events[0]);
}

FrameReject hostReject(const Bytes& wire)
{
    const auto events = feedHost(wire);
    REQUIRE(events.size() == 1);
    REQUIRE(std::holds_alternative<FrameReject>(events[0]));
    return std::get<FrameReject>(events[0]);
}

// A well-formed frame with its CRC byte (offset 2) changed.
Bytes withBadCrc(Bytes wire)
{
    wire[2] = static_cast<std::uint8_t>(wire[2] ^ 0x01);
    return wire;
}

// A frame built by hand, not by buildFrame (whose callers keep data within 60 bytes): pn, command and data
// must hold no byte that needs escaping, so LEN is their count and the CRC covers them as they are.
Bytes unescapedFrame(std::uint8_t pn, std::uint8_t command, const Bytes& data)
{
    Bytes body{pn, command};
    body.insert(body.end(), data.begin(), data.end());
    Bytes wire;
    wire.reserve(body.size() + 6);
    wire.push_back(0xF0);
    wire.push_back(0x81);
    wire.push_back(static_cast<std::uint8_t>(crc8Smbus(body) ^ 0x55));
    wire.push_back(0x81);
    wire.push_back(static_cast<std::uint8_t>(body.size() ^ 0x55));
    wire.insert(wire.end(), body.begin(), body.end());
    wire.push_back(0x0F);
    return wire;
}

} // namespace

TEST_CASE("SM2 device rules: CRC or LEN mismatch gets the command's ack with -1", "[protocols][sm2][decoder]")
{
    const std::vector<std::pair<std::uint8_t, Bytes>> commands{
        {cmd::kGetStimulationMode, {}},
        {cmd::kInitChannelListMode, {0, 1, 0, 0, 0, 64, 0}},
        {cmd::kStartChannelListMode, {0, 1, 0x2C, 20}},
        {cmd::kStopChannelListMode, {}},
        {cmd::kSinglePulse, {0, 1, 0x2C, 20}},
    };
    for (const auto& [command, data] : commands) {
        INFO("command " << int(command));
        const auto pn = static_cast<std::uint8_t>(command + 100);
        const auto good = buildFrame(pn, command, data);
        const auto expected = ackFor(command, ResultCode::TransferError);
        REQUIRE(expected.has_value());

        const auto crc = deviceReject(withBadCrc(good));
        CHECK(crc.reject.reason == RejectReason::Crc);
        CHECK_FALSE(crc.reject.transferValid);
        REQUIRE(crc.reply.has_value());
        CHECK(*crc.reply == OwedReply{pn, *expected});

        auto badLen = good;
        badLen[4] = static_cast<std::uint8_t>(badLen[4] ^ 0x02);
        const auto len = deviceReject(badLen);
        CHECK(len.reject.reason == RejectReason::Length);
        REQUIRE(len.reply.has_value());
        CHECK(*len.reply == OwedReply{pn, *expected});
    }
    // The GetStimulationModeAck for a transfer error has no mode byte.
    const auto reply = deviceReject(withBadCrc(buildFrame(9, cmd::kGetStimulationMode, {}))).reply;
    REQUIRE(reply.has_value());
    const DeviceCodec device;
    CHECK(toHex(device.encode(*reply).value()) == toHex(buildFrame(9, cmd::kGetStimulationModeAck, Bytes{0xFF})));
}

TEST_CASE("SM2 device rules: bad frames of commands without an ack are discarded", "[protocols][sm2][decoder]")
{
    for (const auto& wire : {buildFrame(1, cmd::kInitAck, Bytes{0}), buildFrame(2, cmd::kWatchdog, {}),
             buildFrame(3, 0x63, {}), buildFrame(4, 12, {}), buildFrame(5, 60, Bytes{1, 2})}) {
        INFO(toHex(wire));
        const auto r = deviceReject(withBadCrc(wire));
        CHECK(r.reject.reason == RejectReason::Crc);
        CHECK_FALSE(r.reply.has_value());
    }
}

TEST_CASE("SM2 device rules: structural errors are discarded silently", "[protocols][sm2][decoder]")
{
    // Header bytes not escaped.
    auto wire = buildFrame(2, cmd::kGetStimulationMode, {});
    wire[3] = 0x80;
    auto r = deviceReject(wire);
    CHECK(r.reject.reason == RejectReason::Header);
    CHECK_FALSE(r.reply.has_value());
    // Body of one byte (pn only): too short even with a matching LEN and CRC.
    r = deviceReject(fromHex("F0 81 55 81 54 00 0F"));
    CHECK(r.reject.reason == RejectReason::Truncated);
    CHECK(r.reject.transferValid);
    CHECK_FALSE(r.reply.has_value());
    // Two escaped bytes that unescape to one (81 A5 = F0): still only a pn.
    const Bytes body{0x81, 0xA5};
    const Bytes oneByte{0xF0, 0x81, static_cast<std::uint8_t>(crc8Smbus(body) ^ 0x55), 0x81, 0x57, 0x81, 0xA5, 0x0F};
    r = deviceReject(oneByte);
    CHECK(r.reject.reason == RejectReason::Truncated);
    CHECK_FALSE(r.reply.has_value());
    // Frames too short to hold a header.
    r = deviceReject(fromHex("F0 0F"));
    CHECK(r.reject.reason == RejectReason::Truncated);
    r = deviceReject(fromHex("F0 81 00 0F"));
    CHECK(r.reject.reason == RejectReason::Truncated);
}

TEST_CASE("SM2 device rules: unknown commands get UnknownCommand, bad data gets -2", "[protocols][sm2][decoder]")
{
    auto r = deviceReject(buildFrame(7, 0x63, Bytes{1, 2, 3}));
    CHECK(r.reject.reason == RejectReason::UnknownCommand);
    REQUIRE(r.reply.has_value());
    CHECK(*r.reply == OwedReply{7, UnknownCommand{0x63}});

    struct Case {
        std::uint8_t command;
        Bytes data;
        RejectReason reason;
    };
    const std::vector<Case> cases{
        {cmd::kGetStimulationMode, {0}, RejectReason::DataLength},
        {cmd::kStopChannelListMode, {0}, RejectReason::DataLength},
        {cmd::kInitChannelListMode, {0, 1, 0, 0, 0, 64}, RejectReason::DataLength},
        {cmd::kInitChannelListMode, {0, 1, 0, 0, 0, 64, 0, 0}, RejectReason::DataLength},
        {cmd::kInitChannelListMode, {8, 1, 0, 0, 0, 64, 0}, RejectReason::FieldRange}, // LFF 8
        {cmd::kInitChannelListMode, {0, 1, 0, 0, 0, 13, 0}, RejectReason::FieldRange}, // t1 code 13
        {cmd::kInitChannelListMode, {0, 1, 0, 0, 0, 1, 0}, RejectReason::FieldRange}, // t1 code 1
        {cmd::kInitChannelListMode, {0, 1, 0, 0, 0x08, 0x01, 0}, RejectReason::FieldRange}, // 2049
        {cmd::kInitChannelListMode, {0, 1, 0, 0, 0, 64, 2}, RejectReason::FieldRange}, // execution 2
        {cmd::kStartChannelListMode, {}, RejectReason::DataLength},
        {cmd::kStartChannelListMode, {0, 1, 0x2C}, RejectReason::DataLength},
        {cmd::kStartChannelListMode, Bytes(36, 0), RejectReason::DataLength},
        {cmd::kStartChannelListMode, {3, 1, 0x2C, 20}, RejectReason::FieldRange}, // mode 3
        {cmd::kStartChannelListMode, {0, 1, 0xF5, 20}, RejectReason::FieldRange}, // 501 µs
        {cmd::kStartChannelListMode, {0, 1, 0x2C, 131}, RejectReason::FieldRange}, // 131 mA
        {cmd::kSinglePulse, {0, 1, 0x2C}, RejectReason::DataLength},
        {cmd::kSinglePulse, {8, 1, 0x2C, 20}, RejectReason::FieldRange}, // channel index 8
        {cmd::kSinglePulse, {0, 1, 0xF5, 20}, RejectReason::FieldRange},
        {cmd::kSinglePulse, {0, 1, 0x2C, 131}, RejectReason::FieldRange},
    };
    for (const auto& c : cases) {
        INFO("command " << int(c.command) << " data " << toHex(c.data));
        r = deviceReject(buildFrame(0x42, c.command, c.data));
        CHECK(r.reject.reason == c.reason);
        CHECK(r.reject.transferValid);
        REQUIRE(r.reply.has_value());
        CHECK(*r.reply == OwedReply{0x42, *ackFor(c.command, ResultCode::ParameterError)});
    }
    // Commands without an ack: refused, no reply, but the frame was a valid transfer.
    for (const auto& wire : {buildFrame(1, cmd::kInitAck, {}), buildFrame(1, cmd::kInitAck, Bytes{0, 0}),
             buildFrame(1, cmd::kWatchdog, Bytes{0})}) {
        r = deviceReject(wire);
        CHECK(r.reject.reason == RejectReason::DataLength);
        CHECK(r.reject.transferValid);
        CHECK_FALSE(r.reply.has_value());
    }
}

TEST_CASE("SM2 device rules: what lenient hosts send is accepted", "[protocols][sm2][decoder]")
{
    // PW 1–19 (the firmware raises it to 20), t2 code 0, channel execution 1, any InitAck result.
    auto events = feedDevice(buildFrame(1, cmd::kSinglePulse, Bytes{0, 0, 5, 10}));
    REQUIRE(std::holds_alternative<ReceivedCommand>(events.at(0)));
    CHECK(std::get<ReceivedCommand>(events[0]).command == HostCommand{SinglePulse{1, 5, 10}});
    events = feedDevice(buildFrame(1, cmd::kInitChannelListMode, Bytes{0, 1, 0, 0, 0, 64, 1}));
    REQUIRE(std::holds_alternative<ReceivedCommand>(events.at(0)));
    events = feedDevice(buildFrame(1, cmd::kInitAck, Bytes{0x07}));
    REQUIRE(std::holds_alternative<ReceivedCommand>(events.at(0)));
    CHECK(std::get<ReceivedCommand>(events[0]).command == HostCommand{InitAck{static_cast<ResultCode>(7)}});
    // MOTOmed requests reach the device model opaque.
    events = feedDevice(buildFrame(1, 12, {}));
    REQUIRE(std::holds_alternative<ReceivedCommand>(events.at(0)));
    CHECK(std::get<ReceivedCommand>(events[0]).command == HostCommand{MotomedCommand{12, {}}});
}

TEST_CASE("SM2 host decoder checks", "[protocols][sm2][decoder]")
{
    CHECK(hostReject(buildFrame(1, cmd::kInitChannelListModeAck, Bytes{0xFB})).reason == RejectReason::FieldRange);
    CHECK(hostReject(buildFrame(1, cmd::kSinglePulseAck, Bytes{0x01})).reason == RejectReason::FieldRange);
    CHECK(hostReject(buildFrame(1, cmd::kStopChannelListModeAck, Bytes{})).reason == RejectReason::DataLength);
    CHECK(hostReject(buildFrame(1, cmd::kStartChannelListModeAck, Bytes{0, 0})).reason == RejectReason::DataLength);
    CHECK(hostReject(buildFrame(1, cmd::kGetStimulationModeAck, Bytes{0x00})).reason == RejectReason::DataLength);
    CHECK(hostReject(buildFrame(1, cmd::kGetStimulationModeAck, Bytes{0xF8, 0x02})).reason == RejectReason::DataLength);
    CHECK(hostReject(buildFrame(1, cmd::kGetStimulationModeAck, Bytes{0x00, 0x03})).reason == RejectReason::FieldRange);
    CHECK(hostReject(buildFrame(1, cmd::kGetStimulationModeAck, Bytes{})).reason == RejectReason::DataLength);
    CHECK(hostReject(buildFrame(1, cmd::kInit, Bytes{})).reason == RejectReason::DataLength);
    CHECK(hostReject(buildFrame(1, cmd::kUnknownCommand, Bytes{1, 2})).reason == RejectReason::DataLength);
    CHECK(hostReject(buildFrame(1, cmd::kStimulationError, Bytes{})).reason == RejectReason::DataLength);
    const auto unknown = hostReject(buildFrame(4, 5, Bytes{}));
    CHECK(unknown.reason == RejectReason::UnknownCommand);
    CHECK(unknown.packetNumber == std::optional<std::uint8_t>(4));
    CHECK(unknown.command == std::optional<std::uint8_t>(5));

    // Delivered although not in the tables: an Init with another version (the host answers −5) and a
    // StimulationError with an unknown code (the device has stopped whatever the code).
    auto events = feedHost(buildFrame(1, cmd::kInit, Bytes{2}));
    REQUIRE(std::holds_alternative<ReceivedMessage>(events.at(0)));
    CHECK(std::get<ReceivedMessage>(events[0]).message == DeviceMessage{Init{2}});
    events = feedHost(buildFrame(1, cmd::kStimulationError, Bytes{0x80}));
    REQUIRE(std::holds_alternative<ReceivedMessage>(events.at(0)));
    CHECK(std::get<ReceivedMessage>(events[0]).message
        == DeviceMessage{StimulationError{static_cast<StimulationErrorCode>(-128)}});
    events = feedHost(buildFrame(1, 60, Bytes{1, 2, 3}));
    REQUIRE(std::holds_alternative<ReceivedMessage>(events.at(0)));
    CHECK(std::get<ReceivedMessage>(events[0]).message == DeviceMessage{MotomedMessage{60, {1, 2, 3}}});
}

TEST_CASE("SM2 host decoder: a MOTOmed message carries at most 60 data bytes", "[protocols][sm2][decoder]")
{
    // §2: the body is pn, command and command data of 0–60 bytes. LEN is one byte, so a well-formed frame
    // can carry more; the decoders used to deliver such a MOTOmed frame as an opaque message that neither
    // encoder would ever send (the fuzz_sm2_host_decoder finding: cmd 86 with 81 data bytes).
    for (const std::uint8_t command : {std::uint8_t{cmd::kGetMotomedModeAck}, std::uint8_t{86}}) {
        INFO("command " << int(command));
        const auto host = hostReject(unescapedFrame(3, command, Bytes(61, 0x4B)));
        CHECK(host.reason == RejectReason::DataLength);
        CHECK(host.transferValid);
        CHECK(host.packetNumber == std::optional<std::uint8_t>(3));
        CHECK(host.command == std::optional<std::uint8_t>(command));

        // 60 bytes is still a message, and it re-encodes to the very frame it came from.
        const auto wire = unescapedFrame(3, command, Bytes(60, 0x4B));
        const auto events = feedHost(wire);
        REQUIRE(events.size() == 1);
        REQUIRE(std::holds_alternative<ReceivedMessage>(events[0]));
        const auto& received = std::get<ReceivedMessage>(events[0]);
        CHECK(received.message == DeviceMessage{MotomedMessage{command, Bytes(60, 0x4B)}});
        const DeviceCodec device;
        CHECK(toHex(device.encode(received.message, received.packetNumber).value()) == toHex(wire));
    }
}

TEST_CASE("SM2 device rules: a MOTOmed request carries at most 60 data bytes", "[protocols][sm2][decoder]")
{
    // The same §2 limit on host frames; a MOTOmed request has no ack, so the device discards it silently.
    const auto device = deviceReject(unescapedFrame(4, cmd::kGetMotomedMode, Bytes(61, 0x4B)));
    CHECK(device.reject.reason == RejectReason::DataLength);
    CHECK(device.reject.transferValid);
    CHECK_FALSE(device.reply.has_value());
    const auto events = feedDevice(unescapedFrame(4, cmd::kGetMotomedMode, Bytes(60, 0x4B)));
    REQUIRE(events.size() == 1);
    REQUIRE(std::holds_alternative<ReceivedCommand>(events[0]));
    CHECK(std::get<ReceivedCommand>(events[0]).command == HostCommand{MotomedCommand{12, Bytes(60, 0x4B)}});
}

TEST_CASE("SM2 parseFrame never reads out of bounds on short or odd input", "[protocols][sm2][decoder]")
{
    CHECK(parseFrame({}).error().reason == RejectReason::Truncated);
    CHECK(parseFrame(fromHex("F0")).error().reason == RejectReason::Truncated);
    CHECK(parseFrame(fromHex("0F 81 00 81 00 0F")).error().reason == RejectReason::Header);
    CHECK(parseFrame(fromHex("F0 81 55 81 55 00")).error().reason == RejectReason::NoStop);
    // A dangling escape (only possible when parseFrame is called directly).
    const Bytes body{0x00, 0x04, 0x81};
    Bytes wire{0xF0, 0x81, static_cast<std::uint8_t>(crc8Smbus(body) ^ 0x55), 0x81, 0x56};
    wire.insert(wire.end(), body.begin(), body.end());
    wire.push_back(0x0F);
    CHECK(parseFrame(wire).error().reason == RejectReason::Escape);
}
