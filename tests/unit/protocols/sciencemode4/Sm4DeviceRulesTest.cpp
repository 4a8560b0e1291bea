// SPDX-License-Identifier: GPL-3.0-or-later
// Device-side rules (§8): which reply each defective request earns, and what lenient hosts (§10) may
// send. Also the host's rejection of malformed replies.
#include "Sm4VectorSupport.h"

#include "protocols/common/Crc.h"
#include "protocols/common/Stuffing.h"
#include "protocols/sciencemode4/Acks.h"
#include "protocols/sciencemode4/Sm4Limits.h"

#include <catch2/catch.hpp>

using namespace galvani;
using namespace galvani::proto;
using namespace galvani::proto::sm4;
using namespace galvani::proto::sm4::test;

namespace {

Bytes frameOf(std::uint8_t pn, std::uint16_t cmd, const Bytes& data)
{
    auto f = buildFrame(pn, cmd, data);
    REQUIRE(f);
    return f.value();
}

// Feeds one frame to a fresh device codec; returns its single reject (fails if it was accepted).
RejectedRequest rejectOf(const Bytes& wire, Variant v = Variant::ScienceMode4)
{
    DeviceCodec device(v);
    const auto events = feedAll(device, wire);
    REQUIRE(commandsIn(events).empty());
    const auto rejects = rejectsIn(events);
    REQUIRE(rejects.size() == 1);
    return rejects[0];
}

Bytes replyBytes(const RejectedRequest& r, Variant v = Variant::ScienceMode4)
{
    REQUIRE(r.reply);
    return encodeOrFail(DeviceCodec(v), r.reply->message, r.reply->packetNumber);
}

} // namespace

TEST_CASE("sm4 device: a valid unknown command earns Unknown_cmd with its pn", "[protocols][sm4][device]")
{
    for (const std::uint16_t cmd : {std::uint16_t{18}, std::uint16_t{53}, std::uint16_t{100}, std::uint16_t{0x3FF}}) {
        INFO("command " << cmd);
        const auto r = rejectOf(frameOf(17, cmd, {1, 2, 3}));
        CHECK(r.frame.reason == RejectReason::UnknownCommand);
        CHECK(r.frame.command == cmd);
        REQUIRE(r.reply);
        CHECK(r.reply->packetNumber == 17);
        CHECK(r.reply->message == DeviceMessage{UnknownCmd{ResultCode::UnknownCommand}});
        CHECK(replyBytes(r).size() == 13);
    }
}

TEST_CASE("sm4 device: wrong data length earns the ack with result 2, zero-filled", "[protocols][sm4][device]")
{
    auto r = rejectOf(frameOf(4, 0, {}));
    CHECK(r.frame.reason == RejectReason::DataLength);
    CHECK(r.reply == Reply{4, LlInitAck{ResultCode::ParameterError}});

    r = rejectOf(frameOf(9, 52, {0x00}));
    CHECK(r.frame.reason == RejectReason::DataLength);
    CHECK(r.reply == Reply{9, GetDeviceIdAck{ResultCode::ParameterError, {}}});
    CHECK(replyBytes(r).size() == 23); // full layout: ten zero bytes of id

    // Ml_update whose point count does not match the bytes (§10.1).
    r = rejectOf(frameOf(1, 32, {0x01, 0x10, 0x00, 0x50, 0x0C, 0x85, 0x50, 0x00}));
    CHECK(r.frame.reason == RejectReason::DataLength);
    CHECK(r.reply == Reply{1, MlUpdateAck{ResultCode::ParameterError}});

    // Ll_channel_config: disabled but with points, and enabled with one byte missing.
    CHECK(rejectOf(frameOf(1, 2, {0x00, 0x0F, 0xA5, 0x50, 0x00})).frame.reason == RejectReason::DataLength);
    r = rejectOf(frameOf(1, 2, {0x80, 0x0F, 0xA5, 0x50}));
    CHECK(r.frame.reason == RejectReason::DataLength);
    CHECK(toHex(replyBytes(r)).substr(27) == "04 03 02 00 00 0F"); // pn 1, ack 3: result 2, channel 0, measurement 0
    CHECK(rejectOf(frameOf(3, 34, {0x00})).frame.reason == RejectReason::DataLength);
    CHECK(rejectOf(frameOf(3, 56, {0x00})).frame.reason == RejectReason::DataLength);
}

TEST_CASE("sm4 device: out-of-range values earn result 2 (lenient hosts, §10.1)", "[protocols][sm4][device]")
{
    // Current code 600 (+150 mA): on the wire but beyond the device limit.
    auto r = rejectOf(frameOf(2, 2, {0x80, 0x0F, 0xA9, 0x60, 0x00}));
    CHECK(r.frame.reason == RejectReason::FieldRange);
    CHECK(r.reply
        == Reply{2, LlChannelConfigAck{ResultCode::ParameterError, 0, Connector::Yellow, LlMeasurement::None, {}, {}}});

    // Period code 0.
    r = rejectOf(frameOf(2, 32, {0x01, 0x00, 0x00, 0x00, 0x0C, 0x85, 0x50, 0x00}));
    CHECK(r.frame.reason == RejectReason::FieldRange);
    CHECK(r.reply == Reply{2, MlUpdateAck{ResultCode::ParameterError}});

    // Duty above 100 %: 4000 us pulse every 0.5 ms.
    r = rejectOf(frameOf(2, 32, {0x01, 0x00, 0x00, 0x02, 0xFA, 0x04, 0xB0, 0x00}));
    CHECK(r.frame.reason == RejectReason::FieldRange);

    // Ll_init reserved bits, measurement 4..7, HV 7.
    for (const std::uint8_t b : {std::uint8_t{0x01}, std::uint8_t{0x80}, std::uint8_t{0x40}, std::uint8_t{0x0E}}) {
        CHECK(rejectOf(frameOf(0, 0, {b})).frame.reason == RejectReason::FieldRange);
    }
    CHECK(rejectOf(frameOf(0, 30, {0x02})).frame.reason == RejectReason::FieldRange);
    CHECK(rejectOf(frameOf(0, 56, {0x20, 0, 0, 0, 0, 0, 0, 0})).frame.reason == RejectReason::FieldRange);
}

TEST_CASE("sm4 device: an unknown selection is echoed with result 2 and no body", "[protocols][sm4][device]")
{
    for (const std::uint8_t sel : {std::uint8_t{0}, std::uint8_t{1}, std::uint8_t{5}, std::uint8_t{0xF0}}) {
        INFO("selection " << int{sel});
        const auto r = rejectOf(frameOf(6, 36, {sel}));
        CHECK(r.frame.reason == RejectReason::FieldRange);
        CHECK(r.reply == Reply{6, MlGetCurrentDataAck{ResultCode::ParameterError, sel, std::monostate{}}});
        const auto bytes = replyBytes(r);
        HostCodec host(Variant::ScienceMode4);
        const auto messages = messagesIn(feedAll(host, bytes));
        REQUIRE(messages.size() == 1); // the host understands the L 14 form
        CHECK(messages[0].message == r.reply->message);
    }
    // Selections 2, 3 and 4 are all served by the P24 (§10.7).
    for (const std::uint8_t sel : {std::uint8_t{2}, std::uint8_t{3}, std::uint8_t{4}}) {
        DeviceCodec device(Variant::ScienceMode4);
        CHECK(commandsIn(device.feed(frameOf(1, 36, {sel}))).size() == 1);
    }
}

TEST_CASE("sm4 device: length or CRC errors earn result 1 if the request is readable", "[protocols][sm4][device]")
{
    // CRC error on Ml_get_current_data sel 4: the ack keeps its layout, selection echoed.
    Bytes wire = frameOf(11, 36, {0x04});
    wire[8] ^= 0x01; // CRC low byte
    auto r = rejectOf(wire);
    CHECK(r.frame.reason == RejectReason::Crc);
    CHECK(r.reply == Reply{11, MlGetCurrentDataAck{ResultCode::TransferError, 4, ChannelStatesReport{}}});
    CHECK(replyBytes(r).size() == 19);

    // Length error with an unknown command: General_error, pn 0.
    wire = frameOf(11, 200, {});
    wire[4] ^= 0x01;
    r = rejectOf(wire);
    CHECK(r.frame.reason == RejectReason::Length);
    CHECK(r.reply == Reply{0, GeneralError{ResultCode::TransferError}});

    // CRC error on an ack number sent to the device: not a known request either.
    wire = frameOf(5, 33, {0x00});
    wire[6] ^= 0x10;
    CHECK(rejectOf(wire).reply == Reply{0, GeneralError{ResultCode::TransferError}});
}

TEST_CASE("sm4 device: unreadable frames earn General_error with pn 0", "[protocols][sm4][device]")
{
    const Bytes good = frameOf(7, 34, {});
    for (const std::size_t at : {std::size_t{1}, std::size_t{3}, std::size_t{5}, std::size_t{7}}) {
        Bytes wire = good;
        wire[at] = 0x80; // 81 prefix missing
        const auto r = rejectOf(wire);
        CHECK(r.frame.reason == RejectReason::Header);
        CHECK(r.reply == Reply{0, GeneralError{ResultCode::TransferError}});
    }
    // L field beyond 1200.
    Bytes wire = good;
    wire[2] = static_cast<std::uint8_t>(0x05 ^ kEscapeXor);
    CHECK(rejectOf(wire).frame.reason == RejectReason::Header);
    // Shorter than 12 bytes.
    auto r = rejectOf(fromHex("F0 81 55 81 59 0F"));
    CHECK(r.frame.reason == RejectReason::Truncated);
    CHECK(r.reply == Reply{0, GeneralError{ResultCode::TransferError}});
    // Twelve bytes whose body unescapes to a single byte: too short for prefix and command.
    wire = fromHex("F0 81 55 81 59 81 55 81 55 81 A5 0F");
    const std::uint16_t crc = crc16Xmodem(std::span<const std::uint8_t>(wire).subspan(9, 2));
    wire[6] = static_cast<std::uint8_t>((crc >> 8U) ^ kEscapeXor);
    wire[8] = static_cast<std::uint8_t>((crc & 0xFFU) ^ kEscapeXor);
    r = rejectOf(wire);
    CHECK(r.frame.reason == RejectReason::Truncated);
    CHECK(r.reply == Reply{0, GeneralError{ResultCode::TransferError}});
}

TEST_CASE("sm4 device: more than 1200 bytes without a stop earn one General_error", "[protocols][sm4][device]")
{
    DeviceCodec device(Variant::ScienceMode4);
    Bytes stream{0xF0};
    stream.insert(stream.end(), 1300, 0x11);
    const Bytes next = frameOf(3, 34, {});
    stream.insert(stream.end(), next.begin(), next.end());
    const auto events = device.feed(stream);
    const auto rejects = rejectsIn(events);
    REQUIRE(rejects.size() == 1);
    CHECK(rejects[0].frame.reason == RejectReason::Overlong);
    CHECK(rejects[0].reply == Reply{0, GeneralError{ResultCode::TransferError}});
    const auto commands = commandsIn(events);
    REQUIRE(commands.size() == 1); // the following frame is still found
    CHECK(commands[0].packetNumber == 3);
    CHECK(device.stats().garbageBytes == 1300 + 1 - 1200);
}

TEST_CASE("sm4 device: missing stop and restarts earn nothing", "[protocols][sm4][device]")
{
    DeviceCodec device(Variant::ScienceMode4);
    Bytes partial = frameOf(1, 30, {0x00});
    partial.pop_back();
    Bytes stream = partial;
    const Bytes good = frameOf(2, 30, {0x01});
    stream.insert(stream.end(), good.begin(), good.end());
    auto events = device.feed(stream);
    REQUIRE(events.size() == 2);
    const auto rejects = rejectsIn(events);
    REQUIRE(rejects.size() == 1);
    CHECK(rejects[0].frame.reason == RejectReason::FrameRestart);
    CHECK_FALSE(rejects[0].reply);
    CHECK(commandsIn(events).at(0).message == HostCommand{MlInit{true}});

    events = device.feed(partial);
    CHECK(events.empty());
    device.flush(events);
    REQUIRE(events.size() == 1);
    CHECK(std::get<RejectedRequest>(events[0]).frame.reason == RejectReason::NoStop);
    CHECK_FALSE(std::get<RejectedRequest>(events[0]).reply);
    CHECK(device.stats().rejected(RejectReason::FrameRestart) == 1);
    CHECK(device.stats().rejected(RejectReason::NoStop) == 1);
    CHECK(device.stats().messages == 1);
}

TEST_CASE(
    "sm4 device: pipelined bursts, noise and any packet numbers (§10.2, §10.3, §10.10)", "[protocols][sm4][device]")
{
    const HostCodec host(Variant::ScienceMode4);
    Bytes stream = {0x00, 0x55, 0x0F, 0x81, 0x13}; // noise before the first frame (no F0 in it)
    const std::vector<std::pair<std::uint8_t, HostCommand>> sent
        = {{0, GetStimStatus{}}, {0, GetStimStatus{}}, {63, MlStop{}}, {5, MlGetCurrentData{}}, {5, MlInit{false}}};
    for (const auto& [pn, c] : sent) {
        const auto f = encodeOrFail(host, c, pn);
        stream.insert(stream.end(), f.begin(), f.end());
    }
    DeviceCodec device(Variant::ScienceMode4);
    const auto commands = commandsIn(device.feed(stream));
    REQUIRE(commands.size() == sent.size());
    for (std::size_t i = 0; i < sent.size(); ++i) {
        CHECK(commands[i].packetNumber == sent[i].first);
        CHECK(commands[i].message == sent[i].second);
    }
    CHECK(device.stats().garbageBytes == 5);
}

TEST_CASE("sm4 device: zero-filled acks exist for every request, e.g. result 7", "[protocols][sm4][device]")
{
    for (const Variant v : {Variant::ScienceMode4, Variant::ScienceMode3}) {
        for (std::uint16_t cmd = 0; cmd < 1024; ++cmd) {
            const auto ack = zeroFilledAck(cmd, ResultCode::NotInitialized, std::nullopt, v);
            if (!ack) {
                continue;
            }
            INFO("command " << cmd);
            CHECK(toWire(commandId(*ack)) == cmd + 1);
            CHECK(resultOf(*ack) == ResultCode::NotInitialized);
            HostCodec host(v);
            const auto messages = messagesIn(feedAll(host, encodeOrFail(DeviceCodec(v), *ack, 3)));
            REQUIRE(messages.size() == 1);
            CHECK(messages[0].message == *ack);
        }
    }
    CHECK(zeroFilledAck(MlGetCurrentData{CurrentDataSelection::EightChannelStatus}, ResultCode::NotInitialized,
              Variant::ScienceMode4)
        == DeviceMessage{MlGetCurrentDataAck{ResultCode::NotInitialized, 3, EightChannelStatus{}}});
    CHECK_FALSE(zeroFilledAck(66, ResultCode::TransferError, std::nullopt, Variant::ScienceMode4));
    CHECK_FALSE(zeroFilledAck(68, ResultCode::TransferError, std::nullopt, Variant::ScienceMode3));
}

TEST_CASE("sm4 host: malformed replies are rejected with their reason", "[protocols][sm4][host]")
{
    auto hostReject = [](const Bytes& wire) {
        HostCodec host(Variant::ScienceMode4);
        const auto events = feedAll(host, wire);
        REQUIRE(messagesIn(events).empty());
        const auto rejects = rejectsIn(events);
        REQUIRE(rejects.size() == 1);
        return rejects[0].reason;
    };
    CHECK(hostReject(frameOf(0, 52, {})) == RejectReason::UnknownCommand); // a request, not a reply
    CHECK(hostReject(frameOf(0, 200, {0})) == RejectReason::UnknownCommand);
    CHECK(hostReject(frameOf(0, 31, {})) == RejectReason::DataLength);
    CHECK(hostReject(frameOf(0, 31, {0, 0})) == RejectReason::DataLength);
    CHECK(hostReject(frameOf(0, 55, {0, 101, 0x13, 0x88})) == RejectReason::FieldRange);
    CHECK(hostReject(frameOf(0, 63, {0, 4, 6})) == RejectReason::FieldRange);
    CHECK(hostReject(frameOf(0, 63, {0, 2, 7})) == RejectReason::FieldRange);
    CHECK(
        hostReject(frameOf(0, 53, {0, 'S', 'I', 'M', 0x80, '2', '4', '0', '0', '0', '1'})) == RejectReason::FieldRange);
    CHECK(hostReject(frameOf(0, 69, {0, 1, 0, 0, 4, 0, 0, 1, 2, 3, 4, 1, 2})) == RejectReason::FieldRange);
    CHECK(hostReject(frameOf(0, 69, {0, 1, 0, 0, 4, 0, 0, 1, 2, 3, 4, 4, 1})) == RejectReason::FieldRange);
    // Ll_channel_config_ack: reserved channel bits, measurement 4, samples missing.
    CHECK(hostReject(frameOf(0, 3, {0, 0x04, 0})) == RejectReason::FieldRange);
    CHECK(hostReject(frameOf(0, 3, {0, 0x20, 0})) == RejectReason::FieldRange);
    CHECK(hostReject(frameOf(0, 3, {0, 0x00, 4})) == RejectReason::DataLength);
    CHECK(hostReject(frameOf(0, 3, {0, 0x00, 1, 0, 5})) == RejectReason::DataLength);
    CHECK(hostReject(frameOf(0, 3, {0, 0x00})) == RejectReason::DataLength); // L 14 is ScienceMode3 only
    // Ml_get_current_data_ack: reserved status bits, state 4, unknown selection with result ok,
    // body length not matching the selection.
    CHECK(hostReject(frameOf(0, 37, {0, 2, 0x20})) == RejectReason::FieldRange);
    CHECK(hostReject(frameOf(0, 37, {0, 3, 0x10, 0x40})) == RejectReason::FieldRange);
    CHECK(hostReject(frameOf(0, 37, {0, 4, 0, 0x04, 0, 0, 0})) == RejectReason::FieldRange);
    CHECK(hostReject(frameOf(0, 37, {0, 4, 0, 0x40, 0, 0, 0})) == RejectReason::FieldRange);
    CHECK(hostReject(frameOf(0, 37, {0, 9})) == RejectReason::FieldRange);
    CHECK(hostReject(frameOf(0, 37, {0, 4, 0, 0, 0, 0})) == RejectReason::DataLength);
    CHECK(hostReject(frameOf(0, 37, {2, 9, 0})) == RejectReason::DataLength);
    CHECK(hostReject(frameOf(0, 37, {0})) == RejectReason::DataLength);
}
