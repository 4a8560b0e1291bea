// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"

#include <QWidget>

class QTabWidget;

namespace galvani::app {
class AppContext;
}

namespace galvani::ui {

class CalibrationDriftPanel;
class CalibrationRecordsPanel;
class CalibrationStatusPanel;
class CalibrationWizard;
class TechnicianDevicePanel;

// The technician's workspace (CLINICAL.md §6): five tabs — Device (connect by URL, identity and power-on self-test),
// Calibration status (per channel, with the reminders of channels due within 30 days), Calibrate (the stepped
// wizard), Drift (gain and offset over past calibrations, trend and warning) and Records (every calibration, its
// points on selection). It keeps the panels on the same device: a device identified on the Device tab or by a
// calibration run becomes the device of the status and drift tabs and the wizard's stimulator, and a finished run
// refreshes status, drift and records. Only one panel holds the stimulator at a time.
// Thread affinity: GUI thread. Ownership: borrows the AppContext (must outlive it); owns its panels.
class TechnicianWorkspace : public QWidget {
    Q_OBJECT
public:
    TechnicianWorkspace(app::AppContext& context, const app::SignedInUser& user, QWidget* parent = nullptr);
    ~TechnicianWorkspace() override;

    enum class Tab { Device, Status, Calibrate, Drift, Records };
    void showTab(Tab tab);
    // True while a connect/self-test or a calibration run holds the stimulator.
    [[nodiscard]] bool deviceBusy() const;

    [[nodiscard]] TechnicianDevicePanel* devicePanel() const { return m_device; }
    [[nodiscard]] CalibrationStatusPanel* statusPanel() const { return m_status; }
    [[nodiscard]] CalibrationWizard* wizard() const { return m_wizard; }
    [[nodiscard]] CalibrationDriftPanel* driftPanel() const { return m_drift; }
    [[nodiscard]] CalibrationRecordsPanel* recordsPanel() const { return m_records; }

public Q_SLOTS:
    // STOP (the main window's stopRequested()): stops any output this workspace drives — a calibration run is
    // aborted (its channel under way stays incomplete), a connect or self-test is abandoned.
    void stopOutput();

Q_SIGNALS:
    void deviceBusyChanged(bool busy);

private:
    void onDeviceIdentified(const QString& url, const QString& serial, int channels);

    app::AppContext& m_context;
    QTabWidget* m_tabs = nullptr;
    TechnicianDevicePanel* m_device = nullptr;
    CalibrationStatusPanel* m_status = nullptr;
    CalibrationWizard* m_wizard = nullptr;
    CalibrationDriftPanel* m_drift = nullptr;
    CalibrationRecordsPanel* m_records = nullptr;
    int m_channels = 8;
};

} // namespace galvani::ui
