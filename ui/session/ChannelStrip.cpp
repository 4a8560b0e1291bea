// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/session/ChannelStrip.h"

#include "ui/session/IconLabel.h"
#include "ui/session/SessionFormat.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPushButton>
#include <QVBoxLayout>

namespace galvani::ui {

using namespace galvani::ui::session;

namespace {

constexpr double kSetpointPointSize = 36.0; // well above the 28 pt floor for reading at arm's length

QPushButton* stepButton(const QString& text, const QString& name, const QString& tip, QWidget* parent)
{
    auto* b = new QPushButton(text, parent);
    b->setObjectName(name);
    b->setToolTip(tip);
    b->setMinimumSize(52, 40);
    b->setFont(scaledFont(b->font(), 1.2, true));
    b->setFocusPolicy(Qt::TabFocus);
    return b;
}

} // namespace

ChannelStrip::ChannelStrip(
    int channel, const QString& siteId, bool deviceMeasures, qint64 fineUa, qint64 coarseUa, QWidget* parent)
    : QFrame(parent), m_channel(channel), m_measures(deviceMeasures), m_fineUa(fineUa), m_coarseUa(coarseUa)
{
    setObjectName(QStringLiteral("channelStrip%1").arg(channel));
    setFrameShape(QFrame::StyledPanel);
    setMinimumWidth(230);
    m_status.channel = channel;
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->setSpacing(4);

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("stripTitle"));
    m_title->setFont(scaledFont(font(), 1.4, true));
    m_site = new QLabel(siteText(siteId), this);
    m_site->setObjectName(QStringLiteral("stripSite"));
    m_site->setWordWrap(true);
    m_site->setFont(scaledFont(font(), 1.1));
    layout->addWidget(m_title);
    layout->addWidget(m_site);

    auto* digits = new QHBoxLayout();
    m_setpoint = new QLabel(this);
    m_setpoint->setObjectName(QStringLiteral("stripSetpoint"));
    QFont big = font();
    big.setPointSizeF(kSetpointPointSize);
    big.setBold(true);
    m_setpoint->setFont(big);
    m_setpoint->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    auto* unit = new QLabel(QStringLiteral("mA"), this);
    unit->setFont(scaledFont(font(), 1.5, true));
    unit->setAlignment(Qt::AlignLeft | Qt::AlignBottom);
    digits->addStretch(1);
    digits->addWidget(m_setpoint);
    digits->addWidget(unit);
    digits->addStretch(1);
    layout->addLayout(digits);
    auto* setpointCaption = new QLabel(QStringLiteral("setpoint"), this);
    setpointCaption->setAlignment(Qt::AlignHCenter);
    layout->addWidget(setpointCaption);

    m_current = new QLabel(this);
    m_current->setObjectName(QStringLiteral("stripCurrent"));
    m_current->setFont(scaledFont(font(), 1.25, true));
    m_current->setAlignment(Qt::AlignHCenter);
    m_ramp = new QLabel(this);
    m_ramp->setObjectName(QStringLiteral("stripRamp"));
    m_ramp->setFont(scaledFont(font(), 1.1));
    m_ramp->setAlignment(Qt::AlignHCenter);
    m_phase = new QLabel(this);
    m_phase->setObjectName(QStringLiteral("stripPhase"));
    m_phase->setFont(scaledFont(font(), 1.1, true));
    m_phase->setAlignment(Qt::AlignHCenter);
    m_phase->hide();
    layout->addWidget(m_current);
    layout->addWidget(m_ramp);
    layout->addWidget(m_phase);

    m_electrode = new IconLabel(22, this);
    m_electrode->setObjectName(QStringLiteral("stripElectrode"));
    m_electrode->setFont(scaledFont(font(), 1.1));
    m_electrode->setWordWrap(true);
    layout->addWidget(m_electrode);

    auto* buttons = new QHBoxLayout();
    const QString fine = milliampsNumber(m_fineUa);
    const QString coarse = milliampsNumber(m_coarseUa);
    const QString fineKey = QStringLiteral("select with %1, then Up/Down").arg(channel);
    const QString coarseKey
        = m_fineUa == m_coarseUa ? fineKey : QStringLiteral("select with %1, then Shift+Up/Down").arg(channel);
    m_down05 = stepButton(QStringLiteral("−%1").arg(coarse), QStringLiteral("down05"),
        QStringLiteral("Channel %1: %2 mA down (%3)").arg(channel).arg(coarse, coarseKey), this);
    m_down01 = stepButton(QStringLiteral("−%1").arg(fine), QStringLiteral("down01"),
        QStringLiteral("Channel %1: %2 mA down (%3)").arg(channel).arg(fine, fineKey), this);
    m_up01 = stepButton(QStringLiteral("+%1").arg(fine), QStringLiteral("up01"),
        QStringLiteral("Channel %1: %2 mA up (%3)").arg(channel).arg(fine, fineKey), this);
    m_up05 = stepButton(QStringLiteral("+%1").arg(coarse), QStringLiteral("up05"),
        QStringLiteral("Channel %1: %2 mA up (%3)").arg(channel).arg(coarse, coarseKey), this);
    buttons->addWidget(m_down05);
    buttons->addWidget(m_down01);
    buttons->addWidget(m_up01);
    buttons->addWidget(m_up05);
    layout->addLayout(buttons);
    layout->addStretch(1);

    connect(m_down05, &QPushButton::clicked, this, [this] { Q_EMIT amplitudeStepRequested(m_channel, -m_coarseUa); });
    connect(m_down01, &QPushButton::clicked, this, [this] { Q_EMIT amplitudeStepRequested(m_channel, -m_fineUa); });
    connect(m_up01, &QPushButton::clicked, this, [this] { Q_EMIT amplitudeStepRequested(m_channel, m_fineUa); });
    connect(m_up05, &QPushButton::clicked, this, [this] { Q_EMIT amplitudeStepRequested(m_channel, m_coarseUa); });
    // One pair of buttons when the device's step makes both the same.
    m_down01->setVisible(m_fineUa != m_coarseUa);
    m_up01->setVisible(m_fineUa != m_coarseUa);
    setAdjustable(false);
    updateFrame();
    refresh();
}

void ChannelStrip::setStatus(const app::ChannelStatus& status)
{
    m_status = status;
    refresh();
}

void ChannelStrip::setSetpoint(qint64 setpointUa)
{
    m_status.setpointUa = setpointUa;
    refresh();
}

void ChannelStrip::setSelected(bool selected)
{
    m_selected = selected;
    updateFrame();
}

void ChannelStrip::setAdjustable(bool adjustable)
{
    for (QPushButton* b : {m_down05, m_down01, m_up01, m_up05}) {
        b->setEnabled(adjustable);
    }
}

void ChannelStrip::setPhase(const QString& phase)
{
    m_phase->setText(phase);
    m_phase->setVisible(!phase.isEmpty());
}

void ChannelStrip::setOverride(const QString& text)
{
    m_override = text;
    refresh();
}

void ChannelStrip::mousePressEvent(QMouseEvent* event)
{
    Q_EMIT selectRequested(m_channel);
    QFrame::mousePressEvent(event);
}

void ChannelStrip::refresh()
{
    const app::ChannelStatus& s = m_status;
    m_setpoint->setText(milliampsNumber(s.setpointUa));
    if (m_measures) {
        m_current->setText(s.measuredUa ? QStringLiteral("delivered %1").arg(milliamps(*s.measuredUa))
                                        : QStringLiteral("delivered —"));
        m_current->setToolTip(
            QStringLiteral("Measured by the stimulator; commanded now %1").arg(milliamps(s.commandedUa)));
    } else {
        m_current->setText(QStringLiteral("commanded %1").arg(milliamps(s.commandedUa)));
        m_current->setToolTip(QStringLiteral("This stimulator does not measure delivered current: the value is what it "
                                             "was told to deliver"));
    }
    if (!m_override.isEmpty()) {
        m_ramp->setText(m_override);
    } else if (s.ramping) {
        m_ramp->setText(s.commandedUa < s.setpointUa
                ? QStringLiteral("↗ ramping up to %1").arg(milliamps(s.setpointUa))
                : QStringLiteral("↘ ramping down to %1").arg(milliamps(s.setpointUa)));
    } else if (s.outputPresent) {
        m_ramp->setText(QStringLiteral("at setpoint"));
    } else {
        m_ramp->setText(QStringLiteral("no output"));
    }
    if (s.electrodeError) {
        m_electrode->setIcon(StatusIcon::Warning);
        m_electrode->setText(QStringLiteral("Electrode problem: check pads and lead"));
    } else if (s.deviating) {
        m_electrode->setIcon(StatusIcon::Warning);
        m_electrode->setText(QStringLiteral("Delivered differs from commanded"));
    } else if (s.outputPresent) {
        m_electrode->setIcon(StatusIcon::Ok);
        m_electrode->setText(
            m_measures ? QStringLiteral("Electrodes: contact OK") : QStringLiteral("Electrodes: no fault reported"));
    } else {
        m_electrode->setIcon(StatusIcon::NoOutput);
        m_electrode->setText(QStringLiteral("Electrodes: no output to check"));
    }
    updateFrame();
}

void ChannelStrip::updateFrame()
{
    const bool alarm = m_status.electrodeError || m_status.deviating;
    // The same width in every state, so that selecting a strip never moves the others.
    QString border = m_selected ? QStringLiteral("3px solid #1565c0") : QStringLiteral("3px solid #d0d0d0");
    if (alarm) {
        border = QStringLiteral("3px dashed #c62828");
    }
    const QString background = m_status.outputPresent ? QStringLiteral("#fff8e1") : QStringLiteral("#fafafa");
    const QString style = QStringLiteral("#%1 { border: %2; border-radius: 6px; background: %3; }")
                              .arg(objectName(), border, background);
    if (style != m_style) { // restyling re-polishes every child: only when something changed
        m_style = style;
        setStyleSheet(style);
    }
    m_title->setText(m_selected ? QStringLiteral("▶ Channel %1 · selected").arg(m_channel)
                                : QStringLiteral("Channel %1").arg(m_channel));
}

} // namespace galvani::ui
