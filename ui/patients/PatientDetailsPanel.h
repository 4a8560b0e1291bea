// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/services/PatientService.h"

#include <QWidget>

class QFormLayout;
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
// Thread affinity: GUI thread. Ownership: borrows the store, which must outlive it.
class PatientDetailsPanel : public QWidget {
    Q_OBJECT
public:
    PatientDetailsPanel(app::RecordStore& store, const app::SignedInUser& user, QWidget* parent = nullptr);

    void setPatient(const app::PatientDetails& details);
    void clear();
    // Puts a note that could not be saved back in the note box with the reason, so it is not lost.
    void offerNote(const QString& text, const QString& error);

Q_SIGNALS:
    void noteAdded();

private:
    void addNote();
    void showNotes(const QList<app::PatientNoteView>& notes);

    app::RecordStore& m_store;
    app::SignedInUser m_user;
    QString m_mrn;
    QList<app::PatientNoteView> m_notes;
    QLabel* m_fields = nullptr;
    QWidget* m_notesBox = nullptr;
    QListWidget* m_noteList = nullptr;
    QPlainTextEdit* m_newNote = nullptr;
    QPushButton* m_add = nullptr;
    QLabel* m_noteMessage = nullptr;
    QLabel* m_withheld = nullptr;
};

} // namespace galvani::ui
