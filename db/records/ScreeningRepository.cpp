// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/records/ScreeningRepository.h"

#include "db/ScopedTransaction.h"
#include "db/TimeStamp.h"
#include "db/records/ContraindicationChecklist.h"
#include "db/records/RecordSupport.h"
#include "db/sql/Query.h"

#include <QJsonArray>

namespace galvani::db::records {

namespace {

const QString kScreeningColumns
    = QStringLiteral("id, patient_id, screened_by, screened_utc_ms, outcome, expires_utc_ms, clearance_reason, notes");

Screening readScreening(const sql::Query& q)
{
    Screening s;
    s.id = q.int64(0);
    s.patientId = q.int64(1);
    s.screenedBy = q.int64(2);
    s.screenedUtcMs = q.int64(3);
    s.outcome = fromText<ScreeningOutcome>(q.text(4)).value_or(ScreeningOutcome::Blocked);
    s.expiresUtcMs = q.int64(5);
    s.clearanceReason = q.optText(6);
    s.notes = q.text(7);
    return s;
}

QJsonObject toJson(const Screening& s)
{
    QJsonArray items;
    for (const ScreeningItem& i : s.items) {
        items.append(QJsonObject{{QStringLiteral("code"), i.code}, {QStringLiteral("severity"), toText(i.severity)},
            {QStringLiteral("answer"), toText(i.answer)}, {QStringLiteral("acknowledged"), i.acknowledged},
            {QStringLiteral("detail"), i.detail}});
    }
    QJsonObject o{{QStringLiteral("patient_id"), s.patientId}, {QStringLiteral("outcome"), toText(s.outcome)},
        {QStringLiteral("screened_utc_ms"), s.screenedUtcMs}, {QStringLiteral("expires_utc_ms"), s.expiresUtcMs},
        {QStringLiteral("notes"), s.notes}, {QStringLiteral("items"), items}};
    if (s.clearanceReason) {
        o.insert(QStringLiteral("clearance_reason"), *s.clearanceReason);
    }
    return o;
}

} // namespace

ScreeningRepository::ScreeningRepository(const StoreContext& ctx) : m_ctx(ctx)
{
}

Result<Screening> ScreeningRepository::record(const NewScreening& ns, const Actor& actor)
{
    const auto author = support::requireUser(actor, QStringLiteral("a screening"));
    if (!author.ok()) {
        return author.error();
    }
    if (Status s = ContraindicationChecklist::checkComplete(ns.items); !s.ok()) {
        return s.error();
    }
    if (Status s = support::checkText(ns.notes, QStringLiteral("screening notes"), 4000, false); !s.ok()) {
        return s.error();
    }
    if (ns.clearanceReason) {
        if (Status s = support::checkText(*ns.clearanceReason, QStringLiteral("clearance reason"), 1000, true);
            !s.ok()) {
            return s.error();
        }
    }
    Screening s;
    s.patientId = ns.patientId;
    s.screenedBy = author.value();
    s.screenedUtcMs = utcMs(m_ctx.clock);
    s.outcome = ContraindicationChecklist::derive(ns.items, ns.clearanceReason);
    s.expiresUtcMs = ns.expiresUtcMs;
    s.clearanceReason = ns.clearanceReason;
    s.notes = ns.notes;
    s.items = ns.items;
    if (s.expiresUtcMs <= s.screenedUtcMs) {
        return invalid(QStringLiteral("the screening would expire before it is signed"));
    }

    ScopedTransaction tx(m_ctx.db);
    if (!tx.began()) {
        return tx.status().error();
    }
    sql::Query q(m_ctx.db,
        QStringLiteral("INSERT INTO screenings (patient_id, screened_by, screened_utc_ms, outcome, expires_utc_ms, "
                       "clearance_reason, notes) VALUES (:p, :by, :at, :o, :exp, :cr, :n) RETURNING id"));
    q.bind(QStringLiteral(":p"), s.patientId)
        .bind(QStringLiteral(":by"), s.screenedBy)
        .bind(QStringLiteral(":at"), s.screenedUtcMs)
        .bind(QStringLiteral(":o"), toText(s.outcome))
        .bind(QStringLiteral(":exp"), s.expiresUtcMs)
        .bind(QStringLiteral(":cr"), s.clearanceReason)
        .bind(QStringLiteral(":n"), s.notes);
    if (Status st = q.exec(QStringLiteral("record screening")); !st.ok()) {
        return st.error();
    }
    if (!q.next()) {
        return storageError(QStringLiteral("record screening returned no id"));
    }
    s.id = q.int64(0);
    q.finish();
    for (const ScreeningItem& i : s.items) {
        sql::Query qi(m_ctx.db,
            QStringLiteral("INSERT INTO screening_items (screening_id, item_code, severity, answer, acknowledged, "
                           "detail) VALUES (:s, :c, :sev, :a, :ack, :d)"));
        qi.bind(QStringLiteral(":s"), s.id)
            .bind(QStringLiteral(":c"), i.code)
            .bind(QStringLiteral(":sev"), toText(i.severity))
            .bind(QStringLiteral(":a"), toText(i.answer))
            .bind(QStringLiteral(":ack"), i.acknowledged ? 1 : 0)
            .bind(QStringLiteral(":d"), i.detail);
        if (Status st = qi.exec(QStringLiteral("record screening item %1").arg(i.code)); !st.ok()) {
            return st.error();
        }
    }
    audit::AuditTrail trail(m_ctx);
    if (Status st = support::auditCreate(trail, actor, QStringLiteral("screenings"), s.id, toJson(s)); !st.ok()) {
        return st.error();
    }
    if (Status st = tx.commit(); !st.ok()) {
        return st.error();
    }
    return s;
}

Status ScreeningRepository::loadItems(Screening& s)
{
    sql::Query q(m_ctx.db,
        QStringLiteral("SELECT item_code, severity, answer, acknowledged, detail FROM screening_items WHERE "
                       "screening_id = :s ORDER BY item_code"));
    q.bind(QStringLiteral(":s"), s.id);
    if (Status st = q.exec(QStringLiteral("read screening items")); !st.ok()) {
        return st;
    }
    s.items.clear();
    while (q.next()) {
        s.items.append(ScreeningItem{q.text(0), fromText<Severity>(q.text(1)).value_or(Severity::Absolute),
            fromText<Answer>(q.text(2)).value_or(Answer::Unknown), q.int64(3) != 0, q.text(4)});
    }
    return {};
}

Result<Screening> ScreeningRepository::byId(qint64 id)
{
    sql::Query q(m_ctx.db, QStringLiteral("SELECT %1 FROM screenings WHERE id = :id").arg(kScreeningColumns));
    q.bind(QStringLiteral(":id"), id);
    if (Status st = q.exec(QStringLiteral("read screening")); !st.ok()) {
        return st.error();
    }
    if (!q.next()) {
        return notFound(QStringLiteral("no screening with id %1").arg(id));
    }
    Screening s = readScreening(q);
    q.finish();
    if (Status st = loadItems(s); !st.ok()) {
        return st.error();
    }
    return s;
}

Result<Screening> ScreeningRepository::latest(qint64 patientId)
{
    sql::Query q(m_ctx.db,
        QStringLiteral(
            "SELECT id FROM screenings WHERE patient_id = :p ORDER BY screened_utc_ms DESC, id DESC LIMIT 1"));
    q.bind(QStringLiteral(":p"), patientId);
    if (Status st = q.exec(QStringLiteral("find latest screening")); !st.ok()) {
        return st.error();
    }
    if (!q.next()) {
        return notFound(QStringLiteral("patient %1 has no screening").arg(patientId));
    }
    const qint64 id = q.int64(0);
    q.finish();
    return byId(id);
}

Result<QList<Screening>> ScreeningRepository::history(qint64 patientId)
{
    QList<Screening> out;
    {
        sql::Query q(m_ctx.db,
            QStringLiteral("SELECT %1 FROM screenings WHERE patient_id = :p ORDER BY screened_utc_ms, id")
                .arg(kScreeningColumns));
        q.bind(QStringLiteral(":p"), patientId);
        if (Status st = q.exec(QStringLiteral("list screenings")); !st.ok()) {
            return st.error();
        }
        while (q.next()) {
            out.append(readScreening(q));
        }
    }
    for (Screening& s : out) {
        if (Status st = loadItems(s); !st.ok()) {
            return st.error();
        }
    }
    return out;
}

} // namespace galvani::db::records
