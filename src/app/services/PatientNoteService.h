// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppResult.h"
#include "app/access/Access.h"
#include "app/services/PatientService.h"

#include <QString>

namespace galvani::app {

class RecordStore;

// Clinical notes on a patient (read through PatientService::findByMrn, which withholds them from roles that see
// demographics only). add → EditPatients. Notes are append-only in the record store and audited there.
// Thread affinity: the RecordStore's thread. Ownership: borrows the store.
class PatientNoteService {
public:
    static constexpr int kMaxNoteChars = 4000; // the record store's limit

    explicit PatientNoteService(RecordStore& store);

    // A new note on the patient, written now by `user`. body: 1–kMaxNoteChars characters, no NUL.
    [[nodiscard]] AppResult<PatientNoteView> add(
        const SignedInUser& user, const QString& patientMrn, const QString& body);

private:
    RecordStore& m_store;
};

} // namespace galvani::app
