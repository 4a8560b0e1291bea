// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QString>

#include <optional>

namespace galvani::app {

// A calendar date written exactly as YYYY-MM-DD: ASCII digits, '-' between the parts, a real date. Qt's ISO date
// parser also takes '/', ',' or '.' between the parts; every date the application reads from a form, an option or
// a file takes only this form. nullopt for anything else. Pure; any thread.
[[nodiscard]] std::optional<QDate> parseIsoDate(const QString& text);

} // namespace galvani::app
