// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/audit/AuditVerifier.h"

#include "db/Database.h"
#include "db/audit/AuditChain.h"
#include "db/audit/AuditKey.h"

#include <QSqlError>
#include <QSqlQuery>

namespace galvani::db::audit {

namespace {

using VStatus = AuditVerdict::Status;

std::optional<AuditEntry> fetch(QSqlQuery& q)
{
    if (!q.next()) {
        return std::nullopt;
    }
    auto opt = [&q](int c) {
        return q.isNull(c) ? std::optional<QString>() : std::optional<QString>(q.value(c).toString());
    };
    auto optInt = [&q](int c) {
        return q.isNull(c) ? std::optional<qint64>() : std::optional<qint64>(q.value(c).toLongLong());
    };
    AuditEntry e;
    e.id = q.value(0).toLongLong();
    e.atUtcMs = q.value(1).toLongLong();
    e.atMonoNs = q.value(2).toLongLong();
    e.actorId = optInt(3);
    e.actorName = q.value(4).toString();
    e.action = q.value(5).toString();
    e.table = opt(6);
    e.recordId = optInt(7);
    e.field = opt(8);
    e.oldValue = opt(9);
    e.newValue = opt(10);
    e.reason = opt(11);
    e.prevHash = q.value(12).toString().toLatin1();
    e.hash = q.value(13).toString().toLatin1();
    e.mac = q.value(14).toString().toLatin1();
    return e;
}

// A row whose successor names this row's predecessor does not belong between them.
bool successorSkips(const std::optional<AuditEntry>& next, const QByteArray& prevHash)
{
    return next && chain::sameHex(next->prevHash, prevHash);
}

} // namespace

QString toString(AuditVerdict::Status status)
{
    switch (status) {
    case VStatus::Ok:
        return QStringLiteral("OK");
    case VStatus::Modified:
        return QStringLiteral("MODIFIED");
    case VStatus::Deleted:
        return QStringLiteral("DELETED");
    case VStatus::Inserted:
        return QStringLiteral("INSERTED");
    case VStatus::Reordered:
        return QStringLiteral("REORDERED");
    case VStatus::Truncated:
        return QStringLiteral("TRUNCATED");
    case VStatus::AnchorInvalid:
        return QStringLiteral("ANCHOR INVALID");
    case VStatus::Unreadable:
        return QStringLiteral("UNREADABLE");
    }
    return QStringLiteral("UNKNOWN");
}

QString AuditVerdict::summary() const
{
    if (ok()) {
        return QStringLiteral("OK (%1 rows, last id %2)").arg(rowsChecked).arg(lastId);
    }
    if (rowId) {
        return QStringLiteral("%1 at row %2: %3").arg(toString(status)).arg(*rowId).arg(detail);
    }
    return QStringLiteral("%1: %2").arg(toString(status), detail);
}

AuditVerifier::AuditVerifier(Database& db, const AuditKey& key) : m_db(db), m_key(key)
{
}

AuditVerdict AuditVerifier::verify(const std::optional<AuditAnchor>& anchor)
{
    AuditVerdict v;
    v.lastHash = chain::genesisHash();
    if (anchor && !anchor->authentic(m_key)) {
        v.status = VStatus::AnchorInvalid;
        v.detail = QStringLiteral("the anchor's MAC does not match the audit key (forged anchor, or another key)");
        return v;
    }

    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!q.exec(
            QStringLiteral("SELECT id, at_utc_ms, at_mono_ns, actor_id, actor_name, action, table_name, record_id, "
                           "field, old_value, new_value, reason, prev_hash, hash, mac FROM audit_log ORDER BY id"))) {
        v.status = VStatus::Unreadable;
        v.detail = q.lastError().text();
        return v;
    }

    qint64 expectedId = 1;
    QByteArray prevHash = chain::genesisHash();
    std::optional<QByteArray> anchoredHashSeen;
    std::optional<QByteArray> lookupHash; // a linkage break whose cause needs one more query
    std::optional<AuditEntry> cur = fetch(q);
    while (cur) {
        std::optional<AuditEntry> next = fetch(q);
        const bool skipped = successorSkips(next, prevHash);
        if (cur->id != expectedId) {
            v.status = VStatus::Deleted;
            v.rowId = expectedId;
            v.detail = QStringLiteral("rows %1 to %2 are missing").arg(expectedId).arg(cur->id - 1);
            break;
        }
        if (!chain::sameHex(chain::link(cur->prevHash, chain::canonical(*cur)), cur->hash)) {
            v.status = skipped ? VStatus::Inserted : VStatus::Modified;
            v.rowId = cur->id;
            v.detail = skipped
                ? QStringLiteral("the row is not part of the chain: the next row follows the one before it")
                : QStringLiteral("the row's content does not match its stored hash");
            break;
        }
        if (!chain::sameHex(cur->prevHash, prevHash)) {
            v.rowId = cur->id;
            if (next && chain::sameHex(cur->prevHash, next->hash)) {
                // Its predecessor comes right after it: two rows were swapped.
                v.status = VStatus::Reordered;
                v.detail = QStringLiteral("the row was written after row %1, which now follows it").arg(next->id);
            } else if (skipped) {
                v.status = VStatus::Inserted;
                v.detail = QStringLiteral("the row is not part of the chain: the next row follows the one before it");
            } else {
                lookupHash = cur->prevHash;
            }
            break;
        }
        if (!chain::sameHex(chain::rowMac(m_key, cur->hash), cur->mac)) {
            v.rowId = cur->id;
            if (skipped || !next) {
                v.status = VStatus::Inserted;
                v.detail = QStringLiteral("the row's MAC does not match the key: it was not written by Galvani");
            } else {
                v.status = VStatus::Modified;
                v.detail = QStringLiteral("the row's MAC does not match: its hash was recomputed without the key");
            }
            break;
        }
        if (anchor && cur->id == anchor->id) {
            anchoredHashSeen = cur->hash;
        }
        prevHash = cur->hash;
        v.lastId = cur->id;
        v.lastHash = cur->hash;
        ++v.rowsChecked;
        ++expectedId;
        cur = std::move(next);
    }
    q.finish();

    if (lookupHash) {
        // The row is intact but names a predecessor other than the row before it. If that predecessor exists
        // further on, rows were swapped; if it is nowhere, it was deleted and the ids closed up.
        QSqlQuery find(m_db.connection());
        find.prepare(QStringLiteral("SELECT id FROM audit_log WHERE hash = :h ORDER BY id LIMIT 1"));
        find.bindValue(QStringLiteral(":h"), QString::fromLatin1(*lookupHash));
        if (find.exec() && find.next()) {
            v.status = VStatus::Reordered;
            v.detail = QStringLiteral("the row was written after row %1, which now stands elsewhere")
                           .arg(find.value(0).toLongLong());
        } else {
            v.status = VStatus::Deleted;
            v.detail = QStringLiteral("the row before it in the chain is missing (rows deleted and ids renumbered)");
        }
        return v;
    }
    if (!v.ok() || !anchor) {
        return v;
    }
    if (anchor->id > v.lastId) {
        v.status = VStatus::Truncated;
        v.rowId = v.lastId + 1;
        v.detail = QStringLiteral("the anchor names row %1 but the trail ends at row %2").arg(anchor->id).arg(v.lastId);
    } else if (anchor->id > 0 && (!anchoredHashSeen || !chain::sameHex(*anchoredHashSeen, anchor->hash))) {
        v.status = VStatus::Modified;
        v.rowId = anchor->id;
        v.detail = QStringLiteral("the row differs from the anchored one: the chain was rewritten");
    }
    return v;
}

} // namespace galvani::db::audit
