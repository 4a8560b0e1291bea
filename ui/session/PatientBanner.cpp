// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/session/PatientBanner.h"

#include "ui/session/SessionFormat.h"

#include <QGridLayout>
#include <QLabel>

namespace galvani::ui::session {

PatientBanner::PatientBanner(QWidget* parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("patientBanner"));
    setFrameShape(QFrame::StyledPanel);
    setStyleSheet(
        QStringLiteral("#patientBanner { background: #eef3f8; border: 1px solid #9fb3c8; border-radius: 4px; }"));
    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setHorizontalSpacing(24);
    m_name = new QLabel(this);
    m_name->setObjectName(QStringLiteral("patientName"));
    m_name->setFont(scaledFont(font(), 1.6, true));
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_birth = new QLabel(this);
    m_birth->setObjectName(QStringLiteral("patientBirthDate"));
    m_birth->setFont(scaledFont(font(), 1.3));
    m_mrn = new QLabel(this);
    m_mrn->setObjectName(QStringLiteral("patientMrn"));
    m_mrn->setFont(scaledFont(font(), 1.3, true));
    m_mrn->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("patientNote"));
    m_note->setWordWrap(true);
    layout->addWidget(m_name, 0, 0);
    layout->addWidget(m_birth, 0, 1);
    layout->addWidget(m_mrn, 0, 2);
    layout->addWidget(m_note, 1, 0, 1, 4);
    layout->setColumnStretch(3, 1);
    m_note->hide();
}

void PatientBanner::showPatient(const QString& name, const QString& birthDate, const QString& mrn)
{
    m_name->setText(name);
    m_birth->setText(QStringLiteral("born %1").arg(birthDate));
    m_mrn->setText(QStringLiteral("MRN %1").arg(mrn));
    m_birth->show();
    m_mrn->show();
}

void PatientBanner::showNone(const QString& message)
{
    m_name->setText(message);
    m_birth->clear();
    m_mrn->clear();
    m_birth->hide();
    m_mrn->hide();
}

void PatientBanner::setNote(const QString& note)
{
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
}

} // namespace galvani::ui::session
