// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppResult.h"
#include "app/access/Access.h"

#include <QDate>
#include <QString>

#include <atomic>
#include <functional>
#include <optional>

namespace galvani::app {

class RecordStore;

enum class ExportFileFormat { Csv, Json, Fhir };
[[nodiscard]] bool parseExportFormat(const QString& text, ExportFileFormat* format); // csv, json, fhir

// Which sessions to export and where. Dates are calendar days in the workstation's time zone, both included.
struct ExportRequest {
    ExportFileFormat format = ExportFileFormat::Csv;
    QDate from; // null: no lower bound
    QDate to; // null: no upper bound
    QString patientMrn; // empty: every patient
    QString therapistUsername; // empty: every therapist (forced to the caller for own-records exports)
    QString outPath; // written atomically: nothing appears there unless the export completes
    bool pseudonymise = false; // MRN, name and birth date replaced by the patient's pseudonym
    bool includeEvents = false; // JSON: each session's event log
};

struct ExportSummary {
    qint64 sessions = 0;
    qint64 rows = 0; // CSV rows (session × channel), JSON sessions, FHIR bundle entries
    qint64 bytes = 0;
    QString sha256; // of the file as written
    QString path;
};

// Session exports for admins (any patient) and therapists (only the sessions they ran, CLINICAL.md §7).
// The file is written through QSaveFile: a cancelled, failed or refused export leaves no file behind and never
// replaces an existing one. Each export that runs is audited by the exporter (format, filter, rows, hash).
// progress is called on this thread (done, total) a few times a second; cancel may be set from any thread.
// Thread affinity: the RecordStore's thread. Ownership: borrows the store.
class ExportService {
public:
    explicit ExportService(RecordStore& store);

    [[nodiscard]] AppResult<ExportSummary> exportSessions(const SignedInUser& user, const ExportRequest& request,
        const std::function<void(qint64 done, qint64 total)>& progress = {}, const std::atomic_bool* cancel = nullptr);

private:
    RecordStore& m_store;
};

} // namespace galvani::app
