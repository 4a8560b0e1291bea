// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/Actor.h"
#include "db/Result.h"
#include "db/audit/AuditTrail.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

// Helpers shared by the repositories: input checks, audit rows for creates and per-field updates.
// Internal to db/records. Pure functions except the audit writers, which run on the caller's transaction.
namespace galvani::db::records::support {

// A field whose value changed in an update, as audit text.
struct FieldChange {
    QString field;
    std::optional<QString> before;
    std::optional<QString> after;
};

// Adds a change when the values differ.
void diff(QList<FieldChange>& out, const QString& field, const QString& before, const QString& after);
void diff(QList<FieldChange>& out, const QString& field, qint64 before, qint64 after);
void diff(QList<FieldChange>& out, const QString& field, const std::optional<qint64>& before,
    const std::optional<qint64>& after);

[[nodiscard]] std::optional<QString> optNumber(const std::optional<qint64>& v);

// One audit row with the whole new record as JSON.
[[nodiscard]] Status auditCreate(audit::AuditTrail& trail, const Actor& actor, const QString& table, qint64 id,
    const QJsonObject& record, const std::optional<QString>& reason = std::nullopt);
// One audit row per changed field.
[[nodiscard]] Status auditChanges(audit::AuditTrail& trail, const Actor& actor, const QString& table, qint64 id,
    const QList<FieldChange>& changes, const std::optional<QString>& reason);
// One audit row with an action of its own (session start/stop, login, calibration, …).
[[nodiscard]] Status auditAction(audit::AuditTrail& trail, const Actor& actor, const QString& action,
    const std::optional<QString>& table, std::optional<qint64> id, const std::optional<QString>& newValue,
    const std::optional<QString>& reason = std::nullopt);

// The signed-in user behind a clinical record; the system actor may not author one.
[[nodiscard]] Result<qint64> requireUser(const Actor& actor, const QString& what);

// Text rules: at most maxChars characters, no NUL (PostgreSQL cannot store it); required → not blank.
[[nodiscard]] Status checkText(const QString& value, const QString& field, int maxChars, bool required);
// A calendar date "YYYY-MM-DD" that exists.
[[nodiscard]] Status checkDate(const QString& value, const QString& field);
// A reason is required for changes that override or correct (unlock, revise, retire, update).
[[nodiscard]] Status checkReason(const std::optional<QString>& reason);
[[nodiscard]] Status checkRange(qint64 value, qint64 min, qint64 max, const QString& field);

} // namespace galvani::db::records::support
