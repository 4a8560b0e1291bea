// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocols/common/FrameSplitter.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <vector>

using namespace galvani::proto;
using Bytes = std::vector<std::uint8_t>;

namespace {

std::vector<RawFrame> framesOf(FrameSplitter& s, const Bytes& in)
{
    std::vector<RawFrame> out;
    s.feed(in, out);
    return out;
}

} // namespace

TEST_CASE("FrameSplitter: a header byte after 81 is opaque even when it is 0F or F0", "[protocols][splitter]")
{
    FrameSplitter s(300);
    // watchdog_pn220_crc_byte_is_0F and get_stimulation_mode_pn198_crc_byte_is_F0
    const Bytes a{0xF0, 0x81, 0x0F, 0x81, 0x57, 0xDC, 0x04, 0x0F};
    const Bytes b{0xF0, 0x81, 0xF0, 0x81, 0x57, 0xC6, 0x0A, 0x0F};
    Bytes both = a;
    both.insert(both.end(), b.begin(), b.end());
    const auto frames = framesOf(s, both);
    REQUIRE(frames.size() == 2);
    CHECK(frames[0].bytes == a);
    CHECK(frames[1].bytes == b);
    CHECK(s.garbageBytes() == 0);
    CHECK(s.restarts() == 0);
    CHECK(s.frames() == 2);
}

TEST_CASE("FrameSplitter: garbage between frames is skipped and counted", "[protocols][splitter]")
{
    FrameSplitter s(300);
    const Bytes in{0x00, 0x0F, 0x81, 0x55, 0xF0, 0x01, 0x0F, 0x33, 0x0F, 0xF0, 0x81, 0x0F, 0x02, 0x0F};
    const auto frames = framesOf(s, in);
    REQUIRE(frames.size() == 2);
    CHECK(frames[0].bytes == Bytes{0xF0, 0x01, 0x0F});
    CHECK(frames[1].bytes == Bytes{0xF0, 0x81, 0x0F, 0x02, 0x0F});
    CHECK(s.garbageBytes() == 6);
    CHECK_FALSE(s.inFrame());
}

TEST_CASE("FrameSplitter: an unescaped F0 inside a frame restarts it", "[protocols][splitter]")
{
    FrameSplitter s(300);
    std::vector<SplitEvent> events;
    s.feed(Bytes{0xF0, 0x01, 0x02, 0xF0, 0x03, 0x0F}, events);
    REQUIRE(events.size() == 2);
    REQUIRE(std::holds_alternative<DroppedFrame>(events[0]));
    CHECK(std::get<DroppedFrame>(events[0]) == DroppedFrame{RejectReason::FrameRestart, 3});
    REQUIRE(std::holds_alternative<RawFrame>(events[1]));
    CHECK(std::get<RawFrame>(events[1]).bytes == Bytes{0xF0, 0x03, 0x0F});
    CHECK(s.restarts() == 1);
    // An escaped F0 (81 A5) or 81 F0 is data, not a restart.
    events.clear();
    s.feed(Bytes{0xF0, 0x81, 0xF0, 0x81, 0xA5, 0x0F}, events);
    REQUIRE(events.size() == 1);
    CHECK(std::holds_alternative<RawFrame>(events[0]));
    CHECK(s.restarts() == 1);
}

TEST_CASE("FrameSplitter: an 81 before the stop byte swallows it (no frame until the next F0)", "[protocols][splitter]")
{
    FrameSplitter s(300);
    std::vector<SplitEvent> events;
    // reject_unescaped_81_swallows_stop
    s.feed(Bytes{0xF0, 0x81, 0xF4, 0x81, 0x53, 0x05, 0x24, 0x07, 0x01, 0xF4, 0x81, 0x0F}, events);
    CHECK(events.empty());
    CHECK(s.inFrame());
    CHECK(s.pendingBytes() == 12);
    s.feed(Bytes{0xF0}, events);
    REQUIRE(events.size() == 1);
    CHECK(std::get<DroppedFrame>(events[0]) == DroppedFrame{RejectReason::FrameRestart, 12});
}

TEST_CASE("FrameSplitter: flush reports a partial frame as NoStop", "[protocols][splitter]")
{
    FrameSplitter s(300);
    std::vector<SplitEvent> events;
    CHECK_FALSE(s.flush().has_value());
    s.feed(Bytes{0x55, 0xF0, 0x81, 0xE0, 0x81}, events);
    CHECK(events.empty());
    const auto dropped = s.flush();
    REQUIRE(dropped.has_value());
    CHECK(*dropped == DroppedFrame{RejectReason::NoStop, 4});
    CHECK(s.noStopDrops() == 1);
    CHECK_FALSE(s.inFrame());
    // The escape state is gone with it: a following 0F is garbage, not data.
    s.feed(Bytes{0x0F}, events);
    CHECK(events.empty());
    CHECK(s.garbageBytes() == 2);
}

TEST_CASE("FrameSplitter: frames longer than the maximum are dropped", "[protocols][splitter]")
{
    FrameSplitter s(8);
    std::vector<SplitEvent> events;
    // Exactly 8 bytes: accepted.
    s.feed(Bytes{0xF0, 1, 2, 3, 4, 5, 6, 0x0F}, events);
    REQUIRE(events.size() == 1);
    CHECK(std::holds_alternative<RawFrame>(events[0]));
    // 9 bytes: dropped when the 8th byte is not the stop byte; the tail is garbage.
    events.clear();
    s.feed(Bytes{0xF0, 1, 2, 3, 4, 5, 6, 7, 0x0F, 0xF0, 9, 0x0F}, events);
    REQUIRE(events.size() == 2);
    CHECK(std::get<DroppedFrame>(events[0]) == DroppedFrame{RejectReason::Overlong, 8});
    CHECK(std::get<RawFrame>(events[1]).bytes == Bytes{0xF0, 9, 0x0F});
    CHECK(s.overlongDrops() == 1);
    CHECK(s.garbageBytes() == 1);
    CHECK(s.maxFrameLength() == 8);
}

TEST_CASE("FrameSplitter: any chunking of a stream gives the same events", "[protocols][splitter]")
{
    // Random stream rich in delimiters and escapes.
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> pick(0, 9);
    std::uniform_int_distribution<int> anyByte(0, 255);
    Bytes stream;
    for (int i = 0; i < 20000; ++i) {
        switch (pick(rng)) {
        case 0:
            stream.push_back(0xF0);
            break;
        case 1:
            stream.push_back(0x0F);
            break;
        case 2:
            stream.push_back(0x81);
            break;
        default:
            stream.push_back(static_cast<std::uint8_t>(anyByte(rng)));
            break;
        }
    }
    FrameSplitter whole(40);
    std::vector<SplitEvent> expected;
    whole.feed(stream, expected);
    REQUIRE(expected.size() > 100);

    FrameSplitter bytewise(40);
    std::vector<SplitEvent> got;
    for (const auto b : stream) {
        bytewise.feed(Bytes{b}, got);
    }
    CHECK(got == expected);
    CHECK(bytewise.garbageBytes() == whole.garbageBytes());
    CHECK(bytewise.restarts() == whole.restarts());
    CHECK(bytewise.overlongDrops() == whole.overlongDrops());

    for (int trial = 0; trial < 20; ++trial) {
        FrameSplitter chunked(40);
        got.clear();
        std::uniform_int_distribution<std::size_t> chunk(0, 64);
        std::size_t pos = 0;
        while (pos < stream.size()) {
            const auto n = std::min(chunk(rng), stream.size() - pos);
            chunked.feed(std::span<const std::uint8_t>(stream).subspan(pos, n), got);
            pos += n;
        }
        REQUIRE(got == expected);
        REQUIRE(chunked.garbageBytes() == whole.garbageBytes());
    }

    // Frames-only overload sees the same frames.
    FrameSplitter framesOnly(40);
    std::vector<RawFrame> frames;
    framesOnly.feed(stream, frames);
    std::size_t rawCount = 0;
    for (const auto& e : expected) {
        if (const auto* f = std::get_if<RawFrame>(&e)) {
            REQUIRE(rawCount < frames.size());
            CHECK(frames[rawCount].bytes == f->bytes);
            ++rawCount;
        }
    }
    CHECK(rawCount == frames.size());
    CHECK(framesOnly.frames() == rawCount);

    framesOnly.reset();
    CHECK(framesOnly.frames() == 0);
    CHECK(framesOnly.garbageBytes() == 0);
}
