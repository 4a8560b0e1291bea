// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to galvani_app: the clinic's settings kept in the audit trail itself (table `clinic_policy`, one field per
// setting). Only app .cpp files include this header.

#include "app/AppResult.h"
#include "app/access/Access.h"

#include <QString>

#include <optional>

namespace galvani::app {
class RecordStore;
}

namespace galvani::app::detail {

// The audit table the clinic's settings are recorded under.
inline const QString kClinicPolicyTable = QStringLiteral("clinic_policy");

// The new value of the newest change recorded for `field`, or nullopt when it was never set.
[[nodiscard]] AppResult<std::optional<QString>> newestPolicyValue(RecordStore& store, const QString& field);

// Records a change of `field` (an `update` row: who, old and new value, reason). The reason must have 1–1000
// characters (Invalid naming "reason" otherwise), like every other change's.
[[nodiscard]] AppStatus recordPolicyChange(RecordStore& store, const SignedInUser& user, const QString& field,
    const QString& oldValue, const QString& newValue, const QString& reason);

} // namespace galvani::app::detail
