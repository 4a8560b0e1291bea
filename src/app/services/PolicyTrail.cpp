// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/services/PolicyTrail.h"

#include "app/services/ServiceSupport.h"
#include "app/store/RecordStoreImpl.h"
#include "db/audit/AuditEntry.h"
#include "db/audit/AuditTrail.h"

namespace galvani::app::detail {

AppResult<std::optional<QString>> newestPolicyValue(RecordStore& store, const QString& field)
{
    db::audit::AuditTrail trail(store.impl().context());
    db::audit::AuditFilter filter;
    filter.table = kClinicPolicyTable;
    filter.field = field;
    std::optional<QString> value;
    while (true) {
        const auto page = trail.entries(filter);
        if (!page.ok()) {
            return fromDb(page.error());
        }
        for (const auto& e : *page) {
            if (e.action == QLatin1String(db::audit::action::kUpdate) && e.newValue) {
                value = *e.newValue; // oldest first: the last one seen is the newest
            }
        }
        if (page->size() < filter.limit) {
            break;
        }
        filter.afterId = page->back().id;
    }
    return value;
}

AppStatus recordPolicyChange(RecordStore& store, const SignedInUser& user, const QString& field,
    const QString& oldValue, const QString& newValue, const QString& reason)
{
    if (reason.trimmed().isEmpty()) {
        return AppError{AppError::Kind::Invalid, QStringLiteral("reason: a clinic policy change needs a reason")};
    }
    if (auto bad = checkText(reason, QStringLiteral("reason"), kMaxReasonChars)) {
        return *bad;
    }
    db::audit::AuditRecord record;
    record.actor = actorOf(user);
    record.action = QString::fromLatin1(db::audit::action::kUpdate);
    record.table = kClinicPolicyTable;
    record.field = field;
    record.oldValue = oldValue;
    record.newValue = newValue;
    record.reason = reason.trimmed();
    if (const auto written = db::audit::AuditTrail(store.impl().context()).append(record); !written.ok()) {
        return fromDb(written.error());
    }
    return {};
}

} // namespace galvani::app::detail
