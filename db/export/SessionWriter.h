// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/Result.h"
#include "db/export/ExportRecord.h"
#include "db/export/ExportTypes.h"

#include <QtGlobal>

namespace galvani::db::exp {

// What every export file records about itself in its header or bundle metadata.
struct ExportHeader {
    ExportFilter filter;
    ExportOptions options;
    qint64 exportedUtcMs = 0;
    qint64 total = 0; // sessions the filter selected
};

// One export format: writes a header, then sessions one at a time, then a trailer, through an ExportSink, never
// holding more than the session being written (plus, for FHIR, the ids of resources already written).
// Thread affinity: the exporting thread. Ownership: implementations borrow the sink.
class SessionWriter {
public:
    SessionWriter() = default;
    SessionWriter(const SessionWriter&) = delete;
    SessionWriter& operator=(const SessionWriter&) = delete;
    virtual ~SessionWriter() = default;

    [[nodiscard]] virtual Status begin(const ExportHeader& header) = 0;
    [[nodiscard]] virtual Status write(const ExportSession& session) = 0;
    [[nodiscard]] virtual Status finish() = 0;
    // CSV: data rows; JSON: sessions; FHIR: bundle entries.
    [[nodiscard]] virtual qint64 rows() const = 0;
};

} // namespace galvani::db::exp
