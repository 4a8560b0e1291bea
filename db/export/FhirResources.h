// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/export/ExportRecord.h"

#include <QJsonObject>
#include <QString>

// Builders of the FHIR R4 resources of a session export (JSON). Pure functions; any thread.
// References are the fullUrl ("urn:uuid:…") of another entry of the same bundle. FHIR JSON allows no empty strings
// and no empty arrays, so empty store values are left out rather than written as "".
namespace galvani::db::exp::fhir {

inline constexpr char kLoinc[] = "http://loinc.org";
inline constexpr char kSnomed[] = "http://snomed.info/sct";
inline constexpr char kUcum[] = "http://unitsofmeasure.org";
// Local code system and identifier namespaces of this program. The host name is deliberately unresolvable
// (.invalid); a clinic that publishes its own canonical URLs maps these on import.
inline constexpr char kLocalCodes[] = "https://galvani.invalid/fhir/CodeSystem/session-measure";
inline constexpr char kMrnSystem[] = "https://galvani.invalid/fhir/NamingSystem/mrn";
inline constexpr char kPseudonymSystem[] = "https://galvani.invalid/fhir/NamingSystem/patient-pseudonym";
inline constexpr char kUserSystem[] = "https://galvani.invalid/fhir/NamingSystem/username";
inline constexpr char kDeviceSystem[] = "https://galvani.invalid/fhir/NamingSystem/device-serial";
// NPRS, 0–10 (CLINICAL.md §5).
inline constexpr char kNprsLoinc[] = "72514-3";

// Patient: MRN identifier (type MR), name and birth date; pseudonymised: only the pseudonym identifier.
[[nodiscard]] QJsonObject patient(const QString& id, const ExportPatient& p, bool pseudonymise);
// Practitioner: username identifier and display name.
[[nodiscard]] QJsonObject practitioner(const QString& id, const ExportTherapist& t);
// Device: serial number (also as identifier) and firmware version.
[[nodiscard]] QJsonObject device(const QString& id, const QString& serial, const QString& firmware);
// BodyStructure of an electrode placement: muscle as location, side as SNOMED laterality qualifier.
[[nodiscard]] QJsonObject bodyStructure(const QString& id, const ExportChannel& c, const QString& patientRef);
// The body site text of a placement: "lumbar multifidus, left (L5 spinous process)".
[[nodiscard]] QString siteText(const ExportChannel& c);

struct ProcedureRefs {
    QString patient;
    QString practitioner;
    QString device;
    QStringList bodyStructures; // one per channel, same order as the session's channels
};
// Procedure: the session, status completed / stopped / in-progress, performedPeriod, performer, bodySite (text
// per channel) plus the target BodyStructure extension (laterality), usedReference → Device.
[[nodiscard]] QJsonObject procedure(const QString& id, const ExportSession& s, const ProcedureRefs& refs);

// Observation of an NPRS score, LOINC 72514-3, valueInteger, partOf → Procedure.
[[nodiscard]] QJsonObject nprs(const QString& id, qint64 score, bool beforeTreatment, qint64 effectiveUtcMs,
    qint64 issuedUtcMs, const QString& patientRef, const QString& procedureRef);
// Observation of one channel's delivered current: components with UCUM quantities (mA, uC, s).
[[nodiscard]] QJsonObject deliveredCurrent(const QString& id, const ExportSession& s, const ExportChannel& c,
    const QString& patientRef, const QString& procedureRef, const QString& deviceRef);

} // namespace galvani::db::exp::fhir
