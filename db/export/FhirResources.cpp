// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/export/FhirResources.h"

#include "db/TimeStamp.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <array>
#include <tuple>

namespace galvani::db::exp::fhir {

namespace {

QString s(const char* latin1)
{
    return QString::fromLatin1(latin1);
}

QJsonObject ref(const QString& fullUrl)
{
    return {{QStringLiteral("reference"), fullUrl}};
}

QJsonObject coding(const QString& system, const QString& code, const QString& display)
{
    return {{QStringLiteral("system"), system}, {QStringLiteral("code"), code}, {QStringLiteral("display"), display}};
}

QJsonObject codeable(const QJsonObject& coded, const QString& text)
{
    return {{QStringLiteral("coding"), QJsonArray{coded}}, {QStringLiteral("text"), text}};
}

void putText(QJsonObject& o, const QString& key, const QString& value)
{
    if (!value.trimmed().isEmpty()) {
        o.insert(key, value);
    }
}

QJsonObject identifier(const char* system, const QString& value)
{
    return {{QStringLiteral("system"), s(system)}, {QStringLiteral("value"), value}};
}

// A UCUM quantity; the value is the store's integer scaled to the unit (µA / 1000 → mA).
QJsonObject quantity(double value, const QString& ucum)
{
    return {{QStringLiteral("value"), value}, {QStringLiteral("unit"), ucum}, {QStringLiteral("system"), s(kUcum)},
        {QStringLiteral("code"), ucum}};
}

QJsonObject milliamps(qint64 microamps)
{
    return quantity(static_cast<double>(microamps) / 1000.0, QStringLiteral("mA"));
}

QJsonObject component(const QString& code, const QString& display, const QString& valueKey, const QJsonValue& value)
{
    return {{QStringLiteral("code"), codeable(coding(s(kLocalCodes), code, display), display)}, {valueKey, value}};
}

QJsonObject period(qint64 startUtcMs, const std::optional<qint64>& endUtcMs)
{
    QJsonObject p{{QStringLiteral("start"), isoUtc(startUtcMs)}};
    if (endUtcMs) {
        p.insert(QStringLiteral("end"), isoUtc(*endUtcMs));
    }
    return p;
}

QJsonArray category(const char* code, const char* display)
{
    return {QJsonObject{{QStringLiteral("coding"),
        QJsonArray{coding(
            QStringLiteral("http://terminology.hl7.org/CodeSystem/observation-category"), s(code), s(display))}}}};
}

// SNOMED CT laterality qualifiers; empty for text the vocabulary does not know.
std::optional<QJsonObject> laterality(const QString& side)
{
    if (side == QLatin1String("left")) {
        return coding(s(kSnomed), QStringLiteral("7771000"), QStringLiteral("Left"));
    }
    if (side == QLatin1String("right")) {
        return coding(s(kSnomed), QStringLiteral("24028007"), QStringLiteral("Right"));
    }
    if (side == QLatin1String("bilateral")) {
        return coding(s(kSnomed), QStringLiteral("51440002"), QStringLiteral("Right and left"));
    }
    if (side == QLatin1String("midline")) {
        return coding(s(kSnomed), QStringLiteral("399488007"), QStringLiteral("Midline"));
    }
    return std::nullopt;
}

} // namespace

QJsonObject patient(const QString& id, const ExportPatient& p, bool pseudonymise)
{
    QJsonObject o{{QStringLiteral("resourceType"), QStringLiteral("Patient")}, {QStringLiteral("id"), id}};
    if (pseudonymise) {
        o.insert(QStringLiteral("identifier"), QJsonArray{identifier(kPseudonymSystem, p.pseudonym)});
        return o;
    }
    QJsonObject mrn = identifier(kMrnSystem, p.mrn);
    mrn.insert(QStringLiteral("type"),
        codeable(coding(QStringLiteral("http://terminology.hl7.org/CodeSystem/v2-0203"), QStringLiteral("MR"),
                     QStringLiteral("Medical record number")),
            QStringLiteral("MRN")));
    o.insert(QStringLiteral("identifier"), QJsonArray{mrn, identifier(kPseudonymSystem, p.pseudonym)});
    QJsonObject name;
    putText(name, QStringLiteral("family"), p.familyName);
    QJsonArray given;
    for (const QString& part : p.givenNames.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts)) {
        given.append(part);
    }
    if (!given.isEmpty()) {
        name.insert(QStringLiteral("given"), given);
    }
    if (!name.isEmpty()) {
        o.insert(QStringLiteral("name"), QJsonArray{name});
    }
    putText(o, QStringLiteral("birthDate"), p.birthDate);
    return o;
}

QJsonObject practitioner(const QString& id, const ExportTherapist& t)
{
    QJsonObject o{{QStringLiteral("resourceType"), QStringLiteral("Practitioner")}, {QStringLiteral("id"), id},
        {QStringLiteral("identifier"), QJsonArray{identifier(kUserSystem, t.username)}}};
    if (!t.displayName.trimmed().isEmpty()) {
        o.insert(QStringLiteral("name"), QJsonArray{QJsonObject{{QStringLiteral("text"), t.displayName}}});
    }
    return o;
}

QJsonObject device(const QString& id, const QString& serial, const QString& firmware)
{
    QJsonObject o{{QStringLiteral("resourceType"), QStringLiteral("Device")}, {QStringLiteral("id"), id},
        {QStringLiteral("identifier"), QJsonArray{identifier(kDeviceSystem, serial)}},
        {QStringLiteral("serialNumber"), serial}};
    if (!firmware.trimmed().isEmpty()) {
        o.insert(QStringLiteral("version"),
            QJsonArray{
                QJsonObject{{QStringLiteral("type"), QJsonObject{{QStringLiteral("text"), QStringLiteral("firmware")}}},
                    {QStringLiteral("value"), firmware}}});
    }
    return o;
}

QString siteText(const ExportChannel& c)
{
    QString text = c.muscle.trimmed().isEmpty() ? QStringLiteral("electrode site") : c.muscle;
    if (!c.side.isEmpty()) {
        text += QStringLiteral(", ") + c.side;
    }
    if (!c.landmark.trimmed().isEmpty()) {
        text += QStringLiteral(" (") + c.landmark + QLatin1Char(')');
    }
    return text;
}

QJsonObject bodyStructure(const QString& id, const ExportChannel& c, const QString& patientRef)
{
    QJsonObject o{{QStringLiteral("resourceType"), QStringLiteral("BodyStructure")}, {QStringLiteral("id"), id},
        {QStringLiteral("description"), siteText(c)}, {QStringLiteral("patient"), ref(patientRef)}};
    if (!c.muscle.trimmed().isEmpty()) {
        o.insert(QStringLiteral("location"), QJsonObject{{QStringLiteral("text"), c.muscle}});
    }
    if (const auto lat = laterality(c.side)) {
        o.insert(QStringLiteral("locationQualifier"), QJsonArray{codeable(*lat, c.side)});
    }
    return o;
}

QJsonObject procedure(const QString& id, const ExportSession& se, const ProcedureRefs& refs)
{
    QString status = QStringLiteral("in-progress");
    if (se.endReason) {
        status = *se.endReason == QLatin1String("completed") ? QStringLiteral("completed") : QStringLiteral("stopped");
    }
    QStringList programs;
    QJsonArray sites;
    QJsonArray targets;
    for (qsizetype i = 0; i < se.channels.size(); ++i) {
        const ExportChannel& c = se.channels.at(i);
        if (!programs.contains(c.programName)) {
            programs.append(c.programName);
        }
        sites.append(
            QJsonObject{{QStringLiteral("text"), QStringLiteral("channel %1: ").arg(c.channel) + siteText(c)}});
        targets.append(
            QJsonObject{{QStringLiteral("url"),
                            QStringLiteral("http://hl7.org/fhir/StructureDefinition/procedure-targetBodyStructure")},
                {QStringLiteral("valueReference"), ref(refs.bodyStructures.at(i))}});
    }
    const QString what
        = programs.isEmpty() ? QStringLiteral("Electrical stimulation") : programs.join(QStringLiteral("; "));
    // SNOMED CT 91251008 (physical therapy procedure) is the parent CLINICAL.md names; the exact concept per
    // modality is not settled, so the programme names travel as text.
    QJsonObject o{{QStringLiteral("resourceType"), QStringLiteral("Procedure")}, {QStringLiteral("id"), id},
        {QStringLiteral("status"), status},
        {QStringLiteral("code"),
            codeable(
                coding(s(kSnomed), QStringLiteral("91251008"), QStringLiteral("Physical therapy procedure")), what)},
        {QStringLiteral("subject"), ref(refs.patient)},
        {QStringLiteral("performedPeriod"), period(se.startedUtcMs, se.endedUtcMs)},
        {QStringLiteral("performer"), QJsonArray{QJsonObject{{QStringLiteral("actor"), ref(refs.practitioner)}}}},
        {QStringLiteral("usedReference"), QJsonArray{ref(refs.device)}}};
    if (se.endReason && status != QLatin1String("completed")) {
        o.insert(QStringLiteral("statusReason"), QJsonObject{{QStringLiteral("text"), *se.endReason}});
    }
    if (!sites.isEmpty()) {
        o.insert(QStringLiteral("bodySite"), sites);
        o.insert(QStringLiteral("extension"), targets);
    }
    return o;
}

QJsonObject nprs(const QString& id, qint64 score, bool beforeTreatment, qint64 effectiveUtcMs, qint64 issuedUtcMs,
    const QString& patientRef, const QString& procedureRef)
{
    const QString text
        = beforeTreatment ? QStringLiteral("NPRS before treatment") : QStringLiteral("NPRS after treatment");
    return {{QStringLiteral("resourceType"), QStringLiteral("Observation")}, {QStringLiteral("id"), id},
        {QStringLiteral("status"), QStringLiteral("final")}, {QStringLiteral("category"), category("survey", "Survey")},
        {QStringLiteral("code"),
            codeable(coding(s(kLoinc), s(kNprsLoinc),
                         QStringLiteral("Pain severity - 0-10 verbal numeric rating [Score] - Reported")),
                text)},
        {QStringLiteral("subject"), ref(patientRef)}, {QStringLiteral("effectiveDateTime"), isoUtc(effectiveUtcMs)},
        {QStringLiteral("issued"), isoUtc(issuedUtcMs)}, {QStringLiteral("valueInteger"), score},
        {QStringLiteral("partOf"), QJsonArray{ref(procedureRef)}}};
}

QJsonObject deliveredCurrent(const QString& id, const ExportSession& se, const ExportChannel& c,
    const QString& patientRef, const QString& procedureRef, const QString& deviceRef)
{
    const QString valueQuantity = QStringLiteral("valueQuantity");
    QJsonArray components{component(QStringLiteral("channel"), QStringLiteral("Stimulator channel"),
                              QStringLiteral("valueInteger"), c.channel),
        component(QStringLiteral("max-amplitude"), QStringLiteral("Highest amplitude reached"), valueQuantity,
            milliamps(c.maxAmplitudeUa)),
        component(QStringLiteral("total-charge"), QStringLiteral("Charge delivered"), valueQuantity,
            quantity(static_cast<double>(c.totalChargeUc), QStringLiteral("uC")))};
    if (const auto& cur = c.current) {
        components.append(
            component(QStringLiteral("summary-duration"), QStringLiteral("Seconds with a current summary"),
                valueQuantity, quantity(static_cast<double>(cur->seconds), QStringLiteral("s"))));
        components.append(component(QStringLiteral("mean-commanded"), QStringLiteral("Mean commanded current"),
            valueQuantity, milliamps(cur->meanCommandedUa)));
        components.append(component(QStringLiteral("max-commanded"), QStringLiteral("Highest commanded current"),
            valueQuantity, milliamps(cur->maxCommandedUa)));
        const std::array<std::tuple<const char*, const char*, std::optional<qint64>>, 3> measured{
            {{"measured-min", "Lowest measured current", cur->measuredMinUa},
                {"measured-mean", "Mean measured current", cur->measuredMeanUa},
                {"measured-max", "Highest measured current", cur->measuredMaxUa}}};
        for (const auto& [code, display, value] : measured) {
            if (value) {
                components.append(component(s(code), s(display), valueQuantity, milliamps(*value)));
            }
        }
    }
    return {{QStringLiteral("resourceType"), QStringLiteral("Observation")}, {QStringLiteral("id"), id},
        {QStringLiteral("status"), se.endedUtcMs ? QStringLiteral("final") : QStringLiteral("preliminary")},
        {QStringLiteral("category"), category("procedure", "Procedure")},
        {QStringLiteral("code"),
            codeable(coding(s(kLocalCodes), QStringLiteral("delivered-current"),
                         QStringLiteral("Delivered current summary")),
                QStringLiteral("Delivered current, channel %1").arg(c.channel))},
        {QStringLiteral("subject"), ref(patientRef)},
        {QStringLiteral("effectivePeriod"), period(se.startedUtcMs, se.endedUtcMs)},
        {QStringLiteral("partOf"), QJsonArray{ref(procedureRef)}}, {QStringLiteral("device"), ref(deviceRef)},
        {QStringLiteral("bodySite"), QJsonObject{{QStringLiteral("text"), siteText(c)}}},
        {QStringLiteral("component"), components}};
}

} // namespace galvani::db::exp::fhir
