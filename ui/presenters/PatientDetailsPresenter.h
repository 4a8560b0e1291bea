// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/services/PatientNoteService.h"
#include "app/services/PatientService.h"
#include "ui/presenters/Feedback.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

namespace galvani::app {
class RecordStore;
}

namespace galvani::ui::presenters {

// A patient's demographics and clinical notes, for PatientDetailsPanel: the demographics as named values, the
// notes as lines (when, by whom, what), whether the notes are withheld from the role (the demographics view of
// CLINICAL §7: ViewPatients without EditPatients, so admins) and whether it may add one. A note is added through
// app::PatientNoteService, which checks the grant and the length (1–PatientNoteService::kMaxNoteChars); its refusal
// comes back verbatim, naming the note. Notes are never changed once written.
// Thread affinity: the RecordStore's thread (the GUI thread). Ownership: borrows the store, which must outlive it.
class PatientDetailsPresenter : public QObject {
    Q_OBJECT
public:
    enum class Field { None, Note };
    using Result = Feedback<Field>;

    // One line of the demographics: what it is and its value ("—" when the record has none).
    struct Item {
        QString name;
        QString value;
    };

    PatientDetailsPresenter(app::RecordStore& store, app::SignedInUser user, QObject* parent = nullptr);

    [[nodiscard]] bool canAddNotes() const;
    // Why a role with the demographics view sees no notes.
    [[nodiscard]] QString withheldText() const;

    // Shows this patient (as PatientService::findByMrn gave it). When it is another patient than the one shown,
    // noteDraftDiscarded is emitted first: a note being typed belongs to the patient before. Emits patientChanged.
    void setPatient(const app::PatientDetails& details);
    // No patient. Emits noteDraftDiscarded and patientChanged.
    void clear();
    [[nodiscard]] bool hasPatient() const { return !m_details.summary.mrn.isEmpty(); }
    [[nodiscard]] const QString& mrn() const { return m_details.summary.mrn; }
    // MRN, names, date of birth with the age, contact, the pseudonym used in exports, the day of the first record;
    // empty when no patient is shown.
    [[nodiscard]] QList<Item> demographics() const;
    [[nodiscard]] bool notesWithheld() const { return hasPatient() && m_details.clinicalWithheld; }
    [[nodiscard]] bool notesShown() const { return hasPatient() && !m_details.clinicalWithheld; }
    [[nodiscard]] const QList<app::PatientNoteView>& notes() const { return m_details.notes; }
    // "2026-01-31 14:05 (you): text", oldest first, or "No notes yet."; empty when the notes are not shown.
    [[nodiscard]] QStringList noteLines() const;

    // Adds `text` as a note on the patient shown: Success, or the service's refusal naming Field::Note, with
    // nothing written. Kind None when no patient's notes are shown. Emits notesChanged on success.
    Result addNote(const QString& text);

Q_SIGNALS:
    void patientChanged();
    void notesChanged();
    void noteDraftDiscarded();

private:
    app::PatientNoteService m_noteService;
    app::SignedInUser m_user;
    app::PatientDetails m_details;
};

} // namespace galvani::ui::presenters
