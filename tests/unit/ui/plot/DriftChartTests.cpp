// SPDX-License-Identifier: GPL-3.0-or-later
#include "PlotTestSupport.h"
#include "ui/plot/DriftChart.h"

#include <catch2/catch.hpp>

#include <QDateTime>
#include <QLabel>
#include <QtCharts/QChart>
#include <QtCharts/QScatterSeries>

using galvani::app::CalibrationHistoryEntry;
using galvani::app::DriftReport;
using galvani::test::plot::seriesNamed;
using galvani::ui::DriftChart;

namespace {

qint64 utcMs(int year, int month, int day)
{
    return QDateTime(QDate(year, month, day), QTime(10, 0), Qt::UTC).toMSecsSinceEpoch();
}

CalibrationHistoryEntry entry(
    qint64 id, const QString& status, qint64 atMs, std::optional<double> gain, std::optional<double> offsetUa)
{
    CalibrationHistoryEntry e;
    e.calibrationId = id;
    e.deviceSerial = QStringLiteral("SM4-00123");
    e.channel = 2;
    e.status = status;
    e.performedUtcMs = atMs;
    e.dueUtcMs = atMs + qint64{365} * 24 * 3600 * 1000;
    e.gain = gain;
    e.offsetUa = offsetUa;
    e.points = gain ? 6 : 0;
    return e;
}

// A channel whose gain has been sinking for three years: four passing records, one failed, one incomplete.
DriftReport driftingReport()
{
    DriftReport r;
    r.deviceSerial = QStringLiteral("SM4-00123");
    r.channel = 2;
    r.history = {
        entry(1, QStringLiteral("passed"), utcMs(2022, 3, 1), 0.995, 40.0),
        entry(2, QStringLiteral("passed"), utcMs(2023, 3, 2), 0.972, 120.0),
        entry(3, QStringLiteral("incomplete"), utcMs(2024, 2, 27), std::nullopt, std::nullopt),
        entry(4, QStringLiteral("failed"), utcMs(2024, 2, 28), 0.880, 650.0),
        entry(5, QStringLiteral("passed"), utcMs(2024, 3, 1), 0.951, 210.0),
        entry(6, QStringLiteral("passed"), utcMs(2025, 2, 27), 0.929, 280.0),
    };
    r.trendKnown = true;
    r.gainPerYear = -0.022;
    r.offsetUaPerYear = 80.0;
    r.dueUtcMs = utcMs(2026, 2, 27);
    r.gainAtDue = 0.907;
    r.offsetUaAtDue = 360.0;
    r.leavesToleranceUtcMs = utcMs(2025, 11, 14);
    r.message = QStringLiteral("the trend leaves tolerance on 2025-11-14, before the due date 2026-02-27: "
                               "gain 0.912 needs more than the 10 % correction bound");
    return r;
}

} // namespace

TEST_CASE("the drift chart plots passing and failed calibrations apart, the trend and the warning", "[ui][plot]")
{
    DriftChart chart;
    chart.resize(900, 640);
    chart.show();
    const DriftReport report = driftingReport();
    chart.setReport(report);

    for (QChart* c : {chart.gainChart(), chart.offsetChart()}) {
        auto* passed = qobject_cast<QScatterSeries*>(seriesNamed(c, QStringLiteral("passed (circle)")));
        auto* failed = qobject_cast<QScatterSeries*>(seriesNamed(c, QStringLiteral("failed (triangle)")));
        REQUIRE(passed != nullptr);
        REQUIRE(failed != nullptr);
        CHECK(passed->count() == 4);
        CHECK(failed->count() == 1);
        // Told apart by marker shape, not colour alone.
        CHECK(passed->markerShape() == QScatterSeries::MarkerShapeCircle);
        CHECK(failed->markerShape() == QScatterSeries::MarkerShapeTriangle);
        auto* trend = seriesNamed(c, QStringLiteral("trend to due date"));
        REQUIRE(trend != nullptr);
        CHECK(trend->pen().style() == Qt::DashLine);
        REQUIRE(trend->count() == 2);
        CHECK(trend->at(1).x() == Approx(static_cast<double>(report.dueUtcMs)));
        CHECK(seriesNamed(c, QStringLiteral("leaves tolerance")) != nullptr);
        CHECK(seriesNamed(c, QStringLiteral("due date")) != nullptr);
    }
    // The trend ends at the report's values at the due date (gain as is, offset in mA).
    CHECK(seriesNamed(chart.gainChart(), QStringLiteral("trend to due date"))->at(1).y() == Approx(0.907));
    CHECK(seriesNamed(chart.offsetChart(), QStringLiteral("trend to due date"))->at(1).y() == Approx(0.36));
    auto* passedOffsets = seriesNamed(chart.offsetChart(), QStringLiteral("passed (circle)"));
    CHECK(passedOffsets->at(3).y() == Approx(0.28));
    // The correction limits.
    CHECK(seriesNamed(chart.gainChart(), QStringLiteral("limit 1 ± 10 %")) != nullptr);
    CHECK(seriesNamed(chart.offsetChart(), QStringLiteral("limit ± 1.0 mA")) != nullptr);

    auto* warningRow = chart.findChild<QWidget*>(QStringLiteral("driftWarningRow"));
    auto* warning = chart.findChild<QLabel*>(QStringLiteral("driftWarning"));
    auto* icon = chart.findChild<QLabel*>(QStringLiteral("driftWarningIcon"));
    REQUIRE(warningRow != nullptr);
    REQUIRE(warning != nullptr);
    REQUIRE(icon != nullptr);
    CHECK(warningRow->isVisible());
    CHECK(warning->text().startsWith(QStringLiteral("Drift warning: ")));
    CHECK(warning->text().contains(report.message));
    CHECK_FALSE(icon->pixmap().isNull());
    auto* note = chart.findChild<QLabel*>(QStringLiteral("driftNote"));
    CHECK(note->isVisible());
    CHECK(note->text().contains(QStringLiteral("1 failed calibration")));
    CHECK(note->text().contains(QStringLiteral("1 incomplete attempt")));
    CHECK(chart.findChild<QLabel*>(QStringLiteral("driftHeading"))->text().contains(QStringLiteral("SM4-00123")));
}

TEST_CASE(
    "the drift chart states a trend within tolerance without a warning and handles an empty history", "[ui][plot]")
{
    DriftChart chart;
    chart.resize(900, 640);
    chart.show();
    DriftReport report = driftingReport();
    report.history.removeAt(3); // no failed record
    report.leavesToleranceUtcMs.reset();
    report.message = QStringLiteral("the trend stays within tolerance until the due date 2026-02-27");
    chart.setReport(report);
    CHECK_FALSE(chart.findChild<QWidget*>(QStringLiteral("driftWarningRow"))->isVisible());
    auto* message = chart.findChild<QLabel*>(QStringLiteral("driftMessage"));
    CHECK(message->isVisible());
    CHECK(message->text() == report.message);
    CHECK(seriesNamed(chart.gainChart(), QStringLiteral("leaves tolerance")) == nullptr);
    CHECK(seriesNamed(chart.gainChart(), QStringLiteral("failed (triangle)"))->count() == 0);

    // One passing calibration: no trend line.
    DriftReport single;
    single.deviceSerial = QStringLiteral("SM4-00123");
    single.channel = 1;
    single.history = {entry(9, QStringLiteral("passed"), utcMs(2025, 1, 10), 1.01, -30.0)};
    single.dueUtcMs = utcMs(2026, 1, 10);
    single.message = QStringLiteral("one passing calibration: no trend yet");
    chart.setReport(single);
    CHECK(seriesNamed(chart.gainChart(), QStringLiteral("trend to due date")) == nullptr);
    CHECK(seriesNamed(chart.gainChart(), QStringLiteral("passed (circle)"))->count() == 1);

    // Nothing on record.
    DriftReport none;
    none.message = QStringLiteral("no passing calibration on record: no trend");
    chart.setReport(none);
    auto* empty = chart.findChild<QLabel*>(QStringLiteral("driftEmpty"));
    CHECK(empty->isVisible());
    CHECK(chart.gainChart()->series().isEmpty());
    CHECK(message->text() == none.message);
}
