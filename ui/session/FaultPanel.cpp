// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/session/FaultPanel.h"

#include "ui/session/SessionFormat.h"
#include "ui/session/SessionIcons.h"

#include <QGridLayout>
#include <QLabel>
#include <QPushButton>

namespace galvani::ui::session {

FaultPanel::FaultPanel(QWidget* parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("faultPanel"));
    setFrameShape(QFrame::StyledPanel);
    setStyleSheet(QStringLiteral("#faultPanel { background: #fdecea; border: 3px solid #c62828; border-radius: 4px; }"
                                 "#faultPanel QLabel { color: #3b0a0a; }"));
    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(14, 10, 14, 10);
    m_icon = new QLabel(this);
    m_icon->setPixmap(statusPixmap(StatusIcon::Fault, 48));
    m_icon->setAlignment(Qt::AlignTop);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("faultTitle"));
    m_title->setFont(scaledFont(font(), 1.6, true));
    m_title->setWordWrap(true);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("faultMessage"));
    m_message->setFont(scaledFont(font(), 1.2));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_check = new QLabel(this);
    m_check->setObjectName(QStringLiteral("faultWhatToCheck"));
    m_check->setFont(scaledFont(font(), 1.2));
    m_check->setWordWrap(true);
    m_check->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_recording = new QLabel(this);
    m_recording->setObjectName(QStringLiteral("recordingFailure"));
    m_recording->setWordWrap(true);
    m_recording->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_footer = new QLabel(
        QStringLiteral("Output was switched off. Nothing restarts by itself: check the above, then prepare the "
                       "session again."),
        this);
    m_footer->setWordWrap(true);
    m_footer->setFont(scaledFont(font(), 1.0, true));
    m_dismiss = new QPushButton(QStringLiteral("Dis&miss"), this);
    m_dismiss->setObjectName(QStringLiteral("faultDismiss"));
    m_dismiss->setToolTip(QStringLiteral("Hide this notice (Alt+M). It is on record with the session."));
    layout->addWidget(m_icon, 0, 0, 5, 1);
    layout->addWidget(m_title, 0, 1);
    layout->addWidget(m_message, 1, 1);
    layout->addWidget(m_check, 2, 1);
    layout->addWidget(m_recording, 3, 1);
    layout->addWidget(m_footer, 4, 1);
    layout->addWidget(m_dismiss, 0, 2, Qt::AlignTop);
    layout->setColumnStretch(1, 1);
    connect(m_dismiss, &QPushButton::clicked, this, [this] {
        dismiss();
        Q_EMIT dismissed();
    });
    m_title->clear();
    m_message->hide();
    m_check->hide();
    m_recording->hide();
    hide();
}

void FaultPanel::showFault(const app::SessionFault& fault, const QString& site)
{
    QString where = QStringLiteral("the whole stimulator");
    if (fault.channel > 0) {
        where = site.isEmpty() ? QStringLiteral("channel %1").arg(fault.channel)
                               : QStringLiteral("channel %1 (%2)").arg(fault.channel).arg(site);
    }
    m_title->setText(QStringLiteral("%1 — %2").arg(faultKindText(fault.kind), where));
    m_message->setText(QStringLiteral("What happened: %1").arg(fault.message));
    m_message->show();
    m_check->setText(
        fault.whatToCheck.isEmpty() ? QString() : QStringLiteral("What to check: %1").arg(fault.whatToCheck));
    m_check->setVisible(!fault.whatToCheck.isEmpty());
    m_footer->show();
    show();
}

void FaultPanel::showRecordingFailure(const QString& message)
{
    if (m_title->text().isEmpty() || !m_message->isVisible()) {
        m_title->setText(QStringLiteral("The session record could not be written"));
    }
    m_recording->setText(QStringLiteral("Record: %1. Output is switched off when a running session cannot be "
                                        "recorded; tell the clinic's administrator.")
                             .arg(message));
    m_recording->show();
    show();
}

void FaultPanel::dismiss()
{
    hide();
    m_title->clear();
    m_message->clear();
    m_message->hide();
    m_check->clear();
    m_check->hide();
    m_recording->clear();
    m_recording->hide();
}

} // namespace galvani::ui::session
