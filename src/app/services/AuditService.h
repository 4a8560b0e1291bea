// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppResult.h"
#include "app/access/Access.h"

#include <QString>
#include <QtGlobal>

#include <optional>

namespace galvani::app {

// The result of checking the audit trail. Plain value.
struct AuditCheck {
    bool ok = false;
    QString status; // "OK", "MODIFIED", "DELETED", "INSERTED", "REORDERED", "TRUNCATED", "ANCHOR INVALID", …
    QString summary; // "OK (1234 rows, last id 1234)" or "MODIFIED at row 17: …"
    std::optional<qint64> brokenRowId; // the first row found broken
    qint64 rowsChecked = 0; // rows intact before the first break (all rows when ok)
    bool anchorUsed = false; // the workstation's anchor file was found and checked (catches a cut-off tail)
};

class RecordStore;

// Verifying the audit trail on demand (CLINICAL §7: chained, MACed, anchored outside the store). verify →
// VerifyAudit. Streams the whole trail (constant memory) and reports the first broken row; with the anchor file
// of the store's configuration it also sees rows cut off the end. An unreadable anchor file is a failed check.
// Thread affinity: the RecordStore's thread. Ownership: borrows the store.
class AuditService {
public:
    explicit AuditService(RecordStore& store);

    [[nodiscard]] AppResult<AuditCheck> verify(const SignedInUser& user);

private:
    RecordStore& m_store;
};

} // namespace galvani::app
