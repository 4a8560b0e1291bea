// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/audit/AuditAnchor.h"

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <optional>

namespace galvani::db {
class Database;
}

namespace galvani::db::audit {

class AuditKey;

// Outcome of checking the audit trail. rowId is the first row found broken (for Deleted: the first missing id;
// for Truncated: the first id past the end of the trail).
struct AuditVerdict {
    enum class Status {
        Ok,
        Modified, // a row's content no longer matches its hash, or its hash was recomputed without the key
        Deleted, // ids jump (a gap), or a row's predecessor is gone and ids were renumbered
        Inserted, // a row that does not belong: the chain continues around it, or its MAC is not ours
        Reordered, // an intact row stands after a row it was written before
        Truncated, // the anchor names rows past the end of the trail
        AnchorInvalid, // the anchor's MAC does not match this key
        Unreadable, // the audit table could not be read
    };
    Status status = Status::Ok;
    std::optional<qint64> rowId;
    QString detail;
    qint64 rowsChecked = 0; // rows found intact before the first break (all rows when Ok)
    qint64 lastId = 0; // id of the last intact row
    QByteArray lastHash; // its hash (hex), usable as a new anchor

    [[nodiscard]] bool ok() const { return status == Status::Ok; }
    // One line for logs and the CLI: "OK (1234 rows)" or "MODIFIED at row 17: …".
    [[nodiscard]] QString summary() const;
};

[[nodiscard]] QString toString(AuditVerdict::Status status);

// Walks the whole audit trail in id order, streaming (constant memory), and reports the first break.
// Checks per row: ids continue without a gap; the stored hash matches the row's content and its stated
// predecessor; the stated predecessor is the previous row; the MAC matches the key. With an anchor, also that
// the trail reaches the anchored row and that row still has the anchored hash.
// Thread affinity: the Database's thread. Ownership: borrows the Database and key.
class AuditVerifier {
public:
    AuditVerifier(Database& db, const AuditKey& key);
    [[nodiscard]] AuditVerdict verify(const std::optional<AuditAnchor>& anchor = std::nullopt);

private:
    Database& m_db;
    const AuditKey& m_key;
};

} // namespace galvani::db::audit
