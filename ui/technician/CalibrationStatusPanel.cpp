// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/technician/CalibrationStatusPanel.h"

#include "app/AppContext.h"
#include "app/calibration/CalibrationService.h"
#include "ui/technician/TechnicianFormat.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <chrono>

namespace galvani::ui {

namespace {

enum Column {
    ChannelColumn,
    StateColumn,
    UseColumn,
    CorrectionColumn,
    RangeColumn,
    DueColumn,
    ReasonColumn,
    ColumnCount
};

qint64 nowMs(const core::Clock& clock)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(clock.utcNow().time_since_epoch()).count();
}

} // namespace

CalibrationStatusPanel::CalibrationStatusPanel(app::AppContext& context, const app::SignedInUser& user, QWidget* parent)
    : QWidget(parent), m_context(context), m_user(user)
{
    setObjectName(QStringLiteral("calibrationStatusPanel"));
    auto* layout = new QVBoxLayout(this);

    auto* row = new QHBoxLayout;
    auto* serialLabel = new QLabel(QStringLiteral("Device &serial:"));
    m_serial = new QComboBox;
    m_serial->setObjectName(QStringLiteral("statusSerialCombo"));
    m_serial->setEditable(true);
    m_serial->setInsertPolicy(QComboBox::NoInsert);
    m_serial->setMinimumContentsLength(14);
    serialLabel->setBuddy(m_serial);
    auto* channelsLabel = new QLabel(QStringLiteral("C&hannels:"));
    m_channels = new QSpinBox;
    m_channels->setObjectName(QStringLiteral("statusChannelsSpin"));
    m_channels->setRange(1, 8);
    m_channels->setValue(8);
    m_channels->setSuffix(QStringLiteral("  (1-8)"));
    channelsLabel->setBuddy(m_channels);
    m_refresh = new QPushButton(QStringLiteral("&Refresh"));
    m_refresh->setObjectName(QStringLiteral("statusRefreshButton"));
    m_refresh->setToolTip(QStringLiteral("Read the status again (F5)"));
    m_refresh->setShortcut(QKeySequence(Qt::Key_F5));
    row->addWidget(serialLabel);
    row->addWidget(m_serial, 1);
    row->addWidget(channelsLabel);
    row->addWidget(m_channels);
    row->addWidget(m_refresh);
    layout->addLayout(row);

    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("statusErrorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #b00020; font-weight: bold; }"));
    m_error->hide();
    layout->addWidget(m_error);

    auto* reminders = new QGroupBox(QStringLiteral("Reminders: due within 30 days or overdue"));
    auto* remindersLayout = new QVBoxLayout(reminders);
    m_reminders = new QListWidget;
    m_reminders->setObjectName(QStringLiteral("reminderList"));
    QFont big = m_reminders->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    m_reminders->setFont(big);
    m_reminders->setIconSize(QSize(24, 24));
    m_reminders->setAccessibleName(QStringLiteral("Calibration reminders"));
    remindersLayout->addWidget(m_reminders);
    reminders->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    layout->addWidget(reminders);

    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("statusSummaryLabel"));
    QFont summaryFont = m_summary->font();
    summaryFont.setBold(true);
    m_summary->setFont(summaryFont);
    layout->addWidget(m_summary);

    m_table = new QTableWidget(0, ColumnCount);
    m_table->setObjectName(QStringLiteral("statusTable"));
    m_table->setHorizontalHeaderLabels({QStringLiteral("Channel"), QStringLiteral("State"), QStringLiteral("Therapy"),
        QStringLiteral("Correction in force"), QStringLiteral("Calibrated range"), QStringLiteral("Due"),
        QStringLiteral("Reason / notice")});
    m_table->verticalHeader()->hide();
    for (int c = 0; c < ReasonColumn; ++c) {
        m_table->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    }
    m_table->horizontalHeader()->setSectionResizeMode(ReasonColumn, QHeaderView::Stretch);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(true);
    m_table->setIconSize(QSize(20, 20));
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(m_table, 1);

    connect(m_refresh, &QPushButton::clicked, this, &CalibrationStatusPanel::refresh);
    connect(m_serial->lineEdit(), &QLineEdit::returnPressed, this, &CalibrationStatusPanel::refresh);
    reloadSerials();
    if (!m_serial->currentText().isEmpty()) {
        refresh();
    }
}

void CalibrationStatusPanel::setDevice(const QString& serial, int channels)
{
    if (m_serial->findText(serial) < 0) {
        m_serial->addItem(serial);
    }
    m_serial->setCurrentText(serial);
    m_channels->setValue(channels);
    refresh();
}

QString CalibrationStatusPanel::deviceSerial() const
{
    return m_serial->currentText().trimmed();
}

void CalibrationStatusPanel::reloadSerials()
{
    const auto all = m_context.calibration().allCalibrations(m_user);
    if (!all.ok()) {
        return;
    }
    technician::addDeviceSerials(m_serial, *all);
}

void CalibrationStatusPanel::refresh()
{
    m_error->hide();
    const QString serial = deviceSerial();
    if (serial.isEmpty()) {
        m_error->setText(QStringLiteral("Device serial: connect a device on the Device tab, or type its serial."));
        m_error->show();
        return;
    }
    const auto statuses = m_context.calibration().deviceStatus(m_user, serial, m_channels->value());
    if (!statuses.ok()) {
        m_error->setText(statuses.error().message);
        m_error->show();
        return;
    }
    showStatuses(*statuses, nowMs(m_context.clock()));
}

void CalibrationStatusPanel::showStatuses(const QList<app::ChannelCalibrationStatus>& statuses, qint64 nowUtcMs)
{
    using app::CalibrationState;
    m_statuses = statuses;
    m_table->setRowCount(0);
    m_reminders->clear();
    int locked = 0;
    for (const app::ChannelCalibrationStatus& s : statuses) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, ChannelColumn, technician::readOnlyCell(QString::number(s.channel)));
        QString state = technician::stateText(s.state);
        if (s.state == CalibrationState::DueSoon || s.state == CalibrationState::Overdue) {
            state += QStringLiteral(": ") + technician::dueInText(s.dueUtcMs, nowUtcMs);
        }
        auto* stateItem = technician::readOnlyCell(state);
        stateItem->setIcon(technician::stateIcon(this, s.state));
        m_table->setItem(row, StateColumn, stateItem);
        auto* use = technician::readOnlyCell(s.locked ? QStringLiteral("LOCKED") : QStringLiteral("Usable"));
        use->setIcon(technician::lockIcon(this, s.locked));
        QFont bold = use->font();
        bold.setBold(s.locked);
        use->setFont(bold);
        m_table->setItem(row, UseColumn, use);
        m_table->setItem(row, CorrectionColumn,
            technician::readOnlyCell(s.factoryCalibration || s.locked
                    ? (s.locked ? QStringLiteral("none (locked)") : QStringLiteral("none (factory calibration)"))
                    : QStringLiteral("gain %1, offset %2 mA (record #%3)")
                          .arg(s.gain, 0, 'f', 4)
                          .arg(technician::milliamps2(s.offsetUa, true))
                          .arg(s.calibrationId)));
        m_table->setItem(row, RangeColumn,
            technician::readOnlyCell(s.calibratedMaxUa > 0
                    ? QStringLiteral("%1-%2 mA")
                          .arg(technician::milliamps1(static_cast<double>(s.calibratedMinUa)),
                              technician::milliamps1(static_cast<double>(s.calibratedMaxUa)))
                    : QStringLiteral("-")));
        // A failed record's due date means nothing: the channel is locked until a passing calibration.
        const bool dated = s.dueUtcMs > 0
            && (s.state == CalibrationState::Valid || s.state == CalibrationState::DueSoon
                || s.state == CalibrationState::Overdue);
        m_table->setItem(row, DueColumn,
            technician::readOnlyCell(dated ? QStringLiteral("%1 (%2)").arg(
                                         technician::dateText(s.dueUtcMs), technician::dueInText(s.dueUtcMs, nowUtcMs))
                                           : QStringLiteral("-")));
        m_table->setItem(row, ReasonColumn, technician::readOnlyCell(s.reason));
        if (s.locked) {
            ++locked;
            for (int c = 0; c < ColumnCount; ++c) {
                m_table->item(row, c)->setBackground(QColor(0xfd, 0xe8, 0xe8));
            }
        }
        if (s.state == CalibrationState::DueSoon || s.state == CalibrationState::Overdue) {
            const bool overdue = s.state == CalibrationState::Overdue;
            auto* reminder = new QListWidgetItem(technician::stateIcon(this, s.state),
                QStringLiteral("Channel %1: calibration %2 (%3)%4")
                    .arg(s.channel)
                    .arg(technician::dueInText(s.dueUtcMs, nowUtcMs), technician::dateText(s.dueUtcMs),
                        overdue ? QStringLiteral(" - LOCKED until recalibrated") : QString()));
            m_reminders->addItem(reminder);
        }
    }
    if (m_reminders->count() == 0) {
        m_reminders->addItem(new QListWidgetItem(
            technician::stateIcon(this, CalibrationState::Valid), QStringLiteral("No channel is due within 30 days.")));
    }
    m_table->resizeRowsToContents();
    // As tall as its lines (up to four), so one line does not leave a large empty box.
    const int lines = std::min(m_reminders->count(), 4);
    m_reminders->setFixedHeight(lines * m_reminders->sizeHintForRow(0) + 2 * m_reminders->frameWidth() + 4);
    const QString serial = statuses.isEmpty() ? deviceSerial() : statuses.front().deviceSerial;
    m_summary->setText(locked == 0
            ? QStringLiteral("Device %1: %2 channels, none locked.").arg(serial).arg(statuses.size())
            : QStringLiteral("Device %1: %2 of %3 channels LOCKED for therapy.")
                  .arg(serial)
                  .arg(locked)
                  .arg(statuses.size()));
}

} // namespace galvani::ui
