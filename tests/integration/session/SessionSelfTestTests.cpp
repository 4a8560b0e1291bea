// SPDX-License-Identifier: GPL-3.0-or-later
// SessionController::prepare() runs the therapy self-test (issue #8 §4) on the connected device before arming it:
// handshake, battery and zero output, never the 2 mA low-current check; the report is recorded as an audit row
// self_test marked as run at session start, a failed check on a channel the session uses refuses the session,
// one on another channel is only recorded, and a low battery is carried in the plan.
#include "SessionFixture.h"

#include "app/calibration/CalibrationService.h"
#include "app/store/RecordStoreImpl.h"
#include "core/Clock.h"
#include "db/records/SessionRepository.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

#include <catch2/catch.hpp>

using namespace galvani;
using namespace galvani::test;

namespace {

struct RecordedSelfTest {
    QJsonObject value;
    QString reason;
    QString actor;
};

// Every self_test audit row, oldest first.
QList<RecordedSelfTest> selfTests(SessionFixture& f)
{
    QSqlQuery q(f.store().impl().db.connection());
    REQUIRE(q.exec(
        QStringLiteral("SELECT new_value, reason, actor_name FROM audit_log WHERE action = 'self_test' ORDER BY id")));
    QList<RecordedSelfTest> out;
    while (q.next()) {
        const auto doc = QJsonDocument::fromJson(q.value(0).toString().toUtf8());
        REQUIRE(doc.isObject());
        out.append({doc.object(), q.value(1).toString(), q.value(2).toString()});
    }
    return out;
}

// The outcome of one recorded check ("" when the report has no such row).
QString outcomeOf(const QJsonObject& report, const QString& check, int channel)
{
    for (const auto& v : report.value(QStringLiteral("checks")).toArray()) {
        const QJsonObject c = v.toObject();
        if (c.value(QStringLiteral("check")).toString() == check
            && c.value(QStringLiteral("channel")).toInt() == channel) {
            return c.value(QStringLiteral("outcome")).toString();
        }
    }
    return QString();
}

int rowsNamed(const QJsonObject& report, const QString& check)
{
    int n = 0;
    for (const auto& v : report.value(QStringLiteral("checks")).toArray()) {
        n += v.toObject().value(QStringLiteral("check")).toString() == check ? 1 : 0;
    }
    return n;
}

qint64 sessionRows(SessionFixture& f)
{
    const auto sessions = db::records::SessionRepository(f.ctx()).forPatient(f.patientId);
    REQUIRE(sessions.ok());
    return sessions->size();
}

} // namespace

TEST_CASE("Preparing a session records a therapy self-test without the low-current check", "[session][selftest]")
{
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1, 2});
    app::SessionController controller(f.store());
    SessionProbe probe(controller);
    const QString error
        = probe.prepare(f.request({SessionFixture::channel(1, 10'000), SessionFixture::channel(2, 8'000)}, 3));
    INFO(error.toStdString());
    REQUIRE(error.isEmpty());
    REQUIRE(controller.state() == app::SessionState::Ready);

    const auto rows = selfTests(f);
    REQUIRE(rows.size() == 1);
    const QJsonObject& report = rows.front().value;
    INFO(QJsonDocument(report).toJson().toStdString());
    CHECK(rows.front().actor == f.therapist.username);
    CHECK(report.value(QStringLiteral("scope")).toString() == QStringLiteral("therapy"));
    CHECK(report.value(QStringLiteral("run_at")).toString() == QStringLiteral("session start"));
    CHECK(report.value(QStringLiteral("serial")).toString() == QString::fromLatin1(kSimSerial));
    CHECK(rows.front().reason == QStringLiteral("therapy self-test at session start: passed"));
    CHECK(outcomeOf(report, QStringLiteral("handshake"), 0) == QStringLiteral("passed"));
    CHECK(outcomeOf(report, QStringLiteral("battery"), 0) == QStringLiteral("passed"));
    // Every channel of the device, the unused ones too.
    CHECK(rowsNamed(report, QStringLiteral("zero output")) == 8);
    for (int ch = 1; ch <= 8; ++ch) {
        CHECK(outcomeOf(report, QStringLiteral("zero output"), ch) == QStringLiteral("passed"));
    }
    // The electrodes are on the patient: no current is driven as a check.
    CHECK(rowsNamed(report, QStringLiteral("low-current check")) == 0);

    const auto plan = controller.plan();
    REQUIRE(plan);
    CHECK(plan->selfTestSummary == QStringLiteral("therapy self-test at session start: passed"));
    CHECK(plan->batteryWarning.isEmpty());
    controller.stop(QStringLiteral("test over"));
}

TEST_CASE("A failed zero-output check on a channel the session uses refuses the session", "[session][selftest]")
{
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1, 3});
    app::SessionController controller(f.store());
    SessionProbe probe(controller);
    // Channel 3's output stage drives 0.6 mA although none is commanded.
    const QString error
        = probe.prepare(f.request({SessionFixture::channel(1, 10'000), SessionFixture::channel(3, 8'000)}, 3,
            QStringLiteral("sim:sciencemode4?channels=8&leak=3:0.6mA&noise-ua=0")));
    INFO(error.toStdString());
    REQUIRE(probe.preparedResult);
    REQUIRE_FALSE(probe.preparedResult->ok());
    CHECK(probe.preparedResult->error().kind == app::AppError::Kind::Interlock);
    CHECK(error.contains(QStringLiteral(
        "channel 3: zero-output check failed: measured 0.60 mA at 0 mA commanded (allowed below 0.25 mA)")));
    CHECK_FALSE(error.contains(QStringLiteral("channel 1:")));
    CHECK(controller.state() == app::SessionState::Idle);
    CHECK_FALSE(controller.plan());
    CHECK(sessionRows(f) == 0);

    // Recorded all the same, with the failure.
    const auto rows = selfTests(f);
    REQUIRE(rows.size() == 1);
    CHECK(outcomeOf(rows.front().value, QStringLiteral("zero output"), 3) == QStringLiteral("failed"));
    CHECK(outcomeOf(rows.front().value, QStringLiteral("zero output"), 1) == QStringLiteral("passed"));
    CHECK(rows.front().reason.contains(QStringLiteral("zero output on channel 3")));

    // Nothing is left holding the workstation: the next (healthy) preparation goes ahead.
    REQUIRE(
        probe.prepare(f.request({SessionFixture::channel(1, 10'000), SessionFixture::channel(3, 8'000)}, 3)).isEmpty());
    controller.stop(QStringLiteral("test over"));
}

TEST_CASE("A failed zero-output check on a channel the session does not use is only recorded", "[session][selftest]")
{
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1});
    app::SessionController controller(f.store());
    SessionProbe probe(controller);
    const QString error = probe.prepare(f.request({SessionFixture::channel(1, 10'000)}, 1,
        QStringLiteral("sim:sciencemode4?channels=8&leak=5:0.6mA&noise-ua=0")));
    INFO(error.toStdString());
    REQUIRE(error.isEmpty());
    REQUIRE(controller.state() == app::SessionState::Ready);
    const auto rows = selfTests(f);
    REQUIRE(rows.size() == 1);
    CHECK(outcomeOf(rows.front().value, QStringLiteral("zero output"), 5) == QStringLiteral("failed"));
    CHECK(outcomeOf(rows.front().value, QStringLiteral("zero output"), 1) == QStringLiteral("passed"));
    const auto plan = controller.plan();
    REQUIRE(plan);
    CHECK(plan->selfTestSummary.contains(QStringLiteral("zero output on channel 5")));

    // The session itself runs on the healthy channel.
    probe.startAndWaitRunning();
    REQUIRE(probe.waitEnded());
    REQUIRE(probe.summary);
    CHECK(probe.summary->reason == app::SessionEndReason::Completed);
}

TEST_CASE("A low battery is recorded and carried in the plan as a warning", "[session][selftest]")
{
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1});
    app::SessionController controller(f.store());
    SessionProbe probe(controller);
    const QString error = probe.prepare(
        f.request({SessionFixture::channel(1, 10'000)}, 3, QStringLiteral("sim:sciencemode4?channels=8&battery=12")));
    INFO(error.toStdString());
    REQUIRE(error.isEmpty());
    const auto plan = controller.plan();
    REQUIRE(plan);
    CHECK(plan->batteryWarning == QStringLiteral("battery: 12 %, below 20 %: charge before a session"));
    CHECK(plan->notices.contains(plan->batteryWarning));
    const auto rows = selfTests(f);
    REQUIRE(rows.size() == 1);
    CHECK(outcomeOf(rows.front().value, QStringLiteral("battery"), 0) == QStringLiteral("warning"));
    controller.stop(QStringLiteral("test over"));
}

TEST_CASE("A device that measures nothing gets the handshake and battery checks only", "[session][selftest]")
{
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1});
    app::SessionController controller(f.store());
    SessionProbe probe(controller);
    // ScienceMode2 runs at most 50 Hz: a 2 Hz preset.
    app::SessionRequest request
        = f.request({SessionFixture::channel(1, 10'000)}, 3, QStringLiteral("sim:sciencemode2?device-serial=RS2-0042"));
    request.presetId = QStringLiteral("acupuncture-like-tens");
    const QString error = probe.prepare(request);
    INFO(error.toStdString());
    REQUIRE(error.isEmpty());
    const auto rows = selfTests(f);
    REQUIRE(rows.size() == 1);
    const QJsonObject& report = rows.front().value;
    INFO(QJsonDocument(report).toJson().toStdString());
    CHECK(report.value(QStringLiteral("scope")).toString() == QStringLiteral("therapy"));
    CHECK(report.value(QStringLiteral("protocol")).toString().contains(QStringLiteral("sciencemode2")));
    const auto checks = report.value(QStringLiteral("checks")).toArray();
    REQUIRE(checks.size() == 2);
    CHECK(outcomeOf(report, QStringLiteral("handshake"), 0) == QStringLiteral("passed"));
    CHECK_FALSE(outcomeOf(report, QStringLiteral("battery"), 0).isEmpty());
    controller.stop(QStringLiteral("test over"));
}

TEST_CASE("A channel that failed the technician's full self-test is refused for the next session on the workstation",
    "[session][selftest]")
{
    // Regression: the self-test memory was per CalibrationService object, and prepare() makes its own, so a
    // low-current failure found by the technician's self-test (recorded through the application's service) locked
    // the channel in the technician's view but not for therapy; the therapy self-test runs no low-current check.
    core::SystemClock clock;
    SessionFixture f(clock);
    f.readyFor({1, 2});
    app::SelfTestReport full;
    full.deviceUrl = QStringLiteral("sim:sciencemode4?channels=8");
    full.deviceSerial = QString::fromLatin1(kSimSerial);
    full.firmware = QStringLiteral("sim");
    full.protocol = QStringLiteral("ScienceMode4");
    full.atUtcMs = QDateTime::currentMSecsSinceEpoch();
    full.scope = app::SelfTestScope::Full;
    full.checks = {{QStringLiteral("handshake"), 0, app::CheckOutcome::Passed, QStringLiteral("ok")},
        {QStringLiteral("low-current check"), 1, app::CheckOutcome::Failed,
            QStringLiteral("measured 1.20 mA at 2 mA commanded")},
        {QStringLiteral("low-current check"), 2, app::CheckOutcome::Passed, QStringLiteral("measured 2.00 mA")}};
    {
        app::CalibrationService technicianView(f.store());
        REQUIRE(technicianView.recordSelfTest(f.technician, full).ok());
        const auto status = technicianView.status(f.technician, QString::fromLatin1(kSimSerial), 1);
        REQUIRE(status.ok());
        REQUIRE(status->locked);
    }

    app::SessionController controller(f.store());
    SessionProbe probe(controller);
    const QString error = probe.prepare(f.request({SessionFixture::channel(1, 10'000)}, 3));
    INFO(error.toStdString());
    CHECK(error.contains(QStringLiteral("channel 1")));
    CHECK(error.contains(QStringLiteral("low-current check")));
    CHECK(controller.state() == app::SessionState::Idle);
    CHECK(sessionRows(f) == 0);

    // Channel 2 passed its check and runs.
    REQUIRE(probe.prepare(f.request({SessionFixture::channel(2, 10'000)}, 3)).isEmpty());
    controller.stop(QStringLiteral("test over"));
}
