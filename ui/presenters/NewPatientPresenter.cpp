// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presenters/NewPatientPresenter.h"

#include <QList>
#include <QRegularExpression>
#include <QStringList>

#include <utility>

namespace galvani::ui::presenters {

NewPatientPresenter::NewPatientPresenter(
    app::PatientService& patients, app::RecordStore& store, app::SignedInUser user, QObject* parent)
    : QObject(parent), m_patients(patients), m_notes(store), m_user(std::move(user))
{
}

NewPatientPresenter::Prefill NewPatientPresenter::prefill(const QString& searchText)
{
    const QString text = searchText.trimmed();
    static const QRegularExpression digit(QStringLiteral("\\d"));
    if (text.contains(digit)) {
        return {Field::Mrn, text, Field::FamilyName};
    }
    return {Field::FamilyName, text, Field::Mrn};
}

NewPatientPresenter::Field NewPatientPresenter::fieldNamedIn(const QString& message)
{
    struct Words {
        Field field;
        QStringList words;
    };
    // In the form's order; the first field named wins.
    static const QList<Words> fields{{Field::Mrn, {QStringLiteral("MRN")}},
        {Field::FamilyName, {QStringLiteral("family name")}}, {Field::GivenNames, {QStringLiteral("given name")}},
        {Field::BirthDate, {QStringLiteral("date of birth"), QStringLiteral("birth")}},
        {Field::Phone, {QStringLiteral("phone")}}, {Field::Email, {QStringLiteral("email"), QStringLiteral("e-mail")}},
        {Field::Address, {QStringLiteral("address")}}, {Field::Note, {QStringLiteral("note")}}};
    for (const Words& f : fields) {
        for (const QString& w : f.words) {
            if (message.contains(w, Qt::CaseInsensitive)) {
                return f.field;
            }
        }
    }
    return Field::None;
}

NewPatientPresenter::Result NewPatientPresenter::create(const Form& form)
{
    // Checked before the patient is added, so a too-long note cannot leave a patient without it.
    if (form.note.size() > app::PatientNoteService::kMaxNoteChars) {
        return Result::error(QStringLiteral("clinical note has %1 characters; at most %2 are allowed")
                                 .arg(form.note.size())
                                 .arg(app::PatientNoteService::kMaxNoteChars),
            Field::Note);
    }
    app::NewPatientInput input = form.patient;
    for (QString* field : {&input.mrn, &input.familyName, &input.givenNames, &input.birthDate, &input.phone,
             &input.email, &input.address}) {
        *field = field->trimmed();
    }
    const auto added = m_patients.add(m_user, input);
    if (!added.ok()) {
        const QString& message = added.error().message;
        return Result::error(message, fieldNamedIn(message));
    }
    QString noteError;
    if (!form.note.trimmed().isEmpty()) {
        const auto written = m_notes.add(m_user, added->mrn, form.note);
        if (!written.ok()) {
            noteError = written.error().message;
        }
    }
    Q_EMIT created(added.value(), form.note, noteError);
    return Result::success(QStringLiteral("patient %1 added.").arg(added->mrn));
}

} // namespace galvani::ui::presenters
