// SPDX-License-Identifier: GPL-3.0-or-later
// The link faults the battery adds to the proxy (truncate, rechunk) as galvani-sim command-line faults: the
// executable takes them, applies them on its pseudo-terminal, and a host on QSerialPort (DeviceService) still runs
// a session through them with every command applied as sent.
#include "LinkFaultRig.h"

#include "core/safety/SafetyGuard.h"
#include "support/WaitUntil.h"

#include <catch2/catch.hpp>

#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

using namespace std::chrono_literals;
using galvani::device::DeviceState;

namespace galvani::test::linkfaults {

TEST_CASE("galvani-sim applies truncate and rechunk from its command line under a QSerialPort host",
    "[reliability][linkfaults]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString link = dir.filePath(QStringLiteral("stimulator"));
    QProcess sim;
    QString log;
    QObject::connect(
        &sim, &QProcess::readyReadStandardError, [&] { log += QString::fromLocal8Bit(sim.readAllStandardError()); });
    sim.start(QStringLiteral(GALVANI_SIM_EXE),
        {QStringLiteral("--protocol"), QStringLiteral("sciencemode4"), QStringLiteral("--seed"), QStringLiteral("7"),
            QStringLiteral("--fault"), QStringLiteral("truncate:3%"), QStringLiteral("--fault"),
            QStringLiteral("rechunk:0.2:2"), QStringLiteral("--pty-link"), link});
    REQUIRE(sim.waitForStarted(5000));
    REQUIRE(waitUntil([&] { return QFileInfo::exists(link); }, 5000ms));
    // Both faults are in force from the start (the log arrives in pieces: wait for both lines).
    CHECK(waitUntil(
        [&] {
            return log.contains(QStringLiteral("fault injected: truncate:0.03"))
                && log.contains(QStringLiteral("fault injected: rechunk:0.2:2"));
        },
        3000ms));

    auto address = device::parseDeviceAddress("serial:" + link.toStdString() + "?protocol=sciencemode4&level=mid");
    REQUIRE(std::holds_alternative<device::DeviceAddress>(address));
    const auto limits = limitsFor(std::get<device::DeviceAddress>(address));
    std::string why;
    auto running = programFor(limits, 8.0, 40.0, &why);
    INFO(why);
    REQUIRE(running);
    {
        Host host(std::get<device::DeviceAddress>(address));
        int starts = 0;
        int acknowledged = 0;
        std::int64_t amplitude = 8000;
        for (int step = 0; step < 60; ++step) {
            INFO("step " << step << "; galvani-sim log: " << log.right(2000).toStdString());
            REQUIRE(starts <= 10);
            REQUIRE(host.bringToStimulating(*running, 40, &starts));
            amplitude += step % 20 < 10 ? 500 : -500;
            const auto verdict
                = core::safety::SafetyGuard::validateAmplitudeChange(*running, 1, core::Microamps(amplitude), limits);
            REQUIRE(verdict.accepted());
            host.service().setAmplitude(*verdict.command());
            running = *verdict.program();
            REQUIRE(waitUntil(
                [&] { return host.lastCommanded() == amplitude || host.state() != DeviceState::Stimulating; }, 5000ms));
            acknowledged += host.lastCommanded() == amplitude ? 1 : 0;
        }
        CHECK(acknowledged >= 50);
        host.service().stop();
        REQUIRE(
            waitUntil([&] { return host.state() == DeviceState::Idle || host.state() == DeviceState::Fault; }, 3000ms));
    }
    // The executable's oracle stays clean: nothing it refused as out of its limits.
    CHECK_FALSE(log.contains(QStringLiteral("oracle:")));
    sim.terminate();
    REQUIRE(sim.waitForFinished(5000));
    CHECK(sim.exitCode() == 0);
}

} // namespace galvani::test::linkfaults
