// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/services/PatientLookup.h"

#include "app/access/AccessGuard.h"
#include "app/services/ServiceSupport.h"
#include "app/store/RecordStoreImpl.h"

namespace galvani::app::detail {

namespace {

constexpr int kMaxMrnChars = 64; // the record store's limit

} // namespace

AppResult<db::records::Patient> patientByMrn(db::records::PatientRepository& patients, const QString& mrn)
{
    if (mrn.trimmed().isEmpty()) {
        return invalidInput(QStringLiteral("MRN is required"));
    }
    // An MRN no patient can have is a bad value, refused with the rule (the record store's limits), not looked up.
    if (mrn.size() > kMaxMrnChars) {
        return invalidInput(
            QStringLiteral("MRN has %1 characters; at most %2 are allowed").arg(mrn.size()).arg(kMaxMrnChars));
    }
    if (mrn.contains(QChar(u'\0'))) {
        return invalidInput(QStringLiteral("MRN contains a NUL character"));
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
