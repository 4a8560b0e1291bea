// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace galvani::db {

// Splits a migration script into single statements, because the Qt SQL drivers run one statement per exec().
// Understands '…' strings, "…" identifiers, -- and /* */ comments, PostgreSQL dollar quoting ($$…$$, $tag$…$tag$)
// and SQLite trigger bodies: inside CREATE TRIGGER … BEGIN … END, a ';' ends the statement only right after END.
// (So a trigger body must not contain a CASE … END directly followed by ';'.)
// Statements are returned trimmed and without their terminating ';'; comment-only pieces are dropped.
// Pure function; thread-safe.
[[nodiscard]] QStringList splitSqlScript(const QString& script);

} // namespace galvani::db
