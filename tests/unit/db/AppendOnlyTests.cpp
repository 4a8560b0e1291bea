// SPDX-License-Identifier: GPL-3.0-or-later
// The database itself refuses to change or remove append-only rows, whoever asks (plain SQL here, no repository).
#include "ClinicalFixture.h"

#include "db/records/SessionLog.h"
#include "db/records/SessionRepository.h"

#include <catch2/catch.hpp>

#include <QSqlError>
#include <QSqlQuery>

using namespace galvani::db;
using namespace galvani::db::records;
using galvani::test::TestStore;

namespace {

// Runs a statement that must be refused by an append-only trigger (not by some unrelated error).
void requireRefused(TestStore& s, const QString& sql)
{
    QSqlQuery q(s.db->connection());
    INFO(sql.toStdString());
    REQUIRE_FALSE(q.exec(sql));
    INFO(q.lastError().text().toStdString());
    CHECK(q.lastError().text().contains(QStringLiteral("galvani: append-only")));
}

} // namespace

TEST_CASE("append-only tables refuse UPDATE and DELETE", "[db][append-only]")
{
    TestStore s;
    const auto f = galvani::test::populate(s);
    const QString closed = QString::number(f.closedSessionId);
    const QStringList statements = {
        QStringLiteral("UPDATE audit_log SET reason = 'x' WHERE id = 1"),
        QStringLiteral("DELETE FROM audit_log WHERE id = 1"),
        QStringLiteral("DELETE FROM audit_log"),
        QStringLiteral("UPDATE notes SET body = 'x'"),
        QStringLiteral("DELETE FROM notes"),
        QStringLiteral("UPDATE screenings SET outcome = 'clear'"),
        QStringLiteral("DELETE FROM screenings"),
        QStringLiteral("UPDATE screening_items SET answer = 'no'"),
        QStringLiteral("DELETE FROM screening_items"),
        QStringLiteral("UPDATE placements SET muscle = 'x'"),
        QStringLiteral("DELETE FROM placements"),
        QStringLiteral("UPDATE programs SET max_amplitude_ua = 100000"),
        QStringLiteral("DELETE FROM programs"),
        QStringLiteral("UPDATE calibrations SET status = 'passed'"),
        QStringLiteral("DELETE FROM calibrations"),
        QStringLiteral("UPDATE calibration_points SET measured_ua = commanded_ua, error_ua = 0"),
        QStringLiteral("DELETE FROM calibration_points"),
        QStringLiteral("UPDATE calibration_instruments SET due_date = '2099-01-01'"),
        QStringLiteral("DELETE FROM calibration_instruments"),
        QStringLiteral("UPDATE session_events SET amplitude_ua = 0"),
        QStringLiteral("DELETE FROM session_events"),
        QStringLiteral("UPDATE current_summaries SET commanded_ua = 0"),
        QStringLiteral("DELETE FROM current_summaries"),
        QStringLiteral("DELETE FROM sessions WHERE id = %1").arg(f.openSessionId),
        QStringLiteral("UPDATE sessions SET end_reason = 'fault' WHERE id = %1").arg(closed),
        QStringLiteral("UPDATE session_channels SET max_amplitude_ua = 1 WHERE session_id = %1").arg(closed),
        QStringLiteral("DELETE FROM session_channels WHERE session_id = %1").arg(f.openSessionId),
    };
    for (const QString& sql : statements) {
        requireRefused(s, sql);
    }
    if (s.dialect() == Dialect::Postgresql) {
        // Row triggers do not see TRUNCATE; statement triggers stop it.
        for (const char* table : {"audit_log", "notes", "screenings", "placements", "programs", "calibrations",
                 "sessions", "session_events", "current_summaries"}) {
            requireRefused(s, QStringLiteral("TRUNCATE %1 CASCADE").arg(QLatin1String(table)));
        }
    }
    CHECK(s.scalar(QStringLiteral("SELECT count(*) FROM audit_log")).toLongLong() > 10);
}

TEST_CASE("an open session may be updated, a closed one not even by SQL", "[db][append-only]")
{
    TestStore s;
    const auto f = galvani::test::populate(s);
    CHECK(s.exec(QStringLiteral("UPDATE session_channels SET max_amplitude_ua = 5000 WHERE session_id = %1")
                     .arg(f.openSessionId)));
    CHECK(s.exec(QStringLiteral("UPDATE sessions SET firmware = '4.2.2' WHERE id = %1").arg(f.openSessionId)));
    requireRefused(s,
        QStringLiteral("UPDATE sessions SET ended_utc_ms = NULL, end_reason = NULL WHERE id = %1")
            .arg(f.closedSessionId));
    requireRefused(s,
        QStringLiteral("INSERT INTO session_events (session_id, seq, kind, at_utc_ms, at_mono_ns) VALUES "
                       "(%1, 99, 'amplitude', 0, 0)")
            .arg(f.closedSessionId));
    requireRefused(s,
        QStringLiteral("INSERT INTO current_summaries (session_id, channel, second_index, commanded_ua) "
                       "VALUES (%1, 1, 99, 0)")
            .arg(f.closedSessionId));
    requireRefused(s,
        QStringLiteral("INSERT INTO session_channels (session_id, channel, program_id, placement_id) VALUES "
                       "(%1, 2, %2, %3)")
            .arg(f.closedSessionId)
            .arg(f.programId)
            .arg(f.placementId));
}

TEST_CASE("the repositories report a closed session as refused", "[db][append-only]")
{
    TestStore s;
    const auto f = galvani::test::populate(s);
    SessionLog log(s.ctx());
    const auto ev = log.appendEvent(f.closedSessionId, NewEvent{EventKind::Pause, 1, std::nullopt, {}});
    REQUIRE_FALSE(ev.ok());
    CHECK(ev.error().kind == DbError::Kind::Refused);
    const Status totals = log.updateChannelTotals(f.closedSessionId, 1, 20'000, 500);
    CHECK_FALSE(totals.ok());
    const auto again = SessionRepository(s.ctx()).end(f.closedSessionId, EndReason::Completed, f.therapist);
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().kind == DbError::Kind::Refused);
}
