// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/transport/FaultInjectingTransport.h"
#include "device/transport/LoopbackTransport.h"
#include "support/WaitUntil.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <bit>
#include <chrono>
#include <vector>

using namespace std::chrono_literals;
using galvani::device::FaultInjectingTransport;
using galvani::device::LoopbackTransport;
using galvani::test::waitUntil;
using Direction = FaultInjectingTransport::Direction;

namespace {

struct Rig {
    std::unique_ptr<LoopbackTransport> a;
    std::unique_ptr<LoopbackTransport> b;
    std::unique_ptr<FaultInjectingTransport> faulty; // wraps a
    QByteArray atB; // what b received
    QByteArray atFaulty; // what the wrapper delivered upwards

    explicit Rig(std::uint64_t seed = 1)
    {
        auto pair = LoopbackTransport::createPair();
        a = std::move(pair.first);
        b = std::move(pair.second);
        faulty = std::make_unique<FaultInjectingTransport>(*a, seed);
        QObject::connect(b.get(), &LoopbackTransport::bytesReceived, [this](const QByteArray& x) { atB += x; });
        QObject::connect(
            faulty.get(), &FaultInjectingTransport::bytesReceived, [this](const QByteArray& x) { atFaulty += x; });
        REQUIRE(faulty->open(nullptr));
        REQUIRE(b->open(nullptr));
    }
};

QByteArray pattern(int n)
{
    QByteArray out;
    for (int i = 0; i < n; ++i) {
        out.append(static_cast<char>(i * 37 + 11));
    }
    return out;
}

} // namespace

TEST_CASE("a clean fault transport passes bytes through both ways", "[device][sim][transport]")
{
    Rig rig;
    const auto data = pattern(300);
    REQUIRE(rig.faulty->write(data));
    rig.b->write(data.left(10));
    REQUIRE(waitUntil([&] { return rig.atB.size() == 300 && rig.atFaulty.size() == 10; }));
    CHECK(rig.atB == data);
    CHECK(rig.atFaulty == data.left(10));
    CHECK(rig.faulty->stats().bytesIn == 310);
    CHECK(rig.faulty->description().startsWith(QStringLiteral("faults(")));
}

TEST_CASE("drop, corrupt and duplicate act per byte", "[device][sim][transport]")
{
    Rig rig;
    const auto data = pattern(200);
    SECTION("drop everything")
    {
        FaultInjectingTransport::Profile p;
        p.dropProbability = 1.0;
        rig.faulty->setProfile(Direction::Outbound, p);
        rig.faulty->write(data);
        rig.faulty->write(QByteArray(1, 'x'));
        rig.faulty->setProfile(Direction::Outbound, {});
        rig.faulty->write(QByteArray(1, 'y'));
        REQUIRE(waitUntil([&] { return !rig.atB.isEmpty(); }));
        CHECK(rig.atB == QByteArray(1, 'y'));
        CHECK(rig.faulty->stats().dropped == 201);
    }
    SECTION("corrupt flips exactly one bit of every byte")
    {
        FaultInjectingTransport::Profile p;
        p.corruptProbability = 1.0;
        rig.faulty->setProfile(Direction::Outbound, p);
        rig.faulty->write(data);
        REQUIRE(waitUntil([&] { return rig.atB.size() == data.size(); }));
        for (qsizetype i = 0; i < data.size(); ++i) {
            const auto diff = static_cast<unsigned char>(data[i] ^ rig.atB[i]);
            CHECK(std::popcount(static_cast<unsigned>(diff)) == 1);
        }
        CHECK(rig.faulty->stats().corrupted == 200);
    }
    SECTION("duplicate doubles every byte, inbound")
    {
        FaultInjectingTransport::Profile p;
        p.duplicateProbability = 1.0;
        rig.faulty->setProfile(Direction::Inbound, p);
        rig.b->write(QByteArrayLiteral("abc"));
        REQUIRE(waitUntil([&] { return rig.atFaulty.size() == 6; }));
        CHECK(rig.atFaulty == QByteArrayLiteral("aabbcc"));
    }
    SECTION("a small drop rate loses about that share")
    {
        FaultInjectingTransport::Profile p;
        p.dropProbability = 0.1;
        rig.faulty->setProfile(Direction::Outbound, p);
        for (int i = 0; i < 50; ++i) {
            rig.faulty->write(pattern(200));
        }
        REQUIRE(
            waitUntil([&] { return rig.atB.size() + static_cast<qsizetype>(rig.faulty->stats().dropped) == 10000; }));
        CHECK(rig.faulty->stats().dropped > 800);
        CHECK(rig.faulty->stats().dropped < 1200);
    }
}

TEST_CASE("delay and stall keep order and hold bytes back", "[device][sim][transport]")
{
    Rig rig;
    FaultInjectingTransport::Profile p;
    SECTION("delay")
    {
        p.delay = 120ms;
    }
    SECTION("stall")
    {
        p.stallProbability = 1.0;
        p.stallDuration = 120ms;
    }
    rig.faulty->setProfile(Direction::Outbound, p);
    const auto start = std::chrono::steady_clock::now();
    rig.faulty->write(QByteArrayLiteral("first,"));
    rig.faulty->write(QByteArrayLiteral("second"));
    CHECK_FALSE(waitUntil([&] { return !rig.atB.isEmpty(); }, 60ms));
    REQUIRE(waitUntil([&] { return rig.atB.size() == 12; }, 2000ms));
    CHECK(std::chrono::steady_clock::now() - start >= 115ms);
    CHECK(rig.atB == QByteArrayLiteral("first,second"));
}

TEST_CASE("the same seed damages the same bytes", "[device][sim][transport]")
{
    FaultInjectingTransport::Profile p;
    p.dropProbability = 0.05;
    p.corruptProbability = 0.05;
    p.duplicateProbability = 0.05;
    Rig one(1234);
    Rig two(1234);
    Rig other(99);
    for (Rig* r : {&one, &two, &other}) {
        r->faulty->setProfile(Direction::Outbound, p);
        r->faulty->write(pattern(1000));
    }
    REQUIRE(waitUntil([&] { return !one.atB.isEmpty() && !two.atB.isEmpty() && !other.atB.isEmpty(); }));
    CHECK(one.atB == two.atB);
    CHECK(one.atB != other.atB);
    CHECK(one.atB != pattern(1000));
}

TEST_CASE("closing drops what is held back and link loss is forwarded", "[device][sim][transport]")
{
    Rig rig;
    FaultInjectingTransport::Profile p;
    p.delay = 100ms;
    rig.faulty->setProfiles(p);
    rig.faulty->write(QByteArrayLiteral("late"));
    rig.faulty->close();
    CHECK_FALSE(rig.faulty->isOpen());
    CHECK_FALSE(rig.faulty->write(QByteArrayLiteral("x")));
    CHECK_FALSE(waitUntil([&] { return !rig.atB.isEmpty(); }, 200ms));

    Rig second;
    QString reason;
    QObject::connect(second.faulty.get(), &FaultInjectingTransport::linkLost, [&](const QString& r) { reason = r; });
    second.b->close();
    REQUIRE(waitUntil([&] { return !reason.isEmpty(); }));
    CHECK_FALSE(second.faulty->isOpen());
}

TEST_CASE("an owning fault transport deletes its inner transport", "[device][sim][transport]")
{
    auto pair = LoopbackTransport::createPair();
    QPointer<LoopbackTransport> watch(pair.first.get());
    {
        FaultInjectingTransport owning(std::unique_ptr<galvani::device::Transport>(pair.first.release()), 5);
        CHECK(owning.open(nullptr));
        CHECK(&owning.inner() == watch.data());
    }
    CHECK(watch.isNull());
}

TEST_CASE("truncate cuts a chunk's tail off", "[device][sim][transport]")
{
    Rig rig(7);
    FaultInjectingTransport::Profile p;
    p.truncateProbability = 1.0;
    rig.faulty->setProfile(Direction::Outbound, p);
    const auto data = pattern(100);
    for (int i = 0; i < 20; ++i) {
        rig.faulty->write(data);
    }
    const auto stats = rig.faulty->stats();
    CHECK(stats.truncated == 20);
    CHECK(stats.truncatedBytes >= 20); // at least the last byte of every chunk
    CHECK(stats.dropped == 0);
    const auto expected = 20 * data.size() - static_cast<qsizetype>(stats.truncatedBytes);
    REQUIRE(waitUntil([&] { return rig.atB.size() == expected; }));
    CHECK_FALSE(waitUntil([&] { return rig.atB.size() > expected; }, 50ms));
    // What is left of each chunk is a prefix of it: the damaged stream never holds a byte out of place.
    qsizetype at = 0;
    while (at < rig.atB.size()) {
        qsizetype n = 0;
        while (at + n < rig.atB.size() && n < data.size() && rig.atB[at + n] == data[n]) {
            ++n;
        }
        REQUIRE(n > 0);
        at += n;
    }

    SECTION("the same seed truncates the same chunks at the same bytes")
    {
        Rig again(7);
        again.faulty->setProfile(Direction::Outbound, p);
        for (int i = 0; i < 20; ++i) {
            again.faulty->write(data);
        }
        REQUIRE(waitUntil([&] { return again.atB.size() == expected; }));
        CHECK(again.atB == rig.atB);
    }
}

TEST_CASE("rechunk moves chunk boundaries and keeps every byte in order", "[device][sim][transport]")
{
    Rig rig(11);
    std::vector<QByteArray> chunks; // as delivered upwards
    QObject::connect(
        rig.faulty.get(), &FaultInjectingTransport::bytesReceived, [&](const QByteArray& x) { chunks.push_back(x); });
    FaultInjectingTransport::Profile p;
    p.rechunkProbability = 0.1;
    p.rechunkSpread = 2ms;
    rig.faulty->setProfile(Direction::Inbound, p);
    QByteArray sent;
    std::vector<qsizetype> boundaries; // where the peer's chunks end in the stream
    for (int i = 0; i < 50; ++i) {
        const auto chunk = pattern(20 + i % 7).mid(i % 5);
        rig.b->write(chunk);
        sent += chunk;
        boundaries.push_back(sent.size());
    }
    REQUIRE(waitUntil([&] { return rig.atFaulty.size() == sent.size(); }, 5000ms));
    CHECK(rig.atFaulty == sent);
    CHECK(rig.faulty->stats().rechunked > 0);
    CHECK(rig.faulty->stats().dropped == 0);
    // Some delivered chunk ends inside one of the peer's chunks (a split) and some delivered chunk spans the
    // end of one of them (a join).
    bool split = false;
    bool joined = false;
    qsizetype start = 0;
    for (const auto& c : chunks) {
        const auto end = start + c.size();
        split = split || std::find(boundaries.begin(), boundaries.end(), end) == boundaries.end();
        joined = joined
            || std::any_of(boundaries.begin(), boundaries.end(), [&](qsizetype b) { return b > start && b < end; });
        start = end;
    }
    CHECK(split);
    CHECK(joined);
}
