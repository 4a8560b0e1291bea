// SPDX-License-Identifier: GPL-3.0-or-later
// Selects PostgreSQL for the repository tests linked into db_records_tests_pg, and adds the checks that need both
// backends at once.
#include "TestStore.h"

#include "db/Database.h"
#include "db/StoreBackup.h"
#include "db/sql/Query.h"

#include <catch2/catch.hpp>

#include <QSqlQuery>
#include <QSqlRecord>

galvani::test::StoreBackend galvani::test::testBackend()
{
    return StoreBackend::Postgresql;
}

namespace {

using galvani::test::TestStore;

QStringList tables(TestStore& s)
{
    QSqlQuery q(s.db->connection());
    const QString sql = s.dialect() == galvani::db::Dialect::Sqlite
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

QStringList columns(TestStore& s, const QString& table)
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

} // namespace

TEST_CASE("the PostgreSQL schema has the same tables and columns as the SQLite schema", "[db][migrations]")
{
    TestStore pg(galvani::test::StoreBackend::Postgresql);
    TestStore lite(galvani::test::StoreBackend::Sqlite);
    const QStringList names = tables(lite);
    REQUIRE(names.size() >= 15);
    CHECK(tables(pg) == names);
    for (const QString& t : names) {
        INFO("table " << t.toStdString());
        CHECK(columns(pg, t) == columns(lite, t));
    }
}

TEST_CASE("file backups of a PostgreSQL store are left to the server's tools", "[db][backup]")
{
    TestStore pg(galvani::test::StoreBackend::Postgresql);
    const auto r = galvani::db::StoreBackup::backup(
        pg.ctx(), pg.temp.filePath(QStringLiteral("b.sqlite")), galvani::db::Actor::system());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == galvani::db::DbError::Kind::Unsupported);
    CHECK(r.error().message.contains(QStringLiteral("pg_dump")));
}

TEST_CASE(
    "a PostgreSQL connection's lock wait is bounded and a write that meets a held lock says the store is busy", "[db]")
{
    TestStore pg(galvani::test::StoreBackend::Postgresql);
    QString error;
    auto holder = galvani::db::Database::open(pg.db->url(), &error);
    INFO(error.toStdString());
    REQUIRE(holder.has_value());
    REQUIRE(pg.db->setLockWait(50, &error));
    CHECK(pg.scalar(QStringLiteral("SHOW lock_timeout")).toString() == QStringLiteral("50ms"));
    REQUIRE(pg.exec(QStringLiteral("CREATE TABLE lock_probe (x INTEGER)")));

    QSqlQuery hold(holder->connection());
    REQUIRE(hold.exec(QStringLiteral("BEGIN")));
    REQUIRE(hold.exec(QStringLiteral("LOCK TABLE lock_probe IN ACCESS EXCLUSIVE MODE")));
    const auto write = galvani::db::sql::execRaw(*pg.db, QStringLiteral("INSERT INTO lock_probe VALUES (1)"));
    REQUIRE_FALSE(write.ok());
    CHECK(write.error().message.contains(QStringLiteral("the record store is busy")));
    REQUIRE(hold.exec(QStringLiteral("COMMIT")));
    CHECK(galvani::db::sql::execRaw(*pg.db, QStringLiteral("INSERT INTO lock_probe VALUES (2)")).ok());
}
