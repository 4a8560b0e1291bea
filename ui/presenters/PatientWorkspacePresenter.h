// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/services/PatientService.h"
#include "app/services/PlacementService.h"
#include "app/services/ScreeningService.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace galvani::ui::presenters {

// The patient workspace's decisions, for PatientWorkspace: which parts the role sees (screening, placements and
// motor points, treatment, adding patients) and what the empty workspace says; the patient selected by MRN (or why
// none); the patient's label for the checklist; and the readiness for treatment in the banner: a line per
// interlock (screening, placements) with a sign, whether anything blocks, and the Treat button's tooltip listing
// what must be resolved before stimulation can start. The interlocks themselves are the session controller's.
// Thread affinity: GUI thread. Ownership: borrows the patient service, which must outlive it.
class PatientWorkspacePresenter : public QObject {
    Q_OBJECT
public:
    struct Readiness {
        QStringList lines; // "✔ Screening clear, valid until 2027-03-01", "✖ No electrode placement recorded", …
        bool blocked = false;
        QString treatTip;
    };

    PatientWorkspacePresenter(app::PatientService& patients, app::SignedInUser user, QObject* parent = nullptr);

    [[nodiscard]] bool canScreen() const;
    [[nodiscard]] bool canPlace() const;
    [[nodiscard]] bool canTreat() const;
    [[nodiscard]] bool canAddPatients() const;
    // What the workspace says with no patient selected, for this role.
    [[nodiscard]] QString placeholder() const;

    // Selects the patient with this MRN (trimmed; "" clears): the reason in words when it cannot be read (the
    // selection is then cleared), else empty.
    QString select(const QString& mrn);
    [[nodiscard]] const std::optional<app::PatientDetails>& patient() const { return m_patient; }
    [[nodiscard]] QString mrn() const;
    // "Okafor, Ada, 17 May 1970 (56), MRN MRN-1"; empty without a patient.
    [[nodiscard]] QString label() const;
    // The readiness shown in the banner, from the screening panel's state and the current placements; only the
    // parts the role sees are judged.
    [[nodiscard]] Readiness readiness(const QString& screeningBlockedBy,
        const std::optional<app::ScreeningView>& screening, const QList<app::PlacementView>& placements) const;

private:
    app::PatientService& m_patients;
    app::SignedInUser m_user;
    std::optional<app::PatientDetails> m_patient;
};

} // namespace galvani::ui::presenters
