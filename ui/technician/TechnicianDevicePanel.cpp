// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/technician/TechnicianDevicePanel.h"

#include "app/AppContext.h"
#include "app/DeviceChoices.h"
#include "app/calibration/CalibrationService.h"
#include "app/services/PresetService.h"
#include "app/session/SessionController.h"
#include "ui/technician/SelfTestView.h"
#include "ui/technician/TechnicianFormat.h"

#include <QComboBox>
#include <QDateTime>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <chrono>

namespace galvani::ui {

namespace {

using Step = app::CalibrationProcedure::Step;

// The simulators a bench can always reach (the in-process simulated stimulator, no hardware needed).
const QStringList kSimulatorUrls{QStringLiteral("sim:sciencemode4?channels=8"),
    QStringLiteral("sim:sciencemode4?channels=4"), QStringLiteral("sim:sciencemode4?channels=8&level=mid"),
    QStringLiteral("sim:sciencemode3"), QStringLiteral("sim:sciencemode2?device-serial=GSIM-0002")};

QLabel* valueLabel(const QString& objectName)
{
    auto* label = new QLabel(QStringLiteral("-"));
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

bool sessionUsesDevice(app::AppContext& context)
{
    const auto state = context.sessions().state();
    return state != app::SessionState::Idle && state != app::SessionState::Ended;
}

} // namespace

TechnicianDevicePanel::TechnicianDevicePanel(app::AppContext& context, const app::SignedInUser& user, QWidget* parent)
    : QWidget(parent), m_context(context), m_user(user)
{
    setObjectName(QStringLiteral("technicianDevicePanel"));
    auto* layout = new QVBoxLayout(this);

    auto* pick = new QGroupBox(QStringLiteral("Stimulator"));
    auto* pickLayout = new QVBoxLayout(pick);
    auto* row = new QHBoxLayout;
    auto* urlLabel = new QLabel(QStringLiteral("Device &URL:"));
    m_url = new QComboBox;
    m_url->setObjectName(QStringLiteral("deviceUrlCombo"));
    m_url->setEditable(true);
    m_url->setInsertPolicy(QComboBox::NoInsert);
    m_url->addItem(context.deviceUrl());
    for (const QString& url : kSimulatorUrls) {
        if (m_url->findText(url) < 0) {
            m_url->addItem(url);
        }
    }
    m_url->setMinimumContentsLength(36);
    m_url->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_url->setToolTip(QStringLiteral("sim:<protocol>?channels=N for the simulated stimulator, or "
                                     "serial:/dev/ttyUSB0?protocol=sciencemode4 for a stimulator on a serial port"));
    urlLabel->setBuddy(m_url);
    m_connect = new QPushButton(QStringLiteral("&Connect and self-test"));
    m_connect->setObjectName(QStringLiteral("connectButton"));
    m_connect->setToolTip(QStringLiteral("Connect, run the power-on self-test and record it (Alt+C)"));
    m_cancel = new QPushButton(QStringLiteral("Ca&ncel"));
    m_cancel->setObjectName(QStringLiteral("cancelConnectButton"));
    m_cancel->setEnabled(false);
    row->addWidget(urlLabel);
    row->addWidget(m_url, 1);
    row->addWidget(m_connect);
    row->addWidget(m_cancel);
    pickLayout->addLayout(row);
    auto* hint = new QLabel(
        QStringLiteral("Pick a simulator or a stimulator found on a serial port, or type a device URL, e.g. "
                       "serial:/dev/ttyUSB0?protocol=sciencemode4 (a ScienceMode2 device also needs "
                       "&device-serial=<the serial on its label>)."));
    hint->setWordWrap(true);
    pickLayout->addWidget(hint);
    auto* portRow = new QHBoxLayout;
    m_ports = new QLabel;
    m_ports->setObjectName(QStringLiteral("serialPortsLabel"));
    m_ports->setWordWrap(true);
    m_findPorts = new QPushButton(QStringLiteral("Find &ports"));
    m_findPorts->setObjectName(QStringLiteral("findPortsButton"));
    m_findPorts->setToolTip(QStringLiteral("List the serial ports again and offer those whose USB IDs belong to a "
                                           "stimulator (Alt+P)"));
    portRow->addWidget(m_ports, 1);
    portRow->addWidget(m_findPorts);
    pickLayout->addLayout(portRow);
    m_state = new QLabel(QStringLiteral("Not connected."));
    m_state->setObjectName(QStringLiteral("deviceStateLabel"));
    m_state->setWordWrap(true);
    pickLayout->addWidget(m_state);
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("deviceErrorLabel"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #b00020; font-weight: bold; }"));
    m_error->hide();
    pickLayout->addWidget(m_error);
    layout->addWidget(pick);

    auto* identity = new QGroupBox(QStringLiteral("Device"));
    auto* form = new QFormLayout(identity);
    m_device = valueLabel(QStringLiteral("deviceModelLabel"));
    m_serial = valueLabel(QStringLiteral("deviceSerialLabel"));
    m_firmware = valueLabel(QStringLiteral("deviceFirmwareLabel"));
    m_battery = valueLabel(QStringLiteral("deviceBatteryLabel"));
    m_channelsLabel = valueLabel(QStringLiteral("deviceChannelsLabel"));
    m_selfTestSummary = valueLabel(QStringLiteral("selfTestSummaryLabel"));
    m_selfTestTime = valueLabel(QStringLiteral("selfTestTimeLabel"));
    QFont big = m_serial->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_serial->setFont(big);
    m_selfTestSummary->setFont(big);
    form->addRow(QStringLiteral("Model:"), m_device);
    form->addRow(QStringLiteral("Channels:"), m_channelsLabel);
    form->addRow(QStringLiteral("Serial number:"), m_serial);
    form->addRow(QStringLiteral("Firmware:"), m_firmware);
    form->addRow(QStringLiteral("Battery:"), m_battery);
    form->addRow(QStringLiteral("Power-on self-test:"), m_selfTestSummary);
    form->addRow(QStringLiteral("Tested at:"), m_selfTestTime);
    layout->addWidget(identity);

    auto* checks = new QGroupBox(QStringLiteral("Self-test checks"));
    auto* checksLayout = new QVBoxLayout(checks);
    m_checks = new SelfTestView;
    m_checks->setObjectName(QStringLiteral("selfTestTable"));
    checksLayout->addWidget(m_checks);
    layout->addWidget(checks, 1);

    // Every self-test of the device on record (technicians' and those run at session start), from the audit trail.
    auto* history = new QGroupBox(QStringLiteral("Past self-tests of this device"));
    auto* historyLayout = new QVBoxLayout(history);
    m_historyNote = new QLabel(QStringLiteral("Connect a device to see its past self-tests."));
    m_historyNote->setObjectName(QStringLiteral("selfTestHistoryNote"));
    m_historyNote->setWordWrap(true);
    historyLayout->addWidget(m_historyNote);
    m_history = new QTableWidget(0, 4);
    m_history->setObjectName(QStringLiteral("selfTestHistoryTable"));
    m_history->setHorizontalHeaderLabels(
        {QStringLiteral("When"), QStringLiteral("Run by"), QStringLiteral("Run at"), QStringLiteral("Result")});
    m_history->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_history->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_history->verticalHeader()->hide();
    m_history->horizontalHeader()->setStretchLastSection(true);
    historyLayout->addWidget(m_history);
    layout->addWidget(history, 1);

    connect(m_connect, &QPushButton::clicked, this, &TechnicianDevicePanel::connectDevice);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_procedure) {
            m_procedure->abort(QStringLiteral("connection cancelled by the technician"));
        }
    });
    connect(m_url->lineEdit(), &QLineEdit::returnPressed, this, &TechnicianDevicePanel::connectDevice);
    connect(m_findPorts, &QPushButton::clicked, this, [this] { offerPorts(app::availableStimulatorPorts()); });
    connect(m_url, &QComboBox::currentTextChanged, this,
        [this](const QString& text) { Q_EMIT deviceUrlChanged(text.trimmed()); });
    offerPorts(app::availableStimulatorPorts());
}

TechnicianDevicePanel::~TechnicianDevicePanel() = default;

void TechnicianDevicePanel::offerPorts(const QList<app::DeviceChoice>& ports)
{
    QStringList found;
    for (const app::DeviceChoice& port : ports) {
        int index = m_url->findText(port.url);
        if (index < 0) {
            m_url->addItem(port.url);
            index = m_url->count() - 1;
        }
        m_url->setItemData(index, port.label, Qt::ToolTipRole);
        found.append(port.label);
    }
    m_ports->setText(found.isEmpty()
            ? QStringLiteral("No stimulator found on a serial port (none has the USB IDs of a ScienceMode device).")
            : QStringLiteral("Found on serial ports (in the list above): %1.").arg(found.join(QStringLiteral("; "))));
}

QString TechnicianDevicePanel::deviceUrl() const
{
    return m_url->currentText().trimmed();
}

bool TechnicianDevicePanel::busy() const
{
    return m_procedure != nullptr;
}

void TechnicianDevicePanel::setDeviceInUse(bool inUse)
{
    m_inUseElsewhere = inUse;
    m_connect->setEnabled(!inUse && !busy());
    m_url->setEnabled(!inUse && !busy());
    m_connect->setToolTip(inUse ? QStringLiteral("The calibration wizard is using the stimulator")
                                : QStringLiteral("Connect, run the power-on self-test and record it (Alt+C)"));
}

void TechnicianDevicePanel::connectDevice()
{
    if (busy() || m_inUseElsewhere) {
        return;
    }
    m_error->hide();
    if (sessionUsesDevice(m_context)) {
        showError(QStringLiteral("A treatment session is using the stimulator; connect when it has ended."));
        return;
    }
    const QString url = deviceUrl();
    const auto caps = app::PresetService::deviceCaps(url);
    if (!caps.ok()) {
        showError(caps.error().message);
        return;
    }
    m_channels = caps->channels;
    // A procedure set up for every channel, aborted as soon as its self-test is in: it never reaches a channel, so
    // the reference instrument and test points below are never used or recorded (begin() only checks them).
    app::CalibrationSetup setup;
    setup.deviceUrl = url;
    for (int ch = 1; ch <= m_channels && ch <= 8; ++ch) {
        setup.channels.append(ch);
    }
    setup.mode = app::MeasurementMode::Manual; // no measurement is made; this mode has no device precondition
    setup.pointsUa = {2'000, 4'000, 6'000};
    const QDate today = QDateTime::fromMSecsSinceEpoch(
        std::chrono::duration_cast<std::chrono::milliseconds>(m_context.clock().utcNow().time_since_epoch()).count(),
        Qt::UTC)
                            .date();
    setup.instruments
        = {app::ReferenceInstrument{QStringLiteral("none: self-test only"), QStringLiteral("none"), today.addDays(1)}};
    auto began = m_context.calibration().begin(m_user, setup);
    if (!began.ok()) {
        showError(began.error().message);
        return;
    }
    m_procedure = std::move(began).value();
    m_selfTestSeen = false;
    connect(m_procedure.get(), &app::CalibrationProcedure::stepChanged, this, &TechnicianDevicePanel::onStep);
    connect(m_procedure.get(), &app::CalibrationProcedure::selfTestFinished, this, &TechnicianDevicePanel::onSelfTest);
    connect(m_procedure.get(), &app::CalibrationProcedure::finished, this, &TechnicianDevicePanel::onFinished);
    m_checks->clearReport();
    for (QLabel* label :
        {m_device, m_channelsLabel, m_serial, m_firmware, m_battery, m_selfTestSummary, m_selfTestTime}) {
        label->setText(QStringLiteral("-"));
    }
    setBusy(true);
    m_procedure->start();
}

void TechnicianDevicePanel::stopOutput()
{
    if (m_procedure) {
        m_procedure->abort(QStringLiteral("STOP pressed"));
    }
}

void TechnicianDevicePanel::onStep(app::CalibrationProcedure::Step step)
{
    switch (step) {
    case Step::Connecting:
        m_state->setText(QStringLiteral("Connecting to %1 ...").arg(deviceUrl()));
        break;
    case Step::SelfTest:
        m_state->setText(QStringLiteral("Running the power-on self-test ..."));
        break;
    default:
        break;
    }
}

void TechnicianDevicePanel::onSelfTest(const app::SelfTestReport& report)
{
    m_selfTestSeen = true;
    showSelfTest(report);
    // The procedure checks for an abort right after this signal and ends before any channel begins.
    m_procedure->abort(QStringLiteral("self-test only (device panel)"));
}

void TechnicianDevicePanel::showHistory(const QString& deviceSerial)
{
    m_history->setRowCount(0);
    if (deviceSerial.isEmpty()) {
        m_historyNote->setText(QStringLiteral("The device reports no serial number, so its self-tests cannot be told "
                                              "from another device's."));
        return;
    }
    constexpr int kShown = 50;
    const auto past = m_context.calibration().selfTestHistory(m_user, deviceSerial, kShown);
    if (!past.ok()) {
        m_historyNote->setText(past.error().message);
        return;
    }
    m_historyNote->setText(
        QStringLiteral("%1, newest first (at most %2), as recorded in the audit trail.").arg(deviceSerial).arg(kShown));
    for (const app::RecordedSelfTest& t : *past) {
        const int row = m_history->rowCount();
        m_history->insertRow(row);
        const QStringList cells{technician::dateTimeText(t.report.atUtcMs), t.operatorName,
            t.report.scope == app::SelfTestScope::Therapy ? QStringLiteral("session start")
                                                          : QStringLiteral("connection (full)"),
            t.report.passed() ? QStringLiteral("Passed")
                              : QStringLiteral("FAILED: ") + t.report.summary().section(QLatin1Char(':'), 1).trimmed()};
        for (int c = 0; c < cells.size(); ++c) {
            m_history->setItem(row, c, new QTableWidgetItem(cells.at(c)));
        }
    }
    m_history->resizeColumnsToContents();
}

void TechnicianDevicePanel::showSelfTest(const app::SelfTestReport& report)
{
    QString model = report.protocol.isEmpty() ? QStringLiteral("not reported") : report.protocol;
    for (const app::SelfTestCheck& c : report.checks) {
        if (c.name == QStringLiteral("handshake") && c.outcome == app::CheckOutcome::Passed) {
            // "<protocol> <level>, N channels, firmware …, serial …": the model as far as the app reports it.
            model = c.detail.section(QStringLiteral(", "), 0, 0);
        }
        if (c.name == QStringLiteral("battery")) {
            m_battery->setText(QStringLiteral("%1 (%2)").arg(c.detail, technician::outcomeText(c.outcome)));
        }
    }
    m_device->setText(model);
    const auto caps = app::PresetService::deviceCaps(report.deviceUrl.isEmpty() ? deviceUrl() : report.deviceUrl);
    m_channelsLabel->setText(caps.ok() ? QString::number(caps->channels) : QStringLiteral("-"));
    m_serial->setText(report.deviceSerial.isEmpty() ? QStringLiteral("not reported") : report.deviceSerial);
    m_firmware->setText(report.firmware.isEmpty() ? QStringLiteral("not reported") : report.firmware);
    m_selfTestSummary->setText(report.passed()
            ? QStringLiteral("Passed")
            : QStringLiteral("FAILED: ") + report.summary().section(QLatin1Char(':'), 1).trimmed());
    m_selfTestTime->setText(
        QStringLiteral("%1, recorded in the audit trail").arg(technician::dateTimeText(report.atUtcMs)));
    m_checks->setReport(report);
    showHistory(report.deviceSerial);
    m_state->setText(QStringLiteral("Self-test of %1 done. The link is closed again; the calibration wizard "
                                    "connects on its own.")
                         .arg(report.deviceUrl.isEmpty() ? deviceUrl() : report.deviceUrl));
}

void TechnicianDevicePanel::onFinished(const app::CalibrationSummary& summary)
{
    // Inside the procedure's own signal: let the event loop delete it.
    m_procedure.release()->deleteLater();
    setBusy(false);
    if (!m_selfTestSeen || !summary.selfTest) {
        m_state->setText(QStringLiteral("Not connected."));
        showError(summary.abortReason);
        return;
    }
    Q_EMIT deviceIdentified(summary.selfTest->deviceUrl.isEmpty() ? deviceUrl() : summary.selfTest->deviceUrl,
        summary.deviceSerial, m_channels);
}

void TechnicianDevicePanel::setBusy(bool isBusy)
{
    m_connect->setEnabled(!isBusy && !m_inUseElsewhere);
    m_url->setEnabled(!isBusy && !m_inUseElsewhere);
    m_cancel->setEnabled(isBusy);
    Q_EMIT busyChanged(isBusy);
}

void TechnicianDevicePanel::showError(const QString& message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

} // namespace galvani::ui
