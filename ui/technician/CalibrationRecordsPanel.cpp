// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/technician/CalibrationRecordsPanel.h"

#include "app/AppContext.h"
#include "app/calibration/CalibrationService.h"
#include "ui/technician/TechnicianFormat.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace galvani::ui {

namespace {

enum Column {
    IdColumn,
    PerformedColumn,
    DeviceColumn,
    ChannelColumn,
    StatusColumn,
    GainColumn,
    OffsetColumn,
    PointsColumn,
    DueColumn,
    TechnicianColumn,
    HashColumn,
    ColumnCount
};

// The record's notes with each point of the "as found: a, b, c" and "as left: …" lines on a line of its own.
QString pointsText(const QString& notes)
{
    QStringList out;
    for (const QString& line : notes.split(QLatin1Char('\n'))) {
        for (const QString& phase : {QStringLiteral("as found: "), QStringLiteral("as left: ")}) {
            if (line.startsWith(phase)) {
                out.append(phase.trimmed());
                for (const QString& point : line.mid(phase.size()).split(QStringLiteral(", "))) {
                    out.append(QStringLiteral("    ") + point);
                }
                break;
            }
        }
        if (!line.startsWith(QStringLiteral("as found: ")) && !line.startsWith(QStringLiteral("as left: "))) {
            out.append(line);
        }
    }
    return out.join(QLatin1Char('\n'));
}

} // namespace

CalibrationRecordsPanel::CalibrationRecordsPanel(
    app::AppContext& context, const app::SignedInUser& user, QWidget* parent)
    : QWidget(parent), m_context(context), m_user(user)
{
    setObjectName(QStringLiteral("calibrationRecordsPanel"));
    auto* layout = new QVBoxLayout(this);
    auto* row = new QHBoxLayout;
    auto* deviceLabel = new QLabel(QStringLiteral("&Device:"));
    m_device = new QComboBox;
    m_device->setObjectName(QStringLiteral("recordsDeviceCombo"));
    m_device->setMinimumContentsLength(14);
    deviceLabel->setBuddy(m_device);
    auto* reloadButton = new QPushButton(QStringLiteral("Re&load"));
    reloadButton->setObjectName(QStringLiteral("recordsReloadButton"));
    reloadButton->setToolTip(QStringLiteral("Read the records again (Alt+L)"));
    m_count = new QLabel;
    m_count->setObjectName(QStringLiteral("recordsCountLabel"));
    row->addWidget(deviceLabel);
    row->addWidget(m_device);
    row->addWidget(reloadButton);
    row->addWidget(m_count, 1);
    layout->addLayout(row);
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("recordsErrorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #b00020; font-weight: bold; }"));
    m_error->hide();
    layout->addWidget(m_error);

    auto* split = new QSplitter(Qt::Vertical);
    m_table = new QTableWidget(0, ColumnCount);
    m_table->setObjectName(QStringLiteral("recordsTable"));
    m_table->setHorizontalHeaderLabels({QStringLiteral("Record"), QStringLiteral("Performed"), QStringLiteral("Device"),
        QStringLiteral("Channel"), QStringLiteral("Result"), QStringLiteral("Gain"), QStringLiteral("Offset mA"),
        QStringLiteral("Points"), QStringLiteral("Due"), QStringLiteral("Technician"), QStringLiteral("Record hash")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    split->addWidget(m_table);
    m_details = new QPlainTextEdit;
    m_details->setObjectName(QStringLiteral("recordDetails"));
    m_details->setReadOnly(true);
    m_details->setPlaceholderText(QStringLiteral("Select a record to see its points and conditions."));
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    connect(reloadButton, &QPushButton::clicked, this, &CalibrationRecordsPanel::reload);
    connect(m_device, &QComboBox::currentIndexChanged, this, &CalibrationRecordsPanel::fillTable);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &CalibrationRecordsPanel::showDetails);
    reload();
}

void CalibrationRecordsPanel::reload()
{
    m_error->hide();
    const auto all = m_context.calibration().allCalibrations(m_user);
    if (!all.ok()) {
        m_error->setText(all.error().message);
        m_error->show();
        return;
    }
    m_all = *all;
    std::reverse(m_all.begin(), m_all.end()); // newest first
    const QString current = m_device->currentData().toString();
    const QSignalBlocker blocker(m_device);
    m_device->clear();
    m_device->addItem(QStringLiteral("All devices"), QString());
    for (const auto& e : m_all) {
        if (m_device->findData(e.deviceSerial) < 0) {
            m_device->addItem(e.deviceSerial, e.deviceSerial);
        }
    }
    m_device->setCurrentIndex(std::max(0, m_device->findData(current)));
    fillTable();
}

void CalibrationRecordsPanel::fillTable()
{
    const QString device = m_device->currentData().toString();
    m_shown.clear();
    m_table->setRowCount(0);
    for (const auto& e : m_all) {
        if (!device.isEmpty() && e.deviceSerial != device) {
            continue;
        }
        m_shown.append(e);
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, IdColumn, technician::readOnlyCell(QStringLiteral("#%1").arg(e.calibrationId)));
        m_table->setItem(row, PerformedColumn, technician::readOnlyCell(technician::dateTimeText(e.performedUtcMs)));
        m_table->setItem(row, DeviceColumn, technician::readOnlyCell(e.deviceSerial));
        m_table->setItem(row, ChannelColumn, technician::readOnlyCell(QString::number(e.channel)));
        auto* status = technician::readOnlyCell(e.status);
        const bool passed = e.status == QStringLiteral("passed");
        const bool incomplete = e.status == QStringLiteral("incomplete");
        status->setIcon(
            incomplete ? style()->standardIcon(QStyle::SP_MessageBoxInformation) : technician::passIcon(this, passed));
        m_table->setItem(row, StatusColumn, status);
        m_table->setItem(
            row, GainColumn, technician::readOnlyCell(e.gain ? QString::number(*e.gain, 'f', 4) : QStringLiteral("-")));
        m_table->setItem(row, OffsetColumn,
            technician::readOnlyCell(e.offsetUa ? technician::milliamps2(*e.offsetUa, true) : QStringLiteral("-")));
        m_table->setItem(row, PointsColumn, technician::readOnlyCell(QString::number(e.points)));
        m_table->setItem(
            row, DueColumn, technician::readOnlyCell(passed ? technician::dateText(e.dueUtcMs) : QStringLiteral("-")));
        m_table->setItem(row, TechnicianColumn,
            technician::readOnlyCell(e.technicianId == m_user.id ? QStringLiteral("%1 (you)").arg(m_user.username)
                                                                 : QStringLiteral("user #%1").arg(e.technicianId)));
        m_table->setItem(row, HashColumn, technician::readOnlyCell(e.recordHash.left(16)));
    }
    m_count->setText(QStringLiteral("%1 records").arg(m_shown.size()));
    m_details->clear();
}

void CalibrationRecordsPanel::showDetails()
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_shown.size()) {
        m_details->clear();
        return;
    }
    const auto& e = m_shown.at(row);
    m_details->setPlainText(
        QStringLiteral("Record #%1, device %2 channel %3, %4, firmware %5, performed %6\n"
                       "record hash %7\n\n%8")
            .arg(e.calibrationId)
            .arg(e.deviceSerial)
            .arg(e.channel)
            .arg(e.status, e.firmware, technician::dateTimeText(e.performedUtcMs), e.recordHash, pointsText(e.notes)));
}

} // namespace galvani::ui
