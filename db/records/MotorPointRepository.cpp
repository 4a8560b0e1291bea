// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/records/MotorPointRepository.h"

#include "db/ScopedTransaction.h"
#include "db/TimeStamp.h"
#include "db/records/RecordSupport.h"
#include "db/sql/Query.h"

namespace galvani::db::records {

namespace {

constexpr qint64 kMaxMotorPointCurrentUa = 100'000; // 100 mA design cap (CLINICAL.md §1.1)
const QString kMotorPointColumns = QStringLiteral(
    "m.id, m.placement_id, m.threshold_ua, m.pulse_width_us, m.frequency_millihz, m.sensory_threshold_ua, "
    "m.pain_threshold_ua, m.mti_ua, m.notes, m.measured_by, m.measured_utc_ms, m.reusable");

MotorPoint readPoint(const sql::Query& q)
{
    MotorPoint m;
    m.id = q.int64(0);
    m.fields.placementId = q.int64(1);
    m.fields.thresholdUa = q.int64(2);
    m.fields.pulseWidthUs = q.int64(3);
    m.fields.frequencyMilliHz = q.int64(4);
    m.fields.sensoryThresholdUa = q.optInt64(5);
    m.fields.painThresholdUa = q.optInt64(6);
    m.fields.mtiUa = q.optInt64(7);
    m.fields.notes = q.text(8);
    m.measuredBy = q.int64(9);
    m.measuredUtcMs = q.int64(10);
    m.reusable = q.int64(11) != 0;
    return m;
}

Result<QList<MotorPoint>> readAll(sql::Query& q)
{
    if (Status s = q.exec(QStringLiteral("list motor points")); !s.ok()) {
        return s.error();
    }
    QList<MotorPoint> out;
    while (q.next()) {
        out.append(readPoint(q));
    }
    return out;
}

} // namespace

MotorPointRepository::MotorPointRepository(const StoreContext& ctx) : m_ctx(ctx)
{
}

Status MotorPointRepository::validate(const MotorPointFields& f)
{
    using support::checkRange;
    for (const Status& s :
        {checkRange(f.thresholdUa, 1, kMaxMotorPointCurrentUa, QStringLiteral("motor threshold (µA)")),
            checkRange(f.pulseWidthUs, 1, 4000, QStringLiteral("pulse width (µs)")),
            checkRange(f.frequencyMilliHz, 1, 10'000'000, QStringLiteral("frequency (mHz)")),
            checkRange(
                f.sensoryThresholdUa.value_or(1), 1, kMaxMotorPointCurrentUa, QStringLiteral("sensory threshold (µA)")),
            checkRange(
                f.painThresholdUa.value_or(1), 1, kMaxMotorPointCurrentUa, QStringLiteral("pain threshold (µA)")),
            checkRange(
                f.mtiUa.value_or(1), 1, kMaxMotorPointCurrentUa, QStringLiteral("maximum tolerated intensity (µA)")),
            support::checkText(f.notes, QStringLiteral("motor point notes"), 250, false)}) {
        if (!s.ok()) {
            return s;
        }
    }
    return {};
}

Result<MotorPoint> MotorPointRepository::record(const MotorPointFields& f, const Actor& actor)
{
    const auto author = support::requireUser(actor, QStringLiteral("a motor point"));
    if (!author.ok()) {
        return author.error();
    }
    if (Status s = validate(f); !s.ok()) {
        return s.error();
    }
    ScopedTransaction tx(m_ctx.db);
    if (!tx.began()) {
        return tx.status().error();
    }
    MotorPoint m;
    m.fields = f;
    m.measuredBy = author.value();
    m.measuredUtcMs = utcMs(m_ctx.clock);
    sql::Query q(m_ctx.db,
        QStringLiteral("INSERT INTO motor_points (placement_id, measured_by, measured_utc_ms, threshold_ua, "
                       "pulse_width_us, frequency_millihz, sensory_threshold_ua, pain_threshold_ua, mti_ua, reusable, "
                       "notes) VALUES (:pl, :by, :at, :th, :pw, :f, :st, :pt, :mti, 1, :n) RETURNING id"));
    q.bind(QStringLiteral(":pl"), f.placementId)
        .bind(QStringLiteral(":by"), m.measuredBy)
        .bind(QStringLiteral(":at"), m.measuredUtcMs)
        .bind(QStringLiteral(":th"), f.thresholdUa)
        .bind(QStringLiteral(":pw"), f.pulseWidthUs)
        .bind(QStringLiteral(":f"), f.frequencyMilliHz)
        .bind(QStringLiteral(":st"), f.sensoryThresholdUa)
        .bind(QStringLiteral(":pt"), f.painThresholdUa)
        .bind(QStringLiteral(":mti"), f.mtiUa)
        .bind(QStringLiteral(":n"), f.notes);
    if (Status s = q.exec(QStringLiteral("record motor point")); !s.ok()) {
        return s.error();
    }
    if (!q.next()) {
        return storageError(QStringLiteral("record motor point returned no id"));
    }
    m.id = q.int64(0);
    q.finish();
    QJsonObject json{{QStringLiteral("placement_id"), f.placementId}, {QStringLiteral("threshold_ua"), f.thresholdUa},
        {QStringLiteral("pulse_width_us"), f.pulseWidthUs}, {QStringLiteral("frequency_millihz"), f.frequencyMilliHz},
        {QStringLiteral("notes"), f.notes}};
    if (f.sensoryThresholdUa) {
        json.insert(QStringLiteral("sensory_threshold_ua"), *f.sensoryThresholdUa);
    }
    if (f.painThresholdUa) {
        json.insert(QStringLiteral("pain_threshold_ua"), *f.painThresholdUa);
    }
    if (f.mtiUa) {
        json.insert(QStringLiteral("mti_ua"), *f.mtiUa);
    }
    audit::AuditTrail trail(m_ctx);
    if (Status s = support::auditCreate(trail, actor, QStringLiteral("motor_points"), m.id, json); !s.ok()) {
        return s.error();
    }
    if (Status s = tx.commit(); !s.ok()) {
        return s.error();
    }
    return m;
}

Result<MotorPoint> MotorPointRepository::byId(qint64 id)
{
    sql::Query q(m_ctx.db, QStringLiteral("SELECT %1 FROM motor_points m WHERE m.id = :id").arg(kMotorPointColumns));
    q.bind(QStringLiteral(":id"), id);
    auto all = readAll(q);
    if (!all.ok()) {
        return all.error();
    }
    if (all->isEmpty()) {
        return notFound(QStringLiteral("no motor point with id %1").arg(id));
    }
    return all->first();
}

Result<QList<MotorPoint>> MotorPointRepository::forPlacement(qint64 placementId)
{
    sql::Query q(m_ctx.db,
        QStringLiteral("SELECT %1 FROM motor_points m WHERE m.placement_id = :p ORDER BY m.id")
            .arg(kMotorPointColumns));
    q.bind(QStringLiteral(":p"), placementId);
    return readAll(q);
}

Result<QList<MotorPoint>> MotorPointRepository::reusableForPatient(qint64 patientId)
{
    sql::Query q(m_ctx.db,
        QStringLiteral("SELECT %1 FROM motor_points m JOIN placements p ON p.id = m.placement_id "
                       "WHERE p.patient_id = :p AND m.reusable = 1 ORDER BY m.measured_utc_ms DESC, m.id DESC")
            .arg(kMotorPointColumns));
    q.bind(QStringLiteral(":p"), patientId);
    return readAll(q);
}

Result<MotorPoint> MotorPointRepository::setReusable(
    qint64 id, bool reusable, const Actor& actor, const std::optional<QString>& reason)
{
    if (Status s = support::checkReason(reason); !s.ok()) {
        return s.error();
    }
    ScopedTransaction tx(m_ctx.db);
    if (!tx.began()) {
        return tx.status().error();
    }
    auto before = byId(id);
    if (!before.ok()) {
        return before.error();
    }
    if (before->reusable == reusable) {
        (void)tx.commit();
        return before;
    }
    sql::Query q(m_ctx.db, QStringLiteral("UPDATE motor_points SET reusable = :r WHERE id = :id"));
    q.bind(QStringLiteral(":r"), reusable ? 1 : 0).bind(QStringLiteral(":id"), id);
    if (Status s = q.exec(QStringLiteral("update motor point %1").arg(id)); !s.ok()) {
        return s.error();
    }
    audit::AuditTrail trail(m_ctx);
    QList<support::FieldChange> changes;
    support::diff(changes, QStringLiteral("reusable"), before->reusable ? 1 : 0, reusable ? 1 : 0);
    if (Status s = support::auditChanges(trail, actor, QStringLiteral("motor_points"), id, changes, reason); !s.ok()) {
        return s.error();
    }
    if (Status s = tx.commit(); !s.ok()) {
        return s.error();
    }
    return byId(id);
}

} // namespace galvani::db::records
