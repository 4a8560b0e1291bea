// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/technician/CalibrationDriftPanel.h"

#include "app/AppContext.h"
#include "app/calibration/CalibrationService.h"
#include "ui/plot/DriftChart.h"
#include "ui/technician/TechnicianFormat.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace galvani::ui {

CalibrationDriftPanel::CalibrationDriftPanel(app::AppContext& context, const app::SignedInUser& user, QWidget* parent)
    : QWidget(parent), m_presenter(context.calibration(), user)
{
    setObjectName(QStringLiteral("calibrationDriftPanel"));
    auto* layout = new QVBoxLayout(this);
    auto* row = new QHBoxLayout;
    auto* serialLabel = new QLabel(QStringLiteral("Device &serial:"));
    m_serial = new QComboBox;
    m_serial->setObjectName(QStringLiteral("driftSerialCombo"));
    m_serial->setEditable(true);
    m_serial->setInsertPolicy(QComboBox::NoInsert);
    m_serial->setMinimumContentsLength(14);
    serialLabel->setBuddy(m_serial);
    auto* channelLabel = new QLabel(QStringLiteral("C&hannel:"));
    m_channel = new QSpinBox;
    m_channel->setObjectName(QStringLiteral("driftChannelSpin"));
    m_channel->setRange(1, 8);
    m_channel->setSuffix(QStringLiteral("  (1-8)"));
    channelLabel->setBuddy(m_channel);
    m_show = new QPushButton(QStringLiteral("Sho&w drift"));
    m_show->setObjectName(QStringLiteral("driftShowButton"));
    m_show->setToolTip(QStringLiteral("Draw the gain and offset history of this channel (Alt+W)"));
    row->addWidget(serialLabel);
    row->addWidget(m_serial, 1);
    row->addWidget(channelLabel);
    row->addWidget(m_channel);
    row->addWidget(m_show);
    layout->addLayout(row);

    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("driftErrorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #b00020; font-weight: bold; }"));
    m_error->hide();
    layout->addWidget(m_error);

    m_chart = new DriftChart;
    m_chart->setObjectName(QStringLiteral("driftChart"));
    layout->addWidget(m_chart, 1);
    m_figures = new QLabel;
    m_figures->setObjectName(QStringLiteral("driftFiguresLabel"));
    m_figures->setWordWrap(true);
    m_figures->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_figures);

    connect(m_show, &QPushButton::clicked, this, &CalibrationDriftPanel::showDrift);
    connect(m_serial->lineEdit(), &QLineEdit::returnPressed, this, &CalibrationDriftPanel::showDrift);
    connect(m_channel, &QSpinBox::valueChanged, this, [this] {
        if (!m_serial->currentText().trimmed().isEmpty()) {
            showDrift();
        }
    });
    reloadSerials();
    if (!m_serial->currentText().isEmpty()) {
        showDrift();
    }
}

void CalibrationDriftPanel::setDevice(const QString& serial, int channels)
{
    if (m_serial->findText(serial) < 0) {
        m_serial->addItem(serial);
    }
    m_serial->setCurrentText(serial);
    m_channel->setMaximum(std::max(1, std::min(channels, 8)));
    showDrift();
}

void CalibrationDriftPanel::reloadSerials()
{
    technician::addDeviceSerials(m_serial, m_presenter.records());
}

void CalibrationDriftPanel::showDrift()
{
    if (!m_presenter.show(m_serial->currentText(), m_channel->value())) {
        m_error->setText(m_presenter.error());
        m_error->show();
        return;
    }
    m_error->hide();
    m_chart->setReport(*m_presenter.report());
    m_figures->setText(presenters::CalibrationDriftPresenter::figuresText(*m_presenter.report()));
}

} // namespace galvani::ui
