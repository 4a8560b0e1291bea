// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/SqlScript.h"

#include <catch2/catch.hpp>

using galvani::db::splitSqlScript;

TEST_CASE("statements split on semicolons outside strings and comments", "[db][sql]")
{
    const QStringList s = splitSqlScript(QStringLiteral("-- header; not a statement\n"
                                                        "CREATE TABLE a (x TEXT DEFAULT 'a;b');\n"
                                                        "/* block; comment */ INSERT INTO a VALUES ('it''s; fine');\n"
                                                        "SELECT \"odd;name\" FROM a\n"));
    REQUIRE(s.size() == 3);
    CHECK(s[0] == QStringLiteral("-- header; not a statement\nCREATE TABLE a (x TEXT DEFAULT 'a;b')"));
    CHECK(s[1] == QStringLiteral("/* block; comment */ INSERT INTO a VALUES ('it''s; fine')"));
    CHECK(s[2] == QStringLiteral("SELECT \"odd;name\" FROM a"));
}

TEST_CASE("SQLite trigger bodies stay whole until END", "[db][sql]")
{
    const QStringList s = splitSqlScript(QStringLiteral(
        "CREATE TRIGGER t BEFORE UPDATE ON a WHEN OLD.x IS NOT NULL\nBEGIN\n  SELECT RAISE(ABORT, 'no; never');\n"
        "  SELECT 1;\nEND;\nCREATE TEMP TRIGGER u BEFORE DELETE ON a BEGIN SELECT 2; end;\nDROP TABLE b;"));
    REQUIRE(s.size() == 3);
    CHECK(s[0].startsWith(QStringLiteral("CREATE TRIGGER t")));
    CHECK(s[0].endsWith(QStringLiteral("END")));
    CHECK(s[0].contains(QStringLiteral("SELECT 1;")));
    CHECK(s[1].endsWith(QStringLiteral("end")));
    CHECK(s[2] == QStringLiteral("DROP TABLE b"));
}

TEST_CASE("PostgreSQL dollar-quoted bodies and statement triggers split correctly", "[db][sql]")
{
    const QStringList s = splitSqlScript(QStringLiteral(
        "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  RAISE EXCEPTION 'x; y';\nEND;\n$$;\n"
        "CREATE FUNCTION g() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;\n"
        "CREATE TRIGGER t BEFORE UPDATE ON a FOR EACH ROW EXECUTE FUNCTION f('a; b');\n"
        "-- trailing comment only\n"));
    REQUIRE(s.size() == 3);
    CHECK(s[0].endsWith(QStringLiteral("$$")));
    CHECK(s[0].contains(QStringLiteral("END;")));
    CHECK(s[1].contains(QStringLiteral("$body$ SELECT 1; $body$")));
    CHECK(s[2].endsWith(QStringLiteral("f('a; b')")));
}

TEST_CASE("empty and comment-only scripts yield nothing", "[db][sql]")
{
    CHECK(splitSqlScript(QString()).isEmpty());
    CHECK(splitSqlScript(QStringLiteral("  ;;\n-- x;\n/* y; */ ;")).isEmpty());
}
