// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppResult.h"
#include "app/access/Access.h"

#include <optional>

namespace galvani::app {

class RecordStore;

// The check every service method makes first: returns nothing when the user's role grants the action, else a
// Denied error — and writes a `refused` audit row naming the user, the action and the target, so refusals are
// on record. Thread affinity: the RecordStore's thread.
[[nodiscard]] std::optional<AppError> checkAccess(
    RecordStore& store, const SignedInUser& user, Action action, const QString& target = QString());

} // namespace galvani::app
