// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"

#include <QTabWidget>

namespace galvani::app {
class AppContext;
}

namespace galvani::ui {

class PatientWorkspace;
class TreatmentPanel;
class HistoryPanel;
class TechnicianWorkspace;

// The tabs of one signed-in user, chosen by role (CLINICAL.md §7; the services refuse anything else anyway):
// therapist — Patients, Treatment, History; admin — Patients (demographics), Users, History, Export, Audit &
// backup, Clinic policy; technician — Device & calibration. Picking a patient (or "Treat…") hands the patient to
// the treatment tab and filters the history; while a session is active the patient cannot be changed. STOP from
// the main window reaches the technician's device run (stopRequested()).
// Thread affinity: GUI thread. Ownership: owns its panels; borrows the AppContext.
class Workspace : public QTabWidget {
    Q_OBJECT
public:
    Workspace(app::AppContext& context, const app::SignedInUser& user, QWidget* parent = nullptr);

    [[nodiscard]] const app::SignedInUser& user() const { return m_user; }
    // A session or a technician's device run is under way: signing out must wait for it (locking may not).
    [[nodiscard]] bool busy() const;

Q_SIGNALS:
    // Forwarded from the main window's STOP to panels that drive a device of their own.
    void stopRequested();

private:
    app::AppContext& m_context;
    app::SignedInUser m_user;
    PatientWorkspace* m_patients = nullptr;
    TreatmentPanel* m_treatment = nullptr;
    HistoryPanel* m_history = nullptr;
    TechnicianWorkspace* m_technician = nullptr;
};

} // namespace galvani::ui
