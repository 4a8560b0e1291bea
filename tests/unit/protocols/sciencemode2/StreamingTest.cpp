// SPDX-License-Identifier: GPL-3.0-or-later
// The same byte stream in one piece, byte by byte or in random chunks gives the same events;
// garbage between frames is skipped and counted.
#include "Sm2TestSupport.h"

#include <catch2/catch.hpp>

using namespace galvani::proto;
using namespace galvani::proto::sm2;
using namespace sm2test;

namespace {

// Garbage that cannot start a frame (no F0) but is full of the other special bytes.
Bytes garbage(std::mt19937& rng)
{
    Bytes g(static_cast<std::size_t>(uniform(rng, 0, 12)));
    for (auto& b : g) {
        switch (uniform(rng, 0, 3)) {
        case 0:
            b = 0x0F;
            break;
        case 1:
            b = 0x81;
            break;
        case 2:
            b = 0x55;
            break;
        default:
            b = static_cast<std::uint8_t>(uniform(rng, 0, 0xEF));
            break;
        }
    }
    return g;
}

template <typename Codec, typename Event>
std::vector<Event> feedChunked(Codec& codec, const Bytes& stream, std::mt19937& rng, int maxChunk)
{
    std::vector<Event> out;
    std::size_t pos = 0;
    while (pos < stream.size()) {
        const auto n = std::min<std::size_t>(static_cast<std::size_t>(uniform(rng, 0, maxChunk)), stream.size() - pos);
        codec.feed(std::span<const std::uint8_t>(stream).subspan(pos, n), out);
        pos += n;
    }
    codec.flush(out);
    return out;
}

} // namespace

TEST_CASE("SM2 streaming: device codec gives the same commands for any chunking", "[protocols][sm2][streaming]")
{
    std::mt19937 rng(90);
    HostCodec host;
    InitChannelListMode context = randomInit(rng, 3);
    context.interPulseIntervalCode = 20;
    context.mainIntervalCode = 0;
    REQUIRE(host.encode(context, 0).hasValue());

    Bytes stream;
    std::vector<HostCommand> sent;
    std::size_t garbageBytes = 0;
    for (int i = 0; i < 3000; ++i) {
        const auto g = garbage(rng);
        // A 81 right before F0 is harmless outside a frame; garbage may also end in 81.
        stream.insert(stream.end(), g.begin(), g.end());
        garbageBytes += g.size();
        const auto command = randomHostCommand(rng, context);
        const auto wire = host.encodeNext(command);
        REQUIRE(wire.hasValue());
        stream.insert(stream.end(), wire.value().bytes.begin(), wire.value().bytes.end());
        sent.push_back(command);
    }

    DeviceCodec whole;
    std::vector<DeviceEvent> expected;
    whole.feed(stream, expected);
    whole.flush(expected);
    REQUIRE(expected.size() == sent.size());
    for (std::size_t i = 0; i < sent.size(); ++i) {
        REQUIRE(std::get<ReceivedCommand>(expected[i]).command == sent[i]);
    }
    CHECK(whole.splitter().garbageBytes() == garbageBytes);
    CHECK(whole.rejects().total() == 0);

    DeviceCodec bytewise;
    std::vector<DeviceEvent> got;
    for (const auto b : stream) {
        bytewise.feed(std::span<const std::uint8_t>(&b, 1), got);
    }
    bytewise.flush(got);
    CHECK(got == expected);
    CHECK(bytewise.splitter().garbageBytes() == garbageBytes);

    for (const int maxChunk : {3, 17, 64, 1000}) {
        DeviceCodec chunked;
        CHECK(feedChunked<DeviceCodec, DeviceEvent>(chunked, stream, rng, maxChunk) == expected);
        CHECK(chunked.splitter().garbageBytes() == garbageBytes);
    }
}

TEST_CASE("SM2 streaming: host codec gives the same messages for any chunking", "[protocols][sm2][streaming]")
{
    std::mt19937 rng(91);
    DeviceCodec device;
    Bytes stream;
    std::vector<DeviceMessage> sent;
    std::size_t garbageBytes = 0;
    for (int i = 0; i < 3000; ++i) {
        const auto g = garbage(rng);
        stream.insert(stream.end(), g.begin(), g.end());
        garbageBytes += g.size();
        const auto message = randomDeviceMessage(rng);
        const auto wire = device.encodeUnsolicited(message);
        REQUIRE(wire.hasValue());
        stream.insert(stream.end(), wire.value().bytes.begin(), wire.value().bytes.end());
        sent.push_back(message);
    }
    HostCodec whole;
    std::vector<HostEvent> expected;
    whole.feed(stream, expected);
    whole.flush(expected);
    REQUIRE(expected.size() == sent.size());
    for (std::size_t i = 0; i < sent.size(); ++i) {
        REQUIRE(std::get<ReceivedMessage>(expected[i]).message == sent[i]);
    }
    CHECK(whole.splitter().garbageBytes() == garbageBytes);

    HostCodec bytewise;
    std::vector<HostEvent> got;
    for (const auto b : stream) {
        bytewise.feed(std::span<const std::uint8_t>(&b, 1), got);
    }
    bytewise.flush(got);
    CHECK(got == expected);
    for (const int maxChunk : {2, 9, 100}) {
        HostCodec chunked;
        CHECK(feedChunked<HostCodec, HostEvent>(chunked, stream, rng, maxChunk) == expected);
        CHECK(chunked.splitter().garbageBytes() == garbageBytes);
    }
}

TEST_CASE("SM2 streaming: a burst of frames in one read is parsed in order (§9.7)", "[protocols][sm2][streaming]")
{
    const auto burst = fromHex("F0 81 49 81 57 00 04 0F" // watchdog pn 0
                               "  F0 81 76 81 57 01 0A 0F" // get stimulation mode pn 1
                               "  F0 81 48 81 57 00 04 0F" // watchdog with a bad CRC
                               "  F0 81 91 81 57 02 22 0F"); // stop pn 2
    const auto events = feedDevice(burst);
    REQUIRE(events.size() == 4);
    CHECK(std::get<ReceivedCommand>(events[0]) == ReceivedCommand{0, Watchdog{}});
    CHECK(std::get<ReceivedCommand>(events[1]) == ReceivedCommand{1, GetStimulationMode{}});
    CHECK(std::get<RejectedCommand>(events[2]).reject.reason == RejectReason::Crc);
    CHECK(std::get<ReceivedCommand>(events[3]) == ReceivedCommand{2, StopChannelListMode{}});
}

TEST_CASE("SM2 streaming: a corrupted frame costs only itself", "[protocols][sm2][streaming]")
{
    // A frame cut short by a new start byte, then valid frames: only the cut one is lost.
    const auto stream = fromHex("F0 81 E0 81 53 03 20 00 F0 81 49 81 57 00 04 0F 00 00 F0 81 91 81 57 02 22 0F");
    const auto events = feedDevice(stream);
    REQUIRE(events.size() == 3);
    CHECK(std::get<RejectedCommand>(events[0]).reject.reason == RejectReason::FrameRestart);
    CHECK(std::get<ReceivedCommand>(events[1]).command == HostCommand{Watchdog{}});
    CHECK(std::get<ReceivedCommand>(events[2]).command == HostCommand{StopChannelListMode{}});

    // An overlong run without a stop byte is dropped, and the codec recovers at the next F0.
    Bytes longRun{0xF0, 0x81, 0x00, 0x81, 0x00};
    longRun.resize(400, 0x22);
    const auto good = fromHex("F0 81 49 81 57 00 04 0F");
    longRun.insert(longRun.end(), good.begin(), good.end());
    DeviceCodec codec;
    std::vector<DeviceEvent> out;
    codec.feed(longRun, out);
    REQUIRE(out.size() == 2);
    CHECK(std::get<RejectedCommand>(out[0]).reject.reason == RejectReason::Overlong);
    CHECK(std::get<ReceivedCommand>(out[1]).command == HostCommand{Watchdog{}});
    CHECK(codec.splitter().overlongDrops() == 1);
    CHECK(codec.rejects().count(RejectReason::Overlong) == 1);
}
