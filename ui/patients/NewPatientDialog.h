// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"
#include "app/services/PatientService.h"
#include "ui/presenters/NewPatientPresenter.h"

#include <QDialog>

#include <memory>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace galvani::app {
class RecordStore;
}

namespace galvani::ui {

class FieldMessages;

// The "New patient" form: MRN, family and given names, date of birth, contact (phone, e-mail, address) and an
// optional first clinical note. Each field shows its rule; a refusal from PatientService is shown verbatim next
// to the field it names and every input is kept. On success the patient is added (then the note, through
// PatientNoteService) and created() is emitted; the dialog closes. The dialog builds and binds;
// presenters::NewPatientPresenter checks, adds and says which field a refusal names.
// Thread affinity: GUI thread. Ownership: borrows the service and the store, which must outlive it.
class NewPatientDialog : public QDialog {
    Q_OBJECT
public:
    NewPatientDialog(app::PatientService& patients, app::RecordStore& store, const app::SignedInUser& user,
        QWidget* parent = nullptr);
    ~NewPatientDialog() override;

    // Fills the form (the workspace passes the search text: an MRN or a family name).
    void prefill(const QString& searchText);

Q_SIGNALS:
    // The patient was added. noteError: why the note was not saved (empty when there was no note or it was saved);
    // note: its text, so the workspace can offer it again.
    void created(const galvani::app::PatientSummary& patient, const QString& note, const QString& noteError);

private:
    using Field = presenters::NewPatientPresenter::Field;

    void create();
    [[nodiscard]] QWidget* fieldWidget(Field field) const;

    presenters::NewPatientPresenter m_presenter;
    QLineEdit* m_mrn = nullptr;
    QLineEdit* m_family = nullptr;
    QLineEdit* m_given = nullptr;
    QLineEdit* m_birth = nullptr;
    QLineEdit* m_phone = nullptr;
    QLineEdit* m_email = nullptr;
    QPlainTextEdit* m_address = nullptr;
    QPlainTextEdit* m_note = nullptr;
    QLabel* m_formError = nullptr;
    QPushButton* m_create = nullptr;
    std::unique_ptr<FieldMessages> m_messages;
};

} // namespace galvani::ui
