// SPDX-License-Identifier: GPL-3.0-or-later
// Every sciencemode4 vector of the shared protocol vectors, in both directions, byte for byte.
#include "Sm4VectorSupport.h"

#include "protocols/common/Stuffing.h"

#include <catch2/catch.hpp>

using namespace galvani::proto;
using namespace galvani::proto::sm4;
using namespace galvani::proto::sm4::test;

namespace {

std::uint16_t headerValue(const Bytes& wire, std::size_t high)
{
    return static_cast<std::uint16_t>(((wire[high] ^ kEscapeXor) << 8U) | (wire[high + 2] ^ kEscapeXor));
}

} // namespace

TEST_CASE("sm4 vectors: the file holds accept and reject vectors", "[protocols][sm4][vectors]")
{
    int accepts = 0;
    int rejects = 0;
    for (const auto& v : sm4Vectors()) {
        (v.at("expect") == "accept" ? accepts : rejects)++;
    }
    CHECK(accepts == 45);
    CHECK(rejects == 5);
}

TEST_CASE("sm4 vectors: host requests encode and decode byte for byte", "[protocols][sm4][vectors]")
{
    int checked = 0;
    for (const auto& v : sm4Vectors()) {
        if (v.at("expect") != "accept" || v.at("direction") != "host_to_device") {
            continue;
        }
        const std::string name = v.at("name");
        INFO(name);
        const auto& fields = v.at("fields");
        const Bytes wire = fromHex(v.at("hex"));
        const auto pn = fields.at("packet_number").get<std::uint8_t>();

        // The header carries the documented L and CRC.
        CHECK(headerValue(wire, 2) == fields.at("length").get<int>());
        CHECK(headerValue(wire, 6) == std::stoi(fields.at("crc").get<std::string>(), nullptr, 16));
        CHECK(wire.size() == fields.at("length").get<std::size_t>());

        const auto command = hostCommandFrom(fields);
        DeviceCodec device(Variant::ScienceMode4);
        const auto events = feedAll(device, wire);
        if (!command) {
            // Command 200: a valid frame for a command nobody defines. Built by the frame layer; the
            // device answers Unknown_cmd with the request's pn.
            auto built = buildFrame(pn, fields.at("command").get<std::uint16_t>(), {});
            REQUIRE(built);
            CHECK(toHex(built.value()) == toHex(wire));
            const auto rejects = rejectsIn(events);
            REQUIRE(rejects.size() == 1);
            CHECK(rejects[0].frame.reason == RejectReason::UnknownCommand);
            REQUIRE(rejects[0].reply);
            CHECK(toHex(encodeOrFail(device, rejects[0].reply->message, rejects[0].reply->packetNumber))
                == vectorNamed("unknown_cmd_reply_pn9").at("hex").get<std::string>());
            ++checked;
            continue;
        }
        const HostCodec host(Variant::ScienceMode4, wireOptionsFrom(v));
        CHECK(toHex(encodeOrFail(host, *command, pn)) == toHex(wire));

        const auto commands = commandsIn(events);
        CHECK(rejectsIn(events).empty());
        REQUIRE(commands.size() == 1);
        CHECK(commands[0].packetNumber == pn);
        CHECK(commands[0].message == *command);
        CHECK(toWire(commandId(commands[0].message)) == fields.at("command").get<int>());
        ++checked;
    }
    CHECK(checked == 24);
}

TEST_CASE("sm4 vectors: device replies encode and decode byte for byte", "[protocols][sm4][vectors]")
{
    int checked = 0;
    for (const auto& v : sm4Vectors()) {
        if (v.at("expect") != "accept" || v.at("direction") != "device_to_host") {
            continue;
        }
        const std::string name = v.at("name");
        INFO(name);
        const auto& fields = v.at("fields");
        const Bytes wire = fromHex(v.at("hex"));
        const auto pn = fields.at("packet_number").get<std::uint8_t>();
        CHECK(headerValue(wire, 2) == fields.at("length").get<int>());
        CHECK(headerValue(wire, 6) == std::stoi(fields.at("crc").get<std::string>(), nullptr, 16));

        const auto message = deviceMessageFrom(fields);
        REQUIRE(message);
        const DeviceCodec device(Variant::ScienceMode4, wireOptionsFrom(v));
        CHECK(toHex(encodeOrFail(device, *message, pn)) == toHex(wire));

        HostCodec host(Variant::ScienceMode4);
        const auto events = feedAll(host, wire);
        const auto messages = messagesIn(events);
        CHECK(rejectsIn(events).empty());
        REQUIRE(messages.size() == 1);
        CHECK(messages[0].packetNumber == pn);
        CHECK(messages[0].message == *message);
        CHECK(resultOf(messages[0].message) == static_cast<ResultCode>(fields.at("data").at("result").get<int>()));
        ++checked;
    }
    CHECK(checked == 21);
}

TEST_CASE("sm4 vectors: reject vectors fail at the documented check and get the documented reply",
    "[protocols][sm4][vectors]")
{
    int checked = 0;
    for (const auto& v : sm4Vectors()) {
        if (v.at("expect") != "reject") {
            continue;
        }
        const std::string name = v.at("name");
        INFO(name);
        const Bytes wire = fromHex(v.at("hex"));
        const RejectReason expected = reasonFrom(v.at("detected_by"));

        DeviceCodec device(Variant::ScienceMode4);
        const auto events = feedAll(device, wire);
        CHECK(commandsIn(events).empty());
        const auto rejects = rejectsIn(events);
        REQUIRE_FALSE(rejects.empty());
        CHECK(rejects.front().frame.reason == expected);

        std::vector<std::string> replies;
        for (const auto& r : rejects) {
            if (r.reply) {
                replies.push_back(toHex(encodeOrFail(device, r.reply->message, r.reply->packetNumber)));
            }
        }
        CHECK(replies == v.at("device_reply_hex").get<std::vector<std::string>>());

        // The host's receiver applies the same frame checks to what it receives.
        HostCodec host(Variant::ScienceMode4);
        const auto hostEvents = feedAll(host, wire);
        CHECK(messagesIn(hostEvents).empty());
        const auto hostRejects = rejectsIn(hostEvents);
        REQUIRE_FALSE(hostRejects.empty());
        CHECK(hostRejects.front().reason == expected);
        ++checked;
    }
    CHECK(checked == 5);
}

TEST_CASE("sm4 vectors: the request a reject vector meant is what the device acks", "[protocols][sm4][vectors]")
{
    // The intended request of each reject vector is a valid request; encoding it gives a frame the
    // device accepts, while the defective wire form only earns the transfer-error reply.
    for (const auto& v : sm4Vectors()) {
        if (v.at("expect") != "reject") {
            continue;
        }
        INFO(v.at("name").get<std::string>());
        const auto command = hostCommandFrom(v.at("fields"));
        REQUIRE(command);
        const HostCodec host(Variant::ScienceMode4);
        DeviceCodec device(Variant::ScienceMode4);
        const auto pn = v.at("fields").at("packet_number").get<std::uint8_t>();
        const auto events = feedAll(device, encodeOrFail(host, *command, pn));
        const auto commands = commandsIn(events);
        REQUIRE(commands.size() == 1);
        CHECK(commands[0].message == *command);
    }
}

TEST_CASE("sm4 vectors: noise after an unescaped 0F is skipped and counted", "[protocols][sm4][vectors]")
{
    DeviceCodec device(Variant::ScienceMode4);
    const auto events = feedAll(device, fromHex(vectorNamed("reject_unescaped_0F_in_data").at("hex")));
    CHECK(rejectsIn(events).size() == 1);
    // "00 50 0C 85 50 00 0F" follow the early stop byte without a start byte.
    CHECK(device.stats().garbageBytes == 7);
    CHECK(device.stats().rejected(RejectReason::Length) == 1);
}

TEST_CASE("sm4 vectors: SM3 document examples also hold for the ScienceMode3 variant", "[protocols][sm4][sm3][vectors]")
{
    const char* names[] = {"ll_init_pn0", "ll_channel_config_pn1_red_biphasic", "ll_stop_pn2", "ml_init_pn0",
        "ml_update_pn1_red_blue", "ml_get_current_data_pn2_sel2", "ml_stop_pn3", "ml_update_ack_pn1_ok",
        "ml_get_current_data_ack_pn2_sel2", "ll_stop_ack_pn2_ok"};
    for (const char* name : names) {
        INFO(name);
        const auto& v = vectorNamed(name);
        const auto& fields = v.at("fields");
        const Bytes wire = fromHex(v.at("hex"));
        const auto pn = fields.at("packet_number").get<std::uint8_t>();
        if (v.at("direction") == "host_to_device") {
            const auto command = hostCommandFrom(fields);
            REQUIRE(command);
            CHECK(toHex(encodeOrFail(HostCodec(Variant::ScienceMode3), *command, pn)) == toHex(wire));
            DeviceCodec device(Variant::ScienceMode3);
            const auto commands = commandsIn(feedAll(device, wire));
            REQUIRE(commands.size() == 1);
            CHECK(commands[0].message == *command);
        } else {
            const auto message = deviceMessageFrom(fields);
            REQUIRE(message);
            CHECK(toHex(encodeOrFail(DeviceCodec(Variant::ScienceMode3), *message, pn)) == toHex(wire));
            HostCodec host(Variant::ScienceMode3);
            const auto messages = messagesIn(feedAll(host, wire));
            REQUIRE(messages.size() == 1);
            CHECK(messages[0].message == *message);
        }
    }
}
