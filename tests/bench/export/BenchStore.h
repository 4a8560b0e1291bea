// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/Database.h"

#include <QString>
#include <QtGlobal>

namespace galvani::bench {

// What the export benchmark seeds: N closed sessions spread over N / 50 patients and 20 therapists, each with
// `channels` channels, `seconds` one-second current summaries per channel and one outcome (NPRS before/after).
struct SeedPlan {
    qint64 sessions = 100'000;
    int channels = 2;
    int seconds = 5;
};

struct SeedResult {
    qint64 rows = 0; // rows inserted, all tables
    qint64 firstTherapistId = 0;
    qint64 firstPatientId = 0;
    qint64 programId = 0;
    qint64 placementId = 0; // channel 1 of the first patient
    QString error; // empty on success
};

// Bulk insert in one transaction straight through SQL (the repositories would write an audit row and an fsync
// per session). Sessions are inserted open, given their channels and summaries, and closed at the end, as the
// append-only triggers require.
[[nodiscard]] SeedResult seedSessions(db::Database& db, const SeedPlan& plan);

// The rows the CSV export writes, as one SQL statement for the sqlite3 shell's own CSV output (the baseline).
[[nodiscard]] QString baselineCsvQuery();

} // namespace galvani::bench
