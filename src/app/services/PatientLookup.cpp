// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/services/PatientLookup.h"

#include "app/services/ServiceSupport.h"

namespace galvani::app::detail {

AppResult<db::records::Patient> patientByMrn(db::records::PatientRepository& patients, const QString& mrn)
{
    if (mrn.trimmed().isEmpty()) {
        return invalidInput(QStringLiteral("MRN is required"));
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

} // namespace galvani::app::detail
