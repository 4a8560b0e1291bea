// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>

namespace galvani::db::records {

// Outcome measures (CLINICAL.md §5): NPRS 0–10 before and after a treatment, NDI raw score 0–50 (percent is
// raw × 2), ODI percent 0–100. At least one score per record. Plain value.
struct OutcomeFields {
    std::optional<qint64> sessionId; // the treatment it belongs to, if any (baseline scores have none)
    std::optional<int> nprsBefore;
    std::optional<int> nprsAfter;
    std::optional<int> ndiRaw;
    std::optional<int> odiPercent;
    QString notes; // up to 1000 characters
};

struct Outcome {
    qint64 id = 0;
    qint64 patientId = 0;
    OutcomeFields fields;
    qint64 recordedBy = 0;
    qint64 recordedUtcMs = 0;
};

} // namespace galvani::db::records
