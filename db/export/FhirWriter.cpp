// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/export/FhirWriter.h"

#include "db/TimeStamp.h"
#include "db/export/ExportSink.h"
#include "db/export/FhirResources.h"

#include <QJsonDocument>

namespace galvani::db::exp {

namespace {

// The resource id is the UUID of the entry's fullUrl ("urn:uuid:" + id).
QString idOf(const QString& url)
{
    return url.mid(9);
}

} // namespace

FhirWriter::FhirWriter(ExportSink& sink) : m_sink(sink), m_namespace(QUuid::createUuid())
{
}

QString FhirWriter::fullUrl(const QString& name) const
{
    return QStringLiteral("urn:uuid:") + QUuid::createUuidV5(m_namespace, name).toString(QUuid::WithoutBraces);
}

Status FhirWriter::begin(const ExportHeader& header)
{
    m_pseudonymise = header.options.pseudonymise;
    const QString when = isoUtc(header.exportedUtcMs);
    const QJsonObject head{{QStringLiteral("resourceType"), QStringLiteral("Bundle")},
        {QStringLiteral("id"), idOf(fullUrl(QStringLiteral("Bundle")))},
        {QStringLiteral("meta"), QJsonObject{{QStringLiteral("lastUpdated"), when}}},
        {QStringLiteral("type"), QStringLiteral("collection")}, {QStringLiteral("timestamp"), when}};
    // The entries follow the header; FHIR JSON allows no empty array, so "entry" opens with the first one.
    QByteArray text = QJsonDocument(head).toJson(QJsonDocument::Compact);
    text.chop(1);
    return m_sink.write(QByteArrayView(text));
}

Status FhirWriter::entry(const QString& url, const QJsonObject& resource)
{
    QByteArray text(m_entries == 0 ? ",\"entry\":[" : ",");
    text.append(QJsonDocument(QJsonObject{{QStringLiteral("fullUrl"), url}, {QStringLiteral("resource"), resource}})
                    .toJson(QJsonDocument::Compact));
    if (Status s = m_sink.write(QByteArrayView(text)); !s.ok()) {
        return s;
    }
    ++m_entries;
    return {};
}

Status FhirWriter::write(const ExportSession& se)
{
    fhir::ProcedureRefs refs;
    refs.patient = fullUrl(QStringLiteral("Patient/%1").arg(se.patient.id));
    refs.practitioner = fullUrl(QStringLiteral("Practitioner/%1").arg(se.therapist.id));
    // A device is the serial with the firmware it ran: an update makes a new Device version in the bundle.
    const QString deviceKey = se.deviceId + QLatin1Char('\n') + se.firmware;
    refs.device = fullUrl(QStringLiteral("Device/") + deviceKey);
    const QString procedureRef = fullUrl(QStringLiteral("Procedure/%1").arg(se.id));

    if (!m_patients.contains(se.patient.id)) {
        if (Status s = entry(refs.patient, fhir::patient(idOf(refs.patient), se.patient, m_pseudonymise)); !s.ok()) {
            return s;
        }
        m_patients.insert(se.patient.id);
    }
    if (!m_practitioners.contains(se.therapist.id)) {
        if (Status s = entry(refs.practitioner, fhir::practitioner(idOf(refs.practitioner), se.therapist)); !s.ok()) {
            return s;
        }
        m_practitioners.insert(se.therapist.id);
    }
    if (!m_devices.contains(deviceKey)) {
        if (Status s = entry(refs.device, fhir::device(idOf(refs.device), se.deviceId, se.firmware)); !s.ok()) {
            return s;
        }
        m_devices.insert(deviceKey);
    }
    for (const ExportChannel& c : se.channels) {
        const QString url = fullUrl(QStringLiteral("BodyStructure/%1").arg(c.placementId));
        refs.bodyStructures.append(url);
        if (!m_placements.contains(c.placementId)) {
            if (Status s = entry(url, fhir::bodyStructure(idOf(url), c, refs.patient)); !s.ok()) {
                return s;
            }
            m_placements.insert(c.placementId);
        }
    }
    if (Status s = entry(procedureRef, fhir::procedure(idOf(procedureRef), se, refs)); !s.ok()) {
        return s;
    }
    for (const ExportOutcome& o : se.outcomes) {
        // Before: the pain at the start of the treatment; after: at its end (or when scored, while still open).
        const qint64 after = se.endedUtcMs.value_or(o.recordedUtcMs);
        const std::array<std::tuple<bool, std::optional<qint64>, qint64>, 2> scores{
            {{true, o.nprsBefore, se.startedUtcMs}, {false, o.nprsAfter, after}}};
        for (const auto& [before, score, at] : scores) {
            if (!score) {
                continue;
            }
            const QString url = fullUrl(QStringLiteral("Observation/nprs-%1/%2")
                                            .arg(before ? QStringLiteral("before") : QStringLiteral("after"))
                                            .arg(o.id));
            if (Status s
                = entry(url, fhir::nprs(idOf(url), *score, before, at, o.recordedUtcMs, refs.patient, procedureRef));
                !s.ok()) {
                return s;
            }
        }
    }
    for (const ExportChannel& c : se.channels) {
        const QString url = fullUrl(QStringLiteral("Observation/current/%1/%2").arg(se.id).arg(c.channel));
        if (Status s = entry(url, fhir::deliveredCurrent(idOf(url), se, c, refs.patient, procedureRef, refs.device));
            !s.ok()) {
            return s;
        }
    }
    return {};
}

Status FhirWriter::finish()
{
    if (Status s = m_sink.write(QByteArrayView(m_entries > 0 ? "]}" : "}")); !s.ok()) {
        return s;
    }
    return m_sink.flush();
}

} // namespace galvani::db::exp
