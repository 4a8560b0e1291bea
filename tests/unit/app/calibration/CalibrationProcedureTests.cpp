// SPDX-License-Identifier: GPL-3.0-or-later
// The calibration procedure against the in-process simulated stimulator: measured (ScienceMode4 low level) and
// manual (mid level, no measurement) runs, failing channels, lock-out, interruption.
#include "CalibrationFixture.h"

#include "app/calibration/CalibrationRecords.h"
#include "support/WaitUntil.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace galvani;
using app::CalibrationState;
using galvani::test::resultFor;
using Step = app::CalibrationProcedure::Step;

namespace {

std::unique_ptr<app::CalibrationProcedure> begin(test::CalibrationFixture& f, const app::CalibrationSetup& s)
{
    auto began = f.service->begin(f.technician, s);
    INFO((began.ok() ? QString() : began.error().message).toStdString());
    REQUIRE(began.ok());
    return std::move(began).value();
}

} // namespace

TEST_CASE("An 8 percent gain error passes after correction with the gain found within 0.5 percent",
    "[app][calibration][procedure]")
{
    test::CalibrationFixture f;
    auto procedure = begin(
        f, test::CalibrationFixture::setup(QStringLiteral("sim:sciencemode4?channels=8&gain-error=2:+8%"), {1, 2}));
    int points = 0;
    QObject::connect(procedure.get(), &app::CalibrationProcedure::pointMeasured, procedure.get(),
        [&](const app::CalibrationPointResult&) { ++points; });
    test::runToEnd(*procedure);
    const auto& summary = procedure->summary();
    INFO(summary.abortReason.toStdString());
    REQUIRE(summary.completed);
    CHECK(summary.deviceSerial == test::kSimulatorSerial);
    REQUIRE(summary.selfTest);
    CHECK(summary.selfTest->passed());
    CHECK(points == 12);

    const auto& ch2 = resultFor(summary, 2);
    INFO(ch2.reason.toStdString());
    CHECK(ch2.passed);
    REQUIRE(ch2.gain);
    CHECK(std::fabs(*ch2.gain - 1.08) / 1.08 <= 0.005);
    REQUIRE(ch2.points.size() == 6);
    for (const auto& p : ch2.points) {
        CHECK(p.passed);
        if (p.phase == app::PointPhase::AsLeft) {
            // Through the correction the channel delivers the set value to within the rounding of one 0.5 mA step.
            CHECK(std::fabs(p.errorUa()) <= 0.5 * 500 * 1.08 + 100);
            CHECK(p.commandedUa < p.setUa);
        }
    }
    CHECK(resultFor(summary, 1).passed);
    CHECK(std::fabs(*resultFor(summary, 1).gain - 1.0) <= 0.005);

    const auto st = f.statusOf(2);
    CHECK(st.state == CalibrationState::Valid);
    CHECK_FALSE(st.locked);
    CHECK(st.calibrationId == ch2.calibrationId);
    CHECK(st.commandUaFor(25'000, 500) == 23'000);

    // An "incomplete" attempt precedes each completed record, and both are in the history.
    const auto history = f.service->history(f.technician, test::kSimulatorSerial, 2);
    REQUIRE(history.ok());
    REQUIRE(history->size() == 2);
    CHECK(history->at(0).status == QStringLiteral("incomplete"));
    CHECK(history->at(1).status == QStringLiteral("passed"));
    CHECK(history->at(1).points == 6);
    CHECK(history->at(1).notes.contains(QStringLiteral("as found")));
    CHECK(f.auditRows(QStringLiteral("self_test")) == 1);
}

TEST_CASE("A 15 percent gain error fails and locks the channel", "[app][calibration][procedure]")
{
    test::CalibrationFixture f;
    auto procedure = begin(
        f, test::CalibrationFixture::setup(QStringLiteral("sim:sciencemode4?channels=8&gain-error=3:+15%"), {3, 4}));
    test::runToEnd(*procedure);
    const auto& summary = procedure->summary();
    INFO(summary.abortReason.toStdString());
    REQUIRE(summary.completed);
    const auto& ch3 = resultFor(summary, 3);
    CHECK_FALSE(ch3.passed);
    INFO(ch3.reason.toStdString());
    CHECK_FALSE(ch3.reason.isEmpty());
    CHECK(ch3.calibrationId > 0);
    CHECK(resultFor(summary, 4).passed); // the run goes on after a failing channel

    const auto st = f.statusOf(3);
    CHECK(st.state == CalibrationState::Failed);
    CHECK(st.locked);
    CHECK_FALSE(st.commandUaFor(10'000, 500));
    CHECK_FALSE(f.statusOf(4).locked);
}

TEST_CASE(
    "A passing calibration becomes overdue and locks on the day after its due date", "[app][calibration][procedure]")
{
    test::CalibrationFixture f;
    auto s = test::CalibrationFixture::setup(QStringLiteral("sim:sciencemode4?channels=8"), {1});
    s.intervalMonths = 1; // 2026-01-01 → due 2026-02-01
    auto procedure = begin(f, s);
    test::runToEnd(*procedure);
    REQUIRE(procedure->summary().completed);
    REQUIRE(resultFor(procedure->summary(), 1).passed);
    CHECK(f.statusOf(1).state == CalibrationState::Valid); // 31 days to go
    f.files.clock.advance(std::chrono::days(1));
    CHECK(f.statusOf(1).state == CalibrationState::DueSoon); // the 30-day reminder
    f.files.clock.advance(std::chrono::days(29));
    CHECK_FALSE(f.statusOf(1).locked); // the last day
    f.files.clock.advance(std::chrono::days(1));
    const auto st = f.statusOf(1);
    CHECK(st.state == CalibrationState::Overdue);
    CHECK(st.locked);
}

TEST_CASE("Manual mode fits the technician's meter readings", "[app][calibration][procedure][manual]")
{
    test::CalibrationFixture f;
    auto s = test::CalibrationFixture::setup(QStringLiteral("sim:sciencemode4?channels=8&level=mid"), {1});
    s.mode = app::MeasurementMode::Manual;
    auto procedure = begin(f, s);
    // The meter across a channel 5 % hot with a 0.2 mA offset.
    QList<app::PendingReading> asked;
    test::runToEnd(*procedure, [&](const app::PendingReading& p) {
        asked.append(p);
        return 1.05 * static_cast<double>(p.commandedUa) + 200.0;
    });
    const auto& summary = procedure->summary();
    INFO(summary.abortReason.toStdString());
    REQUIRE(summary.completed);
    REQUIRE(asked.size() == 6);
    CHECK(asked[0].phase == app::PointPhase::AsFound);
    CHECK(asked[0].commandedUa == 10'000);
    CHECK(asked[3].phase == app::PointPhase::AsLeft);
    CHECK(asked[3].commandedUa == 9'500);
    const auto& ch1 = resultFor(summary, 1);
    CHECK(ch1.passed);
    CHECK(*ch1.gain == Approx(1.05).epsilon(1e-6));
    CHECK(*ch1.offsetUa == Approx(200.0).margin(1.0));
    REQUIRE(summary.selfTest);
    CHECK(summary.selfTest->passed()); // checks it cannot make are "not available", not failures
    CHECK(f.statusOf(1).state == CalibrationState::Valid);
}

TEST_CASE("Manual readings outside the band or a bad entry are handled", "[app][calibration][procedure][manual]")
{
    test::CalibrationFixture f;
    auto s = test::CalibrationFixture::setup(QStringLiteral("sim:sciencemode4?channels=8&level=mid"), {2});
    s.mode = app::MeasurementMode::Manual;
    auto procedure = begin(f, s);
    CHECK_FALSE(procedure->submitReading(10'000.0).ok()); // nothing is awaited yet
    procedure->start();
    REQUIRE(test::waitUntil([&] { return procedure->step() == Step::ReadyForChannel; }, std::chrono::seconds(30)));
    procedure->runChannel();
    REQUIRE(test::waitUntil([&] { return procedure->step() == Step::AwaitingReading; }, std::chrono::seconds(30)));
    const auto negative = procedure->submitReading(-1.0);
    REQUIRE_FALSE(negative.ok());
    CHECK(negative.error().message.contains(QStringLiteral("0..200 mA")));
    // 12 % low everywhere: beyond the correction bound.
    test::runToEnd(*procedure, [](const app::PendingReading& p) { return 0.88 * static_cast<double>(p.commandedUa); });
    REQUIRE(procedure->summary().completed);
    const auto& ch2 = resultFor(procedure->summary(), 2);
    CHECK_FALSE(ch2.passed);
    CHECK(ch2.reason.contains(QStringLiteral("correction")));
    CHECK(f.statusOf(2).locked);
}

TEST_CASE("An interrupted calibration is never applied", "[app][calibration][procedure][interrupt]")
{
    test::CalibrationFixture f;
    const QString url = QStringLiteral("sim:sciencemode4?channels=8&gain-error=1:+4%");
    SECTION("destroyed mid-channel, as a crash would leave it")
    {
        auto procedure = begin(f, test::CalibrationFixture::setup(url, {1}));
        int points = 0;
        QObject::connect(procedure.get(), &app::CalibrationProcedure::pointMeasured, procedure.get(),
            [&](const app::CalibrationPointResult&) { ++points; });
        procedure->start();
        REQUIRE(test::waitUntil([&] { return procedure->step() == Step::ReadyForChannel; }, std::chrono::seconds(30)));
        procedure->runChannel();
        REQUIRE(test::waitUntil([&] { return points >= 2; }, std::chrono::seconds(30)));
        procedure.reset();
        const auto history = f.service->history(f.technician, test::kSimulatorSerial, 1);
        REQUIRE(history.ok());
        REQUIRE(history->size() == 1);
        CHECK(history->front().status == QStringLiteral("incomplete"));
        const auto st = f.statusOf(1);
        CHECK(st.state == CalibrationState::None);
        CHECK(st.factoryCalibration);
    }
    SECTION("aborted during the self-test: no channel was begun, so nothing is recorded for any")
    {
        auto procedure = begin(f, test::CalibrationFixture::setup(url, {1}));
        procedure->start();
        REQUIRE(test::waitUntil([&] { return procedure->step() == Step::SelfTest; }, std::chrono::seconds(30)));
        procedure->abort(QStringLiteral("wrong device"));
        REQUIRE(test::waitUntil([&] { return procedure->step() == Step::Aborted; }, std::chrono::seconds(10)));
        const auto history = f.service->history(f.technician, test::kSimulatorSerial, 1);
        REQUIRE(history.ok());
        CHECK(history->isEmpty());
        CHECK(procedure->summary().abortReason == QStringLiteral("wrong device"));
    }
    SECTION("aborted by the technician: the partial points are kept, marked incomplete")
    {
        auto procedure = begin(f, test::CalibrationFixture::setup(url, {1}));
        procedure->start();
        REQUIRE(test::waitUntil([&] { return procedure->step() == Step::ReadyForChannel; }, std::chrono::seconds(30)));
        procedure->runChannel();
        REQUIRE(test::waitUntil(
            [&] { return procedure->summary().channels.isEmpty() && procedure->step() == Step::Measuring; }));
        procedure->abort(QStringLiteral("load fell off"));
        REQUIRE(test::waitUntil([&] { return procedure->step() == Step::Aborted; }, std::chrono::seconds(10)));
        CHECK_FALSE(procedure->summary().completed);
        CHECK(procedure->summary().abortReason == QStringLiteral("load fell off"));
        const auto history = f.service->history(f.technician, test::kSimulatorSerial, 1);
        REQUIRE(history.ok());
        REQUIRE(history->size() == 2);
        CHECK(history->at(1).status == QStringLiteral("incomplete"));
        CHECK(history->at(1).notes.contains(QStringLiteral("load fell off")));
        CHECK(f.statusOf(1).state == CalibrationState::None);
    }
}

TEST_CASE("A locked channel stays locked until a technician's passing calibration", "[app][calibration][lock]")
{
    test::CalibrationFixture f;
    auto failing = begin(f, test::CalibrationFixture::setup(QStringLiteral("sim:sciencemode4?gain-error=1:-15%"), {1}));
    test::runToEnd(*failing);
    INFO(failing->summary().abortReason.toStdString());
    REQUIRE(failing->summary().completed);
    INFO(resultFor(failing->summary(), 1).reason.toStdString());
    CHECK_FALSE(resultFor(failing->summary(), 1).passed);
    REQUIRE(f.statusOf(1).locked);
    // No role but a technician can start the only path that writes a calibration record.
    CHECK_FALSE(
        f.service->begin(f.therapist, test::CalibrationFixture::setup(QStringLiteral("sim:sciencemode4"), {1})).ok());
    CHECK_FALSE(
        f.service->begin(f.admin, test::CalibrationFixture::setup(QStringLiteral("sim:sciencemode4"), {1})).ok());
    CHECK(f.statusOf(1).locked);
    // The channel repaired (no error any more): a new passing calibration unlocks it.
    auto passing = begin(f, test::CalibrationFixture::setup(QStringLiteral("sim:sciencemode4"), {1}));
    test::runToEnd(*passing);
    const auto st = f.statusOf(1);
    CHECK_FALSE(st.locked);
    CHECK(st.state == CalibrationState::Valid);
}

TEST_CASE(
    "A channel the device refuses ends the run and leaves only an incomplete record", "[app][calibration][procedure]")
{
    test::CalibrationFixture f;
    // The simulator has four outputs but, like the real low-level device, reports no channel count.
    auto procedure = begin(f, test::CalibrationFixture::setup(QStringLiteral("sim:sciencemode4?channels=4"), {6}));
    test::runToEnd(*procedure);
    INFO(procedure->summary().abortReason.toStdString());
    CHECK(procedure->step() == Step::Aborted);
    CHECK(procedure->summary().abortReason.contains(QStringLiteral("channel 6")));
    const auto history = f.service->history(f.technician, test::kSimulatorSerial, 6);
    REQUIRE(history.ok());
    REQUIRE_FALSE(history->isEmpty());
    for (const auto& entry : *history) {
        CHECK(entry.status == QStringLiteral("incomplete"));
    }
    CHECK(f.statusOf(6).state == CalibrationState::None);
}

TEST_CASE(
    "The longest notes a setup accepts fit in every record its run writes", "[app][calibration][procedure][setup]")
{
    test::CalibrationFixture f;
    auto s = test::CalibrationFixture::setup(QStringLiteral("sim:sciencemode4?channels=8&gain-error=1:+4%"), {1});
    // A record's notes are the run's own description and then these notes: what begin() accepts must fit.
    const qsizetype room = app::kMaxCalibrationNotesChars - app::calibration::describedLengthBound(s);
    REQUIRE(room > 0);
    s.notes = QStringLiteral("n").repeated(room + 1);
    const auto tooLong = f.service->begin(f.technician, s);
    REQUIRE_FALSE(tooLong.ok());
    CHECK(tooLong.error().kind == app::AppError::Kind::Invalid);
    CHECK(tooLong.error().message.contains(QStringLiteral("calibration notes")));
    CHECK(tooLong.error().message.contains(QStringLiteral("at most %1 are allowed").arg(room)));

    s.notes.chop(1);
    SECTION("a completed run records them")
    {
        auto procedure = begin(f, s);
        test::runToEnd(*procedure);
        INFO(procedure->summary().abortReason.toStdString());
        REQUIRE(procedure->summary().completed);
        CHECK(resultFor(procedure->summary(), 1).passed);
        const auto history = f.service->history(f.technician, test::kSimulatorSerial, 1);
        REQUIRE(history.ok());
        REQUIRE_FALSE(history->isEmpty());
        CHECK(history->back().status == QStringLiteral("passed"));
        CHECK(history->back().notes.endsWith(s.notes));
    }
    SECTION("an aborted run records them with a reason of any length")
    {
        auto procedure = begin(f, s);
        procedure->start();
        REQUIRE(test::waitUntil([&] { return procedure->step() == Step::ReadyForChannel; }, std::chrono::seconds(30)));
        procedure->runChannel();
        REQUIRE(test::waitUntil(
            [&] { return procedure->summary().channels.isEmpty() && procedure->step() == Step::Measuring; }));
        const QString reason = QStringLiteral("the load fell off; ").repeated(200);
        procedure->abort(reason);
        REQUIRE(test::waitUntil([&] { return procedure->step() == Step::Aborted; }, std::chrono::seconds(10)));
        CHECK(procedure->summary().abortReason == reason); // reported in full
        const auto history = f.service->history(f.technician, test::kSimulatorSerial, 1);
        REQUIRE(history.ok());
        REQUIRE(history->size() == 2); // the attempt, then the points measured and why, as "incomplete"
        CHECK(history->at(1).status == QStringLiteral("incomplete"));
        CHECK(history->at(1).notes.endsWith(s.notes));
        CHECK(history->at(1).notes.contains(QStringLiteral("the load fell off")));
        CHECK(history->at(1).notes.size() <= app::kMaxCalibrationNotesChars);
    }
}

TEST_CASE("More points than a record can describe are refused before anything connects", "[app][calibration][setup]")
{
    test::CalibrationFixture f;
    auto s = test::CalibrationFixture::setup(QStringLiteral("sim:sciencemode4?channels=8"), {1});
    s.pointsUa.clear();
    for (qint64 ua = 1'000; ua <= 60'000; ua += 1'000) {
        s.pointsUa.append(ua);
    }
    REQUIRE(app::calibration::describedLengthBound(s) > app::kMaxCalibrationNotesChars);
    const auto refused = f.service->begin(f.technician, s);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == app::AppError::Kind::Invalid);
    CHECK(refused.error().message.startsWith(QStringLiteral("points: 60 test currents")));
    CHECK(refused.error().message.contains(QStringLiteral("4000")));
    // The count it names is one that fits.
    const QString message = refused.error().message;
    const int fits = message.section(QStringLiteral("use at most "), 1).toInt();
    REQUIRE(fits >= 3);
    s.pointsUa = s.pointsUa.mid(0, fits);
    CHECK(f.service->begin(f.technician, s).ok());
    s.pointsUa.append(60'000);
    CHECK_FALSE(f.service->begin(f.technician, s).ok());
}

TEST_CASE("A stimulator that reports no serial is calibrated under the serial its device URL names",
    "[app][calibration][procedure][identity]")
{
    // The therapy session takes a serial-less device's identity from the same URL option (device-serial=), so a
    // channel failed here is locked there (SessionInterlockTests).
    test::CalibrationFixture f;
    auto s = test::CalibrationFixture::setup(QStringLiteral("sim:sciencemode2?device-serial=RS2-0042"), {1});
    s.mode = app::MeasurementMode::Manual;
    s.frequencyHz = 20.0; // ScienceMode2 runs at most 50 Hz
    auto procedure = begin(f, s);
    test::runToEnd(*procedure, [](const app::PendingReading& p) { return 1.15 * static_cast<double>(p.commandedUa); });
    const auto& summary = procedure->summary();
    INFO(summary.abortReason.toStdString());
    REQUIRE(summary.completed);
    CHECK(summary.deviceSerial == QStringLiteral("RS2-0042"));
    CHECK_FALSE(resultFor(summary, 1).passed);
    const auto st = f.service->status(f.therapist, QStringLiteral("RS2-0042"), 1);
    REQUIRE(st.ok());
    CHECK(st->state == CalibrationState::Failed);
    CHECK(st->locked);
}

TEST_CASE("A serial-less stimulator is not calibrated without a serial", "[app][calibration][procedure][identity]")
{
    test::CalibrationFixture f;
    auto s = test::CalibrationFixture::setup(QStringLiteral("sim:sciencemode2"), {1});
    s.mode = app::MeasurementMode::Manual;
    s.frequencyHz = 20.0;

    SECTION("neither the setup nor the URL names one")
    {
        auto procedure = begin(f, s);
        test::runToEnd(*procedure, [](const app::PendingReading& p) { return static_cast<double>(p.commandedUa); });
        const auto& summary = procedure->summary();
        CHECK_FALSE(summary.completed);
        INFO(summary.abortReason.toStdString());
        CHECK(summary.abortReason.contains(QStringLiteral("reports no serial number")));
        CHECK(summary.abortReason.contains(QStringLiteral("device-serial=")));
        CHECK(f.auditRows(QStringLiteral("calibration")) == 0);
    }
    SECTION("the setup and the URL name different ones")
    {
        s.deviceUrl = QStringLiteral("sim:sciencemode2?device-serial=RS2-0042");
        s.deviceSerial = QStringLiteral("RS2-0043");
        const auto began = f.service->begin(f.technician, s);
        REQUIRE_FALSE(began.ok());
        CHECK(began.error().kind == app::AppError::Kind::Invalid);
        CHECK(began.error().message
            == QStringLiteral("device serial: RS2-0043 differs from device-serial=RS2-0042 in the device URL"));
    }
    SECTION("the setup names it and the URL agrees or says nothing")
    {
        for (const QString& url :
            {QStringLiteral("sim:sciencemode2"), QStringLiteral("sim:sciencemode2?device-serial=RS2-0042")}) {
            s.deviceUrl = url;
            s.deviceSerial = QStringLiteral("RS2-0042");
            auto procedure = begin(f, s);
            test::runToEnd(*procedure, [](const app::PendingReading& p) { return static_cast<double>(p.commandedUa); });
            INFO(url.toStdString() + ": " + procedure->summary().abortReason.toStdString());
            CHECK(procedure->summary().completed);
            CHECK(procedure->summary().deviceSerial == QStringLiteral("RS2-0042"));
        }
    }
}

TEST_CASE("A serial given for a device that reports another is refused", "[app][calibration][procedure][identity]")
{
    test::CalibrationFixture f;
    for (const bool inUrl : {false, true}) {
        auto s = test::CalibrationFixture::setup(
            inUrl ? QStringLiteral("sim:sciencemode4?device-serial=P24-0007") : QStringLiteral("sim:sciencemode4"),
            {1});
        if (!inUrl) {
            s.deviceSerial = QStringLiteral("P24-0007");
        }
        auto procedure = begin(f, s);
        test::runToEnd(*procedure);
        const QString reason = procedure->summary().abortReason;
        INFO(reason.toStdString());
        CHECK_FALSE(procedure->summary().completed);
        CHECK(reason
            == (inUrl ? QStringLiteral("device: the device reports serial GSIM-0001, but the device URL names "
                                       "device-serial=P24-0007; correct the URL or connect the device it names")
                      : QStringLiteral("the device reports serial GSIM-0001, not P24-0007 as given")));
    }
    CHECK(f.auditRows(QStringLiteral("calibration")) == 0);
}
