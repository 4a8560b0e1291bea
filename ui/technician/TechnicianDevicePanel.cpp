// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/technician/TechnicianDevicePanel.h"

#include "ui/technician/SelfTestView.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace galvani::ui {

using Device = presenters::TechnicianDevicePresenter;

namespace {

QLabel* valueLabel(const QString& objectName)
{
    auto* label = new QLabel(QStringLiteral("-"));
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

} // namespace

TechnicianDevicePanel::TechnicianDevicePanel(app::AppContext& context, const app::SignedInUser& user, QWidget* parent)
    : QWidget(parent), m_presenter(context, user)
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
    m_url->setMinimumContentsLength(36);
    m_url->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_url->setToolTip(QStringLiteral("sim:<protocol>?channels=N for the simulated stimulator, or "
                                     "serial:/dev/ttyUSB0?protocol=sciencemode4 for a stimulator on a serial port"));
    urlLabel->setBuddy(m_url);
    m_connect = new QPushButton(QStringLiteral("&Connect and self-test"));
    m_connect->setObjectName(QStringLiteral("connectButton"));
    m_cancel = new QPushButton(QStringLiteral("Ca&ncel"));
    m_cancel->setObjectName(QStringLiteral("cancelConnectButton"));
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
    m_state = new QLabel;
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
    m_historyNote = new QLabel;
    m_historyNote->setObjectName(QStringLiteral("selfTestHistoryNote"));
    m_historyNote->setWordWrap(true);
    historyLayout->addWidget(m_historyNote);
    m_history = new QTableWidget(0, static_cast<int>(Device::historyColumnTitles().size()));
    m_history->setObjectName(QStringLiteral("selfTestHistoryTable"));
    m_history->setHorizontalHeaderLabels(Device::historyColumnTitles());
    m_history->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_history->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_history->verticalHeader()->hide();
    m_history->horizontalHeader()->setStretchLastSection(true);
    historyLayout->addWidget(m_history);
    layout->addWidget(history, 1);

    connect(m_connect, &QPushButton::clicked, this, &TechnicianDevicePanel::connectDevice);
    connect(m_cancel, &QPushButton::clicked, &m_presenter, &Device::cancel);
    connect(m_url->lineEdit(), &QLineEdit::returnPressed, this, &TechnicianDevicePanel::connectDevice);
    connect(m_findPorts, &QPushButton::clicked, &m_presenter, &Device::findPorts);
    connect(&m_presenter, &Device::choicesChanged, this, &TechnicianDevicePanel::showChoices);
    connect(&m_presenter, &Device::stateChanged, this, &TechnicianDevicePanel::showState);
    connect(&m_presenter, &Device::selfTestChanged, this, &TechnicianDevicePanel::showSelfTestResult);
    connect(&m_presenter, &Device::busyChanged, this, &TechnicianDevicePanel::busyChanged);
    connect(&m_presenter, &Device::deviceIdentified, this, &TechnicianDevicePanel::deviceIdentified);
    showChoices();
    showState();
    showSelfTestResult();
    connect(m_url, &QComboBox::currentTextChanged, this, [this](const QString& text) {
        m_presenter.setUrl(text);
        Q_EMIT deviceUrlChanged(m_presenter.url());
    });
    m_presenter.findPorts();
}

TechnicianDevicePanel::~TechnicianDevicePanel() = default;

void TechnicianDevicePanel::connectDevice()
{
    if (m_presenter.connectDevice().focus == Device::Field::Url) {
        m_url->setFocus();
    }
}

void TechnicianDevicePanel::showChoices()
{
    for (const app::DeviceChoice& choice : m_presenter.choices()) {
        int index = m_url->findText(choice.url);
        if (index < 0) {
            m_url->addItem(choice.url);
            index = m_url->count() - 1;
        }
        if (!choice.label.isEmpty()) {
            m_url->setItemData(index, choice.label, Qt::ToolTipRole);
        }
    }
    m_ports->setText(m_presenter.portsText());
}

void TechnicianDevicePanel::showState()
{
    m_connect->setEnabled(m_presenter.canConnect());
    m_url->setEnabled(m_presenter.canConnect());
    m_cancel->setEnabled(m_presenter.canCancel());
    m_connect->setToolTip(m_presenter.connectToolTip());
    m_state->setText(m_presenter.stateText());
    const auto& feedback = m_presenter.feedback();
    m_error->setText(feedback.text);
    m_error->setVisible(feedback.isError() && !feedback.text.isEmpty());
}

void TechnicianDevicePanel::showSelfTestResult()
{
    const auto& id = m_presenter.identity();
    m_device->setText(id.model);
    m_channelsLabel->setText(id.channels);
    m_serial->setText(id.serial);
    m_firmware->setText(id.firmware);
    m_battery->setText(id.battery);
    m_selfTestSummary->setText(id.selfTest);
    m_selfTestTime->setText(id.testedAt);
    if (const auto& report = m_presenter.selfTest()) {
        m_checks->setReport(*report);
    } else {
        m_checks->clearReport();
    }
    const auto& rows = m_presenter.historyRows();
    m_history->setRowCount(0);
    m_history->setRowCount(static_cast<int>(rows.size()));
    for (int row = 0; row < rows.size(); ++row) {
        for (int c = 0; c < rows.at(row).size(); ++c) {
            m_history->setItem(row, c, new QTableWidgetItem(rows.at(row).at(c)));
        }
    }
    if (!rows.isEmpty()) {
        m_history->resizeColumnsToContents();
    }
    m_historyNote->setText(m_presenter.historyNote());
}

} // namespace galvani::ui
