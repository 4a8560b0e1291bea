// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/session/PlanView.h"

#include "ui/session/SessionFormat.h"
#include "ui/session/SessionIcons.h"

#include <QCheckBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace galvani::ui::session {

namespace {

QString escaped(const QString& text)
{
    return text.toHtmlEscaped();
}

QString planHtml(const app::SessionPlan& p)
{
    QString html;
    html += QStringLiteral("<p><b>%1</b> — %2<br>Duration: <b>%3 min</b> of stimulation</p>")
                .arg(escaped(p.presetName), escaped(p.programSummary))
                .arg(QString::number(static_cast<double>(p.durationS) / 60.0, 'g', 3));
    html += QStringLiteral("<p>Stimulator: %1 (%2, firmware %3), %4<br>Screening valid until %5</p>")
                .arg(escaped(p.deviceId), escaped(p.deviceModel), escaped(p.firmware),
                    p.measuresDeliveredCurrent ? QStringLiteral("measures delivered current")
                                               : QStringLiteral("shows commanded current only (does not measure)"),
                    QDateTime::fromMSecsSinceEpoch(p.screeningValidUntilUtcMs).toString(QStringLiteral("yyyy-MM-dd")));
    html += QStringLiteral(
        "<table cellspacing='0' cellpadding='4' border='1' style='border-collapse: collapse;'>"
        "<tr><th align='left'>Channel</th><th align='left'>Site</th><th align='right'>Target</th>"
        "<th align='right'>Cap</th><th align='right'>Pads</th><th align='left'>Calibration</th></tr>");
    for (const app::ChannelPlan& c : p.channels) {
        html += QStringLiteral(
            "<tr><td><b>%1</b></td><td>%2</td><td align='right'><b>%3</b></td><td align='right'>%4</td>"
            "<td align='right'>%5 cm²</td><td>%6</td></tr>")
                    .arg(c.channel)
                    .arg(escaped(siteText(c.siteId)), milliamps(c.targetUa), milliamps(c.amplitudeMaxUa),
                        QString::number(c.padAreaCm2, 'f', 1), escaped(c.calibrationNote));
    }
    html += QStringLiteral("</table>");
    return html;
}

} // namespace

PlanView::PlanView(QWidget* parent) : QGroupBox(QStringLiteral("Plan"), parent)
{
    setObjectName(QStringLiteral("planView"));
    auto* layout = new QVBoxLayout(this);
    m_body = new QLabel(this);
    m_body->setObjectName(QStringLiteral("planBody"));
    m_body->setWordWrap(true);
    m_body->setTextFormat(Qt::RichText);
    m_body->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_body->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(m_body);

    auto* noticesRow = new QHBoxLayout();
    m_noticeIcon = new QLabel(this);
    m_noticeIcon->setPixmap(statusPixmap(StatusIcon::Warning, 24));
    m_noticeIcon->setAlignment(Qt::AlignTop);
    m_noticesTitle = new QLabel(QStringLiteral("<b>Read before starting:</b>"), this);
    noticesRow->addWidget(m_noticeIcon);
    noticesRow->addWidget(m_noticesTitle, 1);
    layout->addLayout(noticesRow);
    m_notices = new QLabel(this);
    m_notices->setObjectName(QStringLiteral("planNotices"));
    m_notices->setWordWrap(true);
    m_notices->setTextFormat(Qt::RichText);
    m_notices->setStyleSheet(QStringLiteral("background: #fff8e1; border: 1px solid #ffb000; padding: 6px;"));
    layout->addWidget(m_notices);
    m_read = new QCheckBox(QStringLiteral("I have &read the notices"), this);
    m_read->setObjectName(QStringLiteral("noticesRead"));
    m_read->setToolTip(QStringLiteral("Required before starting when the plan has notices (Alt+R)"));
    layout->addWidget(m_read);
    layout->addStretch(1);

    auto* buttons = new QHBoxLayout();
    m_start = new QPushButton(QStringLiteral("&Start stimulation"), this);
    m_start->setObjectName(QStringLiteral("startButton"));
    m_start->setToolTip(
        QStringLiteral("Record the session and start output; every channel ramps up from zero (Alt+S)"));
    m_start->setMinimumHeight(44);
    m_start->setFont(scaledFont(font(), 1.3, true));
    m_cancel = new QPushButton(QStringLiteral("&Cancel plan"), this);
    m_cancel->setObjectName(QStringLiteral("cancelPlanButton"));
    m_cancel->setToolTip(QStringLiteral("Drop this plan and change the setup (Alt+C); nothing has been recorded"));
    buttons->addWidget(m_cancel);
    buttons->addStretch(1);
    buttons->addWidget(m_start);
    layout->addLayout(buttons);

    connect(m_read, &QCheckBox::toggled, this, &PlanView::updateStart);
    connect(m_start, &QPushButton::clicked, this, &PlanView::startRequested);
    connect(m_cancel, &QPushButton::clicked, this, &PlanView::cancelRequested);
    clear(QStringLiteral("Prepare the session to see the plan here."));
}

void PlanView::showPlan(const app::SessionPlan& plan)
{
    m_hasPlan = true;
    m_body->setText(planHtml(plan));
    const bool notices = !plan.notices.isEmpty();
    QString list;
    for (const QString& n : plan.notices) {
        list += QStringLiteral("<li>%1</li>").arg(escaped(n));
    }
    m_notices->setText(QStringLiteral("<ul style='margin-left: -20px;'>%1</ul>").arg(list));
    m_noticesTitle->setVisible(notices);
    m_hasNotices = notices;
    m_noticeIcon->setVisible(notices);
    m_notices->setVisible(notices);
    m_read->setVisible(notices);
    m_read->setChecked(false);
    updateStart();
}

void PlanView::clear(const QString& placeholder)
{
    m_hasPlan = false;
    m_body->setText(escaped(placeholder));
    m_notices->clear();
    m_noticesTitle->hide();
    m_hasNotices = false;
    m_noticeIcon->hide();
    m_notices->hide();
    m_read->hide();
    m_read->setChecked(false);
    updateStart();
}

void PlanView::setStartAllowed(bool allowed)
{
    m_startAllowed = allowed;
    updateStart();
}

void PlanView::setCancelAllowed(bool allowed)
{
    m_cancel->setEnabled(allowed);
}

void PlanView::updateStart()
{
    const bool confirmed = !m_hasNotices || m_read->isChecked();
    m_start->setEnabled(m_hasPlan && m_startAllowed && confirmed);
    m_start->setToolTip(m_start->isEnabled() || !m_hasPlan || confirmed
            ? QStringLiteral("Record the session and start output; every channel ramps up from zero (Alt+S)")
            : QStringLiteral("Tick \"I have read the notices\" first"));
}

} // namespace galvani::ui::session
