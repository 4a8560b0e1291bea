// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/audit/AuditKey.h"

#include <catch2/catch.hpp>

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <sys/stat.h>

using galvani::db::DbError;
using galvani::db::audit::AuditKey;

TEST_CASE("a missing key file is created 0600 with 256 random bits, then reloaded unchanged", "[db][audit][key]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("secrets/audit.key"));
    const auto created = AuditKey::loadOrCreate(path);
    REQUIRE(created.ok());
    struct stat st { };
    REQUIRE(::stat(QFile::encodeName(path).constData(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll().trimmed();
    CHECK(text.size() == 64);
    CHECK(text != QByteArray(64, '0'));

    const auto again = AuditKey::loadOrCreate(path);
    REQUIRE(again.ok());
    CHECK(again->mac("message") == created->mac("message"));
    const auto other = AuditKey::loadOrCreate(dir.filePath(QStringLiteral("other.key")));
    REQUIRE(other.ok());
    CHECK(other->mac("message") != created->mac("message"));
    CHECK(created->mac("message").size() == 32);
}

TEST_CASE("a key file readable by others, malformed, or missing is refused", "[db][audit][key]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("audit.key"));
    REQUIRE(AuditKey::loadOrCreate(path).ok());
    REQUIRE(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
    const auto open = AuditKey::load(path);
    REQUIRE_FALSE(open.ok());
    CHECK(open.error().kind == DbError::Kind::Refused);
    CHECK(open.error().message.contains(QStringLiteral("0600")));

    const QString bad = dir.filePath(QStringLiteral("bad.key"));
    {
        QFile f(bad);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write("not hex at all\n");
    }
    REQUIRE(QFile::setPermissions(bad, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    CHECK(AuditKey::load(bad).error().kind == DbError::Kind::Invalid);
    CHECK(AuditKey::load(dir.filePath(QStringLiteral("absent.key"))).error().kind == DbError::Kind::NotFound);
    CHECK_FALSE(QFileInfo::exists(dir.filePath(QStringLiteral("absent.key")))); // load() never creates
}
