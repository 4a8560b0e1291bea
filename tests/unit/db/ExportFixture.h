// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "TestStore.h"

#include "db/export/ExportTypes.h"
#include "db/export/SessionExporter.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace galvani::test {

// Text that breaks naive CSV and spreadsheet handling: quotes, commas, CR/LF inside cells, formula triggers
// (= + - @ TAB CR) at the start, emoji, right-to-left marks and embeddings.
struct Hostile {
    static QString family() { return QStringLiteral("=HYPERLINK(\"http://x\",\"y\")"); }
    static QString given() { return QStringLiteral("-Zoë \"Z\", 😀\r\nsecond line \u200F\u202Bعربي\u202C"); }
    static QString mrn() { return QStringLiteral("+MRN,\"2\""); }
    static QString therapist() { return QStringLiteral("@cmd|' /C calc'!A0, \"B\"\r\n"); }
    static QString device() { return QStringLiteral("-DEV,\"2\""); }
    static QString firmware() { return QStringLiteral("=4.2\r\n1"); }
    static QString muscle() { return QStringLiteral("+multifidus, \"deep\""); }
    static QString landmark() { return QStringLiteral("\tL5 spinous process"); }
    static QString leadLabel() { return QStringLiteral("\rA1"); }
    static QString workstation() { return QStringLiteral("ws\n1 \u200E"); }
    static QString program() { return QStringLiteral("+Program \"A\", v1"); }
};

struct SessionFacts {
    qint64 id = 0;
    qint64 patientId = 0;
    qint64 therapistId = 0;
    qint64 startedUtcMs = 0;
    int channels = 0;
};

// Five sessions over four days (clock from 2026-01-01T00:00:00Z), written through the repositories:
//  s1 day 0 08:00  patient 1, therapist A, DEV-1 fw 4.2.1, 1 channel, 3 s of summaries, NPRS 7 → 4, completed
//  s2 day 1 09:30  patient 2 (hostile), therapist B (hostile), hostile device, 2 channels (ch 2 unmeasured),
//                  NPRS before 8 and, in a second record, after 6; stopped by the therapist
//  s3 day 2 14:00  patient 1, therapist B, DEV-1 fw 4.3.0, ended by a fault
//  s4 day 3 00:00  patient 3, therapist A, DEV-3, no summaries, no outcome, completed
//  s5 day 3 23:59:59.999  patient 2, therapist A, DEV-1 fw 4.2.1, still open
struct ExportFixture {
    static constexpr qint64 kDayMs = 24LL * 3600 * 1000;
    static constexpr qint64 kEpochMs = 1'767'225'600'000; // 2026-01-01T00:00:00Z

    db::Actor admin;
    db::Actor therapistA;
    db::Actor therapistB;
    qint64 patient1 = 0;
    qint64 patient2 = 0;
    qint64 patient3 = 0;
    QList<SessionFacts> sessions; // s1 … s5, ascending ids

    [[nodiscard]] const SessionFacts& s(int n) const { return sessions.at(n - 1); }
};

// REQUIREs every step.
ExportFixture buildExportFixture(TestStore& store);

struct ExportRun {
    db::Result<db::exp::ExportReport> report;
    QByteArray bytes;
};

// Runs an export into memory as the fixture's admin.
ExportRun runExport(TestStore& store, const ExportFixture& f, db::exp::ExportFormat format,
    const db::exp::ExportFilter& filter = {}, const db::exp::ExportOptions& options = {},
    const db::exp::ExportProgress& progress = {}, const std::atomic_bool* cancel = nullptr);

// Number of audit rows with action "export".
qint64 exportAuditRows(TestStore& store);

} // namespace galvani::test
