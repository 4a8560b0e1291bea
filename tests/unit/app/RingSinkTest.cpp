// SPDX-License-Identifier: GPL-3.0-or-later
// The in-memory ring sink on its own, driven by a synchronous logger.
#include "app/logging/RingSink.h"

#include <catch2/catch.hpp>
#include <spdlog/logger.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using galvani::app::LogLevel;
using galvani::app::RingSink;

namespace {

std::shared_ptr<spdlog::logger> loggerWith(const std::shared_ptr<RingSink>& sink)
{
    auto logger = std::make_shared<spdlog::logger>("ringtest", sink);
    logger->set_level(spdlog::level::trace);
    return logger;
}

} // namespace

TEST_CASE("the ring sink keeps formatted lines without line breaks", "[app][logging]")
{
    auto sink = std::make_shared<RingSink>(10);
    sink->set_pattern("[%l] [%n] %v");
    auto logger = loggerWith(sink);
    logger->error("disk {} full", "C");

    const auto lines = sink->snapshot();
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].text == "[error] [ringtest] disk C full");
    CHECK(lines[0].logger == "ringtest");
    CHECK(lines[0].level == LogLevel::Error);
    CHECK(lines[0].sequence == 1);
    CHECK(sink->lastSequence() == 1);
}

TEST_CASE("the ring sink is bounded and evicts the oldest lines", "[app][logging]")
{
    auto sink = std::make_shared<RingSink>(4);
    sink->set_pattern("%v");
    auto logger = loggerWith(sink);
    for (int i = 1; i <= 10; ++i) {
        logger->info("line {}", i);
    }
    const auto lines = sink->snapshot();
    REQUIRE(lines.size() == 4);
    CHECK(lines.front().text == "line 7");
    CHECK(lines.back().text == "line 10");
    CHECK(lines.back().sequence == 10);
    CHECK(sink->evicted() == 6);

    CHECK(sink->snapshot(8).size() == 2);
    CHECK(sink->snapshot(2).size() == 4); // older than the ring holds: everything it has
    CHECK(sink->snapshot(10).empty());
    CHECK(sink->snapshot(99).empty());

    CHECK(RingSink(0).capacity() == 1);
}

TEST_CASE("the ring sink can be read while several threads log into it", "[app][logging]")
{
    auto sink = std::make_shared<RingSink>(64);
    sink->set_pattern("%v");
    auto logger = loggerWith(sink);
    constexpr int kPerThread = 2000;
    std::atomic<bool> stop{false};
    std::uint64_t readerProblems = 0;

    std::thread reader([&] {
        while (!stop.load()) {
            const auto lines = sink->snapshot();
            for (std::size_t i = 1; i < lines.size(); ++i) {
                if (lines[i].sequence != lines[i - 1].sequence + 1) {
                    ++readerProblems;
                }
            }
            if (lines.size() > 64) {
                ++readerProblems;
            }
        }
    });
    std::vector<std::thread> writers;
    for (int w = 0; w < 3; ++w) {
        writers.emplace_back([&logger, w] {
            for (int i = 0; i < kPerThread; ++i) {
                logger->info("w{} {}", w, i);
            }
        });
    }
    for (auto& t : writers) {
        t.join();
    }
    stop.store(true);
    reader.join();

    CHECK(readerProblems == 0);
    CHECK(sink->lastSequence() == 3 * kPerThread);
    CHECK(sink->evicted() == 3 * kPerThread - 64);
    CHECK(sink->snapshot().size() == 64);
}
