// SPDX-License-Identifier: GPL-3.0-or-later
#include "PlotTestSupport.h"
#include "ui/plot/SessionChart.h"

#include <catch2/catch.hpp>

#include <QLabel>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QCategoryAxis>
#include <QtCharts/QChart>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QValueAxis>

using galvani::test::plot::maxY;
using galvani::test::plot::seriesNamed;
using galvani::ui::SessionChart;
using galvani::ui::SessionChartSecond;

namespace {

SessionChartSecond second(int channel, int s, double commandedMa, std::optional<double> meanMa)
{
    SessionChartSecond row;
    row.channel = channel;
    row.second = s;
    row.commandedMa = commandedMa;
    if (meanMa) {
        row.measuredMinMa = *meanMa - 0.4;
        row.measuredMeanMa = meanMa;
        row.measuredMaxMa = *meanMa + 0.4;
    }
    return row;
}

int countOf(QChart* chart, QAbstractSeries::SeriesType type)
{
    int n = 0;
    for (auto* series : chart->series()) {
        n += series->type() == type ? 1 : 0;
    }
    return n;
}

} // namespace

TEST_CASE("the session chart shows an empty state when no summary was recorded", "[ui][plot]")
{
    SessionChart chart;
    chart.resize(800, 400);
    chart.show();
    chart.setData({}, QStringLiteral("Session 12"));
    auto* empty = chart.findChild<QLabel*>(QStringLiteral("sessionChartEmpty"));
    REQUIRE(empty != nullptr);
    CHECK(chart.isEmptyStateShown());
    CHECK(empty->isVisible());
    CHECK(empty->text() == QStringLiteral("no delivered-current summary recorded"));
    CHECK(chart.chart()->series().isEmpty());
}

TEST_CASE("the session chart draws commanded, delivered mean and a min-max band per measured channel", "[ui][plot]")
{
    QList<SessionChartSecond> rows;
    for (int s = 0; s < 60; ++s) {
        // Channel 1 measured throughout; channel 2 measured except seconds 20–24 (two runs).
        rows.append(second(1, s, 20.0, 19.6));
        rows.append(second(2, s, 12.0, (s >= 20 && s < 25) ? std::nullopt : std::optional<double>(11.9)));
    }
    SessionChart chart;
    chart.resize(900, 420);
    chart.show();
    chart.setData(rows, QStringLiteral("Session 7, 2025-03-02"));
    CHECK_FALSE(chart.isEmptyStateShown());
    CHECK(chart.findChild<QLabel*>(QStringLiteral("sessionChartTitle"))->text()
        == QStringLiteral("Session 7, 2025-03-02"));
    CHECK_FALSE(chart.findChild<QLabel*>(QStringLiteral("sessionChartNote"))->isVisible());

    QChart* c = chart.chart();
    // Channel 1: band + mean + commanded; channel 2: two runs of band + mean, + commanded.
    CHECK(countOf(c, QAbstractSeries::SeriesTypeArea) == 3);
    CHECK(countOf(c, QAbstractSeries::SeriesTypeLine) == 5);
    auto* commanded = seriesNamed(c, QStringLiteral("Ch 1 commanded"));
    REQUIRE(commanded != nullptr);
    CHECK(commanded->count() == 60);
    CHECK(*maxY(commanded) == Approx(20.0));
    CHECK(commanded->pen().style() == Qt::DashLine);
    auto* mean = seriesNamed(c, QStringLiteral("Ch 1 delivered (mean)"));
    REQUIRE(mean != nullptr);
    CHECK(mean->pen().style() == Qt::SolidLine);
    CHECK(*maxY(mean) == Approx(19.6));

    // One legend entry per channel and kind, even when a channel's measurement has gaps.
    int visibleMarkers = 0;
    for (auto* marker : c->legend()->markers()) {
        visibleMarkers += marker->isVisible() ? 1 : 0;
    }
    CHECK(visibleMarkers == 6);

    auto* axisY = qobject_cast<QValueAxis*>(c->axes(Qt::Vertical).value(0));
    REQUIRE(axisY != nullptr);
    CHECK(axisY->max() >= 20.4);
    // A minute of data: plain seconds.
    CHECK(qobject_cast<QValueAxis*>(c->axes(Qt::Horizontal).value(0)) != nullptr);

    // Back to empty.
    chart.setData({}, QString());
    CHECK(chart.isEmptyStateShown());
    CHECK(c->series().isEmpty());
}

TEST_CASE("a long session gets minutes-and-seconds labels and an unmeasured one a note", "[ui][plot]")
{
    QList<SessionChartSecond> rows;
    for (int s = 0; s < 20 * 60; ++s) {
        rows.append(second(3, s, s < 90 ? s / 90.0 * 25.0 : 25.0, std::nullopt));
    }
    SessionChart chart;
    chart.resize(900, 420);
    chart.show();
    chart.setData(rows, QStringLiteral("Session 9"));
    QChart* c = chart.chart();
    CHECK(c->series().size() == 1);
    CHECK(seriesNamed(c, QStringLiteral("Ch 3 commanded")) != nullptr);
    auto* note = chart.findChild<QLabel*>(QStringLiteral("sessionChartNote"));
    CHECK(note->isVisible());
    CHECK(note->text().contains(QStringLiteral("did not measure delivered current")));
    auto* axisX = qobject_cast<QCategoryAxis*>(c->axes(Qt::Horizontal).value(0));
    REQUIRE(axisX != nullptr);
    CHECK(axisX->categoriesLabels().contains(QStringLiteral("0:00")));
    CHECK(axisX->categoriesLabels().contains(QStringLiteral("5:00")));
    CHECK(axisX->categoriesLabels().contains(QStringLiteral("20:00")));
}
