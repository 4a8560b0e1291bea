// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/calibration/ChannelCalibrationStatus.h"
#include "ui/presenters/CalibrationDriftPresenter.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace galvani::app {
class AppContext;
}

namespace galvani::ui {

class DriftChart;

// Drift of one channel over its past calibrations: CalibrationService::drift() drawn by ui/plot's DriftChart (gain
// and offset against date, the trend to the due date, the warning), with the trend in figures underneath. The panel
// builds, binds and draws; presenters::CalibrationDriftPresenter reads and words.
// Thread affinity: GUI thread. Ownership: borrows the AppContext, which must outlive the panel.
class CalibrationDriftPanel : public QWidget {
    Q_OBJECT
public:
    CalibrationDriftPanel(app::AppContext& context, const app::SignedInUser& user, QWidget* parent = nullptr);

    // The device to show (channel kept when it exists; the serial list gains it).
    void setDevice(const QString& serial, int channels);
    [[nodiscard]] const std::optional<app::DriftReport>& report() const { return m_presenter.report(); }
    [[nodiscard]] DriftChart* chart() const { return m_chart; }

public Q_SLOTS:
    void showDrift(); // reads the drift of the chosen serial and channel
    void reloadSerials();

private:
    presenters::CalibrationDriftPresenter m_presenter;

    QComboBox* m_serial = nullptr;
    QSpinBox* m_channel = nullptr;
    QPushButton* m_show = nullptr;
    QLabel* m_error = nullptr;
    DriftChart* m_chart = nullptr;
    QLabel* m_figures = nullptr;
};

} // namespace galvani::ui
