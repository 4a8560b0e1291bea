// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/transport/LoopbackTransport.h"
#include "support/WaitUntil.h"

#include <catch2/catch.hpp>

#include <QCoreApplication>
#include <QThread>

using galvani::device::LoopbackTransport;
using galvani::test::waitUntil;

TEST_CASE("loopback delivers bytes in order to the other end only", "[device]")
{
    auto [host, dev] = LoopbackTransport::createPair();
    REQUIRE(host->open(nullptr));
    REQUIRE(dev->open(nullptr));
    QByteArray atDevice;
    QByteArray atHost;
    QObject::connect(dev.get(), &LoopbackTransport::bytesReceived, [&](const QByteArray& b) { atDevice += b; });
    QObject::connect(host.get(), &LoopbackTransport::bytesReceived, [&](const QByteArray& b) { atHost += b; });

    REQUIRE(host->write(QByteArray("\xF0\x81", 2)));
    REQUIRE(host->write(QByteArray("\x0F", 1)));
    REQUIRE(dev->write(QByteArray("ack")));
    CHECK(atDevice.isEmpty()); // delivery is queued, never re-entrant
    REQUIRE(waitUntil([&] { return atDevice.size() == 3 && atHost.size() == 3; }));
    CHECK(atDevice == QByteArray("\xF0\x81\x0F", 3));
    CHECK(atHost == QByteArray("ack"));
}

TEST_CASE("closing one end is link loss at the other, and writes on a closed end fail", "[device]")
{
    auto [host, dev] = LoopbackTransport::createPair();
    REQUIRE(host->open(nullptr));
    REQUIRE(dev->open(nullptr));
    QString reason;
    int losses = 0;
    QObject::connect(host.get(), &LoopbackTransport::linkLost, [&](const QString& r) {
        reason = r;
        ++losses;
    });
    dev->close();
    CHECK_FALSE(dev->write(QByteArray("x")));
    REQUIRE(waitUntil([&] { return losses == 1; }));
    CHECK(reason == QStringLiteral("peer closed the link"));
    CHECK_FALSE(host->isOpen());
    CHECK_FALSE(host->write(QByteArray("x")));
    dev->close(); // idempotent: no second loss
    QCoreApplication::processEvents();
    CHECK(losses == 1);
}

TEST_CASE("destroying an end is link loss at the other, and reopening needs a live peer", "[device]")
{
    auto [host, dev] = LoopbackTransport::createPair();
    REQUIRE(host->open(nullptr));
    REQUIRE(dev->open(nullptr));
    bool lost = false;
    QObject::connect(host.get(), &LoopbackTransport::linkLost, [&] { lost = true; });
    dev.reset();
    REQUIRE(waitUntil([&] { return lost; }));
    QString error;
    CHECK_FALSE(host->open(&error));
    CHECK(error.contains(QStringLiteral("peer")));
}

TEST_CASE("the two ends may live in different threads", "[device][threading]")
{
    auto [host, dev] = LoopbackTransport::createPair();
    QThread deviceThread;
    dev->moveToThread(&deviceThread);
    // The device end echoes everything back, from its own thread.
    QObject::connect(
        dev.get(), &LoopbackTransport::bytesReceived, dev.get(), [d = dev.get()](const QByteArray& b) { d->write(b); });
    deviceThread.start();
    QMetaObject::invokeMethod(
        dev.get(), [d = dev.get()] { d->open(nullptr); }, Qt::BlockingQueuedConnection);
    REQUIRE(host->open(nullptr));

    QByteArray echoed;
    QObject::connect(host.get(), &LoopbackTransport::bytesReceived, [&](const QByteArray& b) { echoed += b; });
    QByteArray sent;
    for (int i = 0; i < 1000; ++i) {
        const QByteArray chunk = QByteArray::number(i) + ',';
        sent += chunk;
        REQUIRE(host->write(chunk));
    }
    REQUIRE(waitUntil([&] { return echoed.size() == sent.size(); }));
    CHECK(echoed == sent);

    QMetaObject::invokeMethod(
        dev.get(), [d = dev.get()] { d->close(); }, Qt::BlockingQueuedConnection);
    deviceThread.quit();
    deviceThread.wait();
}
