// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>

class QLabel;

namespace galvani::ui::session {

// The patient the treatment is for, identified twice over (CLINICAL §5: name and date of birth, and the MRN), in
// large type at the top of every stage of the treatment panel. Shows a plain request instead when no patient is
// chosen. Thread affinity: GUI thread. Ownership: a child widget; owns its labels.
class PatientBanner final : public QFrame {
    Q_OBJECT
public:
    explicit PatientBanner(QWidget* parent = nullptr);

    // name: "Family, Given"; birthDate: "YYYY-MM-DD".
    void showPatient(const QString& name, const QString& birthDate, const QString& mrn);
    // No patient: the message says what to do ("Choose a patient in the patient workspace").
    void showNone(const QString& message);
    // A line under the identifiers, e.g. the screening in force or why the next patient waits.
    void setNote(const QString& note);

private:
    QLabel* m_name = nullptr;
    QLabel* m_birth = nullptr;
    QLabel* m_mrn = nullptr;
    QLabel* m_note = nullptr;
};

} // namespace galvani::ui::session
