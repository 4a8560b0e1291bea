// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/records/CalibrationRepository.h"

#include "db/ScopedTransaction.h"
#include "db/TimeStamp.h"
#include "db/audit/AuditEntry.h"
#include "db/records/RecordSupport.h"
#include "db/sql/Query.h"

#include <QCryptographicHash>
#include <QDate>

namespace galvani::db::records {

namespace {

const QString kCalibrationColumns = QStringLiteral(
    "id, device_serial, firmware, channel, technician_id, performed_utc_ms, due_utc_ms, status, gain_before_ppm, "
    "offset_before_ua, gain_after_ppm, offset_after_ua, notes, record_hash");

Calibration readCalibration(const sql::Query& q)
{
    Calibration c;
    c.id = q.int64(0);
    c.record.deviceSerial = q.text(1);
    c.record.firmware = q.text(2);
    c.record.channel = q.int32(3);
    c.technicianId = q.int64(4);
    c.performedUtcMs = q.int64(5);
    c.record.dueUtcMs = q.int64(6);
    c.record.status = fromText<CalibrationStatus>(q.text(7)).value_or(CalibrationStatus::Failed);
    c.record.gainBeforePpm = q.optInt64(8);
    c.record.offsetBeforeUa = q.optInt64(9);
    c.record.gainAfterPpm = q.optInt64(10);
    c.record.offsetAfterUa = q.optInt64(11);
    c.record.notes = q.text(12);
    c.recordHash = q.text(13);
    return c;
}

void put(QByteArray& out, const QString& s)
{
    const QByteArray u = s.toUtf8();
    out.append('S').append(QByteArray::number(u.size())).append(':').append(u);
}

void put(QByteArray& out, const std::optional<qint64>& v)
{
    if (v) {
        out.append('I').append(QByteArray::number(*v)).append(';');
    } else {
        out.append('N');
    }
}

} // namespace

CalibrationRepository::CalibrationRepository(const StoreContext& ctx) : m_ctx(ctx)
{
}

QString CalibrationRepository::recordHash(const Calibration& c)
{
    const NewCalibration& r = c.record;
    QByteArray b("galvani-calibration-v1|");
    put(b, r.deviceSerial);
    put(b, r.firmware);
    put(b, std::optional<qint64>(r.channel));
    put(b, std::optional<qint64>(c.technicianId));
    put(b, std::optional<qint64>(c.performedUtcMs));
    put(b, std::optional<qint64>(r.dueUtcMs));
    put(b, toText(r.status));
    put(b, r.gainBeforePpm);
    put(b, r.offsetBeforeUa);
    put(b, r.gainAfterPpm);
    put(b, r.offsetAfterUa);
    put(b, r.notes);
    put(b, std::optional<qint64>(r.instruments.size()));
    for (const CalibrationInstrument& i : r.instruments) {
        put(b, i.description);
        put(b, i.serial);
        put(b, i.dueDate);
    }
    put(b, std::optional<qint64>(r.points.size()));
    for (const CalibrationPoint& p : r.points) {
        for (qint64 v : {p.loadOhms, p.pulseWidthUs, p.frequencyMilliHz, p.commandedUa, p.measuredUa, p.errorUa(),
                 qint64{p.passed ? 1 : 0}}) {
            put(b, std::optional<qint64>(v));
        }
    }
    return QString::fromLatin1(QCryptographicHash::hash(b, QCryptographicHash::Sha256).toHex());
}

Status CalibrationRepository::validate(const NewCalibration& c, qint64 performedUtcMs)
{
    using support::checkRange;
    using support::checkText;
    for (const Status& s : {checkText(c.deviceSerial, QStringLiteral("device serial"), 100, true),
             checkText(c.firmware, QStringLiteral("firmware"), 100, true),
             checkRange(c.channel, 1, 8, QStringLiteral("channel")),
             checkText(c.notes, QStringLiteral("calibration notes"), 4000, false)}) {
        if (!s.ok()) {
            return s;
        }
    }
    if (c.dueUtcMs <= performedUtcMs) {
        return invalid(QStringLiteral("the next calibration must fall due after this one"));
    }
    const QDate performedDate = QDateTime::fromMSecsSinceEpoch(performedUtcMs, Qt::UTC).date();
    bool instrumentsInDate = true;
    for (const CalibrationInstrument& i : c.instruments) {
        for (const Status& s : {checkText(i.description, QStringLiteral("instrument"), 200, true),
                 checkText(i.serial, QStringLiteral("instrument serial"), 100, true),
                 support::checkDate(i.dueDate, QStringLiteral("instrument due date"))}) {
            if (!s.ok()) {
                return s;
            }
        }
        instrumentsInDate = instrumentsInDate && QDate::fromString(i.dueDate, Qt::ISODate) >= performedDate;
    }
    bool allPassed = true;
    for (const CalibrationPoint& p : c.points) {
        for (const Status& s : {checkRange(p.loadOhms, 1, 100'000, QStringLiteral("load (Ω)")),
                 checkRange(p.pulseWidthUs, 1, 4000, QStringLiteral("pulse width (µs)")),
                 checkRange(p.frequencyMilliHz, 1, 10'000'000, QStringLiteral("frequency (mHz)")),
                 checkRange(p.commandedUa, 0, 200'000, QStringLiteral("commanded current (µA)")),
                 checkRange(p.measuredUa, -200'000, 1'000'000, QStringLiteral("measured current (µA)"))}) {
            if (!s.ok()) {
                return s;
            }
        }
        allPassed = allPassed && p.passed;
    }
    if (c.status == CalibrationStatus::Passed) {
        if (c.points.size() < kMinPointsToPass) {
            return invalid(QStringLiteral("a passing calibration needs at least %1 points").arg(kMinPointsToPass));
        }
        if (!allPassed) {
            return invalid(QStringLiteral("a calibration with a failed point cannot pass"));
        }
        if (c.instruments.isEmpty()) {
            return invalid(QStringLiteral("a passing calibration must name its reference instruments"));
        }
        if (!instrumentsInDate) {
            return invalid(QStringLiteral("a reference instrument is past its own calibration due date"));
        }
        if (!c.gainAfterPpm || !c.offsetAfterUa) {
            return invalid(QStringLiteral("a passing calibration must record the fitted gain and offset"));
        }
    }
    return {};
}

Result<Calibration> CalibrationRepository::record(const NewCalibration& nc, const Actor& technician)
{
    const auto techId = support::requireUser(technician, QStringLiteral("a calibration"));
    if (!techId.ok()) {
        return techId.error();
    }
    Calibration c;
    c.technicianId = techId.value();
    c.performedUtcMs = utcMs(m_ctx.clock);
    c.record = nc;
    if (Status s = validate(nc, c.performedUtcMs); !s.ok()) {
        return s.error();
    }
    c.recordHash = recordHash(c);
    ScopedTransaction tx(m_ctx.db);
    if (!tx.began()) {
        return tx.status().error();
    }
    sql::Query q(m_ctx.db,
        QStringLiteral(
            "INSERT INTO calibrations (device_serial, firmware, channel, technician_id, performed_utc_ms, "
            "due_utc_ms, status, gain_before_ppm, offset_before_ua, gain_after_ppm, offset_after_ua, notes, "
            "record_hash) VALUES (:ser, :fw, :ch, :t, :at, :due, :st, :gb, :ob, :ga, :oa, :n, :h) RETURNING id"));
    q.bind(QStringLiteral(":ser"), nc.deviceSerial)
        .bind(QStringLiteral(":fw"), nc.firmware)
        .bind(QStringLiteral(":ch"), nc.channel)
        .bind(QStringLiteral(":t"), c.technicianId)
        .bind(QStringLiteral(":at"), c.performedUtcMs)
        .bind(QStringLiteral(":due"), nc.dueUtcMs)
        .bind(QStringLiteral(":st"), toText(nc.status))
        .bind(QStringLiteral(":gb"), nc.gainBeforePpm)
        .bind(QStringLiteral(":ob"), nc.offsetBeforeUa)
        .bind(QStringLiteral(":ga"), nc.gainAfterPpm)
        .bind(QStringLiteral(":oa"), nc.offsetAfterUa)
        .bind(QStringLiteral(":n"), nc.notes)
        .bind(QStringLiteral(":h"), c.recordHash);
    if (Status s = q.exec(QStringLiteral("record calibration")); !s.ok()) {
        return s.error();
    }
    if (!q.next()) {
        return storageError(QStringLiteral("record calibration returned no id"));
    }
    c.id = q.int64(0);
    q.finish();
    for (qsizetype i = 0; i < nc.instruments.size(); ++i) {
        const CalibrationInstrument& in = nc.instruments[i];
        sql::Query qi(m_ctx.db,
            QStringLiteral("INSERT INTO calibration_instruments (calibration_id, idx, description, serial, due_date) "
                           "VALUES (:c, :i, :d, :s, :due)"));
        qi.bind(QStringLiteral(":c"), c.id)
            .bind(QStringLiteral(":i"), static_cast<qint64>(i))
            .bind(QStringLiteral(":d"), in.description)
            .bind(QStringLiteral(":s"), in.serial)
            .bind(QStringLiteral(":due"), in.dueDate);
        if (Status s = qi.exec(QStringLiteral("record calibration instrument")); !s.ok()) {
            return s.error();
        }
    }
    for (qsizetype i = 0; i < nc.points.size(); ++i) {
        const CalibrationPoint& p = nc.points[i];
        sql::Query qp(m_ctx.db,
            QStringLiteral(
                "INSERT INTO calibration_points (calibration_id, idx, load_ohms, pulse_width_us, "
                "frequency_millihz, commanded_ua, measured_ua, error_ua, passed) VALUES (:c, :i, :l, :w, :f, "
                ":cmd, :m, :e, :p)"));
        qp.bind(QStringLiteral(":c"), c.id)
            .bind(QStringLiteral(":i"), static_cast<qint64>(i))
            .bind(QStringLiteral(":l"), p.loadOhms)
            .bind(QStringLiteral(":w"), p.pulseWidthUs)
            .bind(QStringLiteral(":f"), p.frequencyMilliHz)
            .bind(QStringLiteral(":cmd"), p.commandedUa)
            .bind(QStringLiteral(":m"), p.measuredUa)
            .bind(QStringLiteral(":e"), p.errorUa())
            .bind(QStringLiteral(":p"), p.passed ? 1 : 0);
        if (Status s = qp.exec(QStringLiteral("record calibration point")); !s.ok()) {
            return s.error();
        }
    }
    audit::AuditTrail trail(m_ctx);
    const QString summary = QStringLiteral("%1 channel %2: %3 (%4 points), due %5, record %6")
                                .arg(nc.deviceSerial)
                                .arg(nc.channel)
                                .arg(toText(nc.status))
                                .arg(nc.points.size())
                                .arg(isoUtc(nc.dueUtcMs), c.recordHash);
    if (Status s = support::auditAction(trail, technician, QString::fromLatin1(audit::action::kCalibration),
            QStringLiteral("calibrations"), c.id, summary);
        !s.ok()) {
        return s.error();
    }
    if (Status s = tx.commit(); !s.ok()) {
        return s.error();
    }
    return c;
}

Status CalibrationRepository::loadDetails(Calibration& c)
{
    {
        sql::Query q(m_ctx.db,
            QStringLiteral(
                "SELECT description, serial, due_date FROM calibration_instruments WHERE calibration_id = :c "
                "ORDER BY idx"));
        q.bind(QStringLiteral(":c"), c.id);
        if (Status s = q.exec(QStringLiteral("read calibration instruments")); !s.ok()) {
            return s;
        }
        while (q.next()) {
            c.record.instruments.append(CalibrationInstrument{q.text(0), q.text(1), q.text(2)});
        }
    }
    sql::Query q(m_ctx.db,
        QStringLiteral("SELECT load_ohms, pulse_width_us, frequency_millihz, commanded_ua, measured_ua, passed FROM "
                       "calibration_points WHERE calibration_id = :c ORDER BY idx"));
    q.bind(QStringLiteral(":c"), c.id);
    if (Status s = q.exec(QStringLiteral("read calibration points")); !s.ok()) {
        return s;
    }
    while (q.next()) {
        c.record.points.append(
            CalibrationPoint{q.int64(0), q.int64(1), q.int64(2), q.int64(3), q.int64(4), q.int64(5) != 0});
    }
    return {};
}

Result<Calibration> CalibrationRepository::byId(qint64 id)
{
    sql::Query q(m_ctx.db, QStringLiteral("SELECT %1 FROM calibrations WHERE id = :id").arg(kCalibrationColumns));
    q.bind(QStringLiteral(":id"), id);
    if (Status s = q.exec(QStringLiteral("read calibration")); !s.ok()) {
        return s.error();
    }
    if (!q.next()) {
        return notFound(QStringLiteral("no calibration with id %1").arg(id));
    }
    Calibration c = readCalibration(q);
    q.finish();
    if (Status s = loadDetails(c); !s.ok()) {
        return s.error();
    }
    return c;
}

Result<QList<Calibration>> CalibrationRepository::history(const QString& deviceSerial, int channel)
{
    QList<Calibration> out;
    {
        sql::Query q(m_ctx.db,
            QStringLiteral("SELECT %1 FROM calibrations WHERE device_serial = :s AND channel = :ch "
                           "ORDER BY performed_utc_ms, id")
                .arg(kCalibrationColumns));
        q.bind(QStringLiteral(":s"), deviceSerial).bind(QStringLiteral(":ch"), channel);
        if (Status s = q.exec(QStringLiteral("list calibrations")); !s.ok()) {
            return s.error();
        }
        while (q.next()) {
            out.append(readCalibration(q));
        }
    }
    for (Calibration& c : out) {
        if (Status s = loadDetails(c); !s.ok()) {
            return s.error();
        }
    }
    return out;
}

Result<CalibrationInForce> CalibrationRepository::inForce(const QString& deviceSerial, int channel)
{
    const auto all = history(deviceSerial, channel);
    if (!all.ok()) {
        return all.error();
    }
    CalibrationInForce out;
    for (auto it = all->crbegin(); it != all->crend(); ++it) {
        if (it->record.status == CalibrationStatus::Incomplete) {
            continue;
        }
        out.latest = *it;
        break;
    }
    if (!out.latest) {
        return out;
    }
    if (out.latest->record.status == CalibrationStatus::Failed) {
        out.state = CalibrationState::Failed;
    } else {
        out.state
            = utcMs(m_ctx.clock) < out.latest->record.dueUtcMs ? CalibrationState::Valid : CalibrationState::Overdue;
    }
    return out;
}

} // namespace galvani::db::records
