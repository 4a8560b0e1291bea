// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/services/PatientLookup.h"

#include "app/access/AccessGuard.h"
#include "app/services/ServiceSupport.h"
#include "app/store/RecordStoreImpl.h"

namespace galvani::app::detail {

AppResult<db::records::Patient> patientByMrn(db::records::PatientRepository& patients, const QString& mrn)
{
    if (mrn.trimmed().isEmpty()) {
        return invalidInput(QStringLiteral("MRN is required"));
    }
    // An MRN no patient can have is a bad value, refused with the rule (the record store's limits), not looked up.
    if (auto bad = checkText(mrn, QStringLiteral("MRN"), kMaxMrnChars)) {
        return *bad;
    }
    const auto found = patients.byMrn(mrn);
    if (!found.ok()) {
        if (found.error().kind == db::DbError::Kind::NotFound) {
            return notFound(QStringLiteral("no patient has that MRN"));
        }
        return fromDb(found.error());
    }
    return found.value();
}

AppResult<db::records::Patient> allowedPatient(
    RecordStore& store, const SignedInUser& user, Action action, const QString& mrn)
{
    if (auto denied = checkAccess(store, user, action, mrn)) {
        return *denied;
    }
    db::records::PatientRepository patients(store.impl().context());
    return patientByMrn(patients, mrn);
}

} // namespace galvani::app::detail
