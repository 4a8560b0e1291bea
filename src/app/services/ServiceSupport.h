// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to galvani_app: conversions between the record store's types and the app's. Only app .cpp files
// include this header (it names db types, which the app's public headers never do).

#include "app/AppResult.h"
#include "app/access/Access.h"
#include "db/Actor.h"
#include "db/Result.h"
#include "db/records/RecordEnums.h"

#include <optional>
#include <string_view>

namespace galvani::db::records {
struct PlacementFields;
} // namespace galvani::db::records

namespace galvani::app::detail {

// A record-store error as an app error: same message, kinds mapped (a newer schema or an operation the backend
// does not offer is a refusal, not a storage fault).
[[nodiscard]] AppError fromDb(const db::DbError& error);
[[nodiscard]] AppError invalidInput(const QString& message);
[[nodiscard]] AppError notFound(const QString& message);

// The core's catalogue and enumeration texts (UTF-8) as a QString.
[[nodiscard]] QString fromUtf8(std::string_view text);
// The catalogue id of the site a placement names by muscle and side; empty when the catalogue has no such site.
[[nodiscard]] QString siteIdOf(const db::records::PlacementFields& fields);

// The record store's limits, in characters: the names a service call looks records up by, and the reason given
// for a change (1–1000).
inline constexpr int kMaxMrnChars = 64;
inline constexpr int kMaxUsernameChars = 64;
inline constexpr int kMaxReasonChars = 1000;

// A text field against the record store's rule for it: Invalid "<field> has N characters; at most maxChars are
// allowed" or "<field> contains a NUL character" (PostgreSQL cannot even compare text with a NUL), else nullopt.
// Blank is the caller's rule (a filter may be empty, a name may not).
[[nodiscard]] std::optional<AppError> checkText(const QString& value, const QString& field, qsizetype maxChars);

// The audit actor for a signed-in user.
[[nodiscard]] db::Actor actorOf(const SignedInUser& user);

[[nodiscard]] db::records::Role toDb(Role role);
[[nodiscard]] Role fromDb(db::records::Role role);

} // namespace galvani::app::detail
