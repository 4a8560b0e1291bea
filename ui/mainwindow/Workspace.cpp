// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mainwindow/Workspace.h"

#include "app/AppContext.h"
#include "ui/admin/AuditPanel.h"
#include "ui/admin/ExportPanel.h"
#include "ui/admin/HistoryPanel.h"
#include "ui/admin/PolicyPanel.h"
#include "ui/admin/UsersPanel.h"
#include "ui/patients/PatientWorkspace.h"
#include "ui/session/TreatmentPanel.h"
#include "ui/technician/TechnicianWorkspace.h"

namespace galvani::ui {

Workspace::Workspace(app::AppContext& context, const app::SignedInUser& user, QWidget* parent)
    : QTabWidget(parent), m_context(context), m_user(user)
{
    setObjectName(QStringLiteral("workspaceTabs"));
    setDocumentMode(true);
    const auto allowed = [&](app::Action action) { return app::isAllowed(user.role, action); };

    if (allowed(app::Action::ViewPatients)) {
        m_patients = new PatientWorkspace(context, user, this);
        addTab(m_patients, QStringLiteral("&Patients"));
    }
    if (allowed(app::Action::RunSession)) {
        m_treatment = new TreatmentPanel(context, user, this);
        addTab(m_treatment, QStringLiteral("&Treatment"));
    }
    if (allowed(app::Action::ViewSessionHistory)) {
        m_history = new HistoryPanel(context, user, this);
        addTab(m_history, QStringLiteral("&History"));
    }
    if (allowed(app::Action::ViewUsers)) {
        addTab(new UsersPanel(context, user, this), QStringLiteral("&Users"));
    }
    if (allowed(app::Action::ExportRecords) || allowed(app::Action::ExportOwnRecords)) {
        addTab(new ExportPanel(context, user, this), QStringLiteral("&Export"));
    }
    if (allowed(app::Action::VerifyAudit) || allowed(app::Action::BackupStore)) {
        addTab(new AuditPanel(context, user, this), QStringLiteral("&Audit && backup"));
    }
    if (allowed(app::Action::SetClinicPolicy)) {
        addTab(new PolicyPanel(context, user, this), QStringLiteral("Clinic p&olicy"));
    }
    if (allowed(app::Action::Calibrate)) {
        m_technician = new TechnicianWorkspace(context, user, this);
        addTab(m_technician, QStringLiteral("&Device && calibration"));
        connect(this, &Workspace::stopRequested, m_technician, &TechnicianWorkspace::stopOutput);
    }

    if (m_patients != nullptr) {
        connect(m_patients, &PatientWorkspace::patientSelected, this, [this](const QString& mrn) {
            if (m_treatment != nullptr && !m_treatment->sessionActive()) {
                m_treatment->setPatient(mrn);
            }
            if (m_history != nullptr) {
                m_history->setPatientFilter(mrn);
            }
        });
        connect(m_patients, &PatientWorkspace::treatRequested, this, [this](const QString& mrn) {
            if (m_treatment == nullptr) {
                return;
            }
            if (!m_treatment->sessionActive()) {
                m_treatment->setPatient(mrn);
            }
            setCurrentWidget(m_treatment);
        });
    }
    if (m_treatment != nullptr) {
        connect(m_treatment, &TreatmentPanel::sessionActiveChanged, this, [this](bool active) {
            // One patient per session: the patient list stays readable but cannot hand over another patient.
            if (m_patients != nullptr) {
                m_patients->setEnabled(!active);
            }
            if (active) {
                setCurrentWidget(m_treatment);
            }
        });
        connect(m_treatment, &TreatmentPanel::sessionFinished, this, [this](qint64) {
            if (m_patients != nullptr) {
                m_patients->refresh();
            }
            if (m_history != nullptr && m_patients != nullptr) {
                m_history->setPatientFilter(m_patients->currentMrn());
            }
        });
    }
}

bool Workspace::busy() const
{
    return (m_treatment != nullptr && m_treatment->sessionActive())
        || (m_technician != nullptr && m_technician->deviceBusy());
}

} // namespace galvani::ui
