// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/access/AccessGuard.h"

#include "app/store/RecordStoreImpl.h"
#include "db/audit/AuditEntry.h"
#include "db/audit/AuditTrail.h"

namespace galvani::app {

std::optional<AppError> checkAccess(RecordStore& store, const SignedInUser& user, Action action, const QString& target)
{
    if (isAllowed(user.role, action)) {
        return std::nullopt;
    }
    db::audit::AuditRecord record;
    record.actor = db::Actor::user(user.id, user.username);
    record.action = QString::fromLatin1(db::audit::action::kRefused);
    record.field = toString(action);
    if (!target.isEmpty()) {
        record.newValue = target;
    }
    record.reason = QStringLiteral("role %1 lacks %2").arg(toString(user.role), toString(action));
    QString message = refusalMessage(user, action);
    if (const auto written = db::audit::AuditTrail(store.impl().context()).append(record); !written.ok()) {
        message += QStringLiteral(" (and the refusal could not be recorded: %1)").arg(written.error().message);
    }
    return AppError{AppError::Kind::Denied, message};
}

} // namespace galvani::app
