// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/calibration/ChannelCalibrationStatus.h"

#include <QWidget>

QT_FORWARD_DECLARE_CLASS(QChart)
QT_FORWARD_DECLARE_CLASS(QChartView)
class QLabel;

namespace galvani::ui {

// A channel's calibration drift for technicians: gain (upper chart) and offset in mA (lower chart) of each
// calibration against its date — passing records as filled circles, failed ones as triangles (shape and legend
// text, not colour alone; incomplete attempts have no fit and are counted in a note) — the linear trend of the
// passing records extended to the due date (dashed), the correction limits (dotted: gain 1 ± 10 %, offset ± 1 mA,
// core/calibration/CalibrationLimits.h), the due date and, when the trend leaves tolerance first, that day. The
// report's message is shown as text; a warning (report.warning()) as text with a warning icon.
// Thread affinity: GUI thread. Ownership: a QWidget owned by its parent. Units: the report's µA are shown in mA;
// dates in the workstation's time zone.
class DriftChart : public QWidget {
    Q_OBJECT
public:
    explicit DriftChart(QWidget* parent = nullptr);

    void setReport(const app::DriftReport&
            report); // gain and offset over past calibrations, the trend to the due date, the warning

    [[nodiscard]] QChart* gainChart() const { return m_gainChart; }
    [[nodiscard]] QChart* offsetChart() const { return m_offsetChart; }

private:
    QChart* m_gainChart = nullptr;
    QChart* m_offsetChart = nullptr;
    QChartView* m_gainView = nullptr;
    QChartView* m_offsetView = nullptr;
    QLabel* m_heading = nullptr;
    QLabel* m_empty = nullptr;
    QWidget* m_warningRow = nullptr;
    QLabel* m_warningText = nullptr;
    QLabel* m_message = nullptr;
    QLabel* m_note = nullptr;
};

} // namespace galvani::ui
