// SPDX-License-Identifier: GPL-3.0-or-later
// Throughput of SpscRing: prints items per second for push and pop on one thread, and for a producer and a
// consumer on two threads (single pops and bulk pops). Figures only; never fails on time.
// Usage: bench_ring [items]   (default 20'000'000)
#include "core/ring/SpscRing.h"

#include "bench/support/Figure.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <thread>

namespace {

using galvani::core::SpscRing;
using Clock = std::chrono::steady_clock;

// Roughly the size of one telemetry sample: time stamp, channel, commanded and delivered current.
struct Sample {
    std::int64_t timestampNs = 0;
    std::int32_t channel = 0;
    std::int32_t flags = 0;
    std::int64_t commandedMicroamps = 0;
    std::int64_t deliveredMicroamps = 0;
};

constexpr std::size_t kCapacity = 4096;
using Ring = SpscRing<Sample, kCapacity>;

double perSecond(std::uint64_t items, Clock::duration elapsed)
{
    const double seconds = std::chrono::duration<double>(elapsed).count();
    return seconds > 0.0 ? static_cast<double>(items) / seconds : 0.0;
}

// Keeps the optimiser from discarding the values the consumer reads.
std::atomic<std::int64_t> g_sink{0};

void singleThread(std::uint64_t items)
{
    auto ring = std::make_unique<Ring>();
    Clock::duration pushTime{};
    Clock::duration popTime{};
    std::int64_t checksum = 0;
    std::uint64_t done = 0;
    while (done < items) {
        const std::uint64_t batch = std::min<std::uint64_t>(kCapacity, items - done);
        const auto t0 = Clock::now();
        for (std::uint64_t i = 0; i < batch; ++i) {
            Sample s;
            s.timestampNs = static_cast<std::int64_t>(done + i);
            ring->tryPush(s);
        }
        const auto t1 = Clock::now();
        Sample out;
        while (ring->tryPop(out)) {
            checksum += out.timestampNs;
        }
        const auto t2 = Clock::now();
        pushTime += t1 - t0;
        popTime += t2 - t1;
        done += batch;
    }
    g_sink.fetch_add(checksum, std::memory_order_relaxed);
    std::printf("single thread  push   %8.1f M items/s\n", perSecond(items, pushTime) / 1e6);
    std::printf("single thread  pop    %8.1f M items/s\n", perSecond(items, popTime) / 1e6);
}

// Producer retries on full so every item crosses; reports the end-to-end rate and how often it found the
// ring full (a measure of how far the consumer lagged).
void twoThreads(std::uint64_t items, bool bulk)
{
    auto ring = std::make_unique<Ring>();
    std::atomic<bool> start{false};
    std::uint64_t received = 0;
    std::int64_t checksum = 0;

    std::thread consumer([&] {
        std::array<Sample, 256> batch{};
        while (!start.load(std::memory_order_acquire)) {
            std::this_thread::yield();
        }
        while (received < items) {
            if (bulk) {
                const std::size_t n = ring->popInto(batch);
                for (std::size_t i = 0; i < n; ++i) {
                    checksum += batch[i].timestampNs;
                }
                received += n;
                if (n == 0) {
                    std::this_thread::yield();
                }
            } else {
                Sample s;
                if (ring->tryPop(s)) {
                    checksum += s.timestampNs;
                    ++received;
                } else {
                    std::this_thread::yield();
                }
            }
        }
    });

    const auto t0 = Clock::now();
    start.store(true, std::memory_order_release);
    for (std::uint64_t i = 0; i < items; ++i) {
        Sample s;
        s.timestampNs = static_cast<std::int64_t>(i);
        // Yielding rather than spinning matters on a loaded machine with fewer cores than busy threads.
        while (!ring->tryPush(s)) {
            std::this_thread::yield();
        }
    }
    consumer.join();
    const auto elapsed = Clock::now() - t0;
    g_sink.fetch_add(checksum, std::memory_order_relaxed);
    std::printf("two threads    %-6s %8.1f M items/s  (ring full %llu times)\n", bulk ? "bulk" : "single",
        perSecond(items, elapsed) / 1e6, static_cast<unsigned long long>(ring->overruns()));
    // 8 channels x 1000 samples/s is what the device thread hands the GUI thread at most.
    galvani::bench::figure("Telemetry ring",
        galvani::bench::format("device thread to GUI thread, %s pop", bulk ? "bulk" : "single"),
        galvani::bench::format("%.1f M samples/s", perSecond(items, elapsed) / 1e6),
        galvani::bench::format("%.0fx 8 channels x 1000 samples/s; ring full %llu times, n=%llu",
            perSecond(items, elapsed) / 8000.0, static_cast<unsigned long long>(ring->overruns()),
            static_cast<unsigned long long>(items)));
}

} // namespace

int main(int argc, char* argv[])
{
    std::uint64_t items = 20'000'000;
    if (argc > 1) {
        const long long requested = std::atoll(argv[1]);
        if (requested > 0) {
            items = static_cast<std::uint64_t>(requested);
        }
    }
    std::printf("SpscRing<%zu-byte sample, %zu>, %llu items, %u hardware threads\n", sizeof(Sample), kCapacity,
        static_cast<unsigned long long>(items), std::thread::hardware_concurrency());
    singleThread(items);
    twoThreads(items, false);
    twoThreads(items, true);
    return 0;
}
