// SPDX-License-Identifier: GPL-3.0-or-later
// Single-threaded behaviour of SpscRing: the producer and consumer roles are played in turn by the test
// thread, which is allowed because the calls never overlap.
#include "core/ring/SpscRing.h"

#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

namespace {

using galvani::core::isValidRingCapacity;
using galvani::core::SpscRing;

// A fixed-size telemetry-like sample; the checksum field lets tests notice torn or mixed-up copies.
struct Sample {
    std::uint64_t sequence = 0;
    std::int32_t channel = 0;
    std::int64_t microamps = 0;
    std::uint64_t check = 0;
};

Sample makeSample(std::uint64_t sequence)
{
    Sample s;
    s.sequence = sequence;
    s.channel = static_cast<std::int32_t>(sequence % 8);
    s.microamps = static_cast<std::int64_t>(sequence * 3);
    s.check = sequence ^ 0x9E3779B97F4A7C15ULL;
    return s;
}

bool isIntact(const Sample& s)
{
    return s.check == (s.sequence ^ 0x9E3779B97F4A7C15ULL) && s.channel == static_cast<std::int32_t>(s.sequence % 8)
        && s.microamps == static_cast<std::int64_t>(s.sequence * 3);
}

template <typename T, std::size_t N>
concept RingInstantiable = requires
{
    typename SpscRing<T, N>;
}
&&requires(SpscRing<T, N>& r)
{
    r.capacity();
};

struct NotTriviallyCopyable {
    NotTriviallyCopyable() = default;
    NotTriviallyCopyable(const NotTriviallyCopyable&) { }
    NotTriviallyCopyable& operator=(const NotTriviallyCopyable&) { return *this; }
};

} // namespace

TEST_CASE("ring capacity must be a power of two of at least two", "[core][ring]")
{
    STATIC_REQUIRE(isValidRingCapacity(2));
    STATIC_REQUIRE(isValidRingCapacity(4));
    STATIC_REQUIRE(isValidRingCapacity(1024));
    STATIC_REQUIRE(isValidRingCapacity(std::size_t{1} << 40));
    STATIC_REQUIRE_FALSE(isValidRingCapacity(0));
    STATIC_REQUIRE_FALSE(isValidRingCapacity(1));
    STATIC_REQUIRE_FALSE(isValidRingCapacity(3));
    STATIC_REQUIRE_FALSE(isValidRingCapacity(6));
    STATIC_REQUIRE_FALSE(isValidRingCapacity(1000));
    STATIC_REQUIRE_FALSE(isValidRingCapacity((std::size_t{1} << 40) + 1));

    // The class template itself refuses bad capacities and non-trivially-copyable payloads at compile time.
    STATIC_REQUIRE(RingInstantiable<Sample, 8>);
    STATIC_REQUIRE_FALSE(RingInstantiable<Sample, 0>);
    STATIC_REQUIRE_FALSE(RingInstantiable<Sample, 1>);
    STATIC_REQUIRE_FALSE(RingInstantiable<Sample, 12>);
    STATIC_REQUIRE_FALSE(RingInstantiable<NotTriviallyCopyable, 8>);
    STATIC_REQUIRE(SpscRing<Sample, 16>::capacity() == 16);
}

TEST_CASE("a new ring is empty", "[core][ring]")
{
    SpscRing<Sample, 4> ring;
    CHECK(ring.empty());
    CHECK(ring.sizeApprox() == 0);
    CHECK(ring.overruns() == 0);
    Sample out = makeSample(77);
    CHECK_FALSE(ring.tryPop(out));
    CHECK(out.sequence == 77); // untouched on failure
    CHECK_FALSE(ring.tryPop().has_value());
    std::array<Sample, 4> buffer{};
    CHECK(ring.popInto(buffer) == 0);
}

TEST_CASE("a full ring drops the newest value and counts each drop exactly", "[core][ring]")
{
    SpscRing<Sample, 4> ring;
    for (std::uint64_t i = 0; i < 4; ++i) {
        REQUIRE(ring.tryPush(makeSample(i)));
    }
    CHECK(ring.sizeApprox() == 4);
    CHECK_FALSE(ring.empty());

    for (std::uint64_t i = 100; i < 107; ++i) {
        CHECK_FALSE(ring.tryPush(makeSample(i)));
    }
    CHECK(ring.overruns() == 7);
    CHECK(ring.sizeApprox() == 4);

    // The queued values are the first four, untouched by the rejected pushes.
    for (std::uint64_t i = 0; i < 4; ++i) {
        const auto value = ring.tryPop();
        REQUIRE(value.has_value());
        CHECK(value->sequence == i);
        CHECK(isIntact(*value));
    }
    CHECK(ring.empty());

    // Room again after popping; the counter keeps its total.
    CHECK(ring.tryPush(makeSample(200)));
    CHECK(ring.overruns() == 7);
    CHECK(ring.tryPop()->sequence == 200);
}

TEST_CASE("values come out in FIFO order across many wrap-arounds", "[core][ring]")
{
    SpscRing<Sample, 8> ring;
    std::uint64_t nextIn = 0;
    std::uint64_t nextOut = 0;
    // Varying batch sizes make the indices land on every slot offset, wrapping the storage ~2500 times.
    for (int round = 0; round < 5000; ++round) {
        const auto pushes = static_cast<std::uint64_t>(1 + (round * 7) % 8);
        for (std::uint64_t i = 0; i < pushes; ++i) {
            REQUIRE(ring.tryPush(makeSample(nextIn++)));
        }
        const auto pops = static_cast<std::uint64_t>(round % 3 == 0 ? pushes : ring.sizeApprox());
        for (std::uint64_t i = 0; i < pops; ++i) {
            Sample out;
            REQUIRE(ring.tryPop(out));
            REQUIRE(out.sequence == nextOut++);
            REQUIRE(isIntact(out));
        }
    }
    CHECK(ring.empty());
    CHECK(nextIn == nextOut);
    CHECK(nextIn > 8 * 2000);
    CHECK(ring.overruns() == 0);
}

TEST_CASE("popInto moves values in order across the end of the storage", "[core][ring]")
{
    SpscRing<Sample, 8> ring;
    // Move the indices to slot 5 so the next eight values straddle the end of the storage.
    for (std::uint64_t i = 0; i < 5; ++i) {
        REQUIRE(ring.tryPush(makeSample(i)));
        REQUIRE(ring.tryPop().has_value());
    }
    for (std::uint64_t i = 5; i < 13; ++i) {
        REQUIRE(ring.tryPush(makeSample(i)));
    }
    CHECK_FALSE(ring.tryPush(makeSample(99)));

    std::array<Sample, 3> small{};
    REQUIRE(ring.popInto(small) == 3);
    for (std::size_t i = 0; i < small.size(); ++i) {
        CHECK(small[i].sequence == 5 + i);
        CHECK(isIntact(small[i]));
    }

    std::vector<Sample> large(20);
    REQUIRE(ring.popInto(large) == 5);
    for (std::size_t i = 0; i < 5; ++i) {
        CHECK(large[i].sequence == 8 + i);
        CHECK(isIntact(large[i]));
    }
    CHECK(large[5].sequence == 0); // nothing written past the count
    CHECK(ring.empty());
    CHECK(ring.overruns() == 1);

    // An empty span moves nothing and releases nothing.
    REQUIRE(ring.tryPush(makeSample(50)));
    CHECK(ring.popInto(std::span<Sample>{}) == 0);
    CHECK(ring.sizeApprox() == 1);
}

TEST_CASE("overrun count stays exact over repeated fill and drain cycles", "[core][ring]")
{
    auto ring = std::make_unique<SpscRing<std::uint32_t, 16>>();
    std::uint64_t expectedOverruns = 0;
    std::uint32_t next = 0;
    std::vector<std::uint32_t> drained(16);
    for (int cycle = 0; cycle < 1000; ++cycle) {
        const int attempts = 16 + cycle % 5; // 0..4 drops per cycle
        std::uint32_t firstOfCycle = next;
        for (int i = 0; i < attempts; ++i) {
            if (!ring->tryPush(next)) {
                ++expectedOverruns;
            }
            ++next;
        }
        REQUIRE(ring->overruns() == expectedOverruns);
        REQUIRE(ring->popInto(drained) == 16);
        // Only the first sixteen of each cycle were kept: the dropped ones were the newest.
        for (std::uint32_t i = 0; i < 16; ++i) {
            REQUIRE(drained[i] == firstOfCycle + i);
        }
    }
    CHECK(expectedOverruns == 2000);
}

TEST_CASE("the ring keeps producer and consumer indices on separate cache lines", "[core][ring]")
{
    // Layout is a performance property, but a regression here would silently cost the device thread; the
    // alignment is visible through the object's own alignment requirement.
    STATIC_REQUIRE(alignof(SpscRing<Sample, 4>) >= galvani::core::kRingCacheLine);
    STATIC_REQUIRE(sizeof(SpscRing<std::uint8_t, 2>) >= 3 * galvani::core::kRingCacheLine);
}
