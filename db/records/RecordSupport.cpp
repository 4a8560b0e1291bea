// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/records/RecordSupport.h"

#include "db/audit/AuditEntry.h"

#include <QDate>

namespace galvani::db::records::support {

void diff(QList<FieldChange>& out, const QString& field, const QString& before, const QString& after)
{
    if (before != after) {
        out.append(FieldChange{field, before, after});
    }
}

void diff(QList<FieldChange>& out, const QString& field, qint64 before, qint64 after)
{
    if (before != after) {
        out.append(FieldChange{field, QString::number(before), QString::number(after)});
    }
}

void diff(QList<FieldChange>& out, const QString& field, const std::optional<qint64>& before,
    const std::optional<qint64>& after)
{
    if (before != after) {
        out.append(FieldChange{field, optNumber(before), optNumber(after)});
    }
}

std::optional<QString> optNumber(const std::optional<qint64>& v)
{
    return v ? std::optional<QString>(QString::number(*v)) : std::nullopt;
}

Status auditCreate(audit::AuditTrail& trail, const Actor& actor, const QString& table, qint64 id,
    const QJsonObject& record, const std::optional<QString>& reason)
{
    audit::AuditRecord r;
    r.actor = actor;
    r.action = QString::fromLatin1(audit::action::kCreate);
    r.table = table;
    r.recordId = id;
    r.newValue = audit::recordJson(record);
    r.reason = reason;
    const auto appended = trail.append(r);
    return appended.ok() ? Status() : Status(appended.error());
}

Status auditChanges(audit::AuditTrail& trail, const Actor& actor, const QString& table, qint64 id,
    const QList<FieldChange>& changes, const std::optional<QString>& reason)
{
    for (const FieldChange& c : changes) {
        audit::AuditRecord r;
        r.actor = actor;
        r.action = QString::fromLatin1(audit::action::kUpdate);
        r.table = table;
        r.recordId = id;
        r.field = c.field;
        r.oldValue = c.before;
        r.newValue = c.after;
        r.reason = reason;
        if (const auto appended = trail.append(r); !appended.ok()) {
            return appended.error();
        }
    }
    return {};
}

Status auditAction(audit::AuditTrail& trail, const Actor& actor, const QString& action,
    const std::optional<QString>& table, std::optional<qint64> id, const std::optional<QString>& newValue,
    const std::optional<QString>& reason)
{
    audit::AuditRecord r;
    r.actor = actor;
    r.action = action;
    r.table = table;
    r.recordId = id;
    r.newValue = newValue;
    r.reason = reason;
    const auto appended = trail.append(r);
    return appended.ok() ? Status() : Status(appended.error());
}

Result<qint64> requireUser(const Actor& actor, const QString& what)
{
    if (!actor.userId) {
        return invalid(QStringLiteral("%1 needs a signed-in user").arg(what));
    }
    return *actor.userId;
}

Status checkText(const QString& value, const QString& field, int maxChars, bool required)
{
    if (required && value.trimmed().isEmpty()) {
        return invalid(QStringLiteral("%1 is required").arg(field));
    }
    if (value.size() > maxChars) {
        return invalid(
            QStringLiteral("%1 has %2 characters; at most %3 are allowed").arg(field).arg(value.size()).arg(maxChars));
    }
    if (value.contains(QChar(u'\0'))) {
        return invalid(QStringLiteral("%1 contains a NUL character").arg(field));
    }
    return {};
}

Status checkDate(const QString& value, const QString& field)
{
    const QDate d = QDate::fromString(value, Qt::ISODate);
    if (value.size() != 10 || !d.isValid()) {
        return invalid(QStringLiteral("%1 '%2' is not a date of the form YYYY-MM-DD").arg(field, value));
    }
    return {};
}

Status checkReason(const std::optional<QString>& reason)
{
    if (!reason || reason->trimmed().isEmpty()) {
        return invalid(QStringLiteral("a reason is required for this change"));
    }
    return checkText(*reason, QStringLiteral("reason"), 1000, true);
}

Status checkRange(qint64 value, qint64 min, qint64 max, const QString& field)
{
    if (value < min || value > max) {
        return invalid(QStringLiteral("%1 = %2 is outside %3–%4").arg(field).arg(value).arg(min).arg(max));
    }
    return {};
}

} // namespace galvani::db::records::support
