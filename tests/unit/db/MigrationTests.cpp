// SPDX-License-Identifier: GPL-3.0-or-later
// Schema migrations on the test backend: every earlier version upgrades with its data intact, newer and foreign
// stores are refused, and the two SQL dialects describe the same schema.
#include "TestStore.h"

#include "db/Migrator.h"
#include "db/audit/AuditTrail.h"
#include "db/audit/AuditVerifier.h"
#include "db/records/CalibrationRepository.h"
#include "db/records/PatientRepository.h"
#include "db/records/PlacementRepository.h"
#include "db/records/ScreeningRepository.h"
#include "db/records/SessionRepository.h"
#include "db/sql/SqliteFile.h"

#include <catch2/catch.hpp>

#include <QFileInfo>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace galvani;
using namespace galvani::db;
using galvani::test::TestStore;

namespace {

// Data written with plain SQL as a store at version `v` would have held it (ids from the database).
void seed(TestStore& s, int v)
{
    if (v >= 1) {
        REQUIRE(s.exec(QStringLiteral("INSERT INTO users (username, display_name, role, password_hash, created_utc_ms, "
                                      "updated_utc_ms) VALUES ('seed', 'Seed User', 'therapist', 'x', 1, 1)")));
        REQUIRE(s.exec(QStringLiteral(
            "INSERT INTO patients (pseudonym, mrn, family_name, given_names, birth_date, phone, email, address, "
            "created_by, created_utc_ms, updated_utc_ms) VALUES ('ps-1', 'SEED-1', 'Okafor', 'Ada', '1970-02-03', "
            "'555', 'a@b.c', 'Main St', (SELECT id FROM users WHERE username = 'seed'), 2, 2)")));
        REQUIRE(s.exec(QStringLiteral("INSERT INTO notes (patient_id, author_id, written_utc_ms, body) VALUES ((SELECT "
                                      "id FROM patients WHERE mrn = 'SEED-1'), (SELECT id FROM users WHERE username = "
                                      "'seed'), 3, 'first visit')")));
        audit::AuditTrail trail(s.ctx());
        REQUIRE(trail
                    .append(audit::AuditRecord{Actor::system(), QStringLiteral("seed"), QStringLiteral("patients"), 1,
                        std::nullopt, std::nullopt, QStringLiteral("{}"), std::nullopt})
                    .ok());
    }
    if (v >= 2) {
        REQUIRE(s.exec(QStringLiteral(
            "INSERT INTO screenings (patient_id, screened_by, screened_utc_ms, outcome, expires_utc_ms, notes) VALUES "
            "((SELECT id FROM patients WHERE mrn = 'SEED-1'), (SELECT id FROM users WHERE username = 'seed'), 10, "
            "'clear', 999999999999, 'seeded')")));
        REQUIRE(s.exec(QStringLiteral("INSERT INTO screening_items (screening_id, item_code, severity, answer) VALUES "
                                      "((SELECT MAX(id) FROM screenings), 'epilepsy', 'absolute', 'no')")));
        REQUIRE(s.exec(QStringLiteral(
            "INSERT INTO placements (patient_id, channel, muscle, side, landmark, electrode_width_mm, "
            "electrode_height_mm, electrode_area_mm2, electrode_type, polarity, posture, recorded_by, "
            "recorded_utc_ms) VALUES ((SELECT id FROM patients WHERE mrn = 'SEED-1'), 2, 'lumbar multifidus', "
            "'left', 'L5', 50, 90, 4500, 'self_adhesive', 'active_cathode', 'prone', (SELECT id FROM users WHERE "
            "username = 'seed'), 11)")));
        REQUIRE(s.exec(QStringLiteral(
            "INSERT INTO motor_points (placement_id, measured_by, measured_utc_ms, threshold_ua, pulse_width_us, "
            "frequency_millihz) VALUES ((SELECT MAX(id) FROM placements), (SELECT id FROM users WHERE username = "
            "'seed'), 12, 8500, 250, 2000)")));
    }
    if (v >= 3) {
        REQUIRE(s.exec(QStringLiteral(
            "INSERT INTO calibrations (device_serial, firmware, channel, technician_id, performed_utc_ms, due_utc_ms, "
            "status, record_hash) VALUES ('SN-1', '1.0', 2, (SELECT id FROM users WHERE username = 'seed'), 13, "
            "999999999999, 'passed', 'abc')")));
        REQUIRE(s.exec(QStringLiteral("INSERT INTO calibration_points (calibration_id, idx, load_ohms, pulse_width_us, "
                                      "frequency_millihz, commanded_ua, measured_ua, error_ua, passed) VALUES ((SELECT "
                                      "MAX(id) FROM calibrations), 0, 500, 200, 50000, 10000, 10100, 100, 1)")));
    }
}

QStringList tablesOf(TestStore& s)
{
    QSqlQuery q(s.db->connection());
    const QString sql = s.dialect() == Dialect::Sqlite
        ? QStringLiteral(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        : QStringLiteral("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND "
                         "table_name <> 'schema_version' ORDER BY table_name");
    REQUIRE(q.exec(sql));
    QStringList out;
    while (q.next()) {
        out.append(q.value(0).toString());
    }
    return out;
}

QStringList columnsOf(TestStore& s, const QString& table)
{
    QSqlQuery q(s.db->connection());
    REQUIRE(q.exec(QStringLiteral("SELECT * FROM %1 WHERE 1 = 0").arg(table)));
    QStringList out;
    const QSqlRecord rec = q.record();
    for (int i = 0; i < rec.count(); ++i) {
        out.append(rec.fieldName(i));
    }
    out.sort();
    return out;
}

// Every row of every listed column, as text, in a stable order.
QStringList dump(TestStore& s, const QString& table, const QStringList& columns)
{
    QSqlQuery q(s.db->connection());
    REQUIRE(q.exec(QStringLiteral("SELECT %1 FROM %2").arg(columns.join(QStringLiteral(", ")), table)));
    QStringList rows;
    while (q.next()) {
        QStringList cells;
        for (int i = 0; i < columns.size(); ++i) {
            cells.append(q.isNull(i) ? QStringLiteral("<null>") : q.value(i).toString());
        }
        rows.append(cells.join(QLatin1Char('|')));
    }
    rows.sort();
    return rows;
}

} // namespace

TEST_CASE("both SQL dialects carry the same numbered migrations", "[db][migrations]")
{
    const auto lite = Migrator::available(Dialect::Sqlite);
    const auto pg = Migrator::available(Dialect::Postgresql);
    REQUIRE(lite.ok());
    REQUIRE(pg.ok());
    REQUIRE(lite->size() == pg->size());
    REQUIRE(lite->size() == Migrator::latestVersion());
    for (qsizetype i = 0; i < lite->size(); ++i) {
        CHECK(lite->at(i).version == i + 1);
        CHECK(lite->at(i).name == pg->at(i).name);
    }
}

TEST_CASE("a new store migrates to the latest version and a second run does nothing", "[db][migrations]")
{
    TestStore s(test::testBackend(), false);
    Migrator m(*s.db, s.clock);
    REQUIRE(m.currentVersion().value() == 0);
    const auto first = m.migrate();
    REQUIRE(first.ok());
    CHECK(first->fromVersion == 0);
    CHECK(first->toVersion == Migrator::latestVersion());
    CHECK(first->applied.size() == Migrator::latestVersion());
    CHECK(first->backupPath.isEmpty()); // nothing to back up in an empty store
    CHECK(m.currentVersion().value() == Migrator::latestVersion());
    const auto again = m.migrate();
    REQUIRE(again.ok());
    CHECK(again->applied.isEmpty());
    CHECK(again->backupPath.isEmpty());
}

TEST_CASE("every earlier schema version upgrades to the latest with its data intact", "[db][migrations]")
{
    for (int k = 1; k < Migrator::latestVersion(); ++k) {
        DYNAMIC_SECTION("from version " << k)
        {
            TestStore s(test::testBackend(), false);
            Migrator m(*s.db, s.clock);
            Migrator::Options opt;
            opt.targetVersion = k;
            REQUIRE(m.migrate(opt).ok());
            REQUIRE(m.currentVersion().value() == k);
            seed(s, k);

            QMap<QString, QStringList> columns;
            QMap<QString, QStringList> before;
            for (const QString& t : tablesOf(s)) {
                columns[t] = columnsOf(s, t);
                before[t] = dump(s, t, columns[t]);
            }
            s.clock.advance(std::chrono::seconds(5));
            const auto report = m.migrate();
            INFO((report.ok() ? QString() : report.error().message).toStdString());
            REQUIRE(report.ok());
            CHECK(report->fromVersion == k);
            CHECK(report->toVersion == Migrator::latestVersion());
            CHECK(report->applied.size() == Migrator::latestVersion() - k);
            if (s.dialect() == Dialect::Sqlite) {
                // The pre-upgrade copy exists, is sound, and is still at the old version.
                REQUIRE_FALSE(report->backupPath.isEmpty());
                QString err;
                auto copy = Database::openForInspection(report->backupPath, &err);
                REQUIRE(copy.has_value());
                CHECK(sql::checkIntegrity(*copy).ok());
                CHECK(sql::sqliteUserVersion(*copy).value() == k);
            }
            for (auto it = columns.cbegin(); it != columns.cend(); ++it) {
                INFO("table " << it.key().toStdString());
                CHECK(dump(s, it.key(), it.value()) == before[it.key()]);
            }

            // The repositories of the latest version read the upgraded data.
            auto ctx = s.ctx();
            const auto patient = records::PatientRepository(ctx).byMrn(QStringLiteral("SEED-1"));
            REQUIRE(patient.ok());
            CHECK(patient->fields.familyName == QStringLiteral("Okafor"));
            const auto notes = records::PatientRepository(ctx).notes(patient->id);
            REQUIRE(notes.ok());
            REQUIRE(notes->size() == 1);
            CHECK_FALSE(notes->first().sessionId.has_value()); // the column added in version 4 is empty
            if (k >= 2) {
                CHECK(records::ScreeningRepository(ctx).latest(patient->id)->notes == QStringLiteral("seeded"));
                CHECK(records::PlacementRepository(ctx).current(patient->id)->size() == 1);
            }
            if (k >= 3) {
                const auto cal = records::CalibrationRepository(ctx).history(QStringLiteral("SN-1"), 2);
                REQUIRE(cal.ok());
                REQUIRE(cal->size() == 1);
                CHECK(cal->first().record.points.first().errorUa() == 100);
            }
            CHECK(audit::AuditVerifier(*s.db, *s.key).verify().ok());
        }
    }
}

TEST_CASE("a store written by a newer Galvani is refused with a clear message", "[db][migrations]")
{
    TestStore s;
    const int future = Migrator::latestVersion() + 7;
    if (s.dialect() == Dialect::Sqlite) {
        REQUIRE(s.exec(QStringLiteral("PRAGMA user_version = %1").arg(future)));
    } else {
        REQUIRE(s.exec(QStringLiteral("INSERT INTO schema_version (version, name, applied_utc_ms) VALUES (%1, "
                                      "'future', 0)")
                           .arg(future)));
    }
    Migrator m(*s.db, s.clock);
    CHECK(m.currentVersion().value() == future);
    const auto r = m.migrate();
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == DbError::Kind::Schema);
    CHECK(r.error().message.contains(QStringLiteral("newer Galvani")));
    CHECK(r.error().message.contains(QString::number(future)));
}

TEST_CASE("a database that is not a Galvani store is never migrated", "[db][migrations]")
{
    TestStore s(test::testBackend(), false);
    REQUIRE(s.exec(QStringLiteral("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER)")));
    Migrator m(*s.db, s.clock);
    const auto r = m.migrate();
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.contains(QStringLiteral("not a Galvani record store")));
    CHECK(m.currentVersion().value() == 0);
}

TEST_CASE("downgrades and unknown target versions are refused", "[db][migrations]")
{
    TestStore s;
    Migrator m(*s.db, s.clock);
    Migrator::Options opt;
    opt.targetVersion = 1;
    const auto down = m.migrate(opt);
    REQUIRE_FALSE(down.ok());
    CHECK(down.error().kind == DbError::Kind::Invalid);
    opt.targetVersion = Migrator::latestVersion() + 1;
    CHECK_FALSE(m.migrate(opt).ok());
}
