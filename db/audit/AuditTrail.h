// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/Result.h"
#include "db/StoreContext.h"
#include "db/audit/AuditAnchor.h"
#include "db/audit/AuditEntry.h"

#include <QJsonObject>
#include <QList>

#include <optional>

namespace galvani::db::audit {

// Which audit rows to list (all conditions combined with AND; empty = no condition).
struct AuditFilter {
    std::optional<qint64> fromUtcMs; // inclusive
    std::optional<qint64> toUtcMs; // exclusive
    std::optional<qint64> actorId;
    std::optional<QString> table;
    std::optional<qint64> recordId;
    std::optional<QString> action; // e.g. "self_test"
    std::optional<QString> field;
    std::optional<qint64> afterId; // paging: rows with id > afterId
    int limit = 1000;
};

// Writes and reads the audit trail (table audit_log).
// append() joins the transaction already open on the connection, so the audit row commits or rolls back with the
// change it describes; alone it runs in its own transaction. Rows are numbered last id + 1 under the write lock
// (SQLite: BEGIN IMMEDIATE; PostgreSQL: a SHARE ROW EXCLUSIVE lock on audit_log, which lets readers through but
// queues other writers), chained by SHA-256 and MACed with the key (see AuditChain.h).
// Times come from the context's Clock: UTC ms and monotonic ns.
// Thread affinity: the Database's thread. Ownership: borrows the context.
class AuditTrail {
public:
    explicit AuditTrail(const StoreContext& ctx);

    // Returns the new row's id.
    [[nodiscard]] Result<qint64> append(const AuditRecord& record);
    [[nodiscard]] Result<QList<AuditEntry>> entries(const AuditFilter& filter);
    [[nodiscard]] Result<qint64> count();
    // The current tail, MACed, for export outside the store.
    [[nodiscard]] Result<AuditAnchor> anchor();

private:
    StoreContext m_ctx;
};

// Compact JSON of a whole record, for the new value of a create or the old value of a delete.
[[nodiscard]] QString recordJson(const QJsonObject& object);

} // namespace galvani::db::audit
