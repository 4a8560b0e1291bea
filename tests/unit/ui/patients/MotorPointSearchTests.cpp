// SPDX-License-Identifier: GPL-3.0-or-later
// The guided motor-point search (issue #7 item 5): MotorPointPanel's "Guided search…" opens MotorPointSearchDialog,
// which runs an ordinary recorded session of the motor-point-search procedure through the application's
// SessionController on the in-process simulator, and records the point with MotorPointService.
#include "PatientWorld.h"

#include "app/services/PresetService.h"
#include "app/services/SessionHistoryService.h"
#include "app/session/SessionController.h"
#include "support/WaitUntil.h"
#include "ui/mainwindow/StopKey.h"
#include "ui/patients/MotorPointPanel.h"
#include "ui/patients/MotorPointSearchDialog.h"
#include "ui/patients/PatientWorkspace.h"
#include "ui/session/TreatmentPanel.h"

#include <catch2/catch.hpp>

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTest>
#include <QVBoxLayout>

#include <chrono>
#include <optional>

using namespace galvani;
using galvani::test::child;
using galvani::test::PatientWorld;
using galvani::test::waitUntil;

namespace {

constexpr std::chrono::milliseconds kDeviceWait{15'000};
const QString kSearchMrn = QStringLiteral("MRN-MP1");

QString labelText(const QObject& root, const QString& name)
{
    return child<QLabel>(root, name)->text();
}

// A patient with a clear screening and an active electrode on channel 3 (left upper trapezius), the workspace on
// that patient and the guided search opened on the placement.
struct SearchWorld {
    SearchWorld()
    {
        world.addPatient(kSearchMrn, QStringLiteral("Nakamura"), QStringLiteral("Ren"), QStringLiteral("1968-03-09"));
        world.screenNoneApply(kSearchMrn);
        placement = world.addPlacement(kSearchMrn, QStringLiteral("left-upper-trapezius"), 3);
        // As in the main window, the workspace is not the window itself (the main window disables it while a
        // session runs).
        window = std::make_unique<QWidget>();
        auto* layout = new QVBoxLayout(window.get());
        workspace = new ui::PatientWorkspace(world.context(), world.therapist, window.get());
        layout->addWidget(workspace);
        window->resize(1500, 950);
        window->show();
        workspace->selectPatient(kSearchMrn);
        panel = workspace->findChild<ui::MotorPointPanel*>();
        REQUIRE(panel != nullptr);
        auto* combo = child<QComboBox>(*panel, QStringLiteral("motorPointPlacement"));
        combo->setCurrentIndex(combo->findData(placement.id));
        REQUIRE(combo->currentIndex() >= 0);
        auto* guided = child<QPushButton>(*panel, QStringLiteral("guidedMotorPointSearch"));
        REQUIRE(guided->isEnabled());
        guided->click();
        dialog = panel->searchDialog();
        REQUIRE(dialog != nullptr);
        REQUIRE(dialog->isVisible());
        dialog->activateWindow();
        REQUIRE(QTest::qWaitForWindowActive(dialog));
    }

    app::SessionController& sessions() { return world.context().sessions(); }

    void prepareAndStart()
    {
        child<QPushButton>(*dialog, QStringLiteral("searchPrepare"))->click();
        REQUIRE(waitUntil([&] { return sessions().state() != app::SessionState::Preparing; }, kDeviceWait));
        INFO(labelText(*dialog, QStringLiteral("searchMessage")).toStdString());
        REQUIRE(sessions().state() == app::SessionState::Ready);
        auto* read = child<QCheckBox>(*dialog, QStringLiteral("noticesRead"));
        auto* start = child<QPushButton>(*dialog, QStringLiteral("startButton"));
        if (read->isVisibleTo(dialog)) {
            REQUIRE_FALSE(start->isEnabled()); // the plan's notices are confirmed first, as for a treatment
            read->setChecked(true);
        }
        REQUIRE(start->isEnabled());
        start->click();
        REQUIRE(waitUntil([&] { return sessions().state() == app::SessionState::Running; }, kDeviceWait));
        REQUIRE(dialog->sessionId().has_value());
    }

    PatientWorld world;
    app::PlacementView placement;
    std::unique_ptr<QWidget> window;
    ui::PatientWorkspace* workspace = nullptr;
    ui::MotorPointPanel* panel = nullptr;
    ui::MotorPointSearchDialog* dialog = nullptr;
};

std::optional<app::SessionHistoryRow> historyRow(PatientWorld& world, qint64 sessionId)
{
    app::SessionHistoryFilter filter;
    filter.patientMrn = kSearchMrn;
    const auto page = world.context().history().list(world.therapist, filter);
    REQUIRE(page.ok());
    for (const auto& row : page->rows) {
        if (row.id == sessionId) {
            return row;
        }
    }
    return std::nullopt;
}

} // namespace

TEST_CASE("A guided search raised to 6.5 mA with the Up key marks the motor point and is recorded as a session",
    "[ui][patients][motorpoints]")
{
    SearchWorld s;
    auto& dialog = *s.dialog;

    // The probe is not offered as a treatment: the preset list (treatment panel, `preset list`) leaves it out.
    const auto caps = app::PresetService::deviceCaps(s.world.context().deviceUrl());
    REQUIRE(caps.ok());
    const auto listed = s.world.context().presets().list(s.world.therapist, caps.value());
    REQUIRE(listed.ok());
    REQUIRE_FALSE(listed->isEmpty());
    for (const auto& preset : listed.value()) {
        CHECK(preset.id != QStringLiteral("motor-point-search"));
    }

    // The probe settings: rate and width of the motor-point-search procedure, each with its range.
    auto* rate = child<QDoubleSpinBox>(dialog, QStringLiteral("presetSetting:pulse rate"));
    auto* width = child<QDoubleSpinBox>(dialog, QStringLiteral("presetSetting:phase width"));
    CHECK(rate->value() == Approx(2.0));
    CHECK(rate->minimum() == Approx(0.5));
    CHECK(rate->maximum() == Approx(3.0));
    CHECK(width->value() == Approx(200.0));
    CHECK(width->minimum() == Approx(150.0));
    CHECK(width->maximum() == Approx(300.0));
    CHECK(labelText(dialog, QStringLiteral("presetRange:pulse rate")).startsWith(QStringLiteral("0.5–3.0 Hz")));
    CHECK(labelText(dialog, QStringLiteral("presetRange:phase width")).startsWith(QStringLiteral("150–300 µs")));
    CHECK(dialog.findChild<QDoubleSpinBox*>(QStringLiteral("presetSetting:interphase gap")) == nullptr);
    CHECK_FALSE(child<QPushButton>(dialog, QStringLiteral("searchUp"))->isEnabled());
    CHECK_FALSE(child<QPushButton>(dialog, QStringLiteral("searchMark"))->isEnabled());

    s.prepareAndStart();
    REQUIRE(s.sessions().plan().has_value());
    CHECK(s.sessions().plan()->presetId == QStringLiteral("motor-point-search"));
    REQUIRE(s.sessions().plan()->channels.size() == 1);
    CHECK(s.sessions().plan()->channels.front().channel == 3);
    CHECK_FALSE(rate->isEnabled()); // the probe settings are fixed while the search runs

    // The main window disables the patient workspace while a session runs; the search's controls stay usable.
    s.workspace->setEnabled(false);
    CHECK(dialog.isEnabled());

    // The search starts at the device's smallest step (0.5 mA on ScienceMode4); 12 Up presses reach 6.5 mA.
    CHECK(dialog.amplitudeUa() == 500);
    for (int i = 0; i < 12; ++i) {
        QTest::keyClick(&dialog, Qt::Key_Up);
    }
    CHECK(dialog.amplitudeUa() == 6'500);
    CHECK(labelText(dialog, QStringLiteral("searchAmplitude")) == QStringLiteral("6.5 mA"));
    // Down and Up again through the buttons.
    child<QPushButton>(dialog, QStringLiteral("searchDown"))->click();
    CHECK(dialog.amplitudeUa() == 6'000);
    child<QPushButton>(dialog, QStringLiteral("searchUp"))->click();
    CHECK(dialog.amplitudeUa() == 6'500);

    // The simulator delivers on channel 3 and reports the current it measured.
    REQUIRE(waitUntil(
        [&] {
            return labelText(dialog, QStringLiteral("searchDelivered")).startsWith(QStringLiteral("delivered"))
                && labelText(dialog, QStringLiteral("searchDelivered")).contains(QStringLiteral("commanded 6.5 mA"));
        },
        kDeviceWait));
    CHECK(labelText(dialog, QStringLiteral("searchOutput")).contains(QStringLiteral("OUTPUT ON")));

    const auto dir = qEnvironmentVariable("GALVANI_SHOTS_DIR", QStringLiteral("/tmp"));
    dialog.grab().save(QDir(dir).filePath(QStringLiteral("motorsearch.png")));

    // Twitch seen: the point is recorded with the current amplitude, width and rate, and the session ends.
    const qint64 sessionId = *dialog.sessionId();
    child<QPushButton>(dialog, QStringLiteral("searchMark"))->click();
    REQUIRE(waitUntil([&] { return s.panel->points().size() == 1; }, kDeviceWait));
    const app::MotorPointView point = s.panel->points().front();
    CHECK(point.placementId == s.placement.id);
    CHECK(point.channel == 3);
    CHECK(point.thresholdUa == 6'500);
    CHECK(point.pulseWidthUs == 200);
    CHECK(point.frequencyMilliHz == 2'000);
    CHECK(s.sessions().state() == app::SessionState::Ended);
    CHECK(labelText(dialog, QStringLiteral("searchMessage")).contains(QStringLiteral("threshold 6.5 mA")));
    CHECK(labelText(dialog, QStringLiteral("searchState")).contains(QStringLiteral("Stopped by the therapist")));
    CHECK(labelText(dialog, QStringLiteral("searchOutput")).contains(QStringLiteral("Output off")));

    s.workspace->setEnabled(true);
    // Listed in the panel.
    auto* table = child<QTableWidget>(*s.panel, QStringLiteral("motorPointTable"));
    REQUIRE(table->rowCount() == 1);
    CHECK(table->item(0, 3)->text() == QStringLiteral("6.5 mA"));
    CHECK(table->item(0, 4)->text() == QStringLiteral("200 µs, 2.0 Hz"));

    // In the history as a normal session, ended by the stop.
    const auto row = historyRow(s.world, sessionId);
    REQUIRE(row.has_value());
    REQUIRE(row->endReason.has_value());
    CHECK(*row->endReason == app::HistoryEndReason::StoppedByTherapist);
    CHECK(row->channels == QList<int>{3});
    const auto detail = s.world.context().history().detail(s.world.therapist, sessionId);
    REQUIRE(detail.ok());

    // Closing the dialog leaves nothing running.
    child<QPushButton>(dialog, QStringLiteral("searchClose"))->click();
    CHECK_FALSE(dialog.isVisible());
}

TEST_CASE("A guided search refuses to go above 20 mA and names the range", "[ui][patients][motorpoints]")
{
    SearchWorld s;
    auto& dialog = *s.dialog;
    // The session layer itself refuses a search target above the preset's 20 mA, naming the channel and range.
    app::SessionRequest above;
    above.user = s.world.therapist;
    above.patientMrn = kSearchMrn;
    above.deviceUrl = s.world.context().deviceUrl();
    above.presetId = QStringLiteral("motor-point-search");
    above.durationS = 300;
    above.channels = {app::ChannelRequest{3, QStringLiteral("left-upper-trapezius"), 20'500, std::nullopt}};
    const app::AppStatus refusedTarget = s.sessions().prepare(above);
    REQUIRE_FALSE(refusedTarget.ok());
    INFO(refusedTarget.error().message.toStdString());
    CHECK(refusedTarget.error().message.contains(QStringLiteral("channel 3")));
    CHECK(refusedTarget.error().message.contains(QStringLiteral("20.0 mA")));
    REQUIRE(s.sessions().state() == app::SessionState::Idle);

    s.prepareAndStart();
    // 0.5 → 20.0 mA in 39 steps: each accepted (the controller moves the device at most 0.5 mA at a time).
    // One press at a time, each followed by the device, as a therapist watching for a twitch would press.
    for (int i = 0; i < 39; ++i) {
        QTest::keyClick(&dialog, Qt::Key_Up);
        const QString commanded
            = QStringLiteral("commanded %1 mA").arg(static_cast<double>(dialog.amplitudeUa()) / 1000.0, 0, 'f', 1);
        REQUIRE(waitUntil(
            [&] { return labelText(dialog, QStringLiteral("searchDelivered")).contains(commanded); }, kDeviceWait));
    }
    REQUIRE(dialog.amplitudeUa() == 20'000);
    CHECK_FALSE(child<QLabel>(dialog, QStringLiteral("searchMessage"))->isVisibleTo(&dialog));
    QTest::keyClick(&dialog, Qt::Key_Up);
    CHECK(dialog.amplitudeUa() == 20'000);
    const QString refused = labelText(dialog, QStringLiteral("searchMessage"));
    CHECK(refused.contains(QStringLiteral("amplitude")));
    CHECK(refused.contains(QStringLiteral("20.5 mA")));
    CHECK(refused.contains(QStringLiteral("0–20.0 mA")));
    child<QPushButton>(dialog, QStringLiteral("searchUp"))->click();
    CHECK(dialog.amplitudeUa() == 20'000);
    const bool reached = waitUntil(
        [&] {
            return labelText(dialog, QStringLiteral("searchDelivered")).contains(QStringLiteral("commanded 20.0 mA"));
        },
        kDeviceWait);
    INFO(labelText(dialog, QStringLiteral("searchDelivered")).toStdString());
    INFO(labelText(dialog, QStringLiteral("searchState")).toStdString());
    INFO(labelText(dialog, QStringLiteral("searchMessage")).toStdString());
    REQUIRE(reached);

    // Stop search ends the session without a point.
    child<QPushButton>(dialog, QStringLiteral("searchStop"))->click();
    REQUIRE(waitUntil([&] { return s.sessions().state() == app::SessionState::Ended; }, kDeviceWait));
    REQUIRE(waitUntil(
        [&] { return labelText(dialog, QStringLiteral("searchMessage")).contains(QStringLiteral("No motor point")); },
        kDeviceWait));
    CHECK(s.panel->points().isEmpty());
}

TEST_CASE("F12 during a guided search stops the output through the session controller", "[ui][patients][motorpoints]")
{
    SearchWorld s;
    auto& dialog = *s.dialog;
    // The main window's STOP wiring: the application-wide F12 filter to SessionController::stop.
    ui::StopKey stopKey;
    QObject::connect(&stopKey, &ui::StopKey::pressed, &s.sessions(),
        [&s] { s.sessions().stop(QStringLiteral("STOP pressed (tess)")); });

    s.prepareAndStart();
    for (int i = 0; i < 5; ++i) {
        QTest::keyClick(&dialog, Qt::Key_Up);
    }
    REQUIRE(dialog.amplitudeUa() == 3'000);
    REQUIRE(waitUntil(
        [&] { return labelText(dialog, QStringLiteral("searchOutput")).contains(QStringLiteral("OUTPUT ON")); },
        kDeviceWait));
    const qint64 sessionId = *dialog.sessionId();

    // F12 with the focus inside the (window-modal) dialog.
    QTest::keyClick(child<QPushButton>(dialog, QStringLiteral("searchMark")), Qt::Key_F12);
    REQUIRE(waitUntil([&] { return s.sessions().state() == app::SessionState::Ended; }, kDeviceWait));
    CHECK(labelText(dialog, QStringLiteral("searchOutput")).contains(QStringLiteral("Output off")));
    CHECK(labelText(dialog, QStringLiteral("searchMessage")).contains(QStringLiteral("No motor point was marked")));
    CHECK_FALSE(child<QPushButton>(dialog, QStringLiteral("searchUp"))->isEnabled());
    CHECK_FALSE(child<QPushButton>(dialog, QStringLiteral("searchMark"))->isEnabled());
    CHECK(s.panel->points().isEmpty());
    const auto row = historyRow(s.world, sessionId);
    REQUIRE(row.has_value());
    REQUIRE(row->endReason.has_value());
    CHECK(*row->endReason == app::HistoryEndReason::StoppedByTherapist);
}

TEST_CASE("A point marked before the stimulator has reached the set amplitude records what the stimulator was told",
    "[ui][patients][motorpoints]")
{
    // Regression: the threshold recorded was the dialog's setpoint, which runs ahead of the stimulator when Up is
    // pressed faster than the device follows; the twitch the therapist saw came at the current actually commanded.
    SearchWorld s;
    auto& dialog = *s.dialog;
    s.prepareAndStart();
    for (int i = 0; i < 3; ++i) {
        QTest::keyClick(&dialog, Qt::Key_Up);
    }
    REQUIRE(dialog.amplitudeUa() == 2'000);
    REQUIRE(waitUntil(
        [&] {
            return labelText(dialog, QStringLiteral("searchDelivered")).contains(QStringLiteral("commanded 2.0 mA"));
        },
        kDeviceWait));
    // Eight quick presses and the mark at once: no event reaches the dialog in between, so the stimulator is still
    // at 2.0 mA while the setpoint is at 6.0 mA.
    for (int i = 0; i < 8; ++i) {
        QTest::keyClick(&dialog, Qt::Key_Up);
    }
    REQUIRE(dialog.amplitudeUa() == 6'000);
    child<QPushButton>(dialog, QStringLiteral("searchMark"))->click();
    REQUIRE(waitUntil([&] { return s.panel->points().size() == 1; }, kDeviceWait));
    CHECK(s.panel->points().front().thresholdUa == 2'000);
    CHECK(labelText(dialog, QStringLiteral("searchMessage")).contains(QStringLiteral("2.0 mA")));
}

TEST_CASE("A guided search leaves the treatment panel to its own sessions", "[ui][patients][motorpoints]")
{
    // Regression: the treatment panel followed every session of the controller, so a search switched the main
    // window to the treatment tab, offered the search's plan under the treatment's Start button and, once the point
    // was marked, asked for a pain score on the search's end page.
    SearchWorld s;
    ui::TreatmentPanel treatment(s.world.context(), s.world.therapist);
    treatment.setPatient(kSearchMrn);
    auto* stages = child<QStackedWidget>(treatment, QStringLiteral("treatmentStages"));
    auto* setup = child<QWidget>(treatment, QStringLiteral("sessionSetup"));
    REQUIRE(stages->currentWidget() == setup);
    QSignalSpy activeChanges(&treatment, &ui::TreatmentPanel::sessionActiveChanged);

    child<QPushButton>(*s.dialog, QStringLiteral("searchPrepare"))->click();
    REQUIRE(waitUntil([&] { return s.sessions().state() == app::SessionState::Ready; }, kDeviceWait));
    CHECK_FALSE(treatment.sessionActive());
    CHECK_FALSE(child<QPushButton>(treatment, QStringLiteral("startButton"))->isEnabled());
    CHECK_FALSE(child<QPushButton>(treatment, QStringLiteral("cancelPlanButton"))->isEnabled());
    CHECK_FALSE(child<QPushButton>(treatment, QStringLiteral("prepareButton"))->isEnabled());
    CHECK(labelText(treatment, QStringLiteral("prepareMessage")).contains(QStringLiteral("Motor-point search")));
    s.prepareAndStart();
    CHECK(stages->currentWidget() == setup);

    child<QPushButton>(*s.dialog, QStringLiteral("searchMark"))->click();
    REQUIRE(waitUntil([&] { return s.panel->points().size() == 1; }, kDeviceWait));
    REQUIRE(s.sessions().state() == app::SessionState::Ended);
    QCoreApplication::processEvents();
    CHECK(stages->currentWidget() == setup); // no end page, no pain score asked for the search
    CHECK(activeChanges.isEmpty());
    CHECK_FALSE(treatment.sessionActive());
    CHECK(child<QPushButton>(treatment, QStringLiteral("prepareButton"))->isEnabled());
    CHECK_FALSE(labelText(treatment, QStringLiteral("prepareMessage")).contains(QStringLiteral("Motor-point search")));
}
