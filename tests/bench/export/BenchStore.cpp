// SPDX-License-Identifier: GPL-3.0-or-later
#include "BenchStore.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace galvani::bench {

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;
constexpr qint64 kStartMs = 1'735'689'600'000; // 2025-01-01T00:00:00Z

// Prepared insert that binds positional values and reports the first failure.
class Insert {
public:
    Insert(db::Database& db, const QString& sql, QString& error) : m_q(db.connection()), m_error(error)
    {
        if (!m_q.prepare(sql)) {
            m_error = QStringLiteral("prepare %1: %2").arg(sql.left(40), m_q.lastError().text());
        }
    }

    qint64 run(std::initializer_list<QVariant> values)
    {
        if (!m_error.isEmpty()) {
            return 0;
        }
        int i = 0;
        for (const QVariant& v : values) {
            m_q.bindValue(i++, v);
        }
        if (!m_q.exec()) {
            m_error = m_q.lastError().text();
            return 0;
        }
        ++m_rows;
        return m_q.lastInsertId().toLongLong();
    }

    [[nodiscard]] qint64 rows() const { return m_rows; }

private:
    QSqlQuery m_q;
    QString& m_error;
    qint64 m_rows = 0;
};

bool exec(db::Database& db, const QString& sql, QString& error)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql)) {
        error = QStringLiteral("%1: %2").arg(sql.left(40), q.lastError().text());
        return false;
    }
    return true;
}

} // namespace

SeedResult seedSessions(db::Database& db, const SeedPlan& plan)
{
    SeedResult r;
    QString& error = r.error;
    if (!exec(db, QStringLiteral("BEGIN IMMEDIATE"), error)) {
        return r;
    }
    Insert users(db,
        QStringLiteral("INSERT INTO users (username, display_name, role, password_hash, created_utc_ms, "
                       "updated_utc_ms) VALUES (?, ?, ?, 'x', 0, 0)"),
        error);
    constexpr int kTherapists = 20;
    for (int t = 0; t < kTherapists; ++t) {
        const qint64 id = users.run({QStringLiteral("therapist%1").arg(t), QStringLiteral("Therapist, No. %1").arg(t),
            QStringLiteral("therapist")});
        r.firstTherapistId = t == 0 ? id : r.firstTherapistId;
    }
    Insert programs(db,
        QStringLiteral("INSERT INTO programs (program_key, version, name, modality, waveform, frequency_millihz, "
                       "pulse_width_us, duration_s, max_amplitude_ua, created_by, created_utc_ms) "
                       "VALUES ('nmes', 1, 'NMES lumbar', 'nmes', 'symmetric-biphasic', 50000, 300, 900, 60000, ?, 0)"),
        error);
    r.programId = programs.run({r.firstTherapistId});
    const qint64 patientCount = std::max<qint64>(1, plan.sessions / 50);
    Insert patients(db,
        QStringLiteral("INSERT INTO patients (pseudonym, mrn, family_name, given_names, birth_date, created_by, "
                       "created_utc_ms, updated_utc_ms) VALUES (?, ?, ?, ?, '1970-01-01', ?, 0, 0)"),
        error);
    Insert placements(db,
        QStringLiteral("INSERT INTO placements (patient_id, channel, muscle, side, landmark, electrode_width_mm, "
                       "electrode_height_mm, electrode_area_mm2, electrode_type, polarity, posture, recorded_by, "
                       "recorded_utc_ms) VALUES (?, ?, 'lumbar multifidus', ?, 'L5 spinous process', 50, 90, 4500, "
                       "'self_adhesive', 'active_cathode', 'prone', ?, 0)"),
        error);
    QList<qint64> patientIds;
    QList<qint64> placementIds; // patient-major, channel-minor
    for (qint64 p = 0; p < patientCount && error.isEmpty(); ++p) {
        const qint64 pid = patients.run({QStringLiteral("PSN-%1").arg(p, 8, 10, QLatin1Char('0')),
            QStringLiteral("MRN-%1").arg(p), QStringLiteral("O'Neil, \"Family\" %1").arg(p),
            QStringLiteral("=Given %1").arg(p), r.firstTherapistId});
        patientIds.append(pid);
        for (int c = 1; c <= plan.channels; ++c) {
            placementIds.append(placements.run(
                {pid, c, c % 2 == 1 ? QStringLiteral("left") : QStringLiteral("right"), r.firstTherapistId}));
        }
    }
    r.firstPatientId = patientIds.value(0);
    r.placementId = placementIds.value(0);
    Insert sessions(db,
        QStringLiteral("INSERT INTO sessions (patient_id, therapist_id, workstation, device_id, firmware, "
                       "started_utc_ms, started_mono_ns) VALUES (?, ?, 'ws-1', ?, '4.2.1', ?, 0)"),
        error);
    Insert channels(db,
        QStringLiteral("INSERT INTO session_channels (session_id, channel, program_id, placement_id, "
                       "max_amplitude_ua, total_charge_uc) VALUES (?, ?, ?, ?, ?, ?)"),
        error);
    Insert summaries(db,
        QStringLiteral("INSERT INTO current_summaries (session_id, channel, second_index, commanded_ua, "
                       "measured_min_ua, measured_mean_ua, measured_max_ua, samples) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        error);
    Insert outcomes(db,
        QStringLiteral("INSERT INTO outcomes (patient_id, session_id, recorded_by, recorded_utc_ms, nprs_before, "
                       "nprs_after) VALUES (?, ?, ?, ?, ?, ?)"),
        error);
    for (qint64 s = 0; s < plan.sessions && error.isEmpty(); ++s) {
        const qint64 p = s % patientCount;
        const qint64 therapist = r.firstTherapistId + s % kTherapists;
        const qint64 started = kStartMs + s * (kDayMs / 200);
        const qint64 sid = sessions.run({patientIds.at(p), therapist, QStringLiteral("DEV-%1").arg(s % 40), started});
        for (int c = 1; c <= plan.channels; ++c) {
            const qint64 amp = 10'000 + (s * 37 + c * 1000) % 40'000;
            channels.run({sid, c, r.programId, placementIds.at(p * plan.channels + (c - 1)), amp, amp / 100});
            for (int sec = 0; sec < plan.seconds; ++sec) {
                summaries.run({sid, c, sec, amp, amp - 150, amp - 20, amp + 110, 100});
            }
        }
        outcomes.run({patientIds.at(p), sid, therapist, started + 900'000, 3 + s % 8, 1 + s % 5});
    }
    if (error.isEmpty()) {
        // One statement closes every session; the closed-session triggers allow closing an open one.
        exec(db,
            QStringLiteral("UPDATE sessions SET ended_utc_ms = started_utc_ms + 900000, ended_mono_ns = 900000000000, "
                           "end_reason = CASE WHEN id % 10 = 0 THEN 'stopped_by_therapist' ELSE 'completed' END"),
            error);
    }
    if (!error.isEmpty()) {
        QString ignored;
        exec(db, QStringLiteral("ROLLBACK"), ignored);
        return r;
    }
    exec(db, QStringLiteral("COMMIT"), error);
    r.rows = users.rows() + programs.rows() + patients.rows() + placements.rows() + sessions.rows() + channels.rows()
        + summaries.rows() + outcomes.rows();
    return r;
}

QString baselineCsvQuery()
{
    return QStringLiteral(
        "SELECT 1 AS schema_version, s.id AS session_id, p.pseudonym, p.mrn, p.family_name, p.given_names, "
        "p.birth_date, u.username, u.display_name, s.workstation, s.device_id, s.firmware, "
        "strftime('%Y-%m-%dT%H:%M:%fZ', s.started_utc_ms / 1000.0, 'unixepoch') AS started_utc, "
        "strftime('%Y-%m-%dT%H:%M:%fZ', s.ended_utc_ms / 1000.0, 'unixepoch') AS ended_utc, "
        "(s.ended_utc_ms - s.started_utc_ms) / 1000.0 AS duration_s, s.end_reason, sc.channel, pr.program_key, "
        "pr.version, pr.name, pr.modality, pr.waveform, pr.frequency_millihz / 1000.0 AS frequency_Hz, "
        "pr.pulse_width_us, pr.duration_s, pl.muscle, pl.side, pl.landmark, pl.lead_label, pl.electrode_area_mm2, "
        "sc.placement_id, sc.calibration_id, sc.max_amplitude_ua / 1000.0 AS max_amplitude_mA, sc.total_charge_uc, "
        "cs.n, cs.sum_cmd * 1.0 / cs.n / 1000 AS mean_commanded_mA, cs.max_cmd / 1000.0, cs.min_meas / 1000.0, "
        "cs.sum_mean * 1.0 / cs.cnt_mean / 1000 AS measured_mean_mA, cs.max_meas / 1000.0, cs.samples, "
        "o.nprs_before, o.nprs_after, o.ndi_raw, o.odi_percent "
        "FROM sessions s JOIN patients p ON p.id = s.patient_id JOIN users u ON u.id = s.therapist_id "
        "JOIN session_channels sc ON sc.session_id = s.id JOIN programs pr ON pr.id = sc.program_id "
        "JOIN placements pl ON pl.id = sc.placement_id "
        "LEFT JOIN (SELECT session_id, channel, count(*) AS n, sum(commanded_ua) AS sum_cmd, "
        "max(commanded_ua) AS max_cmd, min(measured_min_ua) AS min_meas, sum(measured_mean_ua) AS sum_mean, "
        "count(measured_mean_ua) AS cnt_mean, max(measured_max_ua) AS max_meas, sum(samples) AS samples "
        "FROM current_summaries GROUP BY session_id, channel) cs ON cs.session_id = s.id AND cs.channel = sc.channel "
        "LEFT JOIN outcomes o ON o.session_id = s.id ORDER BY s.id, sc.channel");
}

} // namespace galvani::bench
