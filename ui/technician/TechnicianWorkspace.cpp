// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/technician/TechnicianWorkspace.h"

#include "app/AppContext.h"
#include "app/services/PresetService.h"
#include "ui/technician/CalibrationDriftPanel.h"
#include "ui/technician/CalibrationRecordsPanel.h"
#include "ui/technician/CalibrationSetupPage.h"
#include "ui/technician/CalibrationStatusPanel.h"
#include "ui/technician/CalibrationWizard.h"
#include "ui/technician/TechnicianDevicePanel.h"

#include <QKeySequence>
#include <QShortcut>
#include <QTabWidget>
#include <QVBoxLayout>

namespace galvani::ui {

TechnicianWorkspace::TechnicianWorkspace(app::AppContext& context, const app::SignedInUser& user, QWidget* parent)
    : QWidget(parent), m_context(context)
{
    setObjectName(QStringLiteral("technicianWorkspace"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("technicianTabs"));
    m_device = new TechnicianDevicePanel(context, user);
    m_status = new CalibrationStatusPanel(context, user);
    m_wizard = new CalibrationWizard(context, user);
    m_drift = new CalibrationDriftPanel(context, user);
    m_records = new CalibrationRecordsPanel(context, user);
    m_tabs->addTab(m_device, QStringLiteral("Device"));
    m_tabs->addTab(m_status, QStringLiteral("Calibration status"));
    m_tabs->addTab(m_wizard, QStringLiteral("Calibrate"));
    m_tabs->addTab(m_drift, QStringLiteral("Drift"));
    m_tabs->addTab(m_records, QStringLiteral("Records"));
    m_tabs->setTabToolTip(0, QStringLiteral("Connect a stimulator and run its power-on self-test (Alt+1)"));
    m_tabs->setTabToolTip(1, QStringLiteral("Each channel's calibration state, locks and reminders (Alt+2)"));
    m_tabs->setTabToolTip(2, QStringLiteral("Calibrate channels into a reference load (Alt+3)"));
    m_tabs->setTabToolTip(3, QStringLiteral("Gain and offset drift of a channel over its calibrations (Alt+4)"));
    m_tabs->setTabToolTip(4, QStringLiteral("Every calibration record, with its points (Alt+5)"));
    layout->addWidget(m_tabs);
    // Alt+1..5 switch tabs (the tab titles carry no mnemonics, so the panels' own Alt+letter keys never collide).
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto* shortcut = new QShortcut(QKeySequence(Qt::ALT | static_cast<Qt::Key>(Qt::Key_1 + i)), this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, m_tabs, [this, i] { m_tabs->setCurrentIndex(i); });
    }

    m_wizard->setDeviceUrl(m_device->deviceUrl());
    connect(m_device, &TechnicianDevicePanel::deviceUrlChanged, m_wizard, &CalibrationWizard::setDeviceUrl);
    connect(m_device, &TechnicianDevicePanel::deviceIdentified, this, &TechnicianWorkspace::onDeviceIdentified);
    connect(m_device, &TechnicianDevicePanel::busyChanged, this, [this](bool busy) {
        // The wizard's Start is refused while the device panel holds the stimulator.
        m_wizard->setupPage()->setEnabled(!busy);
        Q_EMIT deviceBusyChanged(deviceBusy());
    });
    connect(m_wizard, &CalibrationWizard::runningChanged, this, [this](bool running) {
        m_device->setDeviceInUse(running);
        Q_EMIT deviceBusyChanged(deviceBusy());
    });
    connect(m_wizard, &CalibrationWizard::selfTestFinished, m_device, &TechnicianDevicePanel::showSelfTest);
    connect(m_wizard, &CalibrationWizard::runFinished, this, [this](const app::CalibrationSummary& summary) {
        m_records->reload();
        m_status->reloadSerials();
        m_drift->reloadSerials();
        if (!summary.deviceSerial.isEmpty()) {
            const auto caps = app::PresetService::deviceCaps(m_device->deviceUrl());
            const int channels = caps.ok() ? caps->channels : m_channels;
            m_status->setDevice(summary.deviceSerial, std::min(std::max(channels, 1), 8));
            m_drift->setDevice(summary.deviceSerial, std::min(std::max(channels, 1), 8));
        }
    });
}

TechnicianWorkspace::~TechnicianWorkspace() = default;

void TechnicianWorkspace::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(static_cast<int>(tab));
}

bool TechnicianWorkspace::deviceBusy() const
{
    return m_device->busy() || m_wizard->running();
}

void TechnicianWorkspace::stopOutput()
{
    m_wizard->abort(QStringLiteral("STOP pressed"));
    m_device->stopOutput();
}

void TechnicianWorkspace::onDeviceIdentified(const QString& url, const QString& serial, int channels)
{
    Q_UNUSED(url);
    m_channels = std::min(std::max(channels, 1), 8);
    if (serial.isEmpty()) {
        return;
    }
    m_status->setDevice(serial, m_channels);
    m_drift->setDevice(serial, m_channels);
}

} // namespace galvani::ui
