// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/services/AuditService.h"

#include "app/access/AccessGuard.h"
#include "app/store/RecordStoreImpl.h"
#include "db/audit/AuditAnchor.h"
#include "db/audit/AuditVerifier.h"

#include <QFileInfo>

namespace galvani::app {

AuditService::AuditService(RecordStore& store) : m_store(store)
{
}

AppResult<AuditCheck> AuditService::verify(const SignedInUser& user)
{
    if (auto denied = checkAccess(m_store, user, Action::VerifyAudit)) {
        return *denied;
    }
    RecordStore::Impl& d = m_store.impl();
    AuditCheck check;
    std::optional<db::audit::AuditAnchor> anchor;
    const QString anchorPath = d.config.anchorPath;
    if (!anchorPath.isEmpty() && QFileInfo::exists(anchorPath)) {
        const auto read = db::audit::readAnchorFile(anchorPath);
        if (!read.ok()) {
            check.status = QStringLiteral("ANCHOR UNREADABLE");
            check.summary = QStringLiteral("anchor file %1 unreadable: %2").arg(anchorPath, read.error().message);
            return check;
        }
        anchor = read.value();
        check.anchorUsed = true;
    }
    const auto verdict = db::audit::AuditVerifier(d.db, d.auditKey).verify(anchor);
    check.ok = verdict.ok();
    check.status = db::audit::toString(verdict.status);
    check.summary = verdict.summary();
    check.brokenRowId = verdict.rowId;
    check.rowsChecked = verdict.rowsChecked;
    return check;
}

} // namespace galvani::app
