// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QWidget>

#include <optional>

QT_FORWARD_DECLARE_CLASS(QChart)
QT_FORWARD_DECLARE_CLASS(QChartView)
class QLabel;
class QStackedWidget;

namespace galvani::ui {

// One second of one channel of a finished session, as the per-second telemetry summary recorded it. Units: mA
// (the largest commanded amplitude of that second; the measured minimum, mean and maximum when the device
// measured delivered current, empty otherwise); second counts from 0 at the start of stimulation.
struct SessionChartSecond {
    int channel = 1;
    int second = 0;
    double commandedMa = 0.0;
    std::optional<double> measuredMinMa, measuredMeanMa, measuredMaxMa;
};

// A finished session's current over time for the patient history: per channel the commanded amplitude (dashed)
// and, for the seconds where it was measured, the delivered mean (solid) inside a shaded min–max band. Legend
// text names the channel and what each line is ("Ch 2 commanded", "Ch 2 delivered (mean)", "Ch 2 delivered
// min–max"), so colour is never the only signal. x: seconds, or minutes:seconds for sessions over two minutes;
// y: mA. An empty list shows "no delivered-current summary recorded" instead of a chart.
// Thread affinity: GUI thread. Ownership: a QWidget owned by its parent.
class SessionChart : public QWidget {
    Q_OBJECT
public:
    explicit SessionChart(QWidget* parent = nullptr);

    void setData(const QList<SessionChartSecond>& seconds,
        const QString& title); // empty list: shows "no delivered-current summary recorded"

    [[nodiscard]] QChart* chart() const { return m_chart; }
    [[nodiscard]] bool isEmptyStateShown() const;

private:
    QChart* m_chart = nullptr;
    QChartView* m_view = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_empty = nullptr;
    QLabel* m_note = nullptr;
    QStackedWidget* m_stack = nullptr;
};

} // namespace galvani::ui
