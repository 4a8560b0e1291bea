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

using Records = presenters::CalibrationRecordsPresenter;

CalibrationRecordsPanel::CalibrationRecordsPanel(
    app::AppContext& context, const app::SignedInUser& user, QWidget* parent)
    : QWidget(parent), m_presenter(context.calibration(), user)
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
    m_table = new QTableWidget(0, Records::ColumnCount);
    m_table->setObjectName(QStringLiteral("recordsTable"));
    m_table->setHorizontalHeaderLabels(Records::columnTitles());
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
    connect(m_device, &QComboBox::currentIndexChanged, this,
        [this] { m_presenter.chooseDevice(m_device->currentData().toString()); });
    connect(&m_presenter, &Records::recordsChanged, this, &CalibrationRecordsPanel::showRecords);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &CalibrationRecordsPanel::showDetails);
    reload();
}

void CalibrationRecordsPanel::showRecords()
{
    m_error->setText(m_presenter.error());
    m_error->setVisible(!m_presenter.error().isEmpty());
    {
        const QSignalBlocker blocker(m_device);
        m_device->clear();
        m_device->addItem(QStringLiteral("All devices"), QString());
        for (const QString& serial : m_presenter.devices()) {
            m_device->addItem(serial, serial);
        }
        m_device->setCurrentIndex(std::max(0, m_device->findData(m_presenter.device())));
    }
    const auto& shown = m_presenter.shown();
    m_table->setRowCount(0);
    m_table->setRowCount(static_cast<int>(shown.size()));
    for (int row = 0; row < shown.size(); ++row) {
        const QStringList cells = m_presenter.rowText(row);
        for (int column = 0; column < cells.size(); ++column) {
            m_table->setItem(row, column, technician::readOnlyCell(cells.at(column)));
        }
        const auto& e = shown.at(row);
        const bool incomplete = e.status == QStringLiteral("incomplete");
        m_table->item(row, Records::StatusColumn)
            ->setIcon(incomplete ? style()->standardIcon(QStyle::SP_MessageBoxInformation)
                                 : technician::passIcon(this, e.status == QStringLiteral("passed")));
    }
    m_count->setText(m_presenter.countText());
    m_details->clear();
}

void CalibrationRecordsPanel::showDetails()
{
    m_details->setPlainText(m_presenter.detailsText(m_table->currentRow()));
}

} // namespace galvani::ui
