// SPDX-License-Identifier: GPL-3.0-or-later
// Two-thread stress tests of SpscRing. Registered with the `threading` label so CI also runs them under
// ThreadSanitizer, which checks the acquire/release pairing the ring relies on.
#include "core/ring/SpscRing.h"

#include <catch2/catch.hpp>

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <thread>
#include <vector>

namespace {

using galvani::core::SpscRing;

struct Sample {
    std::uint64_t sequence = 0;
    std::uint64_t payload[3] = {0, 0, 0};
};

constexpr std::uint64_t kItems = 2'000'000;

Sample makeSample(std::uint64_t sequence)
{
    Sample s;
    s.sequence = sequence;
    s.payload[0] = sequence * 0x9E3779B97F4A7C15ULL;
    s.payload[1] = ~sequence;
    s.payload[2] = sequence + 12345;
    return s;
}

bool isIntact(const Sample& s)
{
    return s.payload[0] == s.sequence * 0x9E3779B97F4A7C15ULL && s.payload[1] == ~s.sequence
        && s.payload[2] == s.sequence + 12345;
}

// What the consumer saw; checked on the test thread after join so a failure never races a Catch macro.
struct ConsumerReport {
    std::uint64_t received = 0;
    std::uint64_t orderViolations = 0;
    std::uint64_t tornValues = 0;
    std::uint64_t firstBadSequence = 0;
    std::uint64_t lastSequence = 0;
};

// Consumer loop: alternates single pops and bulk pops so both paths run against a live producer.
template <std::size_t N>
ConsumerReport consume(SpscRing<Sample, N>& ring, const std::atomic<bool>& producerDone)
{
    ConsumerReport report;
    bool haveLast = false;
    std::array<Sample, 37> batch{}; // deliberately not a divisor of the capacity
    auto accept = [&](const Sample& s) {
        if (!isIntact(s)) {
            ++report.tornValues;
        }
        if (haveLast && s.sequence <= report.lastSequence) {
            if (report.orderViolations == 0) {
                report.firstBadSequence = s.sequence;
            }
            ++report.orderViolations;
        }
        report.lastSequence = s.sequence;
        haveLast = true;
        ++report.received;
    };
    std::uint64_t iteration = 0;
    for (;;) {
        // Read the flag BEFORE draining: if it was already set, everything pushed is in the ring now, so an
        // empty drain afterwards means the run is over.
        const bool done = producerDone.load(std::memory_order_acquire);
        std::size_t got = 0;
        if (++iteration % 2 == 0) {
            Sample s;
            while (ring.tryPop(s)) {
                accept(s);
                ++got;
            }
        } else {
            std::size_t n = 0;
            while ((n = ring.popInto(batch)) != 0) {
                for (std::size_t i = 0; i < n; ++i) {
                    accept(batch[i]);
                }
                got += n;
            }
        }
        if (done && got == 0) {
            return report;
        }
        if (got == 0) {
            std::this_thread::yield();
        }
    }
}

} // namespace

TEST_CASE("ring under two threads: drops are counted and the consumer sees an increasing subsequence",
    "[core][ring][threading]")
{
    // A small ring and a consumer that yields when idle make overruns certain on any machine.
    auto ring = std::make_unique<SpscRing<Sample, 256>>();
    std::atomic<bool> producerDone{false};
    std::uint64_t accepted = 0;

    ConsumerReport report;
    std::thread consumer([&] { report = consume(*ring, producerDone); });
    std::thread producer([&] {
        for (std::uint64_t i = 0; i < kItems; ++i) {
            if (ring->tryPush(makeSample(i))) {
                ++accepted;
            }
        }
        producerDone.store(true, std::memory_order_release);
    });
    producer.join();
    consumer.join();

    CHECK(report.tornValues == 0);
    CHECK(report.orderViolations == 0);
    INFO("first out-of-order sequence " << report.firstBadSequence);
    CHECK(report.received == accepted);
    CHECK(report.received + ring->overruns() == kItems);
    CHECK(report.received > 0);
    CHECK(ring->empty());
}

TEST_CASE("ring under two threads: a producer that retries delivers every value exactly once in order",
    "[core][ring][threading]")
{
    auto ring = std::make_unique<SpscRing<Sample, 1024>>();
    std::atomic<bool> producerDone{false};
    std::uint64_t failedPushes = 0;

    ConsumerReport report;
    std::thread consumer([&] { report = consume(*ring, producerDone); });
    std::thread producer([&] {
        for (std::uint64_t i = 0; i < kItems; ++i) {
            while (!ring->tryPush(makeSample(i))) {
                ++failedPushes;
                std::this_thread::yield();
            }
        }
        producerDone.store(true, std::memory_order_release);
    });
    producer.join();
    consumer.join();

    // Strictly increasing and kItems of them in [0, kItems) means every sequence arrived exactly once.
    CHECK(report.tornValues == 0);
    CHECK(report.orderViolations == 0);
    CHECK(report.received == kItems);
    CHECK(report.lastSequence == kItems - 1);
    CHECK(ring->overruns() == failedPushes);
}

TEST_CASE("ring overrun counter can be read by the consumer while the producer runs", "[core][ring][threading]")
{
    auto ring = std::make_unique<SpscRing<std::uint64_t, 64>>();
    std::atomic<bool> producerDone{false};
    constexpr std::uint64_t kPushes = 1'000'000;

    std::thread producer([&] {
        for (std::uint64_t i = 0; i < kPushes; ++i) {
            ring->tryPush(i);
        }
        producerDone.store(true, std::memory_order_release);
    });

    // The consumer samples the counter as it drains: it must never go backwards.
    std::uint64_t lastSeen = 0;
    std::uint64_t decreases = 0;
    std::uint64_t received = 0;
    std::array<std::uint64_t, 16> buffer{};
    for (;;) {
        const bool done = producerDone.load(std::memory_order_acquire);
        const std::uint64_t seen = ring->overruns();
        if (seen < lastSeen) {
            ++decreases;
        }
        lastSeen = seen;
        const std::size_t n = ring->popInto(buffer);
        received += n;
        if (done && n == 0 && ring->empty()) {
            break;
        }
        if (n == 0) {
            std::this_thread::yield();
        }
    }
    producer.join();

    CHECK(decreases == 0);
    CHECK(received + ring->overruns() == kPushes);
}
