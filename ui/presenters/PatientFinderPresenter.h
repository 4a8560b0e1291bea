// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/services/PatientService.h"
#include "ui/presenters/Feedback.h"

#include <QList>
#include <QObject>
#include <QString>

namespace galvani::ui::presenters {

// The patient search, for PatientFinder: the patients found for the text typed (part of a name, through the record
// store's own search, or part of an MRN; an exact MRN is found even beyond PatientService::kListLimit), each worded
// with both identifiers, how many were found or why none, and the patient the workspace shows (highlighted when
// listed). Access follows the grant table: a role without ViewPatients is told so and no call is made, so merely
// opening the workspace writes no refusal; a refusal the service still returns comes back verbatim. "New patient…"
// is offered to roles with EditPatients.
// Thread affinity: the RecordStore's thread (the GUI thread; a search is a few short reads). Ownership: borrows the
// service, which must outlive it.
class PatientFinderPresenter : public QObject {
    Q_OBJECT
public:
    enum class Field { None };
    using Result = Feedback<Field>;

    PatientFinderPresenter(app::PatientService& patients, app::SignedInUser user, QObject* parent = nullptr);

    [[nodiscard]] bool allowed() const { return m_allowed; }
    [[nodiscard]] bool canAddPatients() const;

    // Finds the patients for `text` (trimmed; empty: every patient). Emits resultsChanged.
    void search(const QString& text);
    // The last search again (after a patient was added elsewhere). Emits resultsChanged.
    void refresh() { search(m_text); }
    [[nodiscard]] const QString& text() const { return m_text; }
    [[nodiscard]] const QList<app::PatientSummary>& results() const { return m_results; }
    // "1 patient", "3 patients", "No patient matches “x”.", "No patients on record yet." (kind Info); why the
    // search could not run (kind Error: the service's message); for a role without access, that it has none.
    [[nodiscard]] const Result& status() const { return m_status; }
    // The row of the patient with this MRN among the results, or -1; the MRN of a row ("" outside them).
    [[nodiscard]] int rowOf(const QString& mrn) const;
    [[nodiscard]] QString mrnAt(int row) const;

    // The patient the workspace shows ("" when none), kept across searches: its row is highlighted whenever the
    // results list it. Emits currentChanged when it changes.
    void showCurrent(const QString& mrn);
    [[nodiscard]] const QString& current() const { return m_current; }
    // The user chose the patient in `row` (a click, Enter on the search, Down into the list): it becomes the
    // current one and patientChosen is emitted, even when it was current already (Enter on the only result).
    void choose(int row);

    // A result row on two lines: the name ("OKAFOR, Ada"), then the date of birth and the MRN ("born 1970-05-17
    // (55 years) · MRN 0042"); and the same on one line, for screen readers and tooltips.
    [[nodiscard]] static QString resultText(const app::PatientSummary& patient);
    [[nodiscard]] static QString resultDescription(const app::PatientSummary& patient);

Q_SIGNALS:
    void resultsChanged();
    void currentChanged();
    void patientChosen(const QString& mrn);

private:
    app::PatientService& m_patients;
    app::SignedInUser m_user;
    bool m_allowed = false;
    QString m_text;
    QList<app::PatientSummary> m_results;
    Result m_status;
    QString m_current;
};

} // namespace galvani::ui::presenters
