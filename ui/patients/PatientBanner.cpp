// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/patients/PatientBanner.h"

#include "ui/patients/PatientText.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace galvani::ui {

PatientBanner::PatientBanner(QWidget* parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("patientBanner"));
    setFrameShape(QFrame::StyledPanel);
    setStyleSheet(QStringLiteral("QFrame#patientBanner { background: #eef3f8; border: 1px solid #9db3c8; "
                                 "border-radius: 4px; }"));
    auto* grid = new QGridLayout(this);
    grid->setColumnStretch(1, 1);
    m_name = new QLabel(this);
    m_name->setObjectName(QStringLiteral("bannerName"));
    m_name->setStyleSheet(QStringLiteral("font-size: 18pt; font-weight: 700;"));
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_birth = new QLabel(this);
    m_birth->setObjectName(QStringLiteral("bannerBirthDate"));
    m_birth->setStyleSheet(QStringLiteral("font-size: 13pt;"));
    m_mrn = new QLabel(this);
    m_mrn->setObjectName(QStringLiteral("bannerMrn"));
    m_mrn->setStyleSheet(QStringLiteral("font-size: 13pt; font-weight: 600;"));
    m_mrn->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_readiness = new QLabel(this);
    m_readiness->setObjectName(QStringLiteral("bannerReadiness"));
    m_readiness->setWordWrap(true);
    m_treat = new QPushButton(QStringLiteral("&Treat…"), this);
    m_treat->setObjectName(QStringLiteral("treatPatient"));
    m_treat->setMinimumHeight(44);
    m_treat->setMinimumWidth(120);
    m_treat->setStyleSheet(QStringLiteral("font-size: 13pt; font-weight: 700;"));
    grid->addWidget(m_name, 0, 0, 1, 2);
    grid->addWidget(m_treat, 0, 2, 2, 1, Qt::AlignRight | Qt::AlignVCenter);
    auto* ids = new QWidget(this);
    auto* idsLayout = new QHBoxLayout(ids);
    idsLayout->setContentsMargins(0, 0, 0, 0);
    idsLayout->setSpacing(24);
    idsLayout->addWidget(m_birth);
    idsLayout->addWidget(m_mrn);
    idsLayout->addStretch(1);
    grid->addWidget(ids, 1, 0, 1, 2);
    grid->addWidget(m_readiness, 2, 0, 1, 3);
    setAccessibleName(QStringLiteral("Selected patient"));
}

void PatientBanner::setPatient(const app::PatientSummary& patient)
{
    m_name->setText(patienttext::name(patient));
    m_birth->setText(patienttext::birth(patient.birthDate));
    m_mrn->setText(QStringLiteral("MRN ") + patient.mrn);
    setAccessibleDescription(QStringLiteral("%1, %2, MRN %3")
                                 .arg(patienttext::name(patient), patienttext::birth(patient.birthDate), patient.mrn));
}

void PatientBanner::setReadiness(const QStringList& lines, Readiness readiness)
{
    m_readiness->setText(lines.join(QLatin1Char('\n')));
    m_readiness->setVisible(!lines.isEmpty());
    const QString colour = readiness == Readiness::Blocked ? QStringLiteral("#8a0010")
        : readiness == Readiness::Warning                  ? QStringLiteral("#6b4000")
                                                           : QStringLiteral("#0b5d1e");
    m_readiness->setStyleSheet(QStringLiteral("font-size: 11pt; font-weight: 600; color: %1;").arg(colour));
}

} // namespace galvani::ui
