// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/session/SessionTypes.h"
#include "ui/plot/PulseRing.h"

#include <QList>
#include <QTimer>
#include <QWidget>

#include <optional>
#include <vector>

class QCheckBox;
class QHBoxLayout;
class QLabel;
class QPushButton;
class QSpinBox;

QT_FORWARD_DECLARE_CLASS(QChart)
QT_FORWARD_DECLARE_CLASS(QChartView)
QT_FORWARD_DECLARE_CLASS(QLineSeries)
QT_FORWARD_DECLARE_CLASS(QValueAxis)

namespace galvani::ui {

// The run screen's real-time plot of each channel's current: delivered (measured, solid line) when the device
// measures it, and commanded (dashed line), over a scrolling window of the last 5–300 s (x = 0 is the newest pulse).
// Each channel has its own colour and is also told apart by its legend text ("Ch 3 delivered", "Ch 3 commanded")
// and line style. Operator controls: a check box per channel ("plotChannel<N>"), the window length ("plotWindow")
// and "Freeze"/"Resume" ("plotFreeze": the display holds while data keeps buffering).
//
// Pulses are kept per channel in fixed-capacity rings sized for the longest window at the highest pulse rate, so
// memory does not grow however long a session runs; older pulses are dropped (capacity() is the channels of
// setChannels() × kChannelCapacity and does not change until the next setChannels()). The series are rebuilt at most 30
// times a second by a timer, only when pulses arrived or the view changed, with min/max decimation per pixel column
// so a single short pulse stays visible. Rendering is plain QPainter (no OpenGL, no antialiasing), so it works
// offscreen. Hidden, it buffers without redrawing.
//
// Thread affinity: GUI thread (addPulses() too). Ownership: a QWidget owned by its parent. Units: PulseSample in
// µs and µA; the plot shows mA and seconds.
class LivePlot : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxChannels = 8;
    static constexpr int kMinWindowSeconds = 5;
    static constexpr int kMaxWindowSeconds = 300;
    static constexpr int kDefaultWindowSeconds = 30;
    // The highest pulse rate the buffers are sized for (pulses per second per channel). At a higher rate the
    // longest window shows less than its full length; the bound on memory still holds.
    static constexpr int kMaxPulseRateHz = 200;
    // Pulses held per channel: the longest window at the highest rate, plus 2 s of slack for timestamp jitter.
    static constexpr qsizetype kChannelCapacity = qsizetype{kMaxWindowSeconds + 2} * kMaxPulseRateHz;
    static constexpr int kRedrawIntervalMs = 34; // ≤ 30 redraws per second

    explicit LivePlot(QWidget* parent = nullptr);
    ~LivePlot() override;

    void setChannels(const QList<int>& channels, bool deviceMeasures); // resets the plot; channels 1–8
    void addPulses(const QList<app::PulseSample>& pulses); // GUI thread; called up to 30×/s with every delivered pulse
    void setChannelVisible(int channel, bool visible);
    void setWindowSeconds(int seconds); // scrolling window, clamped to 5–300, default 30
    void setFrozen(bool frozen); // the operator's "pause plot": display holds, data keeps buffering
    void clear();
    [[nodiscard]] qsizetype bufferedSamples() const; // samples held now, all channels
    [[nodiscard]] qsizetype capacity() const; // the fixed bound bufferedSamples() never exceeds
    [[nodiscard]] int pointsOnScreen() const; // points in all series after decimation
    [[nodiscard]] qint64 redraws() const; // how many times the series were rebuilt

    [[nodiscard]] QList<int> channels() const;
    [[nodiscard]] bool deviceMeasures() const { return m_deviceMeasures; }
    [[nodiscard]] bool isChannelVisible(int channel) const;
    [[nodiscard]] int windowSeconds() const { return m_windowSeconds; }
    [[nodiscard]] bool isFrozen() const { return m_frozen; }
    [[nodiscard]] int plotColumns() const; // pixel columns the series are decimated to
    [[nodiscard]] QChart* chart() const { return m_chart; }

    // Rebuilds the series now if anything changed since the last redraw (the timer does this on its own; for
    // screenshots and benchmarks). Counts as a redraw when it rebuilds.
    void redrawNow();

Q_SIGNALS:
    void frozenChanged(bool frozen);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    struct Trace {
        int channel = 1;
        plot::PulseRing ring;
        QLineSeries* commanded = nullptr;
        QLineSeries* delivered = nullptr; // null when the device does not measure
        QCheckBox* toggle = nullptr;
        bool visible = true;
    };

    void markDirty();
    void onTimer();
    void rebuild();
    [[nodiscard]] Trace* traceOf(int channel);
    [[nodiscard]] const Trace* traceOf(int channel) const;
    void updateAxisX();
    void updateFreezeControls();

    std::vector<Trace> m_traces;
    bool m_deviceMeasures = true;
    std::optional<qint64> m_newestUs;
    bool m_frozen = false;
    qint64 m_frozenNowUs = 0;
    int m_windowSeconds = kDefaultWindowSeconds;
    bool m_dirty = false;
    qint64 m_redraws = 0;
    int m_lastColumns = 0;
    double m_axisTopMa = 0.0;
    QTimer m_timer;

    QChart* m_chart = nullptr;
    QChartView* m_view = nullptr;
    QValueAxis* m_axisX = nullptr;
    QValueAxis* m_axisY = nullptr;
    QHBoxLayout* m_toggleRow = nullptr;
    QSpinBox* m_window = nullptr;
    QPushButton* m_freeze = nullptr;
    QWidget* m_notMeasuredRow = nullptr;
    QLabel* m_notMeasuredNote = nullptr;
    QLabel* m_frozenNote = nullptr;
};

} // namespace galvani::ui
