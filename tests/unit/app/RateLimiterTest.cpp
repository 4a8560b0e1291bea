// SPDX-License-Identifier: GPL-3.0-or-later
// Rate limiting of repeated messages (protocol errors at line rate).
#include "app/logging/RateLimiter.h"
#include "LoggingTestSupport.h"
#include "app/logging/Logging.h"
#include "app/logging/LoggingSession.h"
#include "app/logging/RateLimitedLogger.h"
#include "support/FakeClock.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <string>

using galvani::app::Logging;
using galvani::app::LoggingSession;
using galvani::app::LogLevel;
using galvani::app::RateLimitedLogger;
using galvani::app::RateLimiter;
using galvani::test::FakeClock;
using namespace std::chrono_literals;

TEST_CASE("the rate limiter admits N per window and reports the suppressed count once", "[app][logging]")
{
    FakeClock clock;
    RateLimiter limiter(clock, 3, 1s);

    int admitted = 0;
    for (int i = 0; i < 10; ++i) {
        const auto verdict = limiter.admit("crc");
        if (verdict.admitted) {
            ++admitted;
            CHECK(verdict.suppressedBefore == 0);
        }
        clock.advance(10ms);
    }
    CHECK(admitted == 3);

    // Still inside the window (100 ms elapsed): suppressed.
    clock.advance(800ms);
    CHECK_FALSE(limiter.admit("crc").admitted);

    // The window opened at t=0 has ended: the next event is admitted and carries the 8 held back.
    clock.advance(100ms);
    const auto next = limiter.admit("crc");
    CHECK(next.admitted);
    CHECK(next.suppressedBefore == 8);

    // Reported once only.
    const auto again = limiter.admit("crc");
    CHECK(again.admitted);
    CHECK(again.suppressedBefore == 0);
    CHECK(limiter.takeSuppressed(true).empty());
}

TEST_CASE("the rate limiter keeps a separate budget per key", "[app][logging]")
{
    FakeClock clock;
    RateLimiter limiter(clock, 1, 1s);
    CHECK(limiter.admit("sm4.crc").admitted);
    CHECK(limiter.admit("sm4.length").admitted);
    CHECK_FALSE(limiter.admit("sm4.crc").admitted);
    CHECK_FALSE(limiter.admit("sm4.crc").admitted);
    CHECK_FALSE(limiter.admit("sm4.length").admitted);
    CHECK(limiter.trackedKeys() == 2);

    clock.advance(1s);
    CHECK(limiter.admit("sm4.crc").suppressedBefore == 2);
    CHECK(limiter.admit("sm4.length").suppressedBefore == 1);
}

TEST_CASE("suppressed counts of quiet keys can be collected", "[app][logging]")
{
    FakeClock clock;
    RateLimiter limiter(clock, 2, 1s);
    for (int i = 0; i < 5; ++i) {
        limiter.admit("a");
    }
    clock.advance(500ms);
    for (int i = 0; i < 4; ++i) {
        limiter.admit("b");
    }

    // At 0.5 s neither window has ended: nothing to report unless open windows are included.
    CHECK(limiter.takeSuppressed().empty());

    clock.advance(600ms); // "a" ended at 1.0 s; "b" runs until 1.5 s
    const auto ended = limiter.takeSuppressed();
    REQUIRE(ended.size() == 1);
    CHECK(ended[0].key == "a");
    CHECK(ended[0].count == 3);

    const auto all = limiter.takeSuppressed(true);
    REQUIRE(all.size() == 1);
    CHECK(all[0].key == "b");
    CHECK(all[0].count == 2);

    CHECK(limiter.takeSuppressed(true).empty());
    clock.advance(1s);
    CHECK(limiter.admit("a").suppressedBefore == 0); // already reported
}

TEST_CASE("the rate limiter bounds the number of keys it tracks", "[app][logging]")
{
    FakeClock clock;
    RateLimiter limiter(clock, 1, 1s, 4);
    for (int i = 0; i < 4; ++i) {
        CHECK(limiter.admit("key" + std::to_string(i)).admitted);
    }
    CHECK(limiter.trackedKeys() == 4);

    // All four windows are open: new keys share the overflow key and its single budget.
    CHECK(limiter.admit("key4").admitted);
    CHECK_FALSE(limiter.admit("key5").admitted);
    CHECK(limiter.trackedKeys() == 5);
    const auto pending = limiter.takeSuppressed(true);
    REQUIRE(pending.size() == 1);
    CHECK(pending[0].key == RateLimiter::kOverflowKey);
    CHECK(pending[0].count == 1);

    // Once the windows end, idle keys with nothing to report are forgotten to make room.
    clock.advance(2s);
    CHECK(limiter.admit("fresh").admitted);
    CHECK(limiter.trackedKeys() == 1);
}

TEST_CASE("the rate-limited logger writes a suppressed-messages line into the log", "[app][logging]")
{
    LoggingSession session(galvani::test::quietLoggingConfig(QString()));
    REQUIRE(session.ok());
    FakeClock clock;
    RateLimitedLogger logger("proto.sciencemode4", clock, 2, 1s);

    int logged = 0;
    for (int i = 0; i < 10; ++i) {
        if (logger.log("crc", LogLevel::Warn, "crc mismatch in frame " + std::to_string(i))) {
            ++logged;
        }
    }
    CHECK(logged == 2);
    clock.advance(1s);
    CHECK(logger.log("crc", LogLevel::Warn, "crc mismatch in frame 10"));

    const auto frame10 = galvani::test::waitForRingLine("crc mismatch in frame 10");
    REQUIRE(frame10.has_value());
    const auto summary = galvani::test::findRingLine(RateLimitedLogger::suppressedText("crc", 8));
    REQUIRE(summary.has_value());
    CHECK(summary->logger == "proto.sciencemode4");
    CHECK(summary->level == LogLevel::Warn);
    CHECK(summary->sequence + 1 == frame10->sequence); // right before the message it precedes
    CHECK(summary->text.find("suppressed 8 repeated messages for 'crc'") != std::string::npos);
    for (int i = 2; i < 10; ++i) {
        CHECK_FALSE(galvani::test::findRingLine("crc mismatch in frame " + std::to_string(i) + " ").has_value());
    }

    // Held-back messages of a key that went quiet are reported by reportSuppressed().
    logger.log("length", LogLevel::Error, "bad length 1");
    logger.log("length", LogLevel::Error, "bad length 2");
    logger.log("length", LogLevel::Error, "bad length 3");
    CHECK(logger.reportSuppressed() == 0); // window still open
    CHECK(logger.reportSuppressed(true) == 1);
    CHECK(galvani::test::waitForRingLine("suppressed 1 repeated message for 'length'").has_value());
    CHECK(logger.reportSuppressed(true) == 0);
}
