// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/Actor.h"
#include "db/Result.h"
#include "db/StoreContext.h"
#include "db/export/ExportTypes.h"

#include <atomic>

class QIODevice;

namespace galvani::db::exp {

// Streams the sessions a filter selects to a device as CSV, JSON or a FHIR R4 Bundle, and audits the export.
//
// Memory: sessions are read in keyset pages (SessionPager) inside one read snapshot (ReadSnapshot) and written
// one at a time (CsvWriter, JsonWriter, FhirWriter); neither the result nor the output is ever held whole, so
// 100 000 sessions export in the memory of one page.
// Progress: reported on this thread at the start (0, total), then by ExportOptions' time or count rule, and at
// the end (total, total) when the export completes.
// Cancel: the flag may be set from any thread; it is checked before each session. A cancelled export reports
// cancelled = true and its output is incomplete (write to a QSaveFile and cancelWriting() it).
// Audit: every export that passes validation writes exactly one audit row (action "export", table "sessions")
// after reading ends, naming the actor and, as JSON, the format, filter, options, sessions, rows, bytes,
// SHA-256 of the output and the outcome (completed, cancelled or failed: reason). If the audit row cannot be
// written the export fails, and its output must be discarded.
// Who may export is the app's decision (CLINICAL.md §7: admins all, therapists their own patients); this class
// exports what the filter selects. The device must be open for writing; closing or committing it is the caller's.
// Thread affinity: the Database's thread (the app's db thread). Ownership: borrows the context and the device.
class SessionExporter {
public:
    explicit SessionExporter(const StoreContext& ctx);

    [[nodiscard]] Result<ExportReport> run(const ExportFilter& filter, ExportFormat format, QIODevice* sink,
        const Actor& actor, const ExportOptions& options = {}, const ExportProgress& progress = {},
        const std::atomic_bool* cancel = nullptr);

    // Checks the filter and options; the message names the field and its allowed range.
    [[nodiscard]] static Status validate(const ExportFilter& filter, const ExportOptions& options);

    static constexpr int kMaxPageSize = 10'000;

private:
    StoreContext m_ctx;
};

} // namespace galvani::db::exp
