// SPDX-License-Identifier: GPL-3.0-or-later
// Streaming equivalence: the same events whether the bytes arrive whole, byte by byte or in random
// chunks; garbage between frames is skipped and counted.
#include "Sm4Generators.h"
#include "Sm4VectorSupport.h"

#include "protocols/common/Stuffing.h"

#include <catch2/catch.hpp>

using namespace galvani;
using namespace galvani::proto;
using namespace galvani::proto::sm4;
using namespace galvani::proto::sm4::test;

namespace {

// Random noise that contains no start byte, so it can only ever be skipped.
Bytes noise(Rng& rng, std::size_t maxLength)
{
    Bytes out(std::uniform_int_distribution<std::size_t>(0, maxLength)(rng));
    for (auto& b : out) {
        do {
            b = static_cast<std::uint8_t>(rng());
        } while (b == kStartByte);
    }
    return out;
}

template <typename Codec>
auto feedInChunks(Codec& codec, const Bytes& stream, Rng& rng, std::size_t maxChunk)
{
    decltype(codec.feed(std::span<const std::uint8_t>{})) events;
    std::size_t pos = 0;
    while (pos < stream.size()) {
        const std::size_t n
            = std::min(stream.size() - pos, std::uniform_int_distribution<std::size_t>(1, maxChunk)(rng));
        codec.feed(std::span<const std::uint8_t>(stream).subspan(pos, n), events);
        pos += n;
    }
    codec.flush(events);
    return events;
}

struct Stream {
    Bytes bytes;
    std::size_t garbage = 0;
};

} // namespace

TEST_CASE("sm4 streaming: device side sees the same requests in any chunking", "[protocols][sm4][streaming]")
{
    Rng rng(2024);
    const HostCodec host(Variant::ScienceMode4);
    Stream stream;
    std::vector<Received<HostCommand>> sent;
    auto append = [&](const Bytes& b) { stream.bytes.insert(stream.bytes.end(), b.begin(), b.end()); };
    for (const auto& v : sm4Vectors()) {
        if (v.at("expect") == "accept" && v.at("direction") == "host_to_device") {
            if (auto c = hostCommandFrom(v.at("fields"))) {
                append(fromHex(v.at("hex")));
                sent.push_back({v.at("fields").at("packet_number").get<std::uint8_t>(), *c});
                const Bytes n = noise(rng, 8);
                stream.garbage += n.size();
                append(n);
            }
        }
    }
    for (int i = 0; i < 500; ++i) {
        const HostCommand c = randomCommand(rng, Variant::ScienceMode4);
        const auto pn = static_cast<std::uint8_t>(i % 64);
        append(encodeOrFail(host, c, pn));
        sent.push_back({pn, c});
        const Bytes n = noise(rng, 5);
        stream.garbage += n.size();
        append(n);
    }

    DeviceCodec whole(Variant::ScienceMode4);
    const auto reference = feedAll(whole, stream.bytes);
    CHECK(commandsIn(reference) == sent);
    CHECK(rejectsIn(reference).empty());
    CHECK(whole.stats().garbageBytes == stream.garbage);
    CHECK(whole.stats().messages == sent.size());

    DeviceCodec byteByByte(Variant::ScienceMode4);
    std::vector<DeviceInbound> events;
    for (const std::uint8_t b : stream.bytes) {
        byteByByte.feed(std::span<const std::uint8_t>(&b, 1), events);
    }
    byteByByte.flush(events);
    CHECK(events == reference);
    CHECK(byteByByte.stats().garbageBytes == stream.garbage);

    for (const std::size_t maxChunk : {std::size_t{2}, std::size_t{7}, std::size_t{64}, std::size_t{1500}}) {
        DeviceCodec chunked(Variant::ScienceMode4);
        INFO("max chunk " << maxChunk);
        CHECK(feedInChunks(chunked, stream.bytes, rng, maxChunk) == reference);
        CHECK(chunked.stats().garbageBytes == stream.garbage);
    }
}

TEST_CASE("sm4 streaming: host side sees the same replies in any chunking", "[protocols][sm4][streaming]")
{
    Rng rng(99);
    const DeviceCodec device(Variant::ScienceMode4);
    Stream stream;
    std::vector<Received<DeviceMessage>> sent;
    auto append = [&](const Bytes& b) { stream.bytes.insert(stream.bytes.end(), b.begin(), b.end()); };
    for (const auto& v : sm4Vectors()) {
        if (v.at("expect") == "accept" && v.at("direction") == "device_to_host") {
            append(fromHex(v.at("hex")));
            sent.push_back(
                {v.at("fields").at("packet_number").get<std::uint8_t>(), *deviceMessageFrom(v.at("fields"))});
        }
    }
    for (int i = 0; i < 500; ++i) {
        const Bytes n = noise(rng, 6);
        stream.garbage += n.size();
        append(n);
        const DeviceMessage m = randomMessage(rng, Variant::ScienceMode4);
        append(encodeOrFail(device, m, static_cast<std::uint8_t>(i % 64)));
        sent.push_back({static_cast<std::uint8_t>(i % 64), m});
    }

    HostCodec whole(Variant::ScienceMode4);
    const auto reference = feedAll(whole, stream.bytes);
    CHECK(messagesIn(reference) == sent);
    CHECK(rejectsIn(reference).empty());
    CHECK(whole.stats().garbageBytes == stream.garbage);

    HostCodec byteByByte(Variant::ScienceMode4);
    std::vector<HostInbound> events;
    for (const std::uint8_t b : stream.bytes) {
        byteByByte.feed(std::span<const std::uint8_t>(&b, 1), events);
    }
    byteByByte.flush(events);
    CHECK(events == reference);

    for (const std::size_t maxChunk : {std::size_t{3}, std::size_t{300}, std::size_t{4096}}) {
        HostCodec chunked(Variant::ScienceMode4);
        CHECK(feedInChunks(chunked, stream.bytes, rng, maxChunk) == reference);
        CHECK(chunked.stats().garbageBytes == stream.garbage);
    }
}

TEST_CASE("sm4 streaming: defective input gives the same events at every split point", "[protocols][sm4][streaming]")
{
    // All reject vectors back to back, followed by a valid request, split into two pieces at every
    // position: the rejects, replies and the final request must not depend on where the split falls.
    Bytes stream;
    for (const auto& v : sm4Vectors()) {
        if (v.at("expect") == "reject") {
            const Bytes b = fromHex(v.at("hex"));
            stream.insert(stream.end(), b.begin(), b.end());
        }
    }
    const Bytes last = fromHex(vectorNamed("ml_stop_pn3").at("hex"));
    stream.insert(stream.end(), last.begin(), last.end());

    DeviceCodec whole(Variant::ScienceMode4);
    const auto reference = feedAll(whole, stream);
    REQUIRE_FALSE(commandsIn(reference).empty());
    CHECK(commandsIn(reference).back().message == HostCommand{MlStop{}});
    for (std::size_t split = 0; split <= stream.size(); ++split) {
        DeviceCodec codec(Variant::ScienceMode4);
        auto events = codec.feed(std::span<const std::uint8_t>(stream).first(split));
        codec.feed(std::span<const std::uint8_t>(stream).subspan(split), events);
        codec.flush(events);
        INFO("split at " << split);
        REQUIRE(events == reference);
        REQUIRE(codec.stats().garbageBytes == whole.stats().garbageBytes);
    }
}
