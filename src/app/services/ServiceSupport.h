// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to galvani_app: conversions between the record store's types and the app's. Only app .cpp files
// include this header (it names db types, which the app's public headers never do).

#include "app/AppResult.h"
#include "app/access/Access.h"
#include "db/Actor.h"
#include "db/Result.h"
#include "db/records/RecordEnums.h"

namespace galvani::app::detail {

// A record-store error as an app error: same message, kinds mapped (a newer schema or an operation the backend
// does not offer is a refusal, not a storage fault).
[[nodiscard]] AppError fromDb(const db::DbError& error);
[[nodiscard]] AppError invalidInput(const QString& message);
[[nodiscard]] AppError notFound(const QString& message);

// The audit actor for a signed-in user.
[[nodiscard]] db::Actor actorOf(const SignedInUser& user);

[[nodiscard]] db::records::Role toDb(Role role);
[[nodiscard]] Role fromDb(db::records::Role role);

} // namespace galvani::app::detail
