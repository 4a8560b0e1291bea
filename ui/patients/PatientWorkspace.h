// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"

#include <QString>
#include <QWidget>

#include <memory>

namespace galvani::app {
class AppContext;
}

namespace galvani::ui {

class BodyMapWidget;
class NewPatientDialog;
class ScreeningPanel;

// The patient workspace of the main window: find or add a patient (left), and for the selected one a banner that
// always shows both identifiers and the readiness for treatment, with "Treat…", above tabs for the
// contraindication screening, the electrode placements on the body map, the motor points and the demographics
// with clinical notes. What a role may not see is not shown (an admin sees demographics only; a technician no
// patient at all); refusals the services still return are shown in words where the data would be.
// Keyboard: Ctrl+F search, Ctrl+N new patient, Ctrl+1…4 the tabs, Alt+T treat.
// Thread affinity: GUI thread. Ownership: borrows the AppContext, which must outlive it; builds the services the
// context does not hold (motor points, notes) on context.store().
class PatientWorkspace : public QWidget {
    Q_OBJECT
public:
    PatientWorkspace(app::AppContext& context, const app::SignedInUser& user, QWidget* parent = nullptr);
    ~PatientWorkspace() override;
    PatientWorkspace(const PatientWorkspace&) = delete;
    PatientWorkspace& operator=(const PatientWorkspace&) = delete;

    // MRN of the selected patient, "" when none.
    [[nodiscard]] QString currentMrn() const;
    // Selects the patient with this MRN ("" clears the selection) and emits patientSelected().
    void selectPatient(const QString& mrn);
    // Reloads the selected patient's records (after a session, or a change made elsewhere).
    void refresh();
    // Opens the "New patient" form (window-modal, does not wait); returns it.
    NewPatientDialog* openNewPatient();
    // The parts tests and the main window may want to reach.
    [[nodiscard]] ScreeningPanel* screeningPanel() const;
    [[nodiscard]] BodyMapWidget* bodyMap() const;

Q_SIGNALS:
    void patientSelected(const QString& mrn); // "" when none
    void treatRequested(const QString& mrn); // the therapist pressed "Treat…" (objectName "treatPatient")

private:
    void refreshReadiness();
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace galvani::ui
