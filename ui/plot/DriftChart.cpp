// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plot/DriftChart.h"

#include "core/calibration/CalibrationLimits.h"
#include "ui/plot/PlotStyle.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QVBoxLayout>
#include <QtCharts/QCategoryAxis>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>
#include <tuple>
#include <utility>

namespace galvani::ui {

namespace {

constexpr double kYearMs = 365.25 * 24 * 3600 * 1000;
constexpr qint64 kDayMs = qint64{24} * 3600 * 1000;
const QColor kPassedColour = plot::channelColour(1); // blue
const QColor kFailedColour = plot::channelColour(2); // vermillion
const QColor kTrendColour = QColor::fromRgb(0x333333);
const QColor kLimitColour = QColor::fromRgb(0x777777);

QChart* makeChart()
{
    auto* chart = new QChart();
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom); // both charts then share the plot width
    chart->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
    return chart;
}

QChartView* makeView(QChart* chart, const QString& name, QWidget* parent)
{
    auto* view = new QChartView(chart, parent);
    view->setObjectName(name);
    view->setRenderHint(QPainter::Antialiasing, true);
    view->setMinimumHeight(200);
    view->setFocusPolicy(Qt::NoFocus);
    return view;
}

void clearChart(QChart* chart)
{
    chart->removeAllSeries();
    for (auto* axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
}

QPen styledPen(const QColor& colour, Qt::PenStyle style, double width)
{
    QPen pen(colour);
    pen.setStyle(style);
    pen.setWidthF(width);
    return pen;
}

// One quantity (gain, or offset in mA) of the report on one chart.
struct Quantity {
    QString axisTitle;
    std::function<std::optional<double>(const app::CalibrationHistoryEntry&)> valueOf;
    double limitLow = 0.0;
    double limitHigh = 0.0;
    QString limitName;
    bool trendKnown = false;
    double atDue = 0.0; // the trend's value at the due date
    double perYear = 0.0;
    double anchor = 0.0; // a value the ticks pass through
};

// Ticks on the first of a month (every 1, 3, 6 or 12 months, at most 8 labels), labelled "2024-03" or "2024".
QCategoryAxis* dateAxis(QObject* parent, qint64 fromMs, qint64 toMs)
{
    auto* axis = new QCategoryAxis(parent);
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    axis->setRange(static_cast<double>(fromMs), static_cast<double>(toMs));
    axis->setStartValue(static_cast<double>(fromMs) - 1.0);
    const QDate first = QDateTime::fromMSecsSinceEpoch(fromMs).date();
    const QDate last = QDateTime::fromMSecsSinceEpoch(toMs).date();
    const int months = (last.year() - first.year()) * 12 + last.month() - first.month() + 1;
    int step = 12 * (months / (12 * 8) + 1);
    for (int candidate : {1, 3, 6}) {
        if (months / candidate <= 8) {
            step = candidate;
            break;
        }
    }
    QDate tick(first.year(), 1, 1);
    while (tick <= last) {
        const qint64 ms = QDateTime(tick, QTime(0, 0)).toMSecsSinceEpoch();
        if (ms > fromMs && ms < toMs) {
            axis->append(tick.toString(step % 12 == 0 ? QStringLiteral("yyyy") : QStringLiteral("yyyy-MM")),
                static_cast<double>(ms));
        }
        tick = tick.addMonths(step);
    }
    axis->setTitleText(step % 12 == 0 ? QObject::tr("Date (year)") : QObject::tr("Date (year-month)"));
    return axis;
}

// Widens [low, high] to round ticks (1–2–5 steps through `anchor`) and applies it; returns the range set.
std::pair<double, double> setRoundRange(QValueAxis* axis, double low, double high, double anchor)
{
    const double interval = plot::niceInterval(high - low, 6);
    const double roundLow = anchor + std::floor((low - anchor) / interval + 1e-9) * interval;
    const double roundHigh = anchor + std::ceil((high - anchor) / interval - 1e-9) * interval;
    plot::setNiceRange(axis, roundLow, roundHigh);
    axis->setTickAnchor(anchor);
    axis->setTickInterval(interval);
    return {roundLow, roundHigh};
}

void fillChart(QChart* chart, const app::DriftReport& report, const Quantity& q, qint64 fromMs, qint64 toMs)
{
    clearChart(chart);
    auto* axisX = dateAxis(chart, fromMs, toMs);
    auto* axisY = new QValueAxis(chart);
    axisY->setTitleText(q.axisTitle);
    chart->addAxis(axisX, Qt::AlignBottom);
    chart->addAxis(axisY, Qt::AlignLeft);

    double low = q.limitLow;
    double high = q.limitHigh;
    auto add = [&](QXYSeries* series) {
        chart->addSeries(series);
        series->attachAxis(axisX);
        series->attachAxis(axisY);
        for (const QPointF& p : series->points()) {
            low = std::min(low, p.y());
            high = std::max(high, p.y());
        }
    };
    auto line = [&](const QString& name, const QPen& pen, qint64 x0, double y0, qint64 x1, double y1) {
        auto* series = new QLineSeries();
        series->setName(name);
        series->setPen(pen);
        series->append(static_cast<double>(x0), y0);
        series->append(static_cast<double>(x1), y1);
        add(series);
        return series;
    };

    auto* passed = new QScatterSeries();
    passed->setName(QObject::tr("passed (circle)"));
    passed->setMarkerShape(QScatterSeries::MarkerShapeCircle);
    passed->setMarkerSize(11);
    passed->setColor(kPassedColour);
    passed->setBorderColor(kPassedColour.darker(150));
    auto* failed = new QScatterSeries();
    failed->setName(QObject::tr("failed (triangle)"));
    failed->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
    failed->setMarkerSize(13);
    failed->setColor(kFailedColour);
    failed->setBorderColor(kFailedColour.darker(150));
    std::optional<qint64> firstPassMs;
    for (const auto& entry : report.history) {
        const auto value = q.valueOf(entry);
        if (!value) {
            continue;
        }
        if (entry.status == QLatin1String("passed")) {
            passed->append(static_cast<double>(entry.performedUtcMs), *value);
            firstPassMs = std::min(firstPassMs.value_or(entry.performedUtcMs), entry.performedUtcMs);
        } else if (entry.status == QLatin1String("failed")) {
            failed->append(static_cast<double>(entry.performedUtcMs), *value);
        }
    }

    auto* limitHigh
        = line(q.limitName, styledPen(kLimitColour, Qt::DotLine, 1.5), fromMs, q.limitHigh, toMs, q.limitHigh);
    auto* limitLow = line(q.limitName, styledPen(kLimitColour, Qt::DotLine, 1.5), fromMs, q.limitLow, toMs, q.limitLow);
    Q_UNUSED(limitHigh);
    for (auto* marker : chart->legend()->markers(limitLow)) {
        marker->setVisible(false);
    }
    if (q.trendKnown && firstPassMs && report.dueUtcMs > *firstPassMs) {
        const auto valueAt
            = [&](qint64 ms) { return q.atDue + q.perYear * static_cast<double>(ms - report.dueUtcMs) / kYearMs; };
        line(QObject::tr("trend to due date"), styledPen(kTrendColour, Qt::DashLine, 2.0), *firstPassMs,
            valueAt(*firstPassMs), report.dueUtcMs, q.atDue);
    }
    add(passed);
    add(failed);
    const double pad = (high - low) * 0.04;
    std::tie(low, high) = setRoundRange(axisY, low - pad, high + pad, q.anchor);
    if (report.dueUtcMs > 0) {
        line(QObject::tr("due date"), styledPen(kTrendColour, Qt::DashDotLine, 1.2), report.dueUtcMs, low,
            report.dueUtcMs, high);
    }
    if (report.leavesToleranceUtcMs) {
        line(QObject::tr("leaves tolerance"), styledPen(kFailedColour, Qt::DashDotDotLine, 2.0),
            *report.leavesToleranceUtcMs, low, *report.leavesToleranceUtcMs, high);
    }
}

} // namespace

DriftChart::DriftChart(QWidget* parent) : QWidget(parent)
{
    m_heading = new QLabel(this);
    m_heading->setObjectName(QStringLiteral("driftHeading"));
    QFont bold = m_heading->font();
    bold.setBold(true);
    m_heading->setFont(bold);

    m_warningRow = new QWidget(this);
    m_warningRow->setObjectName(QStringLiteral("driftWarningRow"));
    auto* icon = new QLabel(m_warningRow);
    icon->setObjectName(QStringLiteral("driftWarningIcon"));
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(32, 32));
    icon->setAccessibleName(tr("Warning"));
    m_warningText = new QLabel(m_warningRow);
    m_warningText->setObjectName(QStringLiteral("driftWarning"));
    m_warningText->setWordWrap(true);
    m_warningText->setFont(bold);
    m_warningText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* warningLayout = new QHBoxLayout(m_warningRow);
    warningLayout->setContentsMargins(0, 0, 0, 0);
    warningLayout->addWidget(icon, 0, Qt::AlignTop);
    warningLayout->addWidget(m_warningText, 1);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("driftMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("driftNote"));
    m_note->setWordWrap(true);
    m_empty = new QLabel(tr("No calibration with a fitted gain and offset is on record for this channel."), this);
    m_empty->setObjectName(QStringLiteral("driftEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);

    m_gainChart = makeChart();
    m_offsetChart = makeChart();
    m_gainView = makeView(m_gainChart, QStringLiteral("driftGainChart"), this);
    m_offsetView = makeView(m_offsetChart, QStringLiteral("driftOffsetChart"), this);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_heading);
    layout->addWidget(m_warningRow);
    layout->addWidget(m_message);
    layout->addWidget(m_empty, 1);
    layout->addWidget(m_gainView, 1);
    layout->addWidget(m_offsetView, 1);
    layout->addWidget(m_note);

    setReport(app::DriftReport{});
}

void DriftChart::setReport(const app::DriftReport& report)
{
    m_heading->setText(report.deviceSerial.isEmpty()
            ? tr("Calibration drift")
            : tr("Calibration drift of channel %1, device %2").arg(report.channel).arg(report.deviceSerial));
    m_warningRow->setVisible(report.warning());
    m_warningText->setText(tr("Drift warning: %1").arg(report.message));
    m_message->setText(report.message);
    m_message->setVisible(!report.warning() && !report.message.isEmpty());

    qint64 fromMs = std::numeric_limits<qint64>::max();
    qint64 toMs = std::numeric_limits<qint64>::min();
    int fitted = 0;
    int failed = 0;
    int incomplete = 0;
    for (const auto& entry : report.history) {
        if (entry.status == QLatin1String("incomplete")) {
            ++incomplete;
        } else if (entry.status == QLatin1String("failed")) {
            ++failed;
        }
        if (entry.gain && entry.offsetUa
            && (entry.status == QLatin1String("passed") || entry.status == QLatin1String("failed"))) {
            ++fitted;
            fromMs = std::min(fromMs, entry.performedUtcMs);
            toMs = std::max(toMs, entry.performedUtcMs);
        }
    }
    const bool hasChart = fitted > 0;
    m_empty->setVisible(!hasChart);
    m_gainView->setVisible(hasChart);
    m_offsetView->setVisible(hasChart);
    QStringList notes;
    if (failed == 1) {
        notes.append(tr("1 failed calibration is shown as a triangle; it is not part of the trend."));
    } else if (failed > 1) {
        notes.append(tr("%1 failed calibrations are shown as triangles; they are not part of the trend.").arg(failed));
    }
    if (incomplete == 1) {
        notes.append(tr("1 incomplete attempt is not shown (it has no fitted gain and offset)."));
    } else if (incomplete > 1) {
        notes.append(tr("%1 incomplete attempts are not shown (they have no fitted gain and offset).").arg(incomplete));
    }
    if (hasChart) {
        notes.append(tr("Dotted lines are the correction limits: a calibration needing more correction fails."));
    }
    m_note->setText(notes.join(QLatin1Char(' ')));
    m_note->setVisible(!notes.isEmpty());
    if (!hasChart) {
        clearChart(m_gainChart);
        clearChart(m_offsetChart);
        return;
    }

    toMs = std::max({toMs, report.dueUtcMs, report.leavesToleranceUtcMs.value_or(0)});
    const qint64 margin = std::max<qint64>((toMs - fromMs) / 20, 7 * kDayMs);
    fromMs -= margin;
    toMs += margin;

    const double gainBound = core::calibration::kMaxGainDeviation;
    const double offsetBoundMa = static_cast<double>(core::calibration::kMaxOffset.value()) / 1000.0;
    Quantity gain;
    gain.axisTitle = tr("Gain");
    gain.valueOf = [](const app::CalibrationHistoryEntry& e) { return e.gain; };
    gain.limitLow = 1.0 - gainBound;
    gain.limitHigh = 1.0 + gainBound;
    gain.limitName = tr("limit 1 ± %1 %").arg(gainBound * 100.0, 0, 'f', 0);
    gain.trendKnown = report.trendKnown;
    gain.atDue = report.gainAtDue;
    gain.perYear = report.gainPerYear;
    gain.anchor = 1.0;
    fillChart(m_gainChart, report, gain, fromMs, toMs);

    Quantity offset;
    offset.axisTitle = tr("Offset (mA)");
    offset.valueOf = [](const app::CalibrationHistoryEntry& e) -> std::optional<double> {
        if (!e.offsetUa) {
            return std::nullopt;
        }
        return *e.offsetUa / 1000.0;
    };
    offset.limitLow = -offsetBoundMa;
    offset.limitHigh = offsetBoundMa;
    offset.limitName = tr("limit ± %1 mA").arg(offsetBoundMa, 0, 'f', 1);
    offset.trendKnown = report.trendKnown;
    offset.atDue = report.offsetUaAtDue / 1000.0;
    offset.perYear = report.offsetUaPerYear / 1000.0;
    fillChart(m_offsetChart, report, offset, fromMs, toMs);
}

} // namespace galvani::ui
