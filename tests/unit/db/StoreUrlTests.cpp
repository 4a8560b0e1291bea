// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/StoreUrl.h"

#include <catch2/catch.hpp>

#include <QDir>

using galvani::db::parseStoreUrl;
using galvani::db::StoreUrl;
using galvani::db::StoreUrlError;

TEST_CASE("sqlite store URLs resolve to absolute paths", "[db]")
{
    const auto r = parseStoreUrl(QStringLiteral("sqlite:/var/lib/galvani/records.sqlite"));
    REQUIRE(std::holds_alternative<StoreUrl>(r));
    const auto& s = std::get<StoreUrl>(r);
    CHECK(s.kind == StoreUrl::Kind::Sqlite);
    CHECK(s.path == QStringLiteral("/var/lib/galvani/records.sqlite"));
    CHECK(s.toUrl() == QStringLiteral("sqlite:/var/lib/galvani/records.sqlite"));

    const auto rel = parseStoreUrl(QStringLiteral("sqlite:records.sqlite"));
    REQUIRE(std::holds_alternative<StoreUrl>(rel));
    CHECK(std::get<StoreUrl>(rel).path == QDir::current().absoluteFilePath(QStringLiteral("records.sqlite")));
}

TEST_CASE("postgresql store URLs carry user, host, port and database", "[db]")
{
    const auto r = parseStoreUrl(QStringLiteral("postgresql://clinic@records.local:5433/galvani"));
    REQUIRE(std::holds_alternative<StoreUrl>(r));
    const auto& s = std::get<StoreUrl>(r);
    CHECK(s.kind == StoreUrl::Kind::Postgresql);
    CHECK(s.user == QStringLiteral("clinic"));
    CHECK(s.host == QStringLiteral("records.local"));
    CHECK(s.port == 5433);
    CHECK(s.database == QStringLiteral("galvani"));
    const auto d = parseStoreUrl(QStringLiteral("postgresql://clinic@localhost/galvani"));
    REQUIRE(std::holds_alternative<StoreUrl>(d));
    CHECK(std::get<StoreUrl>(d).port == 5432);
}

TEST_CASE("bad store URLs are refused with the reason", "[db]")
{
    auto message = [](const char* url) {
        const auto r = parseStoreUrl(QString::fromUtf8(url));
        REQUIRE(std::holds_alternative<StoreUrlError>(r));
        return std::get<StoreUrlError>(r).message.toStdString();
    };
    CHECK_THAT(message("mysql://x@y/z"), Catch::Contains("unsupported scheme"));
    CHECK_THAT(message("sqlite:"), Catch::Contains("names no file"));
    CHECK_THAT(message("postgresql://user@/db"), Catch::Contains("no host"));
    CHECK_THAT(message("postgresql://user@host"), Catch::Contains("exactly one database"));
    CHECK_THAT(message("postgresql://user@host/a/b"), Catch::Contains("exactly one database"));
}

TEST_CASE("a sqlite store URL may name the SQLite VFS to open the file through", "[db]")
{
    const auto r = parseStoreUrl(QStringLiteral("sqlite:/var/lib/galvani/records.sqlite?vfs=galvani_powerloss"));
    REQUIRE(std::holds_alternative<StoreUrl>(r));
    const auto& s = std::get<StoreUrl>(r);
    CHECK(s.path == QStringLiteral("/var/lib/galvani/records.sqlite"));
    CHECK(s.vfs == QStringLiteral("galvani_powerloss"));
    CHECK(s.toUrl() == QStringLiteral("sqlite:/var/lib/galvani/records.sqlite?vfs=galvani_powerloss"));

    // Without the suffix nothing changes: no VFS, and any other '?' stays part of the file name.
    const auto plain = parseStoreUrl(QStringLiteral("sqlite:/var/lib/galvani/records.sqlite"));
    REQUIRE(std::holds_alternative<StoreUrl>(plain));
    CHECK(std::get<StoreUrl>(plain).vfs.isEmpty());
    const auto question = parseStoreUrl(QStringLiteral("sqlite:/data/what?.sqlite"));
    REQUIRE(std::holds_alternative<StoreUrl>(question));
    CHECK(std::get<StoreUrl>(question).path == QStringLiteral("/data/what?.sqlite"));
    CHECK(std::get<StoreUrl>(question).vfs.isEmpty());
    const auto notAName = parseStoreUrl(QStringLiteral("sqlite:/data/a.sqlite?vfs=x y"));
    REQUIRE(std::holds_alternative<StoreUrl>(notAName));
    CHECK(std::get<StoreUrl>(notAName).path == QStringLiteral("/data/a.sqlite?vfs=x y"));
    CHECK(std::get<StoreUrl>(notAName).vfs.isEmpty());

    const auto noFile = parseStoreUrl(QStringLiteral("sqlite:?vfs=unix"));
    REQUIRE(std::holds_alternative<StoreUrlError>(noFile));
    CHECK_THAT(std::get<StoreUrlError>(noFile).message.toStdString(), Catch::Contains("names no file"));
}
