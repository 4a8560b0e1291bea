// SPDX-License-Identifier: GPL-3.0-or-later
// The treatment panel end to end: a real AppContext on a temporary SQLite store with the in-process simulator,
// driven through its buttons and keys as a therapist would.
#include "PanelDriving.h"
#include "TreatmentWorld.h"

#include "app/session/SessionController.h"
#include "support/WaitUntil.h"
#include "ui/plot/LivePlot.h"
#include "ui/session/ChannelStrip.h"
#include "ui/session/TreatmentPanel.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTest>

#include <chrono>
#include <optional>
#include <vector>

using namespace galvani;
using galvani::test::child;
using galvani::test::enableChannel;
using galvani::test::kDeviceWait;
using galvani::test::prepareUntilReady;
using galvani::test::saveShot;
using galvani::test::text;
using galvani::test::TreatmentWorld;
using galvani::test::waitUntil;

namespace {

// Everything the session controller reports that the tests look at.
struct Recorder {
    explicit Recorder(app::SessionController& c)
    {
        QObject::connect(&c, &app::SessionController::ended, &c, [this](const app::SessionSummary& s) { summary = s; });
        QObject::connect(
            &c, &app::SessionController::outcomeRecorded, &c, [this](const app::AppResult<qint64>& r) { outcome = r; });
        QObject::connect(
            &c, &app::SessionController::faultRaised, &c, [this](const app::SessionFault& f) { faults.push_back(f); });
    }
    std::optional<app::SessionSummary> summary;
    std::optional<app::AppResult<qint64>> outcome;
    std::vector<app::SessionFault> faults;
};

void showActive(ui::TreatmentPanel& panel)
{
    panel.resize(1600, 1000);
    panel.show();
    panel.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&panel));
}

// A conventional TENS request on one channel (the site TreatmentWorld::place records), sent to the controller
// directly rather than through the panel.
app::SessionRequest directRequest(TreatmentWorld& world, int channel, qint64 targetUa, qint64 seconds)
{
    app::SessionRequest request;
    request.user = world.therapist;
    request.patientMrn = world.mrn;
    request.deviceUrl = world.context().deviceUrl();
    request.presetId = QStringLiteral("conventional-tens");
    request.channels
        = {app::ChannelRequest{channel, QStringLiteral("right-lumbar-erector-spinae"), targetUa, std::nullopt}};
    request.durationS = seconds;
    return request;
}

void startUntilRunning(ui::TreatmentPanel& panel, app::SessionController& sessions)
{
    auto* read = child<QCheckBox>(panel, QStringLiteral("noticesRead"));
    auto* start = child<QPushButton>(panel, QStringLiteral("startButton"));
    if (read->isVisible()) {
        REQUIRE_FALSE(start->isEnabled()); // the notices must be confirmed first
        read->setChecked(true);
    }
    REQUIRE(start->isEnabled());
    start->click();
    REQUIRE(waitUntil([&] { return sessions.state() == app::SessionState::Running; }, kDeviceWait));
}

ui::ChannelStrip* strip(const ui::TreatmentPanel& panel, int channel)
{
    return child<ui::ChannelStrip>(panel, QStringLiteral("channelStrip%1").arg(channel));
}

QString stripSetpoint(const ui::TreatmentPanel& panel, int channel)
{
    return child<QLabel>(*strip(panel, channel), QStringLiteral("stripSetpoint"))->text();
}

QWidget* currentStage(const ui::TreatmentPanel& panel)
{
    return child<QStackedWidget>(panel, QStringLiteral("treatmentStages"))->currentWidget();
}

} // namespace

TEST_CASE("A session prepared and started through the buttons, adjusted by keys, STOPped and its outcome recorded",
    "[ui][session]")
{
    TreatmentWorld world;
    world.screen();
    for (int ch = 1; ch <= 4; ++ch) {
        world.place(ch);
    }
    app::SessionController& sessions = world.context().sessions();
    Recorder recorder(sessions);
    ui::TreatmentPanel panel(world.context(), world.therapist);
    QSignalSpy active(&panel, &ui::TreatmentPanel::sessionActiveChanged);
    QSignalSpy finished(&panel, &ui::TreatmentPanel::sessionFinished);
    showActive(panel);
    panel.setPatient(world.mrn);

    // Two identifiers: name and date of birth, and the MRN.
    CHECK(text(panel, QStringLiteral("patientName")) == QStringLiteral("Okafor, Adaeze"));
    CHECK(text(panel, QStringLiteral("patientBirthDate")).contains(QStringLiteral("1971-04-23")));
    CHECK(text(panel, QStringLiteral("patientMrn")).contains(world.mrn));
    CHECK(child<QLineEdit>(panel, QStringLiteral("deviceUrl"))->text() == world.context().deviceUrl());
    CHECK_FALSE(text(panel, QStringLiteral("presetSummary")).isEmpty());
    CHECK(text(panel, QStringLiteral("channelRange1")).contains(QStringLiteral("0.5–100.0 mA in 0.5 mA steps")));

    const QList<double> targets{5.0, 6.0, 7.0, 8.0};
    for (int ch = 1; ch <= 4; ++ch) {
        enableChannel(panel, ch, targets.at(ch - 1));
    }
    child<QSpinBox>(panel, QStringLiteral("nprsBefore"))->setValue(6);
    saveShot(panel, QStringLiteral("session-setup"));

    prepareUntilReady(panel, sessions);
    CHECK(panel.sessionActive());
    const QString plan = text(panel, QStringLiteral("planBody"));
    CHECK(plan.contains(QStringLiteral("5.0 mA")));
    CHECK(plan.contains(QStringLiteral("8.0 mA")));
    CHECK(plan.contains(QStringLiteral("no calibration on record")));
    CHECK(child<QCheckBox>(panel, QStringLiteral("noticesRead"))->isVisible());
    CHECK_FALSE(text(panel, QStringLiteral("planNotices")).isEmpty());
    saveShot(panel, QStringLiteral("session-plan"));

    startUntilRunning(panel, sessions);
    auto* run = child<QWidget>(panel, QStringLiteral("sessionRun"));
    REQUIRE(currentStage(panel) == run);
    // Every channel ramps from zero to its target.
    REQUIRE(waitUntil(
        [&] {
            for (int ch = 1; ch <= 4; ++ch) {
                const auto& s = strip(panel, ch)->status();
                if (!s.outputPresent || s.ramping || s.commandedUa != static_cast<qint64>(targets.at(ch - 1) * 1000)) {
                    return false;
                }
            }
            return true;
        },
        kDeviceWait));
    CHECK(text(panel, QStringLiteral("outputIndicator")) == QStringLiteral("OUTPUT ON"));
    CHECK(stripSetpoint(panel, 2) == QStringLiteral("6.0"));
    // The device measures: the strip says "delivered".
    CHECK(child<QLabel>(*strip(panel, 2), QStringLiteral("stripCurrent"))
              ->text()
              .startsWith(QStringLiteral("delivered")));

    // The simulated ScienceMode4 sets amplitude in 0.5 mA steps, so the fine step is 0.5 mA too (one pair of
    // buttons, and the key help says so).
    CHECK_FALSE(child<QPushButton>(*strip(panel, 2), QStringLiteral("up01"))->isVisibleTo(&panel));
    CHECK(child<QPushButton>(*strip(panel, 2), QStringLiteral("up05"))->text() == QStringLiteral("+0.5"));
    CHECK(text(panel, QStringLiteral("keyHelp")).contains(QStringLiteral("0.5 mA steps")));

    // Keys: 2 selects channel 2; Up one step up; Shift+Up 0.5 mA up; Ctrl+Up every channel one step; Down one down.
    QTest::keyClick(run, Qt::Key_2);
    CHECK(strip(panel, 2)->isSelected());
    CHECK_FALSE(strip(panel, 1)->isSelected());
    QTest::keyClick(run, Qt::Key_Up);
    CHECK(stripSetpoint(panel, 2) == QStringLiteral("6.5"));
    QTest::keyClick(run, Qt::Key_Up, Qt::ShiftModifier);
    CHECK(stripSetpoint(panel, 2) == QStringLiteral("7.0"));
    QTest::keyClick(run, Qt::Key_Up, Qt::ControlModifier);
    CHECK(stripSetpoint(panel, 1) == QStringLiteral("5.5"));
    CHECK(stripSetpoint(panel, 2) == QStringLiteral("7.5"));
    CHECK(stripSetpoint(panel, 3) == QStringLiteral("7.5"));
    CHECK(stripSetpoint(panel, 4) == QStringLiteral("8.5"));
    QTest::keyClick(run, Qt::Key_Down);
    CHECK(stripSetpoint(panel, 2) == QStringLiteral("7.0"));
    CHECK_FALSE(child<QLabel>(panel, QStringLiteral("runMessage"))->isVisibleTo(&panel));
    // The controller agrees: its next status reports carry the new setpoints, and the device follows.
    REQUIRE(waitUntil(
        [&] {
            return strip(panel, 2)->status().commandedUa == 7'000 && strip(panel, 4)->status().commandedUa == 8'500;
        },
        kDeviceWait));
    CHECK(strip(panel, 2)->status().setpointUa == 7'000);
    CHECK(strip(panel, 1)->status().setpointUa == 5'500);
    // A button on the strip: +0.5 mA on channel 3.
    child<QPushButton>(*strip(panel, 3), QStringLiteral("up05"))->click();
    CHECK(stripSetpoint(panel, 3) == QStringLiteral("8.0"));
    CHECK(strip(panel, 3)->isSelected());

    // Let the live plot fill for the screenshot of the run screen mid-session.
    auto* plot = child<ui::LivePlot>(panel, QStringLiteral("livePlot"));
    REQUIRE(waitUntil([&] { return plot->bufferedSamples() > 1500; }, kDeviceWait));
    plot->redrawNow();
    saveShot(panel, QStringLiteral("session-run"));

    // STOP: never disabled, ends the session as stopped by the therapist.
    auto* stop = child<QPushButton>(panel, QStringLiteral("runStop"));
    CHECK(stop->isEnabled());
    CHECK(stop->text() == QStringLiteral("STOP"));
    stop->click();
    REQUIRE(waitUntil([&] { return recorder.summary.has_value(); }, kDeviceWait));
    CHECK(recorder.summary->reason == app::SessionEndReason::StoppedByTherapist);
    CHECK(recorder.summary->detail.contains(QStringLiteral("STOP pressed by tom")));
    REQUIRE(currentStage(panel) == child<QWidget>(panel, QStringLiteral("sessionEnd")));
    CHECK(text(panel, QStringLiteral("endReason")).contains(QStringLiteral("Stopped by the therapist")));
    CHECK(text(panel, QStringLiteral("endTotals")).contains(QStringLiteral("8.5 mA"))); // channel 4's largest
    CHECK_FALSE(panel.sessionActive());
    REQUIRE(active.count() >= 2);
    CHECK(active.first().at(0).toBool());
    CHECK_FALSE(active.last().at(0).toBool());
    for (int ch = 1; ch <= 4; ++ch) {
        CHECK_FALSE(strip(panel, ch)->status().outputPresent);
    }
    CHECK(text(panel, QStringLiteral("outputIndicator")) == QStringLiteral("Output off"));
    CHECK(text(panel, QStringLiteral("patientMrn")).contains(world.mrn)); // still identified at the end

    child<QSpinBox>(panel, QStringLiteral("nprsAfter"))->setValue(3);
    child<QPlainTextEdit>(panel, QStringLiteral("outcomeNotes"))->setPlainText(QStringLiteral("Comfortable tingling"));
    CHECK(text(panel, QStringLiteral("notesCounter")).startsWith(QStringLiteral("20 / 1000")));
    saveShot(panel, QStringLiteral("session-end"));
    child<QPushButton>(panel, QStringLiteral("recordOutcome"))->click();
    REQUIRE(waitUntil([&] { return finished.count() == 1; }, kDeviceWait));
    REQUIRE(recorder.outcome.has_value());
    INFO((recorder.outcome->ok() ? QString() : recorder.outcome->error().message).toStdString());
    CHECK(recorder.outcome->ok());
    CHECK(finished.first().at(0).toLongLong() == recorder.summary->sessionId);
    CHECK(currentStage(panel) == child<QWidget>(panel, QStringLiteral("sessionSetup")));
    CHECK(text(panel, QStringLiteral("prepareMessage")).contains(QStringLiteral("outcome recorded")));
    // Recorded once: a second answer for the same session is refused by the controller.
    CHECK_FALSE(sessions.recordOutcome(app::OutcomeAnswer{2, {}}).ok());
}

TEST_CASE("Escape on the run screen is STOP, P pauses and resumes, the patient stays bound", "[ui][session]")
{
    TreatmentWorld world;
    world.screen();
    world.place(1);
    app::SessionController& sessions = world.context().sessions();
    Recorder recorder(sessions);
    ui::TreatmentPanel panel(world.context(), world.therapist);
    QSignalSpy finished(&panel, &ui::TreatmentPanel::sessionFinished);
    showActive(panel);
    panel.setPatient(world.mrn);
    enableChannel(panel, 1, 4.0);
    prepareUntilReady(panel, sessions);
    startUntilRunning(panel, sessions);
    auto* run = child<QWidget>(panel, QStringLiteral("sessionRun"));
    REQUIRE(waitUntil([&] { return strip(panel, 1)->status().outputPresent; }, kDeviceWait));

    auto* pause = child<QPushButton>(panel, QStringLiteral("pauseButton"));
    QTest::keyClick(run, Qt::Key_P);
    REQUIRE(waitUntil([&] { return sessions.state() == app::SessionState::Paused; }, kDeviceWait));
    CHECK(pause->text() == QStringLiteral("&Resume"));
    CHECK(pause->toolTip().contains(QStringLiteral("from zero")));
    CHECK_FALSE(child<QPushButton>(*strip(panel, 1), QStringLiteral("up01"))->isEnabled());
    CHECK(child<QPushButton>(panel, QStringLiteral("runStop"))->isEnabled());
    QTest::keyClick(run, Qt::Key_P);
    REQUIRE(waitUntil([&] { return sessions.state() == app::SessionState::Running; }, kDeviceWait));
    CHECK(pause->text() == QStringLiteral("&Pause"));

    // Another patient chosen in the workspace waits until this session is finished.
    panel.setPatient(QString());
    CHECK(text(panel, QStringLiteral("patientMrn")).contains(world.mrn));

    QTest::keyClick(run, Qt::Key_Escape);
    REQUIRE(waitUntil([&] { return recorder.summary.has_value(); }, kDeviceWait));
    CHECK(recorder.summary->reason == app::SessionEndReason::StoppedByTherapist);
    CHECK(recorder.summary->detail.contains(QStringLiteral("Esc")));
    CHECK(text(panel, QStringLiteral("endReason")).contains(QStringLiteral("Stopped by the therapist")));
    // The end page still names the session's patient, whose outcome it asks for: the choice made meanwhile waits.
    CHECK(text(panel, QStringLiteral("patientMrn")).contains(world.mrn));
    CHECK(
        text(panel, QStringLiteral("patientNote")).contains(QStringLiteral("is loaded when this session is finished")));

    // No score before and the patient declined after: nothing to record, the panel finishes without an outcome.
    auto* record = child<QPushButton>(panel, QStringLiteral("recordOutcome"));
    CHECK(record->text() == QStringLiteral("&Finish without outcome"));
    record->click();
    REQUIRE(finished.count() == 1);
    CHECK(finished.first().at(0).toLongLong() == recorder.summary->sessionId);
    CHECK_FALSE(recorder.outcome.has_value());
    CHECK(text(panel, QStringLiteral("patientName")).contains(QStringLiteral("No patient chosen")));
}

TEST_CASE(
    "A prepare refused for want of a screening shows the message verbatim and keeps what was typed", "[ui][session]")
{
    TreatmentWorld world;
    world.place(1);
    world.place(2);
    app::SessionController& sessions = world.context().sessions();
    ui::TreatmentPanel panel(world.context(), world.therapist);
    panel.resize(1600, 1000);
    panel.setPatient(world.mrn);
    CHECK(text(panel, QStringLiteral("screeningStatus")).contains(QStringLiteral("No contraindication screening")));
    enableChannel(panel, 2, 7.5);
    child<QSpinBox>(panel, QStringLiteral("durationMinutes"))->setValue(12);
    child<QSpinBox>(panel, QStringLiteral("nprsBefore"))->setValue(4);
    child<QPushButton>(panel, QStringLiteral("prepareButton"))->click();

    const QString shown = text(panel, QStringLiteral("prepareMessage"));
    REQUIRE_FALSE(shown.isEmpty());
    CHECK(child<QWidget>(panel, QStringLiteral("prepareMessageFrame"))->isVisibleTo(&panel));
    CHECK(sessions.state() == app::SessionState::Idle);
    CHECK_FALSE(child<QPushButton>(panel, QStringLiteral("startButton"))->isEnabled());
    // Verbatim: the same request straight to the controller gives the same words.
    app::SessionRequest request = directRequest(world, 2, 7'500, 12 * 60);
    request.nprsBefore = 4;
    const auto direct = sessions.prepare(request);
    REQUIRE_FALSE(direct.ok());
    CHECK(shown == direct.error().message);
    CHECK(shown.contains(QStringLiteral("screening"), Qt::CaseInsensitive));
    // Nothing typed is lost.
    CHECK(child<QCheckBox>(panel, QStringLiteral("channelEnable2"))->isChecked());
    CHECK_FALSE(child<QCheckBox>(panel, QStringLiteral("channelEnable1"))->isChecked());
    CHECK(child<QDoubleSpinBox>(panel, QStringLiteral("channelTarget2"))->value() == Approx(7.5));
    CHECK(child<QSpinBox>(panel, QStringLiteral("durationMinutes"))->value() == 12);
    CHECK(child<QSpinBox>(panel, QStringLiteral("nprsBefore"))->value() == 4);
    CHECK(child<QPushButton>(panel, QStringLiteral("prepareButton"))->isEnabled());
}

TEST_CASE("The preset's settings are edited within their ranges and the plan runs them", "[ui][session]")
{
    TreatmentWorld world;
    world.screen();
    world.place(1);
    app::SessionController& sessions = world.context().sessions();
    ui::TreatmentPanel panel(world.context(), world.therapist);
    panel.setPatient(world.mrn);
    // Conventional TENS: phase width 50–250 µs, default 180.
    auto* width = child<QDoubleSpinBox>(panel, QStringLiteral("presetSetting:phase width"));
    CHECK(width->minimum() == Approx(50.0));
    CHECK(width->maximum() == Approx(250.0));
    CHECK(text(panel, QStringLiteral("presetRange:phase width")).contains(QStringLiteral("50–250 µs")));
    width->setValue(220.0);
    enableChannel(panel, 1, 6.0);
    prepareUntilReady(panel, sessions);
    REQUIRE(sessions.plan().has_value());
    CHECK(sessions.plan()->programSummary.contains(QStringLiteral("220 µs")));
    CHECK(text(panel, QStringLiteral("planBody")).contains(QStringLiteral("220 µs")));
    // While a plan stands the settings cannot change under it.
    CHECK_FALSE(child<QWidget>(panel, QStringLiteral("presetSettings"))->isEnabled());
    sessions.stop(QStringLiteral("test: plan dropped"));
    REQUIRE(waitUntil([&] { return sessions.state() == app::SessionState::Idle; }, kDeviceWait));
}

TEST_CASE("A target off the stimulator's amplitude step is refused naming the channel", "[ui][session]")
{
    TreatmentWorld world;
    world.screen();
    world.place(1);
    world.place(2);
    app::SessionController& sessions = world.context().sessions();
    ui::TreatmentPanel panel(world.context(), world.therapist);
    panel.setPatient(world.mrn);
    CHECK(text(panel, QStringLiteral("channelRange2")).contains(QStringLiteral("0.5 mA steps")));
    enableChannel(panel, 1, 4.0);
    enableChannel(panel, 2, 7.3); // typed: the spin box steps by 0.5 mA but takes 0.1 mA
    child<QPushButton>(panel, QStringLiteral("prepareButton"))->click();
    const QString shown = text(panel, QStringLiteral("prepareMessage"));
    INFO(shown.toStdString());
    CHECK(shown.contains(QStringLiteral("channel 2")));
    CHECK(sessions.state() == app::SessionState::Idle);
    CHECK(child<QLabel>(panel, QStringLiteral("channelProblem2"))->isVisibleTo(&panel));
    CHECK_FALSE(child<QLabel>(panel, QStringLiteral("channelProblem1"))->isVisibleTo(&panel));
    CHECK(child<QDoubleSpinBox>(panel, QStringLiteral("channelTarget2"))->value() == Approx(7.3));
    // Changing the value clears the mark on that row.
    child<QDoubleSpinBox>(panel, QStringLiteral("channelTarget2"))->setValue(7.5);
    CHECK_FALSE(child<QLabel>(panel, QStringLiteral("channelProblem2"))->isVisibleTo(&panel));
}

TEST_CASE("A target above what the pads allow is refused naming the channel, and the row is marked", "[ui][session]")
{
    TreatmentWorld world;
    world.screen();
    world.place(1);
    world.place(3, 5, 5); // a 0.25 cm² pad: the power density limit binds far below the preset's 100 mA
    app::SessionController& sessions = world.context().sessions();
    ui::TreatmentPanel panel(world.context(), world.therapist);
    panel.resize(1600, 1000);
    panel.setPatient(world.mrn);
    enableChannel(panel, 1, 10.0);
    enableChannel(panel, 3, 80.0);
    child<QPushButton>(panel, QStringLiteral("prepareButton"))->click();
    REQUIRE(waitUntil([&] { return sessions.state() == app::SessionState::Idle; }, kDeviceWait));
    const QString shown = text(panel, QStringLiteral("prepareMessage"));
    INFO(shown.toStdString());
    CHECK(shown.contains(QStringLiteral("channel 3")));
    auto* problem = child<QLabel>(panel, QStringLiteral("channelProblem3"));
    CHECK(problem->isVisibleTo(&panel));
    CHECK(problem->text().contains(shown));
    CHECK_FALSE(child<QLabel>(panel, QStringLiteral("channelProblem1"))->isVisibleTo(&panel));
    CHECK(child<QDoubleSpinBox>(panel, QStringLiteral("channelTarget3"))->value() == Approx(80.0));
    CHECK(child<QDoubleSpinBox>(panel, QStringLiteral("channelTarget1"))->value() == Approx(10.0));
    CHECK_FALSE(child<QPushButton>(panel, QStringLiteral("startButton"))->isEnabled());
    saveShot(panel, QStringLiteral("session-refused"));
}

TEST_CASE(
    "An open electrode during a session shows the fault panel with what to check and leaves no output", "[ui][session]")
{
    TreatmentWorld world;
    world.screen();
    world.place(1);
    world.place(2);
    app::SessionController& sessions = world.context().sessions();
    Recorder recorder(sessions);
    ui::TreatmentPanel panel(world.context(), world.therapist);
    showActive(panel);
    panel.setPatient(world.mrn);
    // The simulator's lead-off on channel 1, 6 s after it starts (at prepare): by then channel 1 runs at 20 mA, and
    // the device detects lead-off from 15 mA up, as the real one does.
    child<QLineEdit>(panel, QStringLiteral("deviceUrl"))
        ->setText(QString::fromLatin1(TreatmentWorld::kDeviceUrl) + QStringLiteral("&fault=open-electrode:1@6000"));
    enableChannel(panel, 1, 20.0);
    enableChannel(panel, 2, 5.0);
    prepareUntilReady(panel, sessions);
    startUntilRunning(panel, sessions);

    REQUIRE(waitUntil([&] { return strip(panel, 1)->status().commandedUa == 20'000; }, kDeviceWait));
    REQUIRE(recorder.faults.empty());
    auto* fault = child<QWidget>(panel, QStringLiteral("faultPanel"));
    CHECK_FALSE(fault->isVisible());
    REQUIRE(waitUntil([&] { return fault->isVisible() && recorder.summary.has_value(); }, kDeviceWait));
    REQUIRE_FALSE(recorder.faults.empty());
    const app::SessionFault& f = recorder.faults.front();
    CHECK(f.kind == QStringLiteral("electrode"));
    CHECK(f.channel == 1);
    REQUIRE_FALSE(f.whatToCheck.isEmpty());
    CHECK(text(panel, QStringLiteral("faultWhatToCheck")) == QStringLiteral("What to check: ") + f.whatToCheck);
    CHECK(text(panel, QStringLiteral("faultMessage")).contains(f.message));
    CHECK(text(panel, QStringLiteral("faultTitle")).contains(QStringLiteral("Electrode problem")));
    CHECK(text(panel, QStringLiteral("faultTitle")).contains(QStringLiteral("channel 1")));
    CHECK(recorder.summary->reason == app::SessionEndReason::Fault);
    CHECK(sessions.state() == app::SessionState::Ended);
    CHECK(text(panel, QStringLiteral("endReason")).contains(QStringLiteral("fault")));
    // No output anywhere, and nothing resumes by itself.
    CHECK(text(panel, QStringLiteral("outputIndicator")) == QStringLiteral("Output off"));
    CHECK_FALSE(strip(panel, 1)->status().outputPresent);
    CHECK_FALSE(strip(panel, 2)->status().outputPresent);
    CHECK_FALSE(sessions.resume().ok());
    saveShot(panel, QStringLiteral("session-fault"));

    // The notice stays through the outcome and back to setup until dismissed.
    child<QPushButton>(panel, QStringLiteral("recordOutcome"))->click(); // nothing to record: finishes
    CHECK(currentStage(panel) == child<QWidget>(panel, QStringLiteral("sessionSetup")));
    CHECK(fault->isVisible());
    child<QPushButton>(panel, QStringLiteral("faultDismiss"))->click();
    CHECK_FALSE(fault->isVisible());
}

TEST_CASE("STOP while a plan is being prepared releases the panel, and a later session elsewhere is not its own",
    "[ui][session]")
{
    // Regression: a STOP during Preparing brings the controller back to Idle without a prepared() answer; the panel
    // kept the vanished preparation as its own, and when another view then prepared a session it closed a
    // non-existent "session 0" as ended without an outcome (sessionFinished(0)).
    TreatmentWorld world;
    world.screen();
    world.place(1);
    app::SessionController& sessions = world.context().sessions();
    ui::TreatmentPanel panel(world.context(), world.therapist);
    panel.resize(1600, 1000);
    panel.setPatient(world.mrn);
    enableChannel(panel, 1, 10.0);
    QSignalSpy finished(&panel, &ui::TreatmentPanel::sessionFinished);
    QSignalSpy activeChanges(&panel, &ui::TreatmentPanel::sessionActiveChanged);
    child<QPushButton>(panel, QStringLiteral("prepareButton"))->click();
    REQUIRE(sessions.state() == app::SessionState::Preparing);
    CHECK(panel.sessionActive());
    sessions.stop(QStringLiteral("STOP pressed (F12)"));
    REQUIRE(sessions.state() == app::SessionState::Idle);
    QCoreApplication::processEvents();
    CHECK_FALSE(panel.sessionActive());
    REQUIRE(activeChanges.size() == 2);
    CHECK(activeChanges.at(1).at(0).toBool() == false);
    CHECK(text(panel, QStringLiteral("prepareMessage")).contains(QStringLiteral("Preparation stopped")));

    // Another view's session on the same controller.
    const app::SessionRequest request = directRequest(world, 1, 5'000, 60);
    REQUIRE(sessions.prepare(request).ok());
    REQUIRE(waitUntil([&] { return sessions.state() == app::SessionState::Ready; }, kDeviceWait));
    CHECK(finished.isEmpty());
    CHECK_FALSE(panel.sessionActive());
    CHECK(activeChanges.size() == 2);
    CHECK_FALSE(child<QPushButton>(panel, QStringLiteral("startButton"))->isEnabled());
    sessions.stop(QStringLiteral("test over"));
}
