// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to galvani_app: finding the patient a service call names by MRN. Only app .cpp files include it.

#include "app/AppResult.h"
#include "app/access/Access.h"
#include "db/records/PatientRepository.h"

namespace galvani::app {
class RecordStore;
}

namespace galvani::app::detail {

// The patient with this MRN, or NotFound; Invalid for an MRN no patient can have (blank, over 64 characters, NUL).
// Like the repository, the message leaves the MRN out (messages reach
// logs; the caller knows what it asked for).
[[nodiscard]] AppResult<db::records::Patient> patientByMrn(
    db::records::PatientRepository& patients, const QString& mrn);

// The first steps of a service call about one patient: the access check for `action` (a refusal is audited and
// returned), then the patient with this MRN.
[[nodiscard]] AppResult<db::records::Patient> allowedPatient(
    RecordStore& store, const SignedInUser& user, Action action, const QString& mrn);

} // namespace galvani::app::detail
