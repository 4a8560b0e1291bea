// SPDX-License-Identifier: GPL-3.0-or-later
// The technician workspace's device panel, status panel and set-up form against a real store and the in-process
// simulated stimulator.
#include "TechnicianBench.h"

#include "app/calibration/CalibrationService.h"
#include "support/WaitUntil.h"
#include "ui/plot/DriftChart.h"
#include "ui/technician/CalibrationDriftPanel.h"
#include "ui/technician/CalibrationStatusPanel.h"
#include "ui/technician/CalibrationWizard.h"
#include "ui/technician/TechnicianDevicePanel.h"

#include <catch2/catch.hpp>

#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>

#include <chrono>

using namespace galvani;

namespace {

constexpr qint64 kDayMs = 24LL * 60 * 60 * 1000;

QStringList listTexts(const QListWidget* list)
{
    QStringList out;
    for (int i = 0; i < list->count(); ++i) {
        out.append(list->item(i)->text());
    }
    return out;
}

} // namespace

TEST_CASE("Connect shows the device serial, firmware and a recorded self-test, and records no calibration",
    "[ui][technician][device]")
{
    test::TechnicianBench bench(QStringLiteral("sim:sciencemode4?channels=2&battery=15"));
    auto* panel = bench.workspace->devicePanel();
    auto* url = bench.find<QComboBox>(QStringLiteral("deviceUrlCombo"));
    REQUIRE(url->currentText() == bench.context->deviceUrl());
    bench.find<QPushButton>(QStringLiteral("connectButton"))->click();
    CHECK(panel->busy());
    CHECK_FALSE(bench.find<QPushButton>(QStringLiteral("connectButton"))->isEnabled());
    REQUIRE(test::waitUntil([&] { return !panel->busy(); }, std::chrono::seconds(30)));
    const auto* error = bench.find<QLabel>(QStringLiteral("deviceErrorLabel"));
    INFO(error->text().toStdString());
    CHECK(error->isHidden());

    CHECK(bench.find<QLabel>(QStringLiteral("deviceSerialLabel"))->text() == test::kSimulatorSerial);
    const QString firmware = bench.find<QLabel>(QStringLiteral("deviceFirmwareLabel"))->text();
    CHECK_FALSE(firmware.isEmpty());
    CHECK(firmware != QStringLiteral("-"));
    CHECK(bench.find<QLabel>(QStringLiteral("deviceModelLabel"))->text().contains(QStringLiteral("sciencemode4")));
    CHECK(bench.find<QLabel>(QStringLiteral("deviceChannelsLabel"))->text() == QStringLiteral("2"));
    // 15 % battery: a warning, not a failure.
    CHECK(bench.find<QLabel>(QStringLiteral("deviceBatteryLabel"))->text().contains(QStringLiteral("15 %")));
    CHECK(bench.find<QLabel>(QStringLiteral("deviceBatteryLabel"))->text().contains(QStringLiteral("Warning")));
    CHECK(bench.find<QLabel>(QStringLiteral("selfTestSummaryLabel"))->text() == QStringLiteral("Passed"));
    const auto* checks = bench.find<QTableWidget>(QStringLiteral("selfTestTable"));
    QStringList names;
    for (int r = 0; r < checks->rowCount(); ++r) {
        names.append(checks->item(r, 0)->text() + QLatin1Char('/') + checks->item(r, 1)->text());
    }
    INFO(names.join(QStringLiteral(", ")).toStdString());
    CHECK(names.contains(QStringLiteral("Handshake/device")));
    CHECK(names.contains(QStringLiteral("Battery/device")));
    CHECK(names.contains(QStringLiteral("Low-current check/1")));
    CHECK(names.contains(QStringLiteral("Low-current check/2")));
    // The device's past self-tests, read back from the audit trail: this one, run by the technician.
    const auto* history = bench.find<QTableWidget>(QStringLiteral("selfTestHistoryTable"));
    REQUIRE(history->rowCount() == 1);
    CHECK(history->item(0, 1)->text() == bench.technician.username);
    CHECK(history->item(0, 2)->text() == QStringLiteral("connection (full)"));
    CHECK(history->item(0, 3)->text() == QStringLiteral("Passed"));
    CHECK(bench.find<QLabel>(QStringLiteral("selfTestHistoryNote"))->text().startsWith(test::kSimulatorSerial));

    // Recorded through the service (kept for the status), and the aborted procedure left no record of any kind.
    const auto selfTest = bench.context->calibration().lastSelfTest(test::kSimulatorSerial);
    REQUIRE(selfTest);
    CHECK(selfTest->passed());
    const auto all = bench.context->calibration().allCalibrations(bench.technician);
    REQUIRE(all.ok());
    CHECK(all->isEmpty());
    // The status tab now shows this device, both channels on the factory calibration.
    CHECK(bench.workspace->statusPanel()->deviceSerial() == test::kSimulatorSerial);
    CHECK(bench.workspace->statusPanel()->statuses().size() == 2);
    CHECK(bench.find<QPushButton>(QStringLiteral("connectButton"))->isEnabled());
    bench.shoot(QStringLiteral("device"));
}

TEST_CASE("A device URL the app cannot use is refused with the service's message", "[ui][technician][device]")
{
    test::TechnicianBench bench(QStringLiteral("sim:sciencemode4?channels=2"));
    auto* url = bench.find<QComboBox>(QStringLiteral("deviceUrlCombo"));
    url->setEditText(QStringLiteral("sim:nosuchprotocol"));
    bench.find<QPushButton>(QStringLiteral("connectButton"))->click();
    CHECK_FALSE(bench.workspace->devicePanel()->busy());
    const auto* error = bench.find<QLabel>(QStringLiteral("deviceErrorLabel"));
    CHECK_FALSE(error->isHidden());
    CHECK_FALSE(error->text().isEmpty());
    CHECK(url->currentText() == QStringLiteral("sim:nosuchprotocol")); // nothing typed is lost
}

TEST_CASE(
    "Stimulators found on serial ports are offered in the URL list with what they are", "[ui][technician][device]")
{
    test::TechnicianBench bench(QStringLiteral("sim:sciencemode4?channels=2"));
    auto* url = bench.find<QComboBox>(QStringLiteral("deviceUrlCombo"));
    auto* ports = bench.find<QLabel>(QStringLiteral("serialPortsLabel"));
    CHECK_FALSE(ports->text().isEmpty()); // what this machine's ports gave: found ones, or "No stimulator found"
    const int before = url->count();
    const app::DeviceChoice p24{QStringLiteral("serial:/dev/ttyUSB7?protocol=sciencemode4"),
        QStringLiteral("sciencemode4 on /dev/ttyUSB7 (Hasomed GmbH, P24, serial 4711)")};
    bench.workspace->devicePanel()->offerPorts({p24});
    const int index = url->findText(p24.url);
    REQUIRE(index >= 0);
    CHECK(url->count() == before + 1);
    CHECK(url->itemData(index, Qt::ToolTipRole).toString() == p24.label);
    CHECK(ports->text().contains(QStringLiteral("/dev/ttyUSB7")));
    bench.workspace->devicePanel()->offerPorts({p24}); // found again: listed once
    CHECK(url->count() == before + 1);
    bench.workspace->devicePanel()->offerPorts({});
    CHECK(ports->text().startsWith(QStringLiteral("No stimulator found")));
}

TEST_CASE("The status panel lists channels due within 30 days and overdue ones with text and icon",
    "[ui][technician][status]")
{
    test::TechnicianBench bench(QStringLiteral("sim:sciencemode4?channels=2"));
    const qint64 now = 1'800'000'000'000;
    QList<app::ChannelCalibrationStatus> statuses;
    app::ChannelCalibrationStatus valid;
    valid.deviceSerial = test::kSimulatorSerial;
    valid.channel = 1;
    valid.state = app::CalibrationState::Valid;
    valid.factoryCalibration = false;
    valid.calibrationId = 7;
    valid.dueUtcMs = now + 200 * kDayMs;
    valid.gain = 1.08;
    valid.calibratedMinUa = 10'000;
    valid.calibratedMaxUa = 50'000;
    statuses.append(valid);
    auto soon = valid;
    soon.channel = 2;
    soon.state = app::CalibrationState::DueSoon;
    soon.dueUtcMs = now + 12 * kDayMs - 1000;
    soon.reason = QStringLiteral("calibration due soon");
    statuses.append(soon);
    auto overdue = valid;
    overdue.channel = 3;
    overdue.state = app::CalibrationState::Overdue;
    overdue.locked = true;
    overdue.dueUtcMs = now - 3 * kDayMs;
    overdue.reason = QStringLiteral("calibration #7 was due: a technician must recalibrate channel 3");
    statuses.append(overdue);
    bench.workspace->statusPanel()->showStatuses(statuses, now);

    const QStringList reminders = listTexts(bench.find<QListWidget>(QStringLiteral("reminderList")));
    INFO(reminders.join(QStringLiteral(" | ")).toStdString());
    REQUIRE(reminders.size() == 2);
    CHECK(reminders[0].startsWith(QStringLiteral("Channel 2: calibration due in 12 days")));
    CHECK(reminders[1].startsWith(QStringLiteral("Channel 3: calibration overdue by 3 days")));
    CHECK(reminders[1].contains(QStringLiteral("LOCKED")));
    const auto* list = bench.find<QListWidget>(QStringLiteral("reminderList"));
    CHECK_FALSE(list->item(0)->icon().isNull());
    const auto* table = bench.find<QTableWidget>(QStringLiteral("statusTable"));
    REQUIRE(table->rowCount() == 3);
    CHECK(table->item(0, 1)->text() == QStringLiteral("Valid"));
    CHECK(table->item(1, 1)->text() == QStringLiteral("Due soon: due in 12 days"));
    CHECK(table->item(2, 2)->text() == QStringLiteral("LOCKED"));
    CHECK_FALSE(table->item(2, 2)->icon().isNull());
    CHECK(table->item(0, 3)->text().startsWith(QStringLiteral("gain 1.0800")));
}

TEST_CASE("An expired reference instrument is refused by name and nothing typed is lost", "[ui][technician][setup]")
{
    test::TechnicianBench bench(QStringLiteral("sim:sciencemode4?channels=2"));
    bench.workspace->showTab(ui::TechnicianWorkspace::Tab::Calibrate);
    auto* name = bench.find<QLineEdit>(QStringLiteral("instrumentNameEdit"));
    auto* serial = bench.find<QLineEdit>(QStringLiteral("instrumentSerialEdit"));
    name->setText(QStringLiteral("Keithley 2000"));
    serial->setText(QStringLiteral("KE-77"));
    bench.find<QDateEdit>(QStringLiteral("instrumentDueEdit"))->setDate(QDate::currentDate().addDays(-2));
    bench.find<QPushButton>(QStringLiteral("addInstrumentButton"))->click();
    const auto* error = bench.find<QLabel>(QStringLiteral("instrumentErrorLabel"));
    CHECK_FALSE(error->isHidden());
    CHECK(error->text().contains(QStringLiteral("Keithley 2000")));
    CHECK(error->text().contains(QStringLiteral("lapsed")));
    CHECK(bench.find<QTableWidget>(QStringLiteral("instrumentTable"))->rowCount() == 0);
    CHECK(name->text() == QStringLiteral("Keithley 2000"));
    CHECK(serial->text() == QStringLiteral("KE-77"));

    // Start without an instrument: refused, naming the field; the wizard stays on its set-up.
    bench.find<QPushButton>(QStringLiteral("startCalibrationButton"))->click();
    const auto* setupError = bench.find<QLabel>(QStringLiteral("setupErrorLabel"));
    CHECK_FALSE(setupError->isHidden());
    CHECK(setupError->text().startsWith(QStringLiteral("Reference instruments")));
    CHECK(bench.workspace->wizard()->page() == ui::CalibrationWizard::Page::Setup);
    CHECK_FALSE(bench.workspace->wizard()->running());

    // The same instrument within its calibration is taken.
    bench.find<QDateEdit>(QStringLiteral("instrumentDueEdit"))->setDate(QDate::currentDate().addDays(30));
    bench.find<QPushButton>(QStringLiteral("addInstrumentButton"))->click();
    CHECK(error->isHidden());
    CHECK(bench.find<QTableWidget>(QStringLiteral("instrumentTable"))->rowCount() == 1);
    CHECK(setupError->isHidden());
    bench.shoot(QStringLiteral("setup"));
}

TEST_CASE(
    "The drift tab feeds the chart the service's report for the chosen device and channel", "[ui][technician][drift]")
{
    test::TechnicianBench bench(QStringLiteral("sim:sciencemode4?channels=2"));
    bench.workspace->showTab(ui::TechnicianWorkspace::Tab::Drift);
    auto* drift = bench.workspace->driftPanel();
    CHECK_FALSE(drift->report()); // nothing on record yet, nothing chosen
    bench.find<QComboBox>(QStringLiteral("driftSerialCombo"))->setEditText(test::kSimulatorSerial);
    bench.find<QSpinBox>(QStringLiteral("driftChannelSpin"))->setValue(3);
    bench.find<QPushButton>(QStringLiteral("driftShowButton"))->click();
    REQUIRE(drift->report());
    CHECK(drift->report()->deviceSerial == test::kSimulatorSerial);
    CHECK(drift->report()->channel == 3);
    CHECK(drift->report()->history.isEmpty());
    CHECK_FALSE(drift->report()->trendKnown);
    const auto* heading = drift->chart()->findChild<QLabel*>(QStringLiteral("driftHeading"));
    REQUIRE(heading != nullptr);
    CHECK(heading->text().contains(QStringLiteral("channel 3")));
    CHECK(bench.find<QLabel>(QStringLiteral("driftFiguresLabel"))
              ->text()
              .contains(QStringLiteral("0 calibration records")));
}
