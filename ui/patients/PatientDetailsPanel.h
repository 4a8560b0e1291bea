// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/services/PatientService.h"
#include "ui/presenters/PatientDetailsPresenter.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace galvani::app {
class RecordStore;
}

namespace galvani::ui {

// A patient's demographics and, for roles that keep clinical records, the clinical notes with a box to add one
// (PatientNoteService). Roles with the demographics view only (admins) see no notes and are told why.
// The widget builds and binds; presenters::PatientDetailsPresenter holds the patient, words the demographics and
// the notes and adds a note. Thread affinity: GUI thread. Ownership: borrows the store, which must outlive it.
class PatientDetailsPanel : public QWidget {
    Q_OBJECT
public:
    PatientDetailsPanel(app::RecordStore& store, const app::SignedInUser& user, QWidget* parent = nullptr);

    void setPatient(const app::PatientDetails& details) { m_presenter.setPatient(details); }
    void clear() { m_presenter.clear(); }
    // Puts a note that could not be saved back in the note box with the reason, so it is not lost.
    void offerNote(const QString& text, const QString& error);

Q_SIGNALS:
    void noteAdded();

private:
    void addNote();
    void showPatient();
    void showNotes();
    void discardDraft();

    presenters::PatientDetailsPresenter m_presenter;
    QLabel* m_fields = nullptr;
    QWidget* m_notesBox = nullptr;
    QListWidget* m_noteList = nullptr;
    QPlainTextEdit* m_newNote = nullptr;
    QPushButton* m_add = nullptr;
    QLabel* m_noteMessage = nullptr;
    QLabel* m_withheld = nullptr;
};

} // namespace galvani::ui
