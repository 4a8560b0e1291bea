// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/export/CsvWriter.h"

#include "db/TimeStamp.h"
#include "db/export/CsvText.h"
#include "db/export/ExportSink.h"

#include <QStringList>

namespace galvani::db::exp {

namespace {

const QLatin1String kLineEnd("\r\n");

std::optional<qint64> durationMs(const ExportSession& s)
{
    if (!s.endedUtcMs) {
        return std::nullopt;
    }
    return *s.endedUtcMs - s.startedUtcMs;
}

// The channel cells of one row, in column order (empty cells for a session without channels).
QStringList channelCells(const ExportChannel* c)
{
    using namespace csv;
    if (c == nullptr) {
        return QStringList(25);
    }
    const ExportCurrent* cur = c->current ? &*c->current : nullptr;
    return {number(c->channel), text(c->programKey), number(c->programVersion), text(c->programName), text(c->modality),
        text(c->waveform), thousandths(c->frequencyMilliHz), number(c->pulseWidthUs), number(c->plannedDurationS),
        text(c->muscle), text(c->side), text(c->landmark), text(c->leadLabel), number(c->electrodeAreaMm2),
        number(c->placementId), number(c->calibrationId), thousandths(c->maxAmplitudeUa), number(c->totalChargeUc),
        number(cur ? std::optional<qint64>(cur->seconds) : std::nullopt),
        thousandths(cur ? std::optional<qint64>(cur->meanCommandedUa) : std::nullopt),
        thousandths(cur ? std::optional<qint64>(cur->maxCommandedUa) : std::nullopt),
        thousandths(cur ? cur->measuredMinUa : std::nullopt), thousandths(cur ? cur->measuredMeanUa : std::nullopt),
        thousandths(cur ? cur->measuredMaxUa : std::nullopt),
        number(cur ? std::optional<qint64>(cur->samples) : std::nullopt)};
}

} // namespace

CsvWriter::CsvWriter(ExportSink& sink) : m_sink(sink)
{
}

QStringList CsvWriter::columns()
{
    return {// session and people
        QStringLiteral("schema_version"), QStringLiteral("session_id"), QStringLiteral("patient_pseudonym"),
        QStringLiteral("patient_mrn"), QStringLiteral("patient_family_name"), QStringLiteral("patient_given_names"),
        QStringLiteral("patient_birth_date"), QStringLiteral("therapist_username"), QStringLiteral("therapist_name"),
        QStringLiteral("workstation"), QStringLiteral("device_serial"), QStringLiteral("device_firmware"),
        QStringLiteral("started_utc"), QStringLiteral("ended_utc"), QStringLiteral("duration_s"),
        QStringLiteral("end_reason"),
        // channel: programme and placement
        QStringLiteral("channel"), QStringLiteral("program_key"), QStringLiteral("program_version"),
        QStringLiteral("program_name"), QStringLiteral("modality"), QStringLiteral("waveform"),
        QStringLiteral("frequency_Hz"), QStringLiteral("pulse_width_us"), QStringLiteral("planned_duration_s"),
        QStringLiteral("muscle"), QStringLiteral("side"), QStringLiteral("landmark"), QStringLiteral("lead_label"),
        QStringLiteral("electrode_area_mm2"), QStringLiteral("placement_id"), QStringLiteral("calibration_id"),
        // channel: delivered current
        QStringLiteral("max_amplitude_mA"), QStringLiteral("total_charge_uC"), QStringLiteral("summary_seconds_s"),
        QStringLiteral("mean_commanded_mA"), QStringLiteral("max_commanded_mA"), QStringLiteral("measured_min_mA"),
        QStringLiteral("measured_mean_mA"), QStringLiteral("measured_max_mA"), QStringLiteral("measured_samples"),
        // outcome of the session (latest recorded value of each score)
        QStringLiteral("nprs_before"), QStringLiteral("nprs_after"), QStringLiteral("ndi_raw"),
        QStringLiteral("odi_percent")};
}

Status CsvWriter::begin(const ExportHeader& header)
{
    m_pseudonymise = header.options.pseudonymise;
    if (header.options.csvByteOrderMark) {
        if (Status s = m_sink.write(QByteArrayView("\xEF\xBB\xBF")); !s.ok()) {
            return s;
        }
    }
    return m_sink.write(QStringView(columns().join(QLatin1Char(',')) + kLineEnd));
}

Status CsvWriter::write(const ExportSession& s)
{
    using namespace csv;
    const ExportPatient& p = s.patient;
    const QStringList sessionCells{number(kSchemaVersion), number(s.id), text(p.pseudonym),
        text(m_pseudonymise ? QString() : p.mrn), text(m_pseudonymise ? QString() : p.familyName),
        text(m_pseudonymise ? QString() : p.givenNames), text(m_pseudonymise ? QString() : p.birthDate),
        text(s.therapist.username), text(s.therapist.displayName), text(s.workstation), text(s.deviceId),
        text(s.firmware), text(isoUtc(s.startedUtcMs)), text(s.endedUtcMs ? isoUtc(*s.endedUtcMs) : QString()),
        thousandths(durationMs(s)), text(s.endReason.value_or(QString()))};
    const QStringList outcomeCells{number(s.latest(&ExportOutcome::nprsBefore)),
        number(s.latest(&ExportOutcome::nprsAfter)), number(s.latest(&ExportOutcome::ndiRaw)),
        number(s.latest(&ExportOutcome::odiPercent))};
    const QString head = sessionCells.join(QLatin1Char(',')) + QLatin1Char(',');
    const QString tail = QLatin1Char(',') + outcomeCells.join(QLatin1Char(',')) + kLineEnd;

    const qsizetype rowCount = s.channels.isEmpty() ? 1 : s.channels.size();
    for (qsizetype i = 0; i < rowCount; ++i) {
        const ExportChannel* c = s.channels.isEmpty() ? nullptr : &s.channels.at(i);
        if (Status st = m_sink.write(QStringView(head + channelCells(c).join(QLatin1Char(',')) + tail)); !st.ok()) {
            return st;
        }
        ++m_rows;
    }
    return {};
}

Status CsvWriter::finish()
{
    return m_sink.flush();
}

} // namespace galvani::db::exp
