// SPDX-License-Identifier: GPL-3.0-or-later
// ScopedTransaction: rollback unless committed, joined nesting, rollback-only after an abandoned inner part.
#include "TestStore.h"

#include "db/ScopedTransaction.h"
#include "db/audit/AuditTrail.h"
#include "db/records/PatientRepository.h"

#include <catch2/catch.hpp>

using namespace galvani::db;
using galvani::test::TestStore;

namespace {

records::PatientFields patient(const QString& mrn)
{
    return records::PatientFields{
        mrn, QStringLiteral("Lind"), QStringLiteral("Eva"), QStringLiteral("1980-05-06"), {}, {}, {}};
}

} // namespace

TEST_CASE("a transaction that is not committed leaves nothing behind", "[db][transaction]")
{
    TestStore s;
    const Actor t = s.addUser(QStringLiteral("t"), records::Role::Therapist);
    const auto auditBefore = s.scalar(QStringLiteral("SELECT count(*) FROM audit_log")).toLongLong();
    {
        ScopedTransaction tx(*s.db);
        REQUIRE(tx.began());
        REQUIRE(records::PatientRepository(s.ctx()).create(patient(QStringLiteral("RB-1")), t).ok());
        CHECK(s.scalar(QStringLiteral("SELECT count(*) FROM patients")).toInt() == 1); // visible inside
    } // destroyed without commit
    CHECK_FALSE(s.db->inTransaction());
    CHECK(s.scalar(QStringLiteral("SELECT count(*) FROM patients")).toInt() == 0);
    // The audit row was written in the same transaction, so it went too.
    CHECK(s.scalar(QStringLiteral("SELECT count(*) FROM audit_log")).toLongLong() == auditBefore);
}

TEST_CASE("repository calls inside an outer transaction commit together", "[db][transaction]")
{
    TestStore s;
    const Actor t = s.addUser(QStringLiteral("t"), records::Role::Therapist);
    records::PatientRepository repo(s.ctx());
    {
        ScopedTransaction outer(*s.db);
        REQUIRE(outer.isOutermost());
        REQUIRE(repo.create(patient(QStringLiteral("A-1")), t).ok());
        REQUIRE(repo.create(patient(QStringLiteral("A-2")), t).ok());
        CHECK(s.db->inTransaction());
        REQUIRE(outer.commit().ok());
    }
    CHECK(s.scalar(QStringLiteral("SELECT count(*) FROM patients")).toInt() == 2);
}

TEST_CASE("an abandoned inner part makes the outer commit fail and roll back", "[db][transaction]")
{
    TestStore s;
    const Actor t = s.addUser(QStringLiteral("t"), records::Role::Therapist);
    ScopedTransaction outer(*s.db);
    REQUIRE(records::PatientRepository(s.ctx()).create(patient(QStringLiteral("B-1")), t).ok());
    {
        ScopedTransaction inner(*s.db);
        REQUIRE(inner.began());
        CHECK_FALSE(inner.isOutermost());
        inner.rollback();
    }
    const Status committed = outer.commit();
    CHECK_FALSE(committed.ok());
    CHECK(s.scalar(QStringLiteral("SELECT count(*) FROM patients")).toInt() == 0);
}

TEST_CASE("a failed repository call inside an outer transaction poisons it", "[db][transaction]")
{
    TestStore s;
    const Actor t = s.addUser(QStringLiteral("t"), records::Role::Therapist);
    records::PatientRepository repo(s.ctx());
    ScopedTransaction outer(*s.db);
    REQUIRE(repo.create(patient(QStringLiteral("C-1")), t).ok());
    const auto duplicate = repo.create(patient(QStringLiteral("C-1")), t); // MRN taken
    REQUIRE_FALSE(duplicate.ok());
    CHECK(duplicate.error().kind == DbError::Kind::Conflict);
    CHECK_FALSE(outer.commit().ok());
    CHECK(s.scalar(QStringLiteral("SELECT count(*) FROM patients")).toInt() == 0);
}
