// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/services/PatientNoteService.h"
#include "app/services/PatientService.h"
#include "ui/presenters/Feedback.h"

#include <QObject>
#include <QString>

namespace galvani::app {
class RecordStore;
}

namespace galvani::ui::presenters {

// The "New patient" form's decisions, for NewPatientDialog: where the search text goes when the form opens, the
// check made before anything is written (the first note's length, so a note the store would refuse cannot leave a
// patient without it), then the patient added through app::PatientService and the note through
// app::PatientNoteService. A refusal comes back verbatim with the field it names (the services' messages name
// their field in plain words and give the allowed range), and nothing is written; every value typed stays in the
// form. Thread affinity: the RecordStore's thread (the GUI thread). Ownership: borrows the service and the store,
// which must outlive it.
class NewPatientPresenter : public QObject {
    Q_OBJECT
public:
    enum class Field { None, Mrn, FamilyName, GivenNames, BirthDate, Phone, Email, Address, Note };
    using Result = Feedback<Field>;

    // The form as typed: the patient's fields (trimmed here) and the first note (kept as written).
    struct Form {
        app::NewPatientInput patient;
        QString note;
    };

    // A search text carried into the form: into the MRN when it has a digit, else into the family name; the focus
    // goes to the other one.
    struct Prefill {
        Field field = Field::None;
        QString text;
        Field focus = Field::None;
    };

    NewPatientPresenter(
        app::PatientService& patients, app::RecordStore& store, app::SignedInUser user, QObject* parent = nullptr);

    [[nodiscard]] static Prefill prefill(const QString& searchText);
    // The field a service's message names (by the words that name it: "MRN", "family name", "date of birth", …),
    // or Field::None.
    [[nodiscard]] static Field fieldNamedIn(const QString& message);

    // Adds the patient, then the note when one was typed. Success: created() has been emitted. Otherwise the
    // refusal naming its field, and nothing was written.
    Result create(const Form& form);

Q_SIGNALS:
    // The patient was added. noteError: why the note was not saved (empty when there was no note or it was
    // saved); note: its text, so it can be offered again.
    void created(const galvani::app::PatientSummary& patient, const QString& note, const QString& noteError);

private:
    app::PatientService& m_patients;
    app::PatientNoteService m_notes;
    app::SignedInUser m_user;
};

} // namespace galvani::ui::presenters
