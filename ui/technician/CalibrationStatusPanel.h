// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/calibration/ChannelCalibrationStatus.h"
#include "ui/presenters/CalibrationStatusPresenter.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace galvani::app {
class AppContext;
}

namespace galvani::ui {

// Calibration status of every channel of one device (CalibrationService::deviceStatus): state (word and icon),
// usable or locked with the reason, the correction in force, the calibrated range and the due date. Above the
// table, the reminders: every channel due within 30 days ("due in N days") or overdue, in large type.
// The device is the one last connected or calibrated; any serial on record can be typed or picked instead.
// The panel builds, binds and adds the icons and the tint of locked rows; presenters::CalibrationStatusPresenter
// reads and words.
// Thread affinity: GUI thread. Ownership: borrows the AppContext, which must outlive the panel.
class CalibrationStatusPanel : public QWidget {
    Q_OBJECT
public:
    CalibrationStatusPanel(app::AppContext& context, const app::SignedInUser& user, QWidget* parent = nullptr);

    // Shows this device (and reads its status now).
    void setDevice(const QString& serial, int channels);
    [[nodiscard]] QString deviceSerial() const;
    // Shows statuses read elsewhere, judged against nowUtcMs (the service's clock), as refresh() shows those it reads.
    void showStatuses(const QList<app::ChannelCalibrationStatus>& statuses, qint64 nowUtcMs);
    [[nodiscard]] const QList<app::ChannelCalibrationStatus>& statuses() const { return m_presenter.statuses(); }

public Q_SLOTS:
    void refresh();
    // Re-reads the device serials on record for the serial list.
    void reloadSerials();

private:
    void showRows();

    presenters::CalibrationStatusPresenter m_presenter;

    QComboBox* m_serial = nullptr;
    QSpinBox* m_channels = nullptr;
    QPushButton* m_refresh = nullptr;
    QLabel* m_error = nullptr;
    QLabel* m_summary = nullptr;
    QListWidget* m_reminders = nullptr;
    QTableWidget* m_table = nullptr;
};

} // namespace galvani::ui
