// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/export/SessionWriter.h"

#include <QJsonObject>
#include <QSet>
#include <QUuid>

namespace galvani::db::exp {

class ExportSink;

// FHIR R4 export: one Bundle of type "collection" (JSON), written as a stream. Per session: a Procedure, an NPRS
// Observation (LOINC 72514-3) for each recorded score before and after, and a delivered-current Observation per
// channel. The Patient, Practitioner, Device (serial + firmware) and BodyStructure (electrode placement) resources
// a session refers to are written once per export, before the first entry that refers to them; the writer keeps
// the ids already written (bounded by the number of patients, users, devices and placements, not by sessions).
// Every fullUrl is "urn:uuid:<UUID v5>" from a random namespace drawn per export, so references resolve inside
// the bundle but ids cannot be linked across exports.
// Thread affinity: the exporting thread. Ownership: borrows the sink.
class FhirWriter final : public SessionWriter {
public:
    explicit FhirWriter(ExportSink& sink);

    [[nodiscard]] Status begin(const ExportHeader& header) override;
    [[nodiscard]] Status write(const ExportSession& session) override;
    [[nodiscard]] Status finish() override;
    [[nodiscard]] qint64 rows() const override { return m_entries; }

private:
    [[nodiscard]] QString fullUrl(const QString& name) const;
    [[nodiscard]] Status entry(const QString& url, const QJsonObject& resource);

    ExportSink& m_sink;
    QUuid m_namespace;
    bool m_pseudonymise = false;
    qint64 m_entries = 0;
    QSet<qint64> m_patients;
    QSet<qint64> m_practitioners;
    QSet<qint64> m_placements;
    QSet<QString> m_devices;
};

} // namespace galvani::db::exp
