// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/audit/AuditTrail.h"

#include "db/Database.h"
#include "db/ScopedTransaction.h"
#include "db/TimeStamp.h"
#include "db/audit/AuditChain.h"
#include "db/sql/Query.h"

#include <QJsonDocument>

namespace galvani::db::audit {

namespace {

const QString kColumns
    = QStringLiteral("id, at_utc_ms, at_mono_ns, actor_id, actor_name, action, table_name, record_id, "
                     "field, old_value, new_value, reason, prev_hash, hash, mac");

AuditEntry readEntry(const sql::Query& q)
{
    AuditEntry e;
    e.id = q.int64(0);
    e.atUtcMs = q.int64(1);
    e.atMonoNs = q.int64(2);
    e.actorId = q.optInt64(3);
    e.actorName = q.text(4);
    e.action = q.text(5);
    e.table = q.optText(6);
    e.recordId = q.optInt64(7);
    e.field = q.optText(8);
    e.oldValue = q.optText(9);
    e.newValue = q.optText(10);
    e.reason = q.optText(11);
    e.prevHash = q.text(12).toLatin1();
    e.hash = q.text(13).toLatin1();
    e.mac = q.text(14).toLatin1();
    return e;
}

} // namespace

QString recordJson(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

AuditTrail::AuditTrail(const StoreContext& ctx) : m_ctx(ctx)
{
}

Result<qint64> AuditTrail::append(const AuditRecord& record)
{
    if (record.action.isEmpty() || record.actor.name.isEmpty()) {
        return invalid(QStringLiteral("an audit row needs an action and an actor"));
    }
    ScopedTransaction tx(m_ctx.db);
    if (!tx.began()) {
        return tx.status().error();
    }
    if (m_ctx.db.dialect() == Dialect::Postgresql) {
        if (Status s = sql::execRaw(m_ctx.db, QStringLiteral("LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE"));
            !s.ok()) {
            return s.error();
        }
    }
    AuditEntry e;
    e.id = 1;
    e.prevHash = chain::genesisHash();
    {
        sql::Query tail(m_ctx.db, QStringLiteral("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"));
        if (Status s = tail.exec(QStringLiteral("read the audit tail")); !s.ok()) {
            return s.error();
        }
        if (tail.next()) {
            e.id = tail.int64(0) + 1;
            e.prevHash = tail.text(1).toLatin1();
        }
    }
    const TimeStamp now = stamp(m_ctx.clock);
    e.atUtcMs = now.utcMs;
    e.atMonoNs = now.monoNs;
    e.actorId = record.actor.userId;
    e.actorName = record.actor.name;
    e.action = record.action;
    e.table = record.table;
    e.recordId = record.recordId;
    e.field = record.field;
    e.oldValue = record.oldValue;
    e.newValue = record.newValue;
    e.reason = record.reason;
    e.hash = chain::link(e.prevHash, chain::canonical(e));
    e.mac = chain::rowMac(m_ctx.auditKey, e.hash);

    sql::Query ins(m_ctx.db,
        QStringLiteral("INSERT INTO audit_log (%1) VALUES (:id, :utc, :mono, :actor_id, :actor_name, :action, :tbl, "
                       ":rec, :field, :old, :new, :reason, :prev, :hash, :mac)")
            .arg(kColumns));
    ins.bind(QStringLiteral(":id"), e.id)
        .bind(QStringLiteral(":utc"), e.atUtcMs)
        .bind(QStringLiteral(":mono"), e.atMonoNs)
        .bind(QStringLiteral(":actor_id"), e.actorId)
        .bind(QStringLiteral(":actor_name"), e.actorName)
        .bind(QStringLiteral(":action"), e.action)
        .bind(QStringLiteral(":tbl"), e.table)
        .bind(QStringLiteral(":rec"), e.recordId)
        .bind(QStringLiteral(":field"), e.field)
        .bind(QStringLiteral(":old"), e.oldValue)
        .bind(QStringLiteral(":new"), e.newValue)
        .bind(QStringLiteral(":reason"), e.reason)
        .bind(QStringLiteral(":prev"), QString::fromLatin1(e.prevHash))
        .bind(QStringLiteral(":hash"), QString::fromLatin1(e.hash))
        .bind(QStringLiteral(":mac"), QString::fromLatin1(e.mac));
    if (Status s = ins.exec(QStringLiteral("append an audit row")); !s.ok()) {
        return s.error();
    }
    if (Status s = tx.commit(); !s.ok()) {
        return s.error();
    }
    return e.id;
}

Result<QList<AuditEntry>> AuditTrail::entries(const AuditFilter& f)
{
    // Fixed SQL with "no condition" encoded as NULL parameters, so nothing user-supplied is ever spliced in.
    // The casts give PostgreSQL a type for parameters that are only tested for NULL.
    sql::Query q(m_ctx.db,
        QStringLiteral("SELECT %1 FROM audit_log WHERE (CAST(:from1 AS BIGINT) IS NULL OR at_utc_ms >= :from2) "
                       "AND (CAST(:to1 AS BIGINT) IS NULL OR at_utc_ms < :to2) "
                       "AND (CAST(:actor1 AS BIGINT) IS NULL OR actor_id = :actor2) "
                       "AND (CAST(:tbl1 AS TEXT) IS NULL OR table_name = :tbl2) "
                       "AND (CAST(:rec1 AS BIGINT) IS NULL OR record_id = :rec2) "
                       "AND (CAST(:act1 AS TEXT) IS NULL OR action = :act2) "
                       "AND (CAST(:fld1 AS TEXT) IS NULL OR field = :fld2) "
                       "AND id > :after ORDER BY id LIMIT :lim")
            .arg(kColumns));
    q.bind(QStringLiteral(":from1"), f.fromUtcMs).bind(QStringLiteral(":from2"), f.fromUtcMs);
    q.bind(QStringLiteral(":to1"), f.toUtcMs).bind(QStringLiteral(":to2"), f.toUtcMs);
    q.bind(QStringLiteral(":actor1"), f.actorId).bind(QStringLiteral(":actor2"), f.actorId);
    q.bind(QStringLiteral(":tbl1"), f.table).bind(QStringLiteral(":tbl2"), f.table);
    q.bind(QStringLiteral(":rec1"), f.recordId).bind(QStringLiteral(":rec2"), f.recordId);
    q.bind(QStringLiteral(":act1"), f.action).bind(QStringLiteral(":act2"), f.action);
    q.bind(QStringLiteral(":fld1"), f.field).bind(QStringLiteral(":fld2"), f.field);
    q.bind(QStringLiteral(":after"), f.afterId.value_or(0)).bind(QStringLiteral(":lim"), qMax(1, f.limit));
    if (Status s = q.exec(QStringLiteral("list audit rows")); !s.ok()) {
        return s.error();
    }
    QList<AuditEntry> out;
    while (q.next()) {
        out.append(readEntry(q));
    }
    return out;
}

Result<qint64> AuditTrail::count()
{
    const Result<QVariant> n = sql::scalar(m_ctx.db, QStringLiteral("SELECT count(*) FROM audit_log"));
    if (!n.ok()) {
        return n.error();
    }
    return n.value().toLongLong();
}

Result<AuditAnchor> AuditTrail::anchor()
{
    sql::Query tail(m_ctx.db, QStringLiteral("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"));
    if (Status s = tail.exec(QStringLiteral("read the audit tail")); !s.ok()) {
        return s.error();
    }
    if (!tail.next()) {
        return AuditAnchor::make(0, chain::genesisHash(), m_ctx.auditKey);
    }
    return AuditAnchor::make(tail.int64(0), tail.text(1).toLatin1(), m_ctx.auditKey);
}

} // namespace galvani::db::audit
