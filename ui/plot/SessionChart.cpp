// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plot/SessionChart.h"

#include "ui/plot/PlotStyle.h"

#include <QLabel>
#include <QMap>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QCategoryAxis>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>

#include <algorithm>

namespace galvani::ui {

namespace {

// Sessions longer than this get minutes:seconds labels; shorter ones plain seconds.
constexpr int kMinutesLabelsFromSeconds = 120;

QString minutesSeconds(int seconds)
{
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

// A tick interval in seconds that reads well as minutes:seconds.
int timeTickSeconds(int span)
{
    for (int step : {15, 30, 60, 120, 300, 600, 900, 1200, 1800}) {
        if (span / step <= 8) {
            return step;
        }
    }
    return 3600;
}

void hideLegendEntries(QChart* chart, QAbstractSeries* series)
{
    for (auto* marker : chart->legend()->markers(series)) {
        marker->setVisible(false);
    }
}

} // namespace

SessionChart::SessionChart(QWidget* parent) : QWidget(parent)
{
    m_chart = new QChart();
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->setBackgroundRoundness(0);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->legend()->setAlignment(Qt::AlignRight);
    m_chart->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
    m_view = new QChartView(m_chart, this);
    m_view->setObjectName(QStringLiteral("sessionChartView"));
    m_view->setRenderHint(QPainter::Antialiasing, true);
    m_view->setMinimumHeight(220);
    m_view->setFocusPolicy(Qt::NoFocus);

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("sessionChartTitle"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);

    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("sessionChartNote"));
    m_note->setWordWrap(true);
    m_note->setVisible(false);

    m_empty = new QLabel(tr("no delivered-current summary recorded"), this);
    m_empty->setObjectName(QStringLiteral("sessionChartEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_view);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_note);
    layout->addWidget(m_stack, 1);

    setData({}, QString());
}

bool SessionChart::isEmptyStateShown() const
{
    return m_stack->currentWidget() == m_empty;
}

void SessionChart::setData(const QList<SessionChartSecond>& seconds, const QString& title)
{
    m_title->setText(title);
    m_title->setVisible(!title.isEmpty());
    m_chart->removeAllSeries();
    for (auto* axis : m_chart->axes()) {
        m_chart->removeAxis(axis);
        delete axis;
    }
    if (seconds.isEmpty()) {
        m_note->setVisible(false);
        m_stack->setCurrentWidget(m_empty);
        return;
    }

    QMap<int, QList<SessionChartSecond>> byChannel;
    int lastSecond = 0;
    double peakMa = 0.0;
    bool anyMeasured = false;
    for (const auto& s : seconds) {
        byChannel[s.channel].append(s);
        lastSecond = std::max(lastSecond, s.second);
        peakMa = std::max(peakMa, s.commandedMa);
        if (s.measuredMaxMa) {
            peakMa = std::max(peakMa, *s.measuredMaxMa);
        }
        anyMeasured = anyMeasured || s.measuredMeanMa.has_value();
    }

    const int span = std::max(lastSecond + 1, 10);
    QAbstractAxis* axisX = nullptr;
    if (span > kMinutesLabelsFromSeconds) {
        auto* category = new QCategoryAxis(m_chart);
        category->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
        category->setRange(0, span);
        // Labels sit on category ends; a tiny first category puts "0:00" at the start.
        category->setStartValue(-1e-6);
        const int step = timeTickSeconds(span);
        for (int t = 0; t <= span; t += step) {
            category->append(minutesSeconds(t), t);
        }
        category->setTitleText(tr("Time since start (minutes:seconds)"));
        axisX = category;
    } else {
        auto* value = new QValueAxis(m_chart);
        plot::setNiceRange(value, 0, span);
        value->setTitleText(tr("Time since start (s)"));
        axisX = value;
    }
    auto* axisY = new QValueAxis(m_chart);
    plot::setNiceRange(axisY, 0.0, plot::currentAxisTopMa(peakMa));
    axisY->setTitleText(tr("Current (mA)"));
    m_chart->addAxis(axisX, Qt::AlignBottom);
    m_chart->addAxis(axisY, Qt::AlignLeft);

    auto attach = [&](QAbstractSeries* series) {
        series->attachAxis(axisX);
        series->attachAxis(axisY);
    };

    for (auto it = byChannel.begin(); it != byChannel.end(); ++it) {
        const int channel = it.key();
        auto rows = it.value();
        std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
        const QColor colour = plot::channelColour(channel);

        // The measured seconds in runs of consecutive seconds: a band must not bridge seconds without a value.
        bool firstRun = true;
        qsizetype i = 0;
        while (i < rows.size()) {
            if (!(rows[i].measuredMinMa && rows[i].measuredMeanMa && rows[i].measuredMaxMa)) {
                ++i;
                continue;
            }
            auto* upper = new QLineSeries();
            auto* lower = new QLineSeries();
            auto* mean = new QLineSeries();
            int previous = rows[i].second - 1;
            while (i < rows.size() && rows[i].measuredMinMa && rows[i].measuredMeanMa && rows[i].measuredMaxMa
                && rows[i].second == previous + 1) {
                const double x = rows[i].second;
                upper->append(x, *rows[i].measuredMaxMa);
                lower->append(x, *rows[i].measuredMinMa);
                mean->append(x, *rows[i].measuredMeanMa);
                previous = rows[i].second;
                ++i;
            }
            auto* band = new QAreaSeries(upper, lower);
            upper->setParent(band);
            lower->setParent(band);
            band->setName(tr("Ch %1 delivered min–max").arg(channel));
            QColor fill = colour;
            fill.setAlpha(60);
            band->setBrush(fill);
            QPen edge(colour.lighter(130));
            edge.setWidthF(0.5);
            band->setPen(edge);
            m_chart->addSeries(band);
            attach(band);
            for (auto* marker : m_chart->legend()->markers(band)) {
                QColor swatch = colour;
                swatch.setAlpha(140);
                marker->setShape(QLegend::MarkerShapeRectangle);
                marker->setBrush(swatch);
                marker->setPen(QPen(colour));
            }
            mean->setName(tr("Ch %1 delivered (mean)").arg(channel));
            mean->setPen(plot::deliveredPen(colour));
            m_chart->addSeries(mean);
            attach(mean);
            if (!firstRun) {
                hideLegendEntries(m_chart, band);
                hideLegendEntries(m_chart, mean);
            }
            firstRun = false;
        }

        auto* commanded = new QLineSeries();
        commanded->setName(tr("Ch %1 commanded").arg(channel));
        commanded->setPen(plot::commandedPen(colour));
        for (const auto& row : rows) {
            commanded->append(row.second, row.commandedMa);
        }
        m_chart->addSeries(commanded);
        attach(commanded);
    }

    m_note->setText(tr("Commanded current only: the device did not measure delivered current in this session."));
    m_note->setVisible(!anyMeasured);
    m_stack->setCurrentWidget(m_view);
}

} // namespace galvani::ui
