// SPDX-License-Identifier: GPL-3.0-or-later
// Every ScienceMode2 vector of tests/data/protocol-vectors.json, both directions, byte for byte.
#include "Sm2TestSupport.h"

#include "protocols/common/Stuffing.h"
#include "protocols/sciencemode2/Frame.h"
#include "protocols/sciencemode2/HostPayload.h"

#include <catch2/catch.hpp>

#include <map>
#include <string>

using namespace galvani::proto;
using namespace galvani::proto::sm2;
using namespace sm2test;

namespace {

RejectReason reasonFor(const std::string& detectedBy)
{
    static const std::map<std::string, RejectReason> kReasons{{"crc", RejectReason::Crc},
        {"length", RejectReason::Length}, {"no_stop", RejectReason::NoStop}, {"header", RejectReason::Header},
        {"frame_restart", RejectReason::FrameRestart}};
    return kReasons.at(detectedBy);
}

std::uint8_t hexField(const nlohmann::json& value)
{
    return static_cast<std::uint8_t>(std::stoul(value.get<std::string>(), nullptr, 16));
}

bool hasWireOptions(const nlohmann::json& v)
{
    return v.contains("wire_options");
}

} // namespace

TEST_CASE("SM2 vectors: the copied file holds the expected set", "[protocols][sm2][vectors]")
{
    const auto& all = vectors();
    REQUIRE(all.size() == 40);
    int accept = 0;
    int reject = 0;
    for (const auto& v : all) {
        (v.at("expect") == "accept" ? accept : reject) += 1;
    }
    CHECK(accept == 34);
    CHECK(reject == 6);
}

TEST_CASE("SM2 vectors: header checksum and length fields match the frame", "[protocols][sm2][vectors]")
{
    for (const auto& v : vectors()) {
        if (v.at("expect") != "accept") {
            continue;
        }
        INFO(v.at("name").get<std::string>());
        const auto wire = fromHex(v.at("hex"));
        const auto& fields = v.at("fields");
        REQUIRE(wire.size() >= 8);
        CHECK((wire[2] ^ kEscapeXor) == hexField(fields.at("checksum")));
        CHECK((wire[4] ^ kEscapeXor) == fields.at("length").get<int>());
        const auto parsed = parseFrame(wire);
        REQUIRE(parsed.hasValue());
        CHECK(parsed.value().packetNumber == fields.at("packet_number").get<int>());
        CHECK(parsed.value().command == fields.at("command").get<int>());
    }
}

TEST_CASE("SM2 vectors: host-to-device frames decode on the device side", "[protocols][sm2][vectors]")
{
    int checked = 0;
    for (const auto& v : vectors()) {
        if (v.at("expect") != "accept" || v.at("direction") != "host_to_device") {
            continue;
        }
        INFO(v.at("name").get<std::string>());
        const auto& fields = v.at("fields");
        const auto events = feedDevice(fromHex(v.at("hex")));
        REQUIRE(events.size() == 1);
        const auto pn = fields.at("packet_number").get<std::uint8_t>();
        if (fields.at("command_name") == "unknown") {
            // Lenient host with an unprefixed XOR command: a valid frame with an unknown command;
            // the device answers UnknownCommand echoing the byte as received (§9.1).
            const auto* rejected = std::get_if<RejectedCommand>(&events[0]);
            REQUIRE(rejected != nullptr);
            CHECK(rejected->reject.reason == RejectReason::UnknownCommand);
            CHECK(rejected->reject.transferValid);
            const auto command = fields.at("command").get<std::uint8_t>();
            REQUIRE(rejected->reply.has_value());
            CHECK(*rejected->reply == OwedReply{pn, DeviceMessage{UnknownCommand{command}}});
        } else {
            const auto* received = std::get_if<ReceivedCommand>(&events[0]);
            REQUIRE(received != nullptr);
            CHECK(received->packetNumber == pn);
            CHECK(received->command == hostCommandFromFields(fields));
            CHECK(commandNumber(received->command) == fields.at("command").get<int>());
        }
        ++checked;
    }
    CHECK(checked == 23);
}

TEST_CASE("SM2 vectors: device-to-host frames decode on the host side", "[protocols][sm2][vectors]")
{
    int checked = 0;
    for (const auto& v : vectors()) {
        if (v.at("expect") != "accept" || v.at("direction") != "device_to_host") {
            continue;
        }
        INFO(v.at("name").get<std::string>());
        const auto& fields = v.at("fields");
        const auto events = feedHost(fromHex(v.at("hex")));
        REQUIRE(events.size() == 1);
        const auto* received = std::get_if<ReceivedMessage>(&events[0]);
        REQUIRE(received != nullptr);
        CHECK(received->packetNumber == fields.at("packet_number").get<int>());
        CHECK(received->message == deviceMessageFromFields(fields));
        ++checked;
    }
    CHECK(checked == 11);
}

TEST_CASE("SM2 vectors: the host encoder produces every host-to-device frame", "[protocols][sm2][vectors]")
{
    int exact = 0;
    for (const auto& v : vectors()) {
        if (v.at("expect") != "accept" || v.at("direction") != "host_to_device") {
            continue;
        }
        INFO(v.at("name").get<std::string>());
        const auto& fields = v.at("fields");
        const auto wire = fromHex(v.at("hex"));
        const auto pn = fields.at("packet_number").get<std::uint8_t>();
        const auto command = fields.at("command").get<std::uint8_t>();
        if (hasWireOptions(v)) {
            // Lenient encodings are what other hosts send; reproduce them with the stated options.
            const auto& options = v.at("wire_options");
            std::vector<std::uint8_t> extra;
            for (const auto& e : options.at("extra_escaped_values")) {
                extra.push_back(hexField(e));
            }
            Bytes data;
            if (fields.at("command_name") != "unknown") {
                data = encodeHostData(hostCommandFromFields(fields)).value();
            }
            CHECK(toHex(lenientFrame(pn, command, data, options.at("unprefixed_xor_pn_cmd").get<bool>(), extra))
                == toHex(wire));
            if (fields.at("command_name") == "unknown") {
                // Our encoder has no command 95; the plain frame layer gives the same bytes (5F needs no escape).
                CHECK(toHex(buildFrame(pn, command, {})) == toHex(wire));
                continue;
            }
        }
        HostCodec codec;
        if (fields.contains("context")) {
            REQUIRE(codec.encode(contextInit(fields), 0).hasValue());
        }
        const auto encoded = codec.encode(hostCommandFromFields(fields), pn);
        if (!encoded) {
            FAIL(encoded.error().message());
        }
        if (hasWireOptions(v)) {
            // Conforming bytes may differ from the lenient ones but must decode the same.
            const auto events = feedDevice(encoded.value());
            REQUIRE(events.size() == 1);
            REQUIRE(std::holds_alternative<ReceivedCommand>(events[0]));
            CHECK(std::get<ReceivedCommand>(events[0]).command == hostCommandFromFields(fields));
        } else {
            CHECK(toHex(encoded.value()) == toHex(wire));
            ++exact;
        }
    }
    CHECK(exact == 20);
}

TEST_CASE("SM2 vectors: the device encoder produces every device-to-host frame", "[protocols][sm2][vectors]")
{
    int exact = 0;
    for (const auto& v : vectors()) {
        if (v.at("expect") != "accept" || v.at("direction") != "device_to_host") {
            continue;
        }
        INFO(v.at("name").get<std::string>());
        const auto& fields = v.at("fields");
        const DeviceCodec codec;
        const auto encoded
            = codec.encode(deviceMessageFromFields(fields), fields.at("packet_number").get<std::uint8_t>());
        REQUIRE(encoded.hasValue());
        CHECK(toHex(encoded.value()) == toHex(fromHex(v.at("hex"))));
        ++exact;
    }
    CHECK(exact == 11);
}

TEST_CASE(
    "SM2 vectors: reject vectors are refused for the stated reason with the stated reply", "[protocols][sm2][vectors]")
{
    int checked = 0;
    for (const auto& v : vectors()) {
        if (v.at("expect") != "reject") {
            continue;
        }
        INFO(v.at("name").get<std::string>());
        REQUIRE(v.at("direction") == "host_to_device");
        const auto events = feedDevice(fromHex(v.at("hex")));
        std::vector<RejectedCommand> rejects;
        for (const auto& e : events) {
            REQUIRE(std::holds_alternative<RejectedCommand>(e)); // nothing is delivered
            rejects.push_back(std::get<RejectedCommand>(e));
        }
        REQUIRE(rejects.size() == 1);
        CHECK(toString(rejects[0].reject.reason) == v.at("detected_by").get<std::string>());
        CHECK(rejects[0].reject.reason == reasonFor(v.at("detected_by")));

        std::vector<std::string> replies;
        const DeviceCodec codec;
        if (rejects[0].reply) {
            replies.push_back(toHex(codec.encode(*rejects[0].reply).value()));
        }
        std::vector<std::string> expected;
        for (const auto& hex : v.at("device_reply_hex")) {
            expected.push_back(toHex(fromHex(hex)));
        }
        CHECK(replies == expected);

        // The host side refuses the same bytes too (and never answers).
        for (const auto& e : feedHost(fromHex(v.at("hex")))) {
            CHECK(std::holds_alternative<FrameReject>(e));
        }
        ++checked;
    }
    CHECK(checked == 6);
}

TEST_CASE(
    "SM2 vectors: a frame that never stops is dropped as a frame restart at the next F0", "[protocols][sm2][vectors]")
{
    for (const auto& v : vectors()) {
        if (v.at("expect") != "reject" || v.at("detected_by") != "no_stop") {
            continue;
        }
        INFO(v.at("name").get<std::string>());
        DeviceCodec codec;
        std::vector<DeviceEvent> events;
        codec.feed(fromHex(v.at("hex")), events);
        CHECK(events.empty());
        CHECK(codec.splitter().inFrame());
        // The next frame (a watchdog) arrives: the partial one is dropped, the watchdog delivered.
        codec.feed(fromHex("F0 81 49 81 57 00 04 0F"), events);
        REQUIRE(events.size() == 2);
        REQUIRE(std::holds_alternative<RejectedCommand>(events[0]));
        CHECK(std::get<RejectedCommand>(events[0]).reject.reason == RejectReason::FrameRestart);
        CHECK_FALSE(std::get<RejectedCommand>(events[0]).reply.has_value());
        REQUIRE(std::holds_alternative<ReceivedCommand>(events[1]));
        CHECK(std::get<ReceivedCommand>(events[1]).command == HostCommand{Watchdog{}});
    }
}

TEST_CASE(
    "SM2 vectors: frames sent in the wrong direction are refused as unknown commands", "[protocols][sm2][vectors]")
{
    for (const auto& v : vectors()) {
        if (v.at("expect") != "accept") {
            continue;
        }
        INFO(v.at("name").get<std::string>());
        const auto wire = fromHex(v.at("hex"));
        if (v.at("direction") == "host_to_device") {
            const auto events = feedHost(wire);
            REQUIRE(events.size() == 1);
            REQUIRE(std::holds_alternative<FrameReject>(events[0]));
            CHECK(std::get<FrameReject>(events[0]).reason == RejectReason::UnknownCommand);
        } else {
            const auto events = feedDevice(wire);
            REQUIRE(events.size() == 1);
            REQUIRE(std::holds_alternative<RejectedCommand>(events[0]));
            const auto& rejected = std::get<RejectedCommand>(events[0]);
            CHECK(rejected.reject.reason == RejectReason::UnknownCommand);
            REQUIRE(rejected.reply.has_value());
            CHECK(std::holds_alternative<UnknownCommand>(rejected.reply->message));
        }
    }
}
