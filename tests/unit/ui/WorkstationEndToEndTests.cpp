// SPDX-License-Identifier: GPL-3.0-or-later
// The whole workstation through its widgets, on the in-process simulator and a fresh store: sign in, create the
// patient, screen, place an electrode on the body map, prepare and start with a preset, change the amplitude by key,
// STOP by F12 while a modal dialog is open, record the outcome, find the session in the patient's history.
#include "app/AppContext.h"
#include "app/services/AuthService.h"
#include "app/services/UserService.h"
#include "app/session/SessionController.h"
#include "support/ChildWidget.h"
#include "support/WaitUntil.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/patients/BodyMapWidget.h"
#include "ui/patients/PatientWorkspace.h"
#include "ui/session/ChannelStrip.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace galvani;
using galvani::test::child;
using galvani::test::waitUntil;
using namespace std::chrono_literals;

namespace {

const QString kPassword = QStringLiteral("correct-horse-battery-9");
constexpr auto kDeviceWait = 20s;

void showTab(ui::MainWindow& window, const QString& title)
{
    auto* tabs = child<QTabWidget>(window, QStringLiteral("workspaceTabs"));
    for (int i = 0; i < tabs->count(); ++i) {
        if (tabs->tabText(i).remove(QLatin1Char('&')) == title) {
            tabs->setCurrentIndex(i);
            return;
        }
    }
    FAIL("no tab " << title.toStdString());
}

} // namespace

TEST_CASE("a therapist treats a new patient start to finish through the workstation's widgets", "[ui][gui][e2e]")
{
    QTemporaryDir dir;
    app::AppOptions options;
    options.deviceUrl = QStringLiteral("sim:sciencemode4?channels=8");
    options.storeUrl = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("galvani.sqlite"));
    QString error;
    auto context = app::AppContext::create(options, &error);
    REQUIRE(context);
    const auto admin
        = context->auth().createFirstAdmin(QStringLiteral("alex"), QStringLiteral("Alex Admin"), kPassword);
    REQUIRE(admin.ok());
    app::NewUserInput therapist{
        QStringLiteral("tess"), QStringLiteral("Tess Therapist"), app::Role::Therapist, kPassword};
    REQUIRE(context->users().add(*admin, therapist).ok());

    ui::MainWindow window(*context);
    window.resize(1400, 900);
    window.show();
    window.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&window)); // key presses go to the active window, as at the table

    // Sign in.
    child<QLineEdit>(window, QStringLiteral("signInUser"))->setText(QStringLiteral("tess"));
    child<QLineEdit>(window, QStringLiteral("signInPassword"))->setText(kPassword);
    child<QPushButton>(window, QStringLiteral("signInSubmit"))->click();
    // The password is checked on a worker thread; the screen changes when the answer is back.
    REQUIRE(waitUntil([&] { return window.screen() == ui::MainWindow::Screen::Workspace; }, 30s));

    // A new patient through the form.
    showTab(window, QStringLiteral("Patients"));
    auto* patients = child<ui::PatientWorkspace>(window, QString());
    child<QPushButton>(*patients, QStringLiteral("newPatient"))->click();
    auto* form = child<QWidget>(*patients, QStringLiteral("newPatientDialog"));
    child<QLineEdit>(*form, QStringLiteral("newPatientMrn"))->setText(QStringLiteral("MRN-E2E-1"));
    child<QLineEdit>(*form, QStringLiteral("newPatientFamilyName"))->setText(QStringLiteral("Berg"));
    child<QLineEdit>(*form, QStringLiteral("newPatientGivenNames"))->setText(QStringLiteral("Ines"));
    child<QLineEdit>(*form, QStringLiteral("newPatientBirthDate"))->setText(QStringLiteral("1968-03-09"));
    child<QPushButton>(*form, QStringLiteral("createPatient"))->click();
    REQUIRE(patients->currentMrn() == QStringLiteral("MRN-E2E-1"));

    // Screening: nothing applies.
    child<QTabWidget>(*patients, QStringLiteral("patientTabs"))->setCurrentIndex(0);
    child<QPushButton>(*patients, QStringLiteral("newScreening"))->click();
    auto* screening = child<QWidget>(*patients, QStringLiteral("screeningDialog"));
    child<QPushButton>(*screening, QStringLiteral("noneApply"))->click();
    child<QPushButton>(*screening, QStringLiteral("saveScreening"))->click();
    REQUIRE_FALSE(screening->isVisible());

    // Placement: channel 1 on the right lumbar multifidus, picked on the body map.
    child<QTabWidget>(*patients, QStringLiteral("patientTabs"))->setCurrentIndex(1);
    auto* map = patients->bodyMap();
    const QPointF marker = map->markerCentre(QStringLiteral("right-lumbar-multifidus"));
    QTest::mouseClick(map, Qt::LeftButton, Qt::NoModifier, marker.toPoint());
    child<QSpinBox>(*patients, QStringLiteral("placementChannel"))->setValue(1);
    child<QPushButton>(*patients, QStringLiteral("recordPlacement"))->click();
    REQUIRE(child<QTableWidget>(*patients, QStringLiteral("placementTable"))->rowCount() == 1);

    // Treat: the treatment tab takes the patient; conventional TENS on channel 1 at 6 mA.
    child<QPushButton>(*patients, QStringLiteral("treatPatient"))->click();
    auto* tabs = child<QTabWidget>(window, QStringLiteral("workspaceTabs"));
    REQUIRE(tabs->tabText(tabs->currentIndex()).remove(QLatin1Char('&')) == QStringLiteral("Treatment"));
    CHECK(child<QLabel>(window, QStringLiteral("patientMrn"))->text().contains(QStringLiteral("MRN-E2E-1")));
    child<QCheckBox>(window, QStringLiteral("channelEnable1"))->setChecked(true);
    child<QDoubleSpinBox>(window, QStringLiteral("channelTarget1"))->setValue(6.0);
    child<QSpinBox>(window, QStringLiteral("nprsBefore"))->setValue(6);
    app::SessionController& sessions = context->sessions();
    child<QPushButton>(window, QStringLiteral("prepareButton"))->click();
    REQUIRE(waitUntil([&] { return sessions.state() == app::SessionState::Ready; }, kDeviceWait));
    auto* read = child<QCheckBox>(window, QStringLiteral("noticesRead"));
    if (read->isVisible()) {
        read->setChecked(true);
    }
    child<QPushButton>(window, QStringLiteral("startButton"))->click();
    REQUIRE(waitUntil([&] { return sessions.state() == app::SessionState::Running; }, kDeviceWait));
    REQUIRE(waitUntil(
        [&] { return child<QLabel>(window, QStringLiteral("globalOutputIndicator"))->isVisible(); }, kDeviceWait));

    // Once channel 1 has ramped to its target, one step up by key on the run screen.
    auto* strip = child<ui::ChannelStrip>(window, QStringLiteral("channelStrip1"));
    REQUIRE(waitUntil([&] { return !strip->status().ramping && strip->status().commandedUa == 6'000; }, kDeviceWait));
    auto* run = child<QWidget>(window, QStringLiteral("sessionRun"));
    // The patient dialogs were windows of their own: the main window takes the keyboard back, as a click would.
    window.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&window));
    run->setFocus();
    QTest::keyClick(run, Qt::Key_1);
    QTest::keyClick(run, Qt::Key_Up);
    REQUIRE(
        waitUntil([&] { return sessions.state() == app::SessionState::Running && strip->status().setpointUa == 6'500; },
            kDeviceWait));

    // STOP by F12 while a modal dialog holds the screen (signing out during a session opens one).
    bool dialogWasOpen = false;
    QTimer::singleShot(300, [&] {
        QWidget* modal = QApplication::activeModalWidget();
        dialogWasOpen = modal != nullptr;
        QTest::keyClick(modal != nullptr ? modal : &window, Qt::Key_F12);
        QTimer::singleShot(200, [] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                box->accept();
            }
        });
    });
    window.signOut();
    CHECK(dialogWasOpen);
    REQUIRE(waitUntil([&] { return sessions.state() == app::SessionState::Ended; }, kDeviceWait));
    CHECK(child<QLabel>(window, QStringLiteral("endReason"))->text().contains(QStringLiteral("Stopped")));

    // The outcome, then the session in the patient's history.
    child<QSpinBox>(window, QStringLiteral("nprsAfter"))->setValue(3);
    child<QPushButton>(window, QStringLiteral("recordOutcome"))->click();
    showTab(window, QStringLiteral("History"));
    auto* history = child<QTableWidget>(window, QStringLiteral("historyResults"));
    REQUIRE(waitUntil([&] { return history->rowCount() == 1; }, kDeviceWait));
    QStringList row;
    for (int c = 0; c < history->columnCount(); ++c) {
        if (history->item(0, c) != nullptr) {
            row << history->item(0, c)->text();
        }
    }
    INFO(row.join(QStringLiteral(" | ")).toStdString());
    CHECK(row.join(QLatin1Char(' ')).contains(QStringLiteral("MRN-E2E-1")));
    CHECK(row.join(QLatin1Char(' ')).contains(QStringLiteral("stopped"), Qt::CaseInsensitive));
}
