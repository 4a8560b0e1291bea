// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/services/PatientService.h"

#include "app/IsoDate.h"
#include "app/access/AccessGuard.h"
#include "app/services/PatientLookup.h"
#include "app/services/ServiceSupport.h"
#include "app/store/RecordStoreImpl.h"
#include "db/TimeStamp.h"
#include "db/records/PatientRepository.h"

#include <QDateTime>

namespace galvani::app {

namespace {

constexpr int kEarliestBirthYear = 1900; // the record store's plausibility rule: 1900 to tomorrow (UTC)

PatientSummary summaryOf(const db::records::Patient& p)
{
    return PatientSummary{p.id, p.fields.mrn, p.fields.familyName, p.fields.givenNames, p.fields.birthDate,
        p.fields.phone, p.fields.email, p.fields.address, p.pseudonym, p.createdUtcMs};
}

} // namespace

PatientService::PatientService(RecordStore& store) : m_store(store)
{
}

AppResult<PatientSummary> PatientService::add(const SignedInUser& user, const NewPatientInput& input)
{
    if (auto denied = checkAccess(m_store, user, Action::EditPatients, input.mrn)) {
        return *denied;
    }
    // Checked here too: Qt's ISO date parser (and so the record store) also takes '/', ',' or '.' between the
    // parts, and the store's plausibility message names no range.
    const auto parsedBirth = parseIsoDate(input.birthDate);
    if (!parsedBirth) {
        return detail::invalidInput(
            QStringLiteral("date of birth '%1' is not a date of the form YYYY-MM-DD").arg(input.birthDate));
    }
    const QDate birth = *parsedBirth;
    const QDate latest = QDateTime::fromMSecsSinceEpoch(db::utcMs(m_store.clock()), Qt::UTC).date().addDays(1);
    if (birth.year() < kEarliestBirthYear || birth > latest) {
        return detail::invalidInput(QStringLiteral("date of birth %1 is outside %2-01-01 – %3")
                                        .arg(input.birthDate)
                                        .arg(kEarliestBirthYear)
                                        .arg(latest.toString(Qt::ISODate)));
    }
    db::records::PatientRepository patients(m_store.impl().context());
    if (const auto taken = patients.byMrn(input.mrn); taken.ok()) {
        return AppError{AppError::Kind::Conflict, QStringLiteral("MRN '%1' belongs to another patient").arg(input.mrn)};
    }
    db::records::PatientFields f;
    f.mrn = input.mrn;
    f.familyName = input.familyName;
    f.givenNames = input.givenNames;
    f.birthDate = input.birthDate;
    f.phone = input.phone;
    f.email = input.email;
    f.address = input.address;
    const auto created = patients.create(f, detail::actorOf(user));
    if (!created.ok()) {
        return detail::fromDb(created.error());
    }
    return summaryOf(created.value());
}

AppResult<QList<PatientSummary>> PatientService::list(const SignedInUser& user, const QString& nameContains)
{
    if (auto denied = checkAccess(m_store, user, Action::ViewPatients, nameContains)) {
        return *denied;
    }
    // Checked here: PostgreSQL cannot even compare text with a NUL, and no name is longer than its field.
    if (nameContains.size() > kMaxSearchChars) {
        return detail::invalidInput(QStringLiteral("name search has %1 characters; at most %2 are allowed")
                                        .arg(nameContains.size())
                                        .arg(kMaxSearchChars));
    }
    if (nameContains.contains(QChar(u'\0'))) {
        return detail::invalidInput(QStringLiteral("name search contains a NUL character"));
    }
    const auto found
        = db::records::PatientRepository(m_store.impl().context()).search(nameContains, std::nullopt, kListLimit);
    if (!found.ok()) {
        return detail::fromDb(found.error());
    }
    QList<PatientSummary> out;
    out.reserve(found->size());
    for (const auto& p : found.value()) {
        out.append(summaryOf(p));
    }
    return out;
}

AppResult<PatientDetails> PatientService::findByMrn(const SignedInUser& user, const QString& mrn)
{
    const auto patient = detail::allowedPatient(m_store, user, Action::ViewPatients, mrn);
    if (!patient.ok()) {
        return patient.error();
    }
    PatientDetails out;
    out.summary = summaryOf(patient.value());
    // ViewPatients alone is the demographics view; notes are clinical content, shown to roles that keep records.
    out.clinicalWithheld = !isAllowed(user.role, Action::EditPatients);
    if (!out.clinicalWithheld) {
        const auto notes = db::records::PatientRepository(m_store.impl().context()).notes(patient->id);
        if (!notes.ok()) {
            return detail::fromDb(notes.error());
        }
        for (const auto& n : notes.value()) {
            out.notes.append(PatientNoteView{n.id, n.authorId, n.writtenUtcMs, n.body});
        }
    }
    return out;
}

} // namespace galvani::app
