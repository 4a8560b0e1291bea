// SPDX-License-Identifier: GPL-3.0-or-later
// The simulator's transmit side on a FakeClock: every due time (a held-back reply, the switch gap, the
// order of frames) is a lower bound that a real device honours, so no frame may leave before it.
// The clock only moves when the test says so; a frame queued behind another pumps the queue, which
// shows what would be written at that instant without waiting on the queue's timer.

#include "device/sim/OutgoingQueue.h"
#include "support/FakeClock.h"
#include "support/ScriptedTransport.h"
#include "support/WaitUntil.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

using namespace std::chrono_literals;
using galvani::device::sim::OutgoingQueue;
namespace test = galvani::test;

namespace {

std::vector<std::uint8_t> frame(std::uint8_t marker)
{
    return {marker};
}

QByteArray written(std::uint8_t marker)
{
    return QByteArray(1, static_cast<char>(marker));
}

} // namespace

TEST_CASE("sim outgoing queue never writes a frame before its due time", "[device][sim]")
{
    test::FakeClock clock;
    clock.advance(1s); // away from the origin, so "due at 0" is unambiguous
    test::ScriptedTransport link;
    REQUIRE(link.open(nullptr));
    OutgoingQueue out(link, clock);

    SECTION("a reply held back until a given time (a low-level ack after its pulse)")
    {
        out.send(frame(1), OutgoingQueue::Kind::Reply);
        REQUIRE(link.writes().size() == 1); // nothing to wait for: written at once

        out.send(frame(2), OutgoingQueue::Kind::Reply, OutgoingQueue::Tag::None, clock.monotonic() + 300us);
        CHECK(link.writes().size() == 1);
        clock.advance(299us);
        out.send(frame(3), OutgoingQueue::Kind::Reply); // queued behind frame 2
        CHECK(link.writes().size() == 1);
        CHECK(out.pending() == 2);

        clock.advance(1us);
        REQUIRE(test::waitUntil([&] { return link.writes().size() == 3; }, 2000ms));
        CHECK(link.writes().at(1) == written(2));
        CHECK(link.writes().at(2) == written(3));
        CHECK(out.pending() == 0);
    }
    SECTION("the ack-delay fault holds every reply for the whole delay")
    {
        out.setReplyDelay(1ms);
        out.send(frame(1), OutgoingQueue::Kind::Reply);
        CHECK(link.writes().empty());
        clock.advance(999us);
        out.send(frame(2), OutgoingQueue::Kind::Reply);
        CHECK(link.writes().empty());

        clock.advance(1us);
        REQUIRE(test::waitUntil([&] { return !link.writes().empty(); }, 2000ms));
        CHECK(link.writes().front() == written(1));
        clock.advance(998us);
        out.send(frame(3), OutgoingQueue::Kind::Reply);
        CHECK(link.writes().size() == 1); // frame 2 is due 1 ms after it was queued, 1 µs from now
        clock.advance(1us);
        REQUIRE(test::waitUntil([&] { return link.writes().size() == 2; }, 2000ms));
        CHECK(link.writes().back() == written(2));
    }
    SECTION("a reply keeps the switch gap after an unsolicited frame")
    {
        out.setSwitchGap(5ms);
        out.send(frame(1), OutgoingQueue::Kind::Unsolicited);
        REQUIRE(link.writes().size() == 1);
        clock.advance(4600us);
        out.send(frame(2), OutgoingQueue::Kind::Reply);
        CHECK(link.writes().size() == 1);
        clock.advance(399us);
        out.send(frame(3), OutgoingQueue::Kind::Reply); // same kind as frame 2: no further gap
        CHECK(link.writes().size() == 1);

        clock.advance(1us);
        REQUIRE(test::waitUntil([&] { return link.writes().size() == 3; }, 2000ms));
        CHECK(link.writes().at(1) == written(2));
        CHECK(link.writes().at(2) == written(3));
    }
}

TEST_CASE("sim outgoing queue writes every frame that is due in one go", "[device][sim]")
{
    test::FakeClock clock;
    clock.advance(1s);
    test::ScriptedTransport link;
    REQUIRE(link.open(nullptr));
    OutgoingQueue out(link, clock);

    const auto due = clock.monotonic() + 2ms;
    out.send(frame(1), OutgoingQueue::Kind::Reply, OutgoingQueue::Tag::None, due);
    out.send(frame(2), OutgoingQueue::Kind::Reply, OutgoingQueue::Tag::None, due);
    out.send(frame(3), OutgoingQueue::Kind::Reply);
    CHECK(link.writes().empty());
    clock.advance(2ms);
    // The frames behind the first are not held for another timer round: they leave with it.
    REQUIRE(test::waitUntil([&] { return !link.writes().empty(); }, 2000ms));
    CHECK(link.writes() == QList<QByteArray>{written(1), written(2), written(3)});
    CHECK(out.framesWritten() == 3);
}
