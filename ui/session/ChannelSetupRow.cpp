// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/session/ChannelSetupRow.h"

#include "ui/session/SessionFormat.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>

#include <algorithm>

namespace galvani::ui::session {

namespace {

// A modest first target; the therapist types the planned one and adjusts it while the session runs.
constexpr double kDefaultMilliamps = 1.0;

} // namespace

ChannelSetupRow::ChannelSetupRow(
    int channel, const QString& siteId, const QString& placementText, QGridLayout* grid, int row, QWidget* parent)
    : m_channel(channel), m_siteId(siteId)
{
    m_enable = new QCheckBox(QStringLiteral("Channel &%1").arg(channel), parent);
    m_enable->setObjectName(QStringLiteral("channelEnable%1").arg(channel));
    m_enable->setToolTip(QStringLiteral("Use channel %1 in this session (Alt+%1)").arg(channel));
    m_site = new QLabel(QStringLiteral("%1\n%2").arg(siteText(siteId), placementText), parent);
    m_site->setObjectName(QStringLiteral("channelSite%1").arg(channel));
    m_target = new QDoubleSpinBox(parent);
    m_target->setObjectName(QStringLiteral("channelTarget%1").arg(channel));
    m_target->setDecimals(1);
    m_target->setSingleStep(0.1);
    m_target->setSuffix(QStringLiteral(" mA"));
    m_target->setValue(kDefaultMilliamps);
    m_target->setAccelerated(true);
    m_target->setKeyboardTracking(true);
    m_target->setMinimumWidth(110);
    m_target->setAccessibleName(QStringLiteral("Channel %1 target amplitude").arg(channel));
    m_range = new QLabel(parent);
    m_range->setObjectName(QStringLiteral("channelRange%1").arg(channel));
    m_problem = new QLabel(parent);
    m_problem->setObjectName(QStringLiteral("channelProblem%1").arg(channel));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #8e0000; font-weight: bold;"));
    m_problem->hide();
    grid->addWidget(m_enable, row, 0);
    grid->addWidget(m_site, row, 1);
    grid->addWidget(m_target, row, 2);
    grid->addWidget(m_range, row, 3);
    grid->addWidget(m_problem, row + 1, 1, 1, 3);
    setLimits(100, 100'000);
    connect(m_enable, &QCheckBox::toggled, this, [this] {
        updateEnabled();
        Q_EMIT changed();
    });
    connect(m_target, &QDoubleSpinBox::valueChanged, this, &ChannelSetupRow::changed);
    updateEnabled();
}

ChannelSetupRow::~ChannelSetupRow()
{
    // The widgets belong to the page's grid; a row removed while the page lives takes its widgets with it.
    delete m_enable;
    delete m_site;
    delete m_target;
    delete m_range;
    delete m_problem;
}

bool ChannelSetupRow::isChecked() const
{
    return m_enable->isChecked() && m_unavailable.isEmpty();
}

void ChannelSetupRow::setChecked(bool on)
{
    m_enable->setChecked(on);
}

qint64 ChannelSetupRow::targetUa() const
{
    return microampsFromMilliamps(m_target->value());
}

void ChannelSetupRow::setTargetUa(qint64 ua)
{
    m_target->setValue(static_cast<double>(ua) / 1000.0);
}

void ChannelSetupRow::setLimits(qint64 stepUa, qint64 maxUa)
{
    const double stepMa = static_cast<double>(std::max<qint64>(stepUa, 100)) / 1000.0;
    const double maxMa = std::max(static_cast<double>(maxUa) / 1000.0, stepMa);
    m_target->setSingleStep(stepMa);
    m_target->setRange(stepMa, maxMa);
    const QString range = QStringLiteral("%1–%2 mA in %3 mA steps")
                              .arg(milliampsNumber(microampsFromMilliamps(stepMa)), milliampsNumber(maxUa),
                                  milliampsNumber(microampsFromMilliamps(stepMa)));
    m_range->setText(QStringLiteral("allowed ") + range);
    m_target->setToolTip(QStringLiteral("Target amplitude of channel %1: %2. The plan shows the channel's cap after "
                                        "the safety checks.")
                             .arg(m_channel)
                             .arg(range));
}

void ChannelSetupRow::setEditable(bool editable)
{
    m_editable = editable;
    updateEnabled();
}

void ChannelSetupRow::setUnavailable(const QString& why)
{
    m_unavailable = why;
    m_enable->setToolTip(
        why.isEmpty() ? QStringLiteral("Use channel %1 in this session (Alt+%1)").arg(m_channel) : why);
    if (!why.isEmpty()) {
        m_range->setText(why);
    }
    updateEnabled();
}

void ChannelSetupRow::setProblem(const QString& message)
{
    m_problem->setText(message.isEmpty() ? QString() : QStringLiteral("⚠ %1").arg(message));
    m_problem->setVisible(!message.isEmpty());
}

QWidget* ChannelSetupRow::firstFocus() const
{
    return m_enable;
}

QWidget* ChannelSetupRow::lastFocus() const
{
    return m_target;
}

void ChannelSetupRow::updateEnabled()
{
    m_enable->setEnabled(m_editable && m_unavailable.isEmpty());
    m_target->setEnabled(m_editable && m_unavailable.isEmpty() && m_enable->isChecked());
}

} // namespace galvani::ui::session
