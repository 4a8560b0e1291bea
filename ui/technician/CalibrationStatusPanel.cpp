// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/technician/CalibrationStatusPanel.h"

#include "app/AppContext.h"
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

namespace galvani::ui {

using Status = presenters::CalibrationStatusPresenter;

CalibrationStatusPanel::CalibrationStatusPanel(app::AppContext& context, const app::SignedInUser& user, QWidget* parent)
    : QWidget(parent), m_presenter(context.calibration(), context.clock(), user)
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

    m_table = new QTableWidget(0, Status::ColumnCount);
    m_table->setObjectName(QStringLiteral("statusTable"));
    m_table->setHorizontalHeaderLabels(Status::columnTitles());
    m_table->verticalHeader()->hide();
    for (int c = 0; c < Status::ReasonColumn; ++c) {
        m_table->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    }
    m_table->horizontalHeader()->setSectionResizeMode(Status::ReasonColumn, QHeaderView::Stretch);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(true);
    m_table->setIconSize(QSize(20, 20));
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(m_table, 1);

    connect(m_refresh, &QPushButton::clicked, this, &CalibrationStatusPanel::refresh);
    connect(m_serial->lineEdit(), &QLineEdit::returnPressed, this, &CalibrationStatusPanel::refresh);
    connect(&m_presenter, &Status::statusesChanged, this, &CalibrationStatusPanel::showRows);
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
    technician::addDeviceSerials(m_serial, m_presenter.records());
}

void CalibrationStatusPanel::refresh()
{
    const auto result = m_presenter.refresh(deviceSerial(), m_channels->value());
    m_error->setText(result.text);
    m_error->setVisible(result.isError());
    if (result.focus == Status::Field::Serial) {
        m_serial->setFocus();
    }
}

void CalibrationStatusPanel::showStatuses(const QList<app::ChannelCalibrationStatus>& statuses, qint64 nowUtcMs)
{
    m_presenter.showStatuses(statuses, nowUtcMs, deviceSerial());
}

void CalibrationStatusPanel::showRows()
{
    const auto& statuses = m_presenter.statuses();
    m_table->setRowCount(0);
    m_table->setRowCount(static_cast<int>(statuses.size()));
    for (int row = 0; row < statuses.size(); ++row) {
        const app::ChannelCalibrationStatus& s = statuses.at(row);
        const QStringList cells = m_presenter.rowText(row);
        for (int column = 0; column < cells.size(); ++column) {
            m_table->setItem(row, column, technician::readOnlyCell(cells.at(column)));
        }
        m_table->item(row, Status::StateColumn)->setIcon(technician::stateIcon(this, s.state));
        auto* use = m_table->item(row, Status::UseColumn);
        use->setIcon(technician::lockIcon(this, s.locked));
        QFont bold = use->font();
        bold.setBold(s.locked);
        use->setFont(bold);
        if (s.locked) {
            for (int c = 0; c < Status::ColumnCount; ++c) {
                m_table->item(row, c)->setBackground(QColor(0xfd, 0xe8, 0xe8));
            }
        }
    }
    m_reminders->clear();
    for (const Status::Reminder& reminder : m_presenter.reminders()) {
        m_reminders->addItem(new QListWidgetItem(technician::stateIcon(this, reminder.state), reminder.text));
    }
    m_table->resizeRowsToContents();
    // As tall as its lines (up to four), so one line does not leave a large empty box.
    const int lines = std::min(m_reminders->count(), 4);
    m_reminders->setFixedHeight(lines * m_reminders->sizeHintForRow(0) + 2 * m_reminders->frameWidth() + 4);
    m_summary->setText(m_presenter.summaryText());
}

} // namespace galvani::ui
