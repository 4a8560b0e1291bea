// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDate>
#include <QString>
#include <QTimeZone>
#include <QtGlobal>

#include <functional>
#include <optional>

namespace galvani::db::exp {

// The file formats a session export can take (see db/README.md, "Exports").
enum class ExportFormat { Csv, Json, Fhir }; // csv, json, fhir

[[nodiscard]] QString toText(ExportFormat format);

// Which sessions to export; all conditions combined with AND, an empty one is no condition.
// Times are UTC milliseconds since the epoch and apply to the session's start. Plain value.
struct ExportFilter {
    std::optional<qint64> fromUtcMs; // inclusive
    std::optional<qint64> toUtcMs; // exclusive
    std::optional<qint64> patientId; // patients.id
    std::optional<qint64> therapistId; // users.id of the therapist who ran the session

    // The sessions started on the calendar days first … last (both included) as the clinic's zone counts days;
    // an invalid (null) date leaves that end of the range open.
    [[nodiscard]] static ExportFilter forDays(QDate first, QDate last, const QTimeZone& zone);
};

// How to write the export. Plain value.
struct ExportOptions {
    // Sessions read per keyset page (one query for the sessions, one per child table); 1–10000.
    int pageSize = 500;
    // JSON only: include each session's event log (read one session at a time).
    bool includeEvents = false;
    // CSV only: start the file with the UTF-8 byte order mark (EF BB BF) so spreadsheet programs that guess the
    // encoding pick UTF-8. Off by default: RFC 4180 tools and most parsers read the BOM as part of the first name.
    bool csvByteOrderMark = false;
    // Replace the patient's MRN, name and birth date by the patient's pseudonym (CSV, JSON and FHIR).
    bool pseudonymise = false;
    // Progress is reported when at least progressIntervalMs of the context's monotonic clock have passed since
    // the last report, or when progressEverySessions sessions have been written since (0 = no count rule), and
    // always once at the start and once at the end.
    qint64 progressIntervalMs = 100;
    int progressEverySessions = 0;
};

// Called on the exporting thread with the sessions written so far and the number the filter selected.
using ExportProgress = std::function<void(qint64 done, qint64 total)>;

// What an export did. bytes and sha256 describe exactly what reached the sink.
struct ExportReport {
    qint64 sessions = 0; // sessions written
    qint64 total = 0; // sessions the filter selected when the export began
    qint64 rows = 0; // CSV: data rows (one per session channel); JSON: sessions; FHIR: bundle entries
    qint64 bytes = 0;
    QByteArray sha256; // lowercase hex SHA-256 of the bytes written
    bool cancelled = false; // stopped by the cancel flag; the output is incomplete and should be discarded
    qint64 auditId = 0; // the audit_log row that records the export
};

} // namespace galvani::db::exp
