// SPDX-License-Identifier: GPL-3.0-or-later
// galvani-cli calibrate / calibration list|status|policy against the simulated stimulator.
#include "CalibrationCli.h"

#include "support/WaitUntil.h"

#include <catch2/catch.hpp>

#include <QRegularExpression>

#include <cmath>

using namespace galvani;

namespace {

const QString kSerial = QStringLiteral("GSIM-0001");
const QString kInstrument = QStringLiteral("Fluke 87V:FL-1234:2099-12-31");

QStringList calibrateArgs(
    const QString& device, const QString& channels, const QString& technician = QStringLiteral("tech"))
{
    return {QStringLiteral("calibrate"), QStringLiteral("--device"), device, QStringLiteral("--channels"), channels,
        QStringLiteral("--load-ohms"), QStringLiteral("500"), QStringLiteral("--technician"), technician,
        QStringLiteral("--instrument"), kInstrument};
}

QStringList statusArgs(const QString& channels, const QString& user = QStringLiteral("thera"))
{
    return {QStringLiteral("calibration"), QStringLiteral("status"), QStringLiteral("--device-serial"), kSerial,
        QStringLiteral("--channels"), channels, QStringLiteral("--user"), user};
}

// The line "channel N\t<state>\t<usable|LOCKED>..." of `calibration status`.
QString statusLine(const QString& out, int channel)
{
    for (const QString& line : out.split(QLatin1Char('\n'))) {
        if (line.startsWith(QStringLiteral("channel %1\t").arg(channel))) {
            return line;
        }
    }
    return QString();
}

double fittedGain(const QString& out, int channel)
{
    const QRegularExpression re(QStringLiteral("channel %1: PASSED  gain ([0-9.]+)").arg(channel));
    const auto m = re.match(out);
    REQUIRE(m.hasMatch());
    return m.captured(1).toDouble();
}

} // namespace

TEST_CASE(
    "calibrate finds an 8 percent gain error, passes after correction and prints every point", "[calibration][cli]")
{
    test::CalibrationCli cli;
    const auto r
        = cli.run(calibrateArgs(QStringLiteral("sim:sciencemode4?channels=8&gain-error=2:+8%"), QStringLiteral("1-2")));
    INFO(r.out.toStdString() << r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.contains(QStringLiteral("device GSIM-0001")));
    CHECK(r.out.contains(QStringLiteral("self-test passed")));
    CHECK(r.out.contains(QStringLiteral("channel  phase     set mA  command mA  measured mA")));
    CHECK(r.out.count(QStringLiteral("as found")) == 6);
    CHECK(r.out.count(QStringLiteral("as left")) == 6);
    CHECK(std::fabs(fittedGain(r.out, 2) - 1.08) / 1.08 <= 0.005);
    CHECK(std::fabs(fittedGain(r.out, 1) - 1.0) <= 0.005);
    CHECK(r.out.contains(QStringLiteral("result: 2 of 2 channels passed")));

    const auto status = cli.run(statusArgs(QStringLiteral("1-3")));
    INFO(status.out.toStdString() << status.err.toStdString());
    REQUIRE(status.exitCode == 0);
    CHECK(statusLine(status.out, 2).contains(QStringLiteral("\tvalid\tusable\trecord #")));
    CHECK(statusLine(status.out, 2).contains(QStringLiteral("gain 1.0")));
    CHECK(statusLine(status.out, 3).contains(QStringLiteral("\tnone\tusable")));
    CHECK(statusLine(status.out, 3).contains(QStringLiteral("factory calibration")));

    const auto list = cli.run(
        {QStringLiteral("calibration"), QStringLiteral("list"), QStringLiteral("--user"), QStringLiteral("admin")});
    REQUIRE(list.exitCode == 0);
    CHECK(list.out.count(QStringLiteral("\tpassed\t")) == 2);
    CHECK(list.out.count(QStringLiteral("\tincomplete\t")) == 2); // the start marker of each channel
}

TEST_CASE("calibrate fails a channel with a 15 percent gain error and locks it", "[calibration][cli]")
{
    test::CalibrationCli cli;
    const auto r
        = cli.run(calibrateArgs(QStringLiteral("sim:sciencemode4?channels=8&gain-error=3:+15%"), QStringLiteral("3")));
    INFO(r.out.toStdString() << r.err.toStdString());
    CHECK(r.exitCode == 1);
    CHECK(r.out.contains(QStringLiteral("channel 3: FAILED")));
    CHECK(r.out.contains(QStringLiteral("reason: ")));
    CHECK(r.out.contains(QStringLiteral("result: 0 of 1 channels passed")));
    const auto status = cli.run(statusArgs(QStringLiteral("3")));
    REQUIRE(status.exitCode == 0);
    CHECK(statusLine(status.out, 3).contains(QStringLiteral("\tfailed\tLOCKED")));
}

TEST_CASE("calibrate --manual reads the meter readings from stdin after the password", "[calibration][cli]")
{
    test::CalibrationCli cli;
    auto args = calibrateArgs(QStringLiteral("sim:sciencemode4?channels=8&level=mid"), QStringLiteral("1"));
    args << QStringLiteral("--manual");
    // A channel 5 % hot: as found at 10, 25, 50 mA; as left the corrected commands 9.5, 24, 47.5 mA. One line is
    // not a number and is asked again; the first as-left line also gives width and rate.
    const QString input = QString::fromLatin1(test::CalibrationCli::kPassword)
        + QStringLiteral("\n10.5\nten\n26.25\n52.5\n9.975 201 99.5\n25.2\n49.875\n");
    const auto r = cli.run(args, input, /*passwordOnStdin=*/true);
    INFO(r.out.toStdString() << r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.count(QStringLiteral("Enter the meter reading in mA")) == 7);
    CHECK(r.err.contains(QStringLiteral("'ten' is not a reading")));
    CHECK(r.out.contains(QStringLiteral("(device command 9.500 mA)")));
    CHECK(std::fabs(fittedGain(r.out, 1) - 1.05) <= 1e-4);
    CHECK(r.out.contains(QStringLiteral("meter")));
}

TEST_CASE("calibrate signs in as the technician and refuses anyone else", "[calibration][cli][access]")
{
    test::CalibrationCli cli;
    auto mismatch = calibrateArgs(QStringLiteral("sim:sciencemode4"), QStringLiteral("1"));
    mismatch << QStringLiteral("--user") << QStringLiteral("thera");
    const auto differ = cli.run(mismatch);
    CHECK(differ.exitCode == 2);
    CHECK(differ.err.contains(QStringLiteral("differ")));

    const auto therapist
        = cli.run(calibrateArgs(QStringLiteral("sim:sciencemode4"), QStringLiteral("1"), QStringLiteral("thera")));
    CHECK(therapist.exitCode == 1);
    CHECK(therapist.err.contains(QStringLiteral("not allowed to calibrate")));

    const auto admin = cli.run({QStringLiteral("calibration"), QStringLiteral("policy"),
        QStringLiteral("--require-record"), QStringLiteral("on"), QStringLiteral("--reason"), QStringLiteral("insurer"),
        QStringLiteral("--user"), QStringLiteral("tech")});
    CHECK(admin.exitCode == 1);
    const auto policy = cli.run({QStringLiteral("calibration"), QStringLiteral("policy"),
        QStringLiteral("--require-record"), QStringLiteral("on"), QStringLiteral("--reason"), QStringLiteral("insurer"),
        QStringLiteral("--user"), QStringLiteral("admin")});
    INFO(policy.err.toStdString());
    CHECK(policy.exitCode == 0);
    CHECK(policy.out.contains(QStringLiteral("require a calibration record: on")));
    const auto status = cli.run(statusArgs(QStringLiteral("1")));
    CHECK(statusLine(status.out, 1).contains(QStringLiteral("\tnone\tLOCKED")));

    auto lapsed = calibrateArgs(QStringLiteral("sim:sciencemode4"), QStringLiteral("1"));
    lapsed.replace(lapsed.indexOf(kInstrument), QStringLiteral("Fluke 87V:FL-1234:2001-01-01"));
    const auto old = cli.run(lapsed);
    CHECK(old.exitCode == 2);
    CHECK(old.err.contains(QStringLiteral("lapsed")));
    const auto badChannels = cli.run(calibrateArgs(QStringLiteral("sim:sciencemode4"), QStringLiteral("0-9")));
    CHECK(badChannels.exitCode == 2);
    CHECK(badChannels.err.contains(QStringLiteral("--channels")));

    const auto audit = cli.run(
        {QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--user"), QStringLiteral("admin")});
    INFO(audit.out.toStdString() << audit.err.toStdString());
    CHECK(audit.exitCode == 0);
}

TEST_CASE("calibrate killed with SIGKILL mid-channel leaves only an incomplete record", "[calibration][cli][crash]")
{
    test::CalibrationCli cli;
    // A passing calibration first: the interrupted one must not replace it.
    const auto first = cli.run(calibrateArgs(QStringLiteral("sim:sciencemode4?channels=8"), QStringLiteral("1")));
    REQUIRE(first.exitCode == 0);
    const auto before = cli.run(statusArgs(QStringLiteral("1")));
    const QString stateBefore = statusLine(before.out, 1);
    REQUIRE(stateBefore.contains(QStringLiteral("\tvalid\tusable")));

    for (int round = 0; round < 3; ++round) {
        // A healthy channel (4 % hot): only the kill stops it from passing.
        auto process = cli.start(
            calibrateArgs(QStringLiteral("sim:sciencemode4?channels=8&gain-error=1:+4%"), QStringLiteral("1")));
        QString out;
        // Killed once the channel's first point is measured: its "incomplete" record is written by then.
        REQUIRE(test::waitUntil(
            [&] {
                out += QString::fromUtf8(process->readAllStandardOutput());
                return out.contains(QStringLiteral("as found")) || process->state() == QProcess::NotRunning;
            },
            std::chrono::seconds(60)));
        REQUIRE(process->state() == QProcess::Running);
        process->kill();
        REQUIRE(process->waitForFinished(10'000));
        CHECK(process->exitStatus() == QProcess::CrashExit);

        const auto after = cli.run(statusArgs(QStringLiteral("1")));
        INFO(after.out.toStdString());
        CHECK(statusLine(after.out, 1) == stateBefore);
    }
    const auto list = cli.run(
        {QStringLiteral("calibration"), QStringLiteral("list"), QStringLiteral("--user"), QStringLiteral("tech")});
    REQUIRE(list.exitCode == 0);
    CHECK(list.out.count(QStringLiteral("\tpassed\t")) == 1);
    CHECK(list.out.count(QStringLiteral("\tfailed\t")) == 0);
    CHECK(list.out.count(QStringLiteral("\tincomplete\t")) == 4);
    const auto audit = cli.run(
        {QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--user"), QStringLiteral("admin")});
    INFO(audit.out.toStdString() << audit.err.toStdString());
    CHECK(audit.exitCode == 0);
}
