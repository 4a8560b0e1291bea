// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppResult.h"
#include "app/access/Access.h"

#include <QList>
#include <QString>
#include <QtGlobal>

namespace galvani::app {

class RecordStore;

// A new patient as clinic staff enter one. Plain value.
struct NewPatientInput {
    QString mrn; // medical record number, 1–64 characters, unique
    QString familyName; // 1–200 characters
    QString givenNames; // 1–200 characters
    QString birthDate; // "YYYY-MM-DD", a real date, 1900 or later, not in the future
    QString phone; // optional, up to 100 characters
    QString email; // optional, up to 200 characters
    QString address; // optional, up to 1000 characters
};

// A patient's demographics: identity and contact. Times in UTC ms. Plain value.
struct PatientSummary {
    qint64 id = 0;
    QString mrn;
    QString familyName;
    QString givenNames;
    QString birthDate;
    QString phone;
    QString email;
    QString address;
    QString pseudonym; // stands in for name and MRN in exports
    qint64 createdUtcMs = 0;
};

// One clinical note. Times in UTC ms. Plain value.
struct PatientNoteView {
    qint64 id = 0;
    qint64 authorId = 0;
    qint64 writtenUtcMs = 0;
    QString body;
};

// A patient found by MRN: demographics, and the clinical notes unless the reader's role sees demographics only.
struct PatientDetails {
    PatientSummary summary;
    bool clinicalWithheld = false; // true for admins (CLINICAL §7: demographics view)
    QList<PatientNoteView> notes; // empty when withheld
};

// Patients (CLINICAL §7: therapists keep the records; admins see demographics). add → EditPatients;
// list and find → ViewPatients. Admins may find a patient but get no clinical content.
// Thread affinity: the RecordStore's thread. Ownership: borrows the store.
class PatientService {
public:
    static constexpr int kListLimit = 1000; // patients per list() call
    static constexpr int kMaxSearchChars = 200; // the longest name a patient record holds

    explicit PatientService(RecordStore& store);

    [[nodiscard]] AppResult<PatientSummary> add(const SignedInUser& user, const NewPatientInput& input);
    // Patients whose family or given name contains `nameContains` (all when empty; at most kMaxSearchChars, no
    // NUL), ordered by name, at most kListLimit.
    [[nodiscard]] AppResult<QList<PatientSummary>> list(
        const SignedInUser& user, const QString& nameContains = QString());
    [[nodiscard]] AppResult<PatientDetails> findByMrn(const SignedInUser& user, const QString& mrn);

private:
    RecordStore& m_store;
};

} // namespace galvani::app
