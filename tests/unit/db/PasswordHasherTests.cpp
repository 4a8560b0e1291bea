// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/PasswordHasher.h"

#include <catch2/catch.hpp>

using galvani::db::PasswordHasher;

TEST_CASE("passwords hash to salted Argon2id strings that verify only the right password", "[db][password]")
{
    const QString pw = QStringLiteral("Zoë's long passphrase ✓");
    const auto a = PasswordHasher::hash(pw);
    const auto b = PasswordHasher::hash(pw);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a->startsWith(QStringLiteral("$argon2id$v=19$")));
    CHECK(a.value() != b.value()); // a fresh salt each time
    CHECK(PasswordHasher::verify(a.value(), pw));
    CHECK(PasswordHasher::verify(b.value(), pw));
    CHECK_FALSE(PasswordHasher::verify(a.value(), pw + QLatin1Char(' ')));
    CHECK_FALSE(PasswordHasher::verify(a.value(), QStringLiteral("Zoe's long passphrase ✓")));
    CHECK_FALSE(PasswordHasher::verify(QStringLiteral("$argon2id$garbage"), pw));
    CHECK_FALSE(PasswordHasher::verify(QString(), pw));
    CHECK_FALSE(PasswordHasher::needsRehash(a.value()));
}

TEST_CASE("password policy bounds the length", "[db][password]")
{
    CHECK_FALSE(PasswordHasher::hash(QStringLiteral("123456789")).ok());
    CHECK(PasswordHasher::checkPolicy(QStringLiteral("1234567890")).ok());
    CHECK_FALSE(PasswordHasher::checkPolicy(QString(PasswordHasher::kMaxLength + 1, QLatin1Char('x'))).ok());
}

TEST_CASE("a hash made with weaker limits is flagged for rehashing", "[db][password]")
{
    // An Argon2id string with t=1 and 8 MiB, below today's interactive limits (its salt and digest are irrelevant).
    const QString weak = QStringLiteral("$argon2id$v=19$m=8192,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$"
                                        "YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXoxMjM0NTY");
    CHECK(PasswordHasher::needsRehash(weak));
}
