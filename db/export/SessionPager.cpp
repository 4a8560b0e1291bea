// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/export/SessionPager.h"

#include "db/Database.h"
#include "db/sql/Query.h"

#include <QHash>
#include <QSet>
#include <QStringList>

namespace galvani::db::exp {

namespace {

// Sum / count rounded to the nearest integer, halves away from zero (count > 0).
qint64 roundedMean(qint64 sum, qint64 count)
{
    const qint64 half = count / 2;
    return sum >= 0 ? (sum + half) / count : -((-sum + half) / count);
}

// The page's ids as an SQL list. Only integers read from the store itself are spliced (db/README.md).
QString idList(const QList<qint64>& ids)
{
    QStringList parts;
    parts.reserve(ids.size());
    for (const qint64 id : ids) {
        parts.append(QString::number(id));
    }
    return parts.join(QLatin1Char(','));
}

} // namespace

SessionPager::SessionPager(Database& db, const ExportFilter& filter, int pageSize)
    : m_db(db), m_filter(filter), m_pageSize(pageSize)
{
}

// Fixed fragments per filter condition; the values are bound, never spliced.
QString SessionPager::where() const
{
    QString w;
    if (m_filter.fromUtcMs) {
        w += QStringLiteral(" AND s.started_utc_ms >= :from_ms");
    }
    if (m_filter.toUtcMs) {
        w += QStringLiteral(" AND s.started_utc_ms < :to_ms");
    }
    if (m_filter.patientId) {
        w += QStringLiteral(" AND s.patient_id = :patient");
    }
    if (m_filter.therapistId) {
        w += QStringLiteral(" AND s.therapist_id = :therapist");
    }
    return w;
}

namespace {

void bindFilter(sql::Query& q, const ExportFilter& f)
{
    if (f.fromUtcMs) {
        q.bind(QStringLiteral(":from_ms"), *f.fromUtcMs);
    }
    if (f.toUtcMs) {
        q.bind(QStringLiteral(":to_ms"), *f.toUtcMs);
    }
    if (f.patientId) {
        q.bind(QStringLiteral(":patient"), *f.patientId);
    }
    if (f.therapistId) {
        q.bind(QStringLiteral(":therapist"), *f.therapistId);
    }
}

} // namespace

Result<qint64> SessionPager::count()
{
    sql::Query q(m_db, QStringLiteral("SELECT count(*), max(s.id) FROM sessions s WHERE 1 = 1") + where());
    bindFilter(q, m_filter);
    if (Status s = q.exec(QStringLiteral("count sessions to export")); !s.ok()) {
        return s.error();
    }
    const qint64 n = q.next() ? q.int64(0) : 0;
    m_maxId = n > 0 ? q.int64(1) : 0;
    m_counted = true;
    m_done = n == 0;
    return n;
}

Result<QList<ExportSession>> SessionPager::next()
{
    if (!m_counted) {
        return storageError(QStringLiteral("export pager: count() must run before next()"));
    }
    QList<ExportSession> page;
    if (m_done) {
        return page;
    }
    sql::Query q(m_db,
        QStringLiteral(
            "SELECT s.id, s.workstation, s.device_id, s.firmware, s.started_utc_ms, s.ended_utc_ms, s.end_reason, "
            "p.id, p.pseudonym, p.mrn, p.family_name, p.given_names, p.birth_date, u.id, u.username, u.display_name "
            "FROM sessions s JOIN patients p ON p.id = s.patient_id JOIN users u ON u.id = s.therapist_id "
            "WHERE s.id > :after AND s.id <= :max_id")
            + where() + QStringLiteral(" ORDER BY s.id LIMIT %1").arg(m_pageSize));
    q.bind(QStringLiteral(":after"), m_afterId).bind(QStringLiteral(":max_id"), m_maxId);
    bindFilter(q, m_filter);
    if (Status s = q.exec(QStringLiteral("read sessions to export")); !s.ok()) {
        return s.error();
    }
    QList<qint64> ids;
    QSet<qint64> patients;
    while (q.next()) {
        ExportSession s;
        s.id = q.int64(0);
        s.workstation = q.text(1);
        s.deviceId = q.text(2);
        s.firmware = q.text(3);
        s.startedUtcMs = q.int64(4);
        s.endedUtcMs = q.optInt64(5);
        s.endReason = q.optText(6);
        s.patient = ExportPatient{q.int64(7), q.text(8), q.text(9), q.text(10), q.text(11), q.text(12)};
        s.therapist = ExportTherapist{q.int64(13), q.text(14), q.text(15)};
        ids.append(s.id);
        patients.insert(s.patient.id);
        page.append(std::move(s));
    }
    q.finish();
    if (page.isEmpty()) {
        m_done = true;
        return page;
    }
    m_afterId = ids.last();
    m_done = page.size() < m_pageSize || m_afterId >= m_maxId;
    const QString idText = idList(ids);
    if (Status s = loadChannels(page, idText); !s.ok()) {
        return s.error();
    }
    if (Status s = loadCurrents(page, idText); !s.ok()) {
        return s.error();
    }
    if (Status s = loadOutcomes(page, idText, idList(patients.values())); !s.ok()) {
        return s.error();
    }
    return page;
}

namespace {

// Index of each session of a page by id.
QHash<qint64, qsizetype> indexOf(const QList<ExportSession>& page)
{
    QHash<qint64, qsizetype> index;
    index.reserve(page.size());
    for (qsizetype i = 0; i < page.size(); ++i) {
        index.insert(page.at(i).id, i);
    }
    return index;
}

} // namespace

Status SessionPager::loadChannels(QList<ExportSession>& page, const QString& ids)
{
    sql::Query q(m_db,
        QStringLiteral(
            "SELECT sc.session_id, sc.channel, sc.program_id, pr.program_key, pr.version, pr.name, pr.modality, "
            "pr.waveform, pr.frequency_millihz, pr.pulse_width_us, pr.duration_s, sc.placement_id, "
            "sc.reference_placement_id, sc.calibration_id, pl.muscle, pl.side, pl.landmark, pl.lead_label, "
            "pl.electrode_area_mm2, sc.max_amplitude_ua, sc.total_charge_uc "
            "FROM session_channels sc JOIN programs pr ON pr.id = sc.program_id "
            "JOIN placements pl ON pl.id = sc.placement_id WHERE sc.session_id IN (%1) "
            "ORDER BY sc.session_id, sc.channel")
            .arg(ids));
    if (Status s = q.exec(QStringLiteral("read session channels to export")); !s.ok()) {
        return s;
    }
    const auto index = indexOf(page);
    while (q.next()) {
        const auto it = index.constFind(q.int64(0));
        if (it == index.cend()) {
            continue;
        }
        ExportChannel c;
        c.channel = q.int32(1);
        c.programId = q.int64(2);
        c.programKey = q.text(3);
        c.programVersion = q.int64(4);
        c.programName = q.text(5);
        c.modality = q.text(6);
        c.waveform = q.text(7);
        c.frequencyMilliHz = q.int64(8);
        c.pulseWidthUs = q.int64(9);
        c.plannedDurationS = q.int64(10);
        c.placementId = q.int64(11);
        c.referencePlacementId = q.optInt64(12);
        c.calibrationId = q.optInt64(13);
        c.muscle = q.text(14);
        c.side = q.text(15);
        c.landmark = q.text(16);
        c.leadLabel = q.text(17);
        c.electrodeAreaMm2 = q.int64(18);
        c.maxAmplitudeUa = q.int64(19);
        c.totalChargeUc = q.int64(20);
        page[*it].channels.append(std::move(c));
    }
    return {};
}

Status SessionPager::loadCurrents(QList<ExportSession>& page, const QString& ids)
{
    // Sums are cast so both engines return integers (PostgreSQL's sum(bigint) is numeric).
    sql::Query q(m_db,
        QStringLiteral("SELECT session_id, channel, count(*), CAST(sum(commanded_ua) AS BIGINT), max(commanded_ua), "
                       "min(measured_min_ua), CAST(sum(measured_mean_ua) AS BIGINT), count(measured_mean_ua), "
                       "max(measured_max_ua), CAST(sum(samples) AS BIGINT) FROM current_summaries "
                       "WHERE session_id IN (%1) GROUP BY session_id, channel")
            .arg(ids));
    if (Status s = q.exec(QStringLiteral("read current summaries to export")); !s.ok()) {
        return s;
    }
    const auto index = indexOf(page);
    while (q.next()) {
        const auto it = index.constFind(q.int64(0));
        if (it == index.cend()) {
            continue;
        }
        ExportCurrent c;
        c.seconds = q.int64(2);
        c.meanCommandedUa = c.seconds > 0 ? roundedMean(q.int64(3), c.seconds) : 0;
        c.maxCommandedUa = q.int64(4);
        c.measuredMinUa = q.optInt64(5);
        const qint64 measured = q.int64(7);
        if (measured > 0) {
            c.measuredMeanUa = roundedMean(q.int64(6), measured);
        }
        c.measuredMaxUa = q.optInt64(8);
        c.samples = q.int64(9);
        const int channel = q.int32(1);
        for (ExportChannel& ch : page[*it].channels) {
            if (ch.channel == channel) {
                ch.current = c;
            }
        }
    }
    return {};
}

Status SessionPager::loadOutcomes(QList<ExportSession>& page, const QString& ids, const QString& patientIds)
{
    // outcomes has no index on session_id; the patient condition lets the engine use outcomes_by_patient.
    sql::Query q(m_db,
        QStringLiteral("SELECT session_id, id, nprs_before, nprs_after, ndi_raw, odi_percent, recorded_utc_ms, notes "
                       "FROM outcomes WHERE patient_id IN (%1) AND session_id IN (%2) ORDER BY session_id, id")
            .arg(patientIds, ids));
    if (Status s = q.exec(QStringLiteral("read outcomes to export")); !s.ok()) {
        return s;
    }
    const auto index = indexOf(page);
    while (q.next()) {
        const auto it = index.constFind(q.int64(0));
        if (it == index.cend()) {
            continue;
        }
        page[*it].outcomes.append(ExportOutcome{
            q.int64(1), q.optInt64(2), q.optInt64(3), q.optInt64(4), q.optInt64(5), q.int64(6), q.text(7)});
    }
    return {};
}

Status SessionPager::loadEvents(ExportSession& session)
{
    sql::Query q(m_db,
        QStringLiteral("SELECT seq, kind, channel, amplitude_ua, detail, at_utc_ms FROM session_events "
                       "WHERE session_id = :s ORDER BY seq"));
    q.bind(QStringLiteral(":s"), session.id);
    if (Status s = q.exec(QStringLiteral("read events of session %1 to export").arg(session.id)); !s.ok()) {
        return s;
    }
    session.events.clear();
    while (q.next()) {
        session.events.append(ExportEvent{q.int64(0), q.text(1), q.optInt64(2), q.optInt64(3), q.text(4), q.int64(5)});
    }
    return {};
}

} // namespace galvani::db::exp
