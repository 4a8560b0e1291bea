// SPDX-License-Identifier: GPL-3.0-or-later
// The calibration wizard driven through its widgets against the in-process simulated stimulator: measured and manual
// runs, a failing channel and its lock, abort mid-run, and the status, drift and records tabs afterwards.
#include "TechnicianBench.h"

#include "app/calibration/CalibrationService.h"
#include "support/WaitUntil.h"
#include "ui/plot/DriftChart.h"
#include "ui/technician/CalibrationDriftPanel.h"
#include "ui/technician/CalibrationRecordsPanel.h"
#include "ui/technician/CalibrationStatusPanel.h"
#include "ui/technician/CalibrationWizard.h"

#include <catch2/catch.hpp>

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>

#include <chrono>

using namespace galvani;

namespace {

enum ResultColumn { ResChannel, ResResult, ResGain, ResOffset, ResAsLeft, ResDue, ResRecord, ResReason };
enum StatusColumn { StChannel, StState, StUse, StCorrection, StRange, StDue, StReason };

QString text(const QTableWidget* table, int row, int column)
{
    const auto* item = table->item(row, column);
    return item != nullptr ? item->text() : QString();
}

} // namespace

TEST_CASE("The wizard in measured mode passes both channels and the status shows them valid with a due date",
    "[ui][technician][wizard]")
{
    test::TechnicianBench bench(QStringLiteral("sim:sciencemode4?channels=2&gain-error=2:+8%"));
    bench.startWizard({1, 2}, false);
    auto* points = bench.find<QTableWidget>(QStringLiteral("pointTable"));
    auto* progress = bench.find<QLabel>(QStringLiteral("runProgressLabel"));
    auto* next = bench.find<QPushButton>(QStringLiteral("continueButton"));
    // Channel 1 waits for the load, then runs; mid-run the table and progress show where it is.
    REQUIRE(test::waitUntil([&] { return !next->isHidden(); }, std::chrono::seconds(30)));
    CHECK(bench.find<QLabel>(QStringLiteral("runPromptLabel"))->text().contains(QStringLiteral("channel 1")));
    CHECK(progress->text().startsWith(QStringLiteral("Channel 1 of 2 (output 1): waiting for the load")));
    CHECK(bench.find<QLabel>(QStringLiteral("runSelfTestLabel"))->text().contains(test::kSimulatorSerial));
    next->click();
    REQUIRE(test::waitUntil([&] { return points->rowCount() >= 2; }, std::chrono::seconds(30)));
    CHECK(progress->text().startsWith(QStringLiteral("Channel 1 of 2 (output 1), point ")));
    CHECK(text(points, 0, 1) == QStringLiteral("as found"));
    CHECK(text(points, 0, 2) == QStringLiteral("10.0"));
    // Columns 7 and 8: the width the device measured (200 µs set, to one sampling period) and no rate (the host
    // times each low-level pulse); 9: within tolerance.
    CHECK(text(points, 0, 7).toDouble() == Approx(200.0).margin(6.0));
    CHECK(text(points, 0, 8) == QStringLiteral("–"));
    CHECK(text(points, 0, 9) == QStringLiteral("Yes"));
    bench.shoot(QStringLiteral("wizard-run"));
    bench.driveWizardToEnd();

    const auto& summary = bench.workspace->wizard()->lastSummary();
    INFO(summary.abortReason.toStdString());
    REQUIRE(summary.completed);
    CHECK(points->rowCount() == 12); // 2 channels × (3 as found + 3 as left)
    const auto* result = bench.find<QTableWidget>(QStringLiteral("resultTable"));
    REQUIRE(result->rowCount() == 2);
    for (int row = 0; row < 2; ++row) {
        INFO(text(result, row, ResReason).toStdString());
        CHECK(text(result, row, ResResult) == QStringLiteral("PASSED"));
        CHECK(text(result, row, ResDue).size() == 10); // yyyy-MM-dd
    }
    CHECK(text(result, 1, ResGain).startsWith(QStringLiteral("1.0")));
    CHECK(text(result, 1, ResGain) != QStringLiteral("1.0000"));
    CHECK(
        bench.find<QLabel>(QStringLiteral("resultHeadlineLabel"))->text() == QStringLiteral("2 of 2 channels passed"));
    CHECK(bench.find<QLabel>(QStringLiteral("signedByLabel"))->text().contains(QStringLiteral("login terry")));
    bench.workspace->showTab(ui::TechnicianWorkspace::Tab::Calibrate);
    bench.shoot(QStringLiteral("result"));

    // Status: both valid, usable, with the correction and a due date a year out.
    const auto& statuses = bench.workspace->statusPanel()->statuses();
    REQUIRE(statuses.size() == 2);
    for (const auto& s : statuses) {
        CHECK(s.state == app::CalibrationState::Valid);
        CHECK_FALSE(s.locked);
        CHECK(s.dueUtcMs > 0);
    }
    const auto* status = bench.find<QTableWidget>(QStringLiteral("statusTable"));
    REQUIRE(status->rowCount() == 2);
    CHECK(text(status, 0, StState) == QStringLiteral("Valid"));
    CHECK(text(status, 1, StUse) == QStringLiteral("Usable"));
    CHECK(text(status, 1, StDue).contains(QStringLiteral("due in 36")));
    CHECK(text(status, 1, StCorrection).startsWith(QStringLiteral("gain 1.0")));
    bench.workspace->showTab(ui::TechnicianWorkspace::Tab::Status);
    bench.shoot(QStringLiteral("status-valid"));

    // Drift: the chart got channel 2's report of this device.
    auto* drift = bench.workspace->driftPanel();
    drift->findChild<QSpinBox*>(QStringLiteral("driftChannelSpin"))->setValue(2);
    REQUIRE(drift->report());
    CHECK(drift->report()->deviceSerial == test::kSimulatorSerial);
    CHECK(drift->report()->channel == 2);
    CHECK(drift->report()->history.size() == 2); // the incomplete attempt, then the passed record
    const auto* heading = drift->chart()->findChild<QLabel*>(QStringLiteral("driftHeading"));
    REQUIRE(heading != nullptr);
    CHECK(heading->text().contains(test::kSimulatorSerial));
    CHECK(heading->text().contains(QStringLiteral("channel 2")));
    bench.workspace->showTab(ui::TechnicianWorkspace::Tab::Drift);
    bench.shoot(QStringLiteral("drift"));

    // Records: 2 attempts + 2 passed records, newest first; selecting one shows its points.
    auto* records = bench.find<QTableWidget>(QStringLiteral("recordsTable"));
    REQUIRE(records->rowCount() == 4);
    CHECK(text(records, 0, 4) == QStringLiteral("passed"));
    records->selectRow(0);
    const QString details = bench.find<QPlainTextEdit>(QStringLiteral("recordDetails"))->toPlainText();
    CHECK(details.contains(QStringLiteral("as found")));
    CHECK(details.contains(QStringLiteral("as left")));
    CHECK(details.contains(QStringLiteral("    25.000 mA")));
    bench.workspace->showTab(ui::TechnicianWorkspace::Tab::Records);
    bench.shoot(QStringLiteral("records"));
}

TEST_CASE("A 15 percent gain error fails channel 2, which the status shows locked with the reason",
    "[ui][technician][wizard]")
{
    test::TechnicianBench bench(QStringLiteral("sim:sciencemode4?channels=2&gain-error=2:+15%"));
    bench.startWizard({1, 2}, false);
    bench.driveWizardToEnd();
    const auto& summary = bench.workspace->wizard()->lastSummary();
    INFO(summary.abortReason.toStdString());
    REQUIRE(summary.completed);
    const auto* result = bench.find<QTableWidget>(QStringLiteral("resultTable"));
    REQUIRE(result->rowCount() == 2);
    CHECK(text(result, 0, ResResult) == QStringLiteral("PASSED"));
    CHECK(text(result, 1, ResResult) == QStringLiteral("FAILED - locked"));
    CHECK_FALSE(text(result, 1, ResReason).isEmpty());
    CHECK(
        bench.find<QLabel>(QStringLiteral("resultHeadlineLabel"))->text() == QStringLiteral("1 of 2 channels passed"));

    const auto* status = bench.find<QTableWidget>(QStringLiteral("statusTable"));
    REQUIRE(status->rowCount() == 2);
    CHECK(text(status, 0, StUse) == QStringLiteral("Usable"));
    CHECK(text(status, 1, StState) == QStringLiteral("Failed"));
    CHECK(text(status, 1, StUse) == QStringLiteral("LOCKED"));
    CHECK_FALSE(status->item(1, StUse)->icon().isNull());
    INFO(text(status, 1, StReason).toStdString());
    CHECK(text(status, 1, StReason).contains(QStringLiteral("failed")));
    CHECK(text(status, 1, StReason).contains(QStringLiteral("channel 2")));
    CHECK(bench.find<QLabel>(QStringLiteral("statusSummaryLabel"))->text().contains(QStringLiteral("1 of 2")));
    bench.workspace->showTab(ui::TechnicianWorkspace::Tab::Status);
    bench.shoot(QStringLiteral("status-locked"));
    bench.workspace->showTab(ui::TechnicianWorkspace::Tab::Calibrate);
    bench.shoot(QStringLiteral("result-failed"));
}

TEST_CASE("Manual mode asks for each reading with the commanded value and takes typed readings",
    "[ui][technician][wizard][manual]")
{
    test::TechnicianBench bench(QStringLiteral("sim:sciencemode4?channels=2&level=mid"));
    bench.startWizard({1}, true);
    auto* next = bench.find<QPushButton>(QStringLiteral("continueButton"));
    REQUIRE(test::waitUntil([&] { return !next->isHidden(); }, std::chrono::seconds(30)));
    next->click();
    auto* group = bench.find<QWidget>(QStringLiteral("readingGroup"));
    REQUIRE(test::waitUntil([&] { return !group->isHidden(); }, std::chrono::seconds(30)));
    const QString prompt = bench.find<QLabel>(QStringLiteral("readingPromptLabel"))->text();
    CHECK(prompt.contains(QStringLiteral("set 10.0 mA")));
    CHECK(prompt.contains(QStringLiteral("commanded 10.0 mA")));

    // A bad entry and one out of range are refused next to the field, keep the text and record nothing.
    auto* reading = bench.find<QLineEdit>(QStringLiteral("readingEdit"));
    auto* submit = bench.find<QPushButton>(QStringLiteral("submitReadingButton"));
    auto* error = bench.find<QLabel>(QStringLiteral("readingErrorLabel"));
    auto* points = bench.find<QTableWidget>(QStringLiteral("pointTable"));
    reading->setText(QStringLiteral("ten"));
    submit->click();
    CHECK_FALSE(error->isHidden());
    CHECK(error->text().contains(QStringLiteral("0-200 mA")));
    CHECK(reading->text() == QStringLiteral("ten"));
    reading->setText(QStringLiteral("250"));
    submit->click();
    CHECK(error->text().contains(QStringLiteral("'250'")));
    CHECK(points->rowCount() == 0);
    CHECK_FALSE(group->isHidden());
    bench.workspace->showTab(ui::TechnicianWorkspace::Tab::Calibrate);
    bench.shoot(QStringLiteral("manual-reading"));

    // The meter across a channel 5 % hot: every reading typed through the widget.
    QList<double> commanded;
    bench.driveWizardToEnd([&](double commandedMa) {
        commanded.append(commandedMa);
        return 1.05 * commandedMa;
    });
    const auto& summary = bench.workspace->wizard()->lastSummary();
    INFO(summary.abortReason.toStdString());
    REQUIRE(summary.completed);
    REQUIRE(commanded.size() == 6);
    CHECK(commanded[0] == Approx(10.0));
    CHECK(commanded[3] < 10.0); // as left: through the new correction
    REQUIRE(points->rowCount() == 6);
    CHECK(text(points, 0, 4) == QStringLiteral("10.50"));
    const auto* result = bench.find<QTableWidget>(QStringLiteral("resultTable"));
    REQUIRE(result->rowCount() == 1);
    CHECK(text(result, 0, ResResult) == QStringLiteral("PASSED"));
    CHECK(text(result, 0, ResGain) == QStringLiteral("1.0500"));
}

TEST_CASE("Abort mid-run leaves no passed or failed record for the channel under way", "[ui][technician][wizard]")
{
    test::TechnicianBench bench(QStringLiteral("sim:sciencemode4?channels=2"));
    bench.startWizard({1, 2}, false);
    auto* next = bench.find<QPushButton>(QStringLiteral("continueButton"));
    auto* points = bench.find<QTableWidget>(QStringLiteral("pointTable"));
    auto* results = bench.find<QListWidget>(QStringLiteral("channelResultsList"));
    REQUIRE(test::waitUntil([&] { return !next->isHidden(); }, std::chrono::seconds(30)));
    next->click();
    // Channel 1 finishes, channel 2 starts and measures a point; then the technician aborts.
    REQUIRE(test::waitUntil([&] { return results->count() == 1 && !next->isHidden(); }, std::chrono::seconds(60)));
    next->click();
    REQUIRE(test::waitUntil([&] { return points->rowCount() >= 7; }, std::chrono::seconds(30)));
    bench.find<QPushButton>(QStringLiteral("abortButton"))->click();
    REQUIRE(test::waitUntil([&] { return !bench.workspace->wizard()->running(); }, std::chrono::seconds(15)));
    CHECK(bench.workspace->wizard()->page() == ui::CalibrationWizard::Page::Result);
    const auto& summary = bench.workspace->wizard()->lastSummary();
    CHECK_FALSE(summary.completed);
    CHECK(summary.abortReason.contains(QStringLiteral("terry")));
    CHECK(bench.find<QLabel>(QStringLiteral("resultHeadlineLabel"))
              ->text()
              .startsWith(QStringLiteral("Calibration stopped")));
    CHECK(bench.find<QLabel>(QStringLiteral("resultDetailLabel"))->text().contains(QStringLiteral("incomplete")));

    auto& service = bench.context->calibration();
    const auto second = service.history(bench.technician, test::kSimulatorSerial, 2);
    REQUIRE(second.ok());
    REQUIRE_FALSE(second->isEmpty());
    for (const auto& entry : *second) {
        CHECK(entry.status == QStringLiteral("incomplete"));
    }
    const auto first = service.history(bench.technician, test::kSimulatorSerial, 1);
    REQUIRE(first.ok());
    REQUIRE(first->size() == 2);
    CHECK(first->at(1).status == QStringLiteral("passed"));
    const auto& statuses = bench.workspace->statusPanel()->statuses();
    REQUIRE(statuses.size() == 2);
    CHECK(statuses[0].state == app::CalibrationState::Valid);
    CHECK(statuses[1].state == app::CalibrationState::None);
    bench.workspace->showTab(ui::TechnicianWorkspace::Tab::Calibrate);
    bench.shoot(QStringLiteral("result-aborted"));
}
