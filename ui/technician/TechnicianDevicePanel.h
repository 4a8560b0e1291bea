// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/DeviceChoices.h"
#include "app/access/Access.h"
#include "app/calibration/SelfTestReport.h"
#include "ui/presenters/TechnicianDevicePresenter.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace galvani::app {
class AppContext;
}

namespace galvani::ui {

class SelfTestView;

// The technician's device panel: pick the stimulator by URL (an editable list of the simulators and of the serial
// ports whose USB IDs belong to a stimulator, app::availableStimulatorPorts(); Find ports lists them again; any URL
// may be typed), connect, and show what the power-on self-test found: the
// device (protocol, level, channels), serial, firmware, battery and every check (handshake, battery, zero output,
// low-current check per channel), and the device's past self-tests.
// The panel builds, binds and shows; presenters::TechnicianDevicePresenter holds the URL list, connects and
// self-tests (through a CalibrationProcedure it aborts once the self-test is in, so no calibration record is
// written), says what applies and words every state and result.
// Thread affinity: GUI thread; never blocks it (the procedure reports through its signals).
// Ownership: borrows the AppContext (must outlive the panel); owns its presenter, which owns the procedure while it
// runs.
class TechnicianDevicePanel : public QWidget {
    Q_OBJECT
public:
    TechnicianDevicePanel(app::AppContext& context, const app::SignedInUser& user, QWidget* parent = nullptr);
    ~TechnicianDevicePanel() override;

    [[nodiscard]] QString deviceUrl() const { return m_presenter.url(); } // the URL in the combo, trimmed
    [[nodiscard]] bool busy() const { return m_presenter.busy(); } // connecting or self-testing
    // Another panel holds the device (the calibration wizard): Connect is disabled meanwhile.
    void setDeviceInUse(bool inUse) { m_presenter.setDeviceInUse(inUse); }
    // A self-test another panel ran (the wizard's connect step): shown like one of this panel's own.
    void showSelfTest(const app::SelfTestReport& report) { m_presenter.showSelfTest(report); }
    // Adds these serial-port stimulators to the list (each URL once, its description as the tooltip) and says
    // which were found, or that none was.
    void offerPorts(const QList<app::DeviceChoice>& ports) { m_presenter.offerPorts(ports); }

public Q_SLOTS:
    void connectDevice();
    void stopOutput() { m_presenter.stopOutput(); } // STOP: abandons a connect / self-test under way

Q_SIGNALS:
    // The device answered and was self-tested: its URL, serial and channel count (from the driver's capabilities).
    void deviceIdentified(const QString& url, const QString& serial, int channels);
    // The URL in the combo changed (typed or picked); trimmed.
    void deviceUrlChanged(const QString& url);
    void busyChanged(bool busy);

private:
    void showChoices();
    void showState();
    void showSelfTestResult();

    presenters::TechnicianDevicePresenter m_presenter;

    QComboBox* m_url = nullptr;
    QLabel* m_ports = nullptr;
    QPushButton* m_findPorts = nullptr;
    QPushButton* m_connect = nullptr;
    QPushButton* m_cancel = nullptr;
    QLabel* m_state = nullptr;
    QLabel* m_error = nullptr;
    QLabel* m_device = nullptr;
    QLabel* m_channelsLabel = nullptr;
    QLabel* m_serial = nullptr;
    QLabel* m_firmware = nullptr;
    QLabel* m_battery = nullptr;
    QLabel* m_selfTestSummary = nullptr;
    QLabel* m_selfTestTime = nullptr;
    SelfTestView* m_checks = nullptr;
    QTableWidget* m_history = nullptr; // the device's past self-tests, newest first
    QLabel* m_historyNote = nullptr;
};

} // namespace galvani::ui
