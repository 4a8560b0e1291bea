// SPDX-License-Identifier: GPL-3.0-or-later
// Hidden measurement (tag [.measure], not registered with ctest): how fast durable session events and per-second
// summaries are written on this backend with its real durability settings. Prints figures; checks only that every
// row arrived. Run: db_records_tests "[.measure]" -s   (or db_records_tests_pg with GALVANI_TEST_PG_URL set).
#include "ClinicalFixture.h"

#include "db/records/SessionLog.h"

#include <catch2/catch.hpp>

#include <QElapsedTimer>

#include <cstdio>

using namespace galvani::db::records;

TEST_CASE("durable event and summary write rates", "[.measure]")
{
    galvani::test::TestStore s;
    const auto f = galvani::test::populate(s);
    SessionLog log(s.ctx());
    constexpr int kEvents = 400;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < kEvents; ++i) {
        REQUIRE(log.appendEvent(f.openSessionId, NewEvent{EventKind::Amplitude, 1 + i % 8, 1000 + i, {}}).ok());
    }
    const double eventMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;

    constexpr int kSeconds = 60;
    timer.restart();
    for (int sec = 0; sec < kSeconds; ++sec) {
        QList<CurrentSummary> batch;
        for (int ch = 1; ch <= 8; ++ch) {
            batch.append(CurrentSummary{ch, sec, 20'000, 19'800, 20'010, 20'300, 100});
        }
        REQUIRE(log.appendCurrentSummaries(f.openSessionId, batch).ok());
    }
    const double summaryMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;

    CHECK(log.events(f.openSessionId)->size() == kEvents + 1);
    CHECK(log.currentSummaries(f.openSessionId)->size() == kSeconds * 8);
    std::printf("%s: %d durable events in %.1f ms (%.0f events/s, %.2f ms each); %d one-second batches of 8 channel "
                "summaries in %.1f ms (%.2f ms per batch)\n",
        s.dialect() == galvani::db::Dialect::Sqlite ? "SQLite WAL synchronous=FULL"
                                                    : "PostgreSQL synchronous_commit=on",
        kEvents, eventMs, kEvents / (eventMs / 1000.0), eventMs / kEvents, kSeconds, summaryMs, summaryMs / kSeconds);
}
