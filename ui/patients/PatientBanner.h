// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/services/PatientService.h"

#include <QFrame>

class QLabel;
class QPushButton;

namespace galvani::ui {

// The strip at the top of the patient workspace once a patient is selected: the two identifiers (name with date
// of birth, and MRN) in large type, the readiness for treatment in words with a sign (screening, placements) and
// the "Treat…" button. Thread affinity: GUI thread.
class PatientBanner : public QFrame {
    Q_OBJECT
public:
    enum class Readiness { Ready, Warning, Blocked };

    explicit PatientBanner(QWidget* parent = nullptr);

    void setPatient(const app::PatientSummary& patient);
    // One line per fact (screening, placements), each already worded; the worst decides the banner's sign.
    void setReadiness(const QStringList& lines, Readiness readiness);
    [[nodiscard]] QPushButton* treatButton() const { return m_treat; }

private:
    QLabel* m_name = nullptr;
    QLabel* m_birth = nullptr;
    QLabel* m_mrn = nullptr;
    QLabel* m_readiness = nullptr;
    QPushButton* m_treat = nullptr;
};

} // namespace galvani::ui
