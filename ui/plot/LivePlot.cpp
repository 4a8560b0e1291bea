// SPDX-License-Identifier: GPL-3.0-or-later
// Over 400 lines on purpose: the widget, its operator controls and its redraw cycle share all their state; the
// data parts live in PulseRing and MinMaxDecimator.
#include "ui/plot/LivePlot.h"

#include "ui/plot/MinMaxDecimator.h"
#include "ui/plot/PlotStyle.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLegend>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStyle>
#include <QVBoxLayout>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <limits>

namespace galvani::ui {

namespace {

qint32 toStoredUa(qint64 ua)
{
    // Clamp rather than wrap: a wild value must not turn into a small or negative one on screen.
    return static_cast<qint32>(
        std::clamp<qint64>(ua, std::numeric_limits<qint32>::min() + 1, std::numeric_limits<qint32>::max()));
}

} // namespace

LivePlot::LivePlot(QWidget* parent) : QWidget(parent)
{
    m_chart = new QChart();
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->setBackgroundRoundness(0);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->legend()->setAlignment(Qt::AlignRight);
    m_chart->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);

    m_axisX = new QValueAxis(m_chart);
    m_axisX->setTitleText(tr("Seconds before now"));
    m_axisX->setLabelFormat(QStringLiteral("%.0f"));
    m_axisX->setTickType(QValueAxis::TicksDynamic);
    m_axisX->setTickAnchor(0.0);
    m_chart->addAxis(m_axisX, Qt::AlignBottom);
    m_axisY = new QValueAxis(m_chart);
    m_axisY->setTitleText(tr("Current (mA)"));
    m_axisY->setLabelFormat(QStringLiteral("%.0f"));
    m_axisY->setTickType(QValueAxis::TicksDynamic);
    m_axisY->setTickAnchor(0.0);
    m_chart->addAxis(m_axisY, Qt::AlignLeft);
    plot::setNiceRange(m_axisY, 0.0, plot::kMinCurrentAxisTopMa);
    m_axisTopMa = plot::kMinCurrentAxisTopMa;

    m_view = new QChartView(m_chart, this);
    m_view->setObjectName(QStringLiteral("plotChart"));
    // No antialiasing: the traces are mostly horizontal and vertical strokes, and it would cost about 3x the paint
    // time at 16 series of ~2 points per pixel column (see the "[.bench]" case of ui_plot_tests).
    m_view->setRenderHint(QPainter::Antialiasing, false);
    m_view->setMinimumHeight(220);
    m_view->setFocusPolicy(Qt::NoFocus); // Tab goes through the controls, not the picture
    connect(m_chart, &QChart::plotAreaChanged, this, [this](const QRectF&) {
        if (plotColumns() != m_lastColumns) {
            markDirty();
        }
    });

    auto* showLabel = new QLabel(tr("Show:"), this);
    m_toggleRow = new QHBoxLayout();
    m_toggleRow->setSpacing(10);

    m_window = new QSpinBox(this);
    m_window->setObjectName(QStringLiteral("plotWindow"));
    m_window->setRange(kMinWindowSeconds, kMaxWindowSeconds);
    m_window->setSingleStep(5);
    m_window->setSuffix(tr(" s"));
    m_window->setValue(kDefaultWindowSeconds);
    m_window->setAccelerated(true);
    m_window->installEventFilter(this);
    m_window->setToolTip(
        tr("How many seconds the plot shows, %1–%2 s (Alt+W)").arg(kMinWindowSeconds).arg(kMaxWindowSeconds));
    auto* windowLabel = new QLabel(tr("&Window:"), this);
    windowLabel->setBuddy(m_window);
    connect(m_window, &QSpinBox::valueChanged, this, &LivePlot::setWindowSeconds);

    m_freeze = new QPushButton(this);
    m_freeze->setObjectName(QStringLiteral("plotFreeze"));
    m_freeze->setCheckable(true);
    connect(m_freeze, &QPushButton::toggled, this, &LivePlot::setFrozen);

    m_notMeasuredRow = new QWidget(this);
    m_notMeasuredRow->setObjectName(QStringLiteral("plotNotMeasuredRow"));
    auto* infoIcon = new QLabel(m_notMeasuredRow);
    infoIcon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxInformation).pixmap(20, 20));
    infoIcon->setAccessibleName(tr("Note"));
    m_notMeasuredNote = new QLabel(
        tr("Showing commanded current (this device does not measure delivered current)"), m_notMeasuredRow);
    m_notMeasuredNote->setObjectName(QStringLiteral("plotNotMeasuredNote"));
    m_notMeasuredNote->setWordWrap(true);
    auto* noteLayout = new QHBoxLayout(m_notMeasuredRow);
    noteLayout->setContentsMargins(0, 0, 0, 0);
    noteLayout->addWidget(infoIcon);
    noteLayout->addWidget(m_notMeasuredNote, 1);
    m_notMeasuredRow->setVisible(false);
    m_frozenNote = new QLabel(
        tr("Plot frozen: it shows the moment you pressed Freeze. Data keeps recording; press Resume for live data."),
        this);
    m_frozenNote->setObjectName(QStringLiteral("plotFrozenNote"));
    m_frozenNote->setWordWrap(true);
    m_frozenNote->setVisible(false);
    QFont bold = m_frozenNote->font();
    bold.setBold(true);
    m_frozenNote->setFont(bold);

    auto* controls = new QHBoxLayout();
    controls->addWidget(showLabel);
    controls->addLayout(m_toggleRow);
    controls->addStretch(1);
    controls->addWidget(windowLabel);
    controls->addWidget(m_window);
    controls->addWidget(m_freeze);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(m_notMeasuredRow);
    layout->addWidget(m_frozenNote);
    layout->addWidget(m_view, 1);

    m_timer.setInterval(kRedrawIntervalMs);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &LivePlot::onTimer);

    updateAxisX();
    updateFreezeControls();
}

LivePlot::~LivePlot() = default;

void LivePlot::setChannels(const QList<int>& channels, bool deviceMeasures)
{
    m_chart->removeAllSeries();
    for (auto& trace : m_traces) {
        delete trace.toggle;
    }
    m_traces.clear();
    m_newestUs.reset();
    m_deviceMeasures = deviceMeasures;
    setFrozen(false);

    QList<int> wanted;
    for (int channel : channels) {
        if (channel >= 1 && channel <= kMaxChannels && !wanted.contains(channel)) {
            wanted.append(channel);
        }
    }
    std::sort(wanted.begin(), wanted.end());
    m_traces.reserve(static_cast<std::size_t>(wanted.size()));

    QWidget* previous = nullptr;
    for (int channel : wanted) {
        Trace trace;
        trace.channel = channel;
        trace.ring = plot::PulseRing(kChannelCapacity);
        const QColor colour = plot::channelColour(channel);
        // Delivered first so the dashed commanded line is drawn over it where they coincide.
        if (deviceMeasures) {
            trace.delivered = new QLineSeries();
            trace.delivered->setName(tr("Ch %1 delivered").arg(channel));
            trace.delivered->setPen(plot::deliveredPen(colour));
            m_chart->addSeries(trace.delivered);
            trace.delivered->attachAxis(m_axisX);
            trace.delivered->attachAxis(m_axisY);
        }
        trace.commanded = new QLineSeries();
        trace.commanded->setName(tr("Ch %1 commanded").arg(channel));
        trace.commanded->setPen(plot::commandedPen(colour));
        m_chart->addSeries(trace.commanded);
        trace.commanded->attachAxis(m_axisX);
        trace.commanded->attachAxis(m_axisY);

        trace.toggle = new QCheckBox(tr("Ch %1").arg(channel), this);
        trace.toggle->setObjectName(QStringLiteral("plotChannel%1").arg(channel));
        trace.toggle->setChecked(true);
        trace.toggle->setIcon(plot::channelSwatch(colour));
        trace.toggle->setToolTip(tr("Show or hide channel %1 in the plot").arg(channel));
        connect(trace.toggle, &QCheckBox::toggled, this,
            [this, channel](bool checked) { setChannelVisible(channel, checked); });
        m_toggleRow->addWidget(trace.toggle);
        if (previous != nullptr) {
            setTabOrder(previous, trace.toggle);
        }
        previous = trace.toggle;
        m_traces.push_back(std::move(trace));
    }
    if (previous != nullptr) {
        setTabOrder(previous, m_window);
        setTabOrder(m_window, m_freeze);
    }
    m_notMeasuredRow->setVisible(!deviceMeasures && !m_traces.empty());
    markDirty();
}

void LivePlot::addPulses(const QList<app::PulseSample>& pulses)
{
    bool added = false;
    for (const auto& pulse : pulses) {
        Trace* trace = traceOf(pulse.channel);
        if (trace == nullptr) {
            continue;
        }
        plot::BufferedPulse stored;
        stored.timeUs = pulse.timeUs;
        stored.commandedUa = toStoredUa(pulse.commandedUa);
        if (pulse.measuredUa) {
            stored.measuredUa = toStoredUa(*pulse.measuredUa);
        }
        trace->ring.push(stored);
        m_newestUs = std::max(m_newestUs.value_or(pulse.timeUs), pulse.timeUs);
        added = true;
    }
    if (added && !m_frozen) {
        markDirty();
    }
}

void LivePlot::setChannelVisible(int channel, bool visible)
{
    Trace* trace = traceOf(channel);
    if (trace == nullptr || trace->visible == visible) {
        return;
    }
    trace->visible = visible;
    {
        const QSignalBlocker block(trace->toggle);
        trace->toggle->setChecked(visible);
    }
    trace->commanded->setVisible(visible);
    if (trace->delivered != nullptr) {
        trace->delivered->setVisible(visible);
    }
    markDirty();
}

void LivePlot::setWindowSeconds(int seconds)
{
    const int clamped = std::clamp(seconds, kMinWindowSeconds, kMaxWindowSeconds);
    {
        const QSignalBlocker block(m_window);
        m_window->setValue(clamped);
    }
    if (clamped == m_windowSeconds) {
        return;
    }
    m_windowSeconds = clamped;
    updateAxisX();
    markDirty();
}

void LivePlot::setFrozen(bool frozen)
{
    if (frozen == m_frozen) {
        updateFreezeControls();
        return;
    }
    m_frozen = frozen;
    if (frozen) {
        m_frozenNowUs = m_newestUs.value_or(0);
    } else {
        markDirty();
    }
    updateFreezeControls();
    Q_EMIT frozenChanged(frozen);
}

void LivePlot::clear()
{
    for (auto& trace : m_traces) {
        trace.ring.clear();
    }
    m_newestUs.reset();
    m_frozenNowUs = 0;
    markDirty();
}

qsizetype LivePlot::bufferedSamples() const
{
    qsizetype total = 0;
    for (const auto& trace : m_traces) {
        total += trace.ring.size();
    }
    return total;
}

qsizetype LivePlot::capacity() const
{
    qsizetype total = 0;
    for (const auto& trace : m_traces) {
        total += trace.ring.capacity();
    }
    return total;
}

int LivePlot::pointsOnScreen() const
{
    qsizetype total = 0;
    for (const auto& trace : m_traces) {
        total += trace.commanded->count();
        if (trace.delivered != nullptr) {
            total += trace.delivered->count();
        }
    }
    return static_cast<int>(total);
}

qint64 LivePlot::redraws() const
{
    return m_redraws;
}

QList<int> LivePlot::channels() const
{
    QList<int> out;
    for (const auto& trace : m_traces) {
        out.append(trace.channel);
    }
    return out;
}

bool LivePlot::isChannelVisible(int channel) const
{
    const Trace* trace = traceOf(channel);
    return trace != nullptr && trace->visible;
}

int LivePlot::plotColumns() const
{
    int width = static_cast<int>(m_chart->plotArea().width());
    if (width < 16) {
        // Not laid out yet (hidden): a guess the first real layout corrects through plotAreaChanged.
        width = std::max(m_view->width() - 160, 400);
    }
    return std::clamp(width, 16, 8192);
}

bool LivePlot::eventFilter(QObject* watched, QEvent* event)
{
    // The run screen's STOP has the global shortcuts Space and Esc. A focused spin box would claim Space as typed
    // text (ShortcutOverride accepted) and the shortcut would not fire; let both keys through to STOP instead.
    if (watched == m_window && event->type() == QEvent::ShortcutOverride) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Space || key->key() == Qt::Key_Escape) {
            event->ignore();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void LivePlot::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_dirty) {
        markDirty();
    }
}

void LivePlot::redrawNow()
{
    if (m_dirty) {
        rebuild();
    }
}

void LivePlot::markDirty()
{
    m_dirty = true;
    if (!m_timer.isActive()) {
        m_timer.start();
    }
}

void LivePlot::onTimer()
{
    if (!m_dirty || !isVisible()) {
        // Idle, or hidden (e.g. another tab): nothing to draw until the next change or showEvent().
        m_timer.stop();
        return;
    }
    rebuild();
}

void LivePlot::rebuild()
{
    m_dirty = false;
    const qint64 nowUs = m_frozen ? m_frozenNowUs : m_newestUs.value_or(0);
    plot::TraceWindow window;
    window.toUs = nowUs;
    window.fromUs = nowUs - qint64{m_windowSeconds} * 1'000'000;
    window.columns = plotColumns();
    m_lastColumns = window.columns;

    double peakMa = 0.0;
    for (auto& trace : m_traces) {
        if (!trace.visible) {
            trace.commanded->clear();
            if (trace.delivered != nullptr) {
                trace.delivered->clear();
            }
            continue;
        }
        const auto traces = plot::decimateMinMax(trace.ring, window, trace.delivered != nullptr);
        trace.commanded->replace(traces.commanded);
        if (trace.delivered != nullptr) {
            trace.delivered->replace(traces.delivered);
        }
        peakMa = std::max(peakMa, traces.peakMa);
    }
    const double top = plot::currentAxisTopMa(peakMa);
    if (top != m_axisTopMa) {
        m_axisTopMa = top;
        plot::setNiceRange(m_axisY, 0.0, top);
    }
    ++m_redraws;
}

LivePlot::Trace* LivePlot::traceOf(int channel)
{
    for (auto& trace : m_traces) {
        if (trace.channel == channel) {
            return &trace;
        }
    }
    return nullptr;
}

const LivePlot::Trace* LivePlot::traceOf(int channel) const
{
    for (const auto& trace : m_traces) {
        if (trace.channel == channel) {
            return &trace;
        }
    }
    return nullptr;
}

void LivePlot::updateAxisX()
{
    plot::setNiceRange(m_axisX, -m_windowSeconds, 0.0);
}

void LivePlot::updateFreezeControls()
{
    const QSignalBlocker block(m_freeze);
    m_freeze->setChecked(m_frozen);
    // Alt+E in both states, so the shortcut stays the same.
    m_freeze->setText(m_frozen ? tr("R&esume") : tr("Fr&eeze"));
    m_freeze->setToolTip(m_frozen ? tr("Show live data again (Alt+E)")
                                  : tr("Hold the plot still to look at it; data keeps recording (Alt+E)"));
    m_frozenNote->setVisible(m_frozen);
}

} // namespace galvani::ui
