// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/export/JsonWriter.h"

#include "db/TimeStamp.h"
#include "db/export/ExportSink.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace galvani::db::exp {

namespace {

QJsonValue opt(const std::optional<qint64>& v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QJsonValue opt(const std::optional<QString>& v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QJsonValue isoOrNull(const std::optional<qint64>& utcMs)
{
    return utcMs ? QJsonValue(isoUtc(*utcMs)) : QJsonValue(QJsonValue::Null);
}

QJsonObject patientJson(const ExportPatient& p, bool pseudonymise)
{
    if (pseudonymise) {
        return {{QStringLiteral("pseudonym"), p.pseudonym}};
    }
    return {{QStringLiteral("id"), p.id}, {QStringLiteral("pseudonym"), p.pseudonym}, {QStringLiteral("mrn"), p.mrn},
        {QStringLiteral("family_name"), p.familyName}, {QStringLiteral("given_names"), p.givenNames},
        {QStringLiteral("birth_date"), p.birthDate}};
}

QJsonValue currentJson(const std::optional<ExportCurrent>& c)
{
    if (!c) {
        return QJsonValue(QJsonValue::Null);
    }
    return QJsonObject{{QStringLiteral("seconds"), c->seconds},
        {QStringLiteral("mean_commanded_uA"), c->meanCommandedUa},
        {QStringLiteral("max_commanded_uA"), c->maxCommandedUa},
        {QStringLiteral("measured_min_uA"), opt(c->measuredMinUa)},
        {QStringLiteral("measured_mean_uA"), opt(c->measuredMeanUa)},
        {QStringLiteral("measured_max_uA"), opt(c->measuredMaxUa)}, {QStringLiteral("samples"), c->samples}};
}

QJsonObject channelJson(const ExportChannel& c)
{
    const QJsonObject program{{QStringLiteral("id"), c.programId}, {QStringLiteral("key"), c.programKey},
        {QStringLiteral("version"), c.programVersion}, {QStringLiteral("name"), c.programName},
        {QStringLiteral("modality"), c.modality}, {QStringLiteral("waveform"), c.waveform},
        {QStringLiteral("frequency_mHz"), c.frequencyMilliHz}, {QStringLiteral("pulse_width_us"), c.pulseWidthUs},
        {QStringLiteral("planned_duration_s"), c.plannedDurationS}};
    const QJsonObject placement{{QStringLiteral("id"), c.placementId},
        {QStringLiteral("reference_id"), opt(c.referencePlacementId)}, {QStringLiteral("muscle"), c.muscle},
        {QStringLiteral("side"), c.side}, {QStringLiteral("landmark"), c.landmark},
        {QStringLiteral("lead_label"), c.leadLabel}, {QStringLiteral("electrode_area_mm2"), c.electrodeAreaMm2}};
    return {{QStringLiteral("channel"), c.channel}, {QStringLiteral("program"), program},
        {QStringLiteral("placement"), placement}, {QStringLiteral("calibration_id"), opt(c.calibrationId)},
        {QStringLiteral("max_amplitude_uA"), c.maxAmplitudeUa}, {QStringLiteral("total_charge_uC"), c.totalChargeUc},
        {QStringLiteral("summary"), currentJson(c.current)}};
}

QJsonObject outcomeJson(const ExportOutcome& o)
{
    return {{QStringLiteral("id"), o.id}, {QStringLiteral("nprs_before"), opt(o.nprsBefore)},
        {QStringLiteral("nprs_after"), opt(o.nprsAfter)}, {QStringLiteral("ndi_raw"), opt(o.ndiRaw)},
        {QStringLiteral("odi_percent"), opt(o.odiPercent)}, {QStringLiteral("recorded_utc"), isoUtc(o.recordedUtcMs)},
        {QStringLiteral("notes"), o.notes}};
}

QJsonObject eventJson(const ExportEvent& e)
{
    return {{QStringLiteral("seq"), e.seq}, {QStringLiteral("kind"), e.kind},
        {QStringLiteral("channel"), opt(e.channel)}, {QStringLiteral("amplitude_uA"), opt(e.amplitudeUa)},
        {QStringLiteral("detail"), e.detail}, {QStringLiteral("at_utc"), isoUtc(e.atUtcMs)}};
}

} // namespace

QJsonObject filterJson(const ExportFilter& f)
{
    QJsonObject o;
    if (f.fromUtcMs) {
        o.insert(QStringLiteral("from_utc"), isoUtc(*f.fromUtcMs));
    }
    if (f.toUtcMs) {
        o.insert(QStringLiteral("to_utc"), isoUtc(*f.toUtcMs));
    }
    if (f.patientId) {
        o.insert(QStringLiteral("patient_id"), *f.patientId);
    }
    if (f.therapistId) {
        o.insert(QStringLiteral("therapist_id"), *f.therapistId);
    }
    return o;
}

JsonWriter::JsonWriter(ExportSink& sink) : m_sink(sink)
{
}

QJsonObject JsonWriter::toJson(const ExportSession& s, bool pseudonymise, bool withEvents)
{
    QJsonArray channels;
    for (const ExportChannel& c : s.channels) {
        channels.append(channelJson(c));
    }
    QJsonArray outcomes;
    for (const ExportOutcome& o : s.outcomes) {
        outcomes.append(outcomeJson(o));
    }
    QJsonObject o{{QStringLiteral("id"), s.id}, {QStringLiteral("patient"), patientJson(s.patient, pseudonymise)},
        {QStringLiteral("therapist"),
            QJsonObject{{QStringLiteral("id"), s.therapist.id}, {QStringLiteral("username"), s.therapist.username},
                {QStringLiteral("name"), s.therapist.displayName}}},
        {QStringLiteral("workstation"), s.workstation},
        {QStringLiteral("device"),
            QJsonObject{{QStringLiteral("serial"), s.deviceId}, {QStringLiteral("firmware"), s.firmware}}},
        {QStringLiteral("started_utc"), isoUtc(s.startedUtcMs)}, {QStringLiteral("started_utc_ms"), s.startedUtcMs},
        {QStringLiteral("ended_utc"), isoOrNull(s.endedUtcMs)}, {QStringLiteral("ended_utc_ms"), opt(s.endedUtcMs)},
        {QStringLiteral("end_reason"), opt(s.endReason)}, {QStringLiteral("channels"), channels},
        {QStringLiteral("outcomes"), outcomes}};
    if (withEvents) {
        QJsonArray events;
        for (const ExportEvent& e : s.events) {
            events.append(eventJson(e));
        }
        o.insert(QStringLiteral("events"), events);
    }
    return o;
}

Status JsonWriter::begin(const ExportHeader& header)
{
    m_options = header.options;
    const QJsonObject head{{QStringLiteral("format"), QStringLiteral("galvani.sessions")},
        {QStringLiteral("schema_version"), kSchemaVersion},
        {QStringLiteral("exported_utc"), isoUtc(header.exportedUtcMs)},
        {QStringLiteral("filter"), filterJson(header.filter)},
        {QStringLiteral("pseudonymised"), header.options.pseudonymise}, {QStringLiteral("total"), header.total}};
    // The header object is written without its closing brace; the session array and the count follow it.
    QByteArray text = QJsonDocument(head).toJson(QJsonDocument::Compact);
    text.chop(1);
    text.append(",\"sessions\":[");
    return m_sink.write(QByteArrayView(text));
}

Status JsonWriter::write(const ExportSession& session)
{
    QByteArray text = m_sessions > 0 ? QByteArray(",") : QByteArray();
    text.append(
        QJsonDocument(toJson(session, m_options.pseudonymise, m_options.includeEvents)).toJson(QJsonDocument::Compact));
    if (Status s = m_sink.write(QByteArrayView(text)); !s.ok()) {
        return s;
    }
    ++m_sessions;
    return {};
}

Status JsonWriter::finish()
{
    if (Status s
        = m_sink.write(QByteArrayView(QByteArray("],\"session_count\":") + QByteArray::number(m_sessions) + '}'));
        !s.ok()) {
        return s;
    }
    return m_sink.flush();
}

} // namespace galvani::db::exp
