// SPDX-License-Identifier: GPL-3.0-or-later
// User accounts: Argon2id hashes, sign-in, lock-out after five failures, unlock, audit of each step.
#include "TestStore.h"

#include "db/audit/AuditTrail.h"
#include "db/audit/AuditVerifier.h"
#include "db/records/UserRepository.h"

#include <catch2/catch.hpp>

using namespace galvani::db;
using namespace galvani::db::records;
using galvani::test::TestStore;

namespace {

const QString kGood = QStringLiteral("a long enough passphrase");

QStringList auditActions(TestStore& s)
{
    audit::AuditFilter f;
    f.table = QStringLiteral("users");
    const auto rows = audit::AuditTrail(s.ctx()).entries(f);
    REQUIRE(rows.ok());
    QStringList out;
    for (const auto& r : rows.value()) {
        out.append(r.action);
    }
    return out;
}

User createUser(TestStore& s, const QString& name, Role role = Role::Therapist)
{
    const Actor admin = Actor::user(1, QStringLiteral("admin"));
    const auto u = UserRepository(s.ctx()).create(NewUser{name, QStringLiteral("Dr ") + name, role, kGood}, admin);
    INFO((u.ok() ? QString() : u.error().message).toStdString());
    REQUIRE(u.ok());
    return u.value();
}

} // namespace

TEST_CASE("a user round-trips and the password is kept only as an Argon2id hash", "[db][users]")
{
    TestStore s;
    const User u = createUser(s, QStringLiteral("ana"), Role::Technician);
    CHECK(u.username == QStringLiteral("ana"));
    CHECK(u.displayName == QStringLiteral("Dr ana"));
    CHECK(u.role == Role::Technician);
    CHECK(u.failedLogins == 0);
    CHECK_FALSE(u.locked());
    CHECK(u.active);
    CHECK(u.createdUtcMs == 1'767'225'600'000);
    const QString stored
        = s.scalar(QStringLiteral("SELECT password_hash FROM users WHERE id = %1").arg(u.id)).toString();
    CHECK(stored.startsWith(QStringLiteral("$argon2id$")));
    CHECK_FALSE(stored.contains(kGood));
    const auto byName = UserRepository(s.ctx()).byUsername(QStringLiteral("ana"));
    REQUIRE(byName.ok());
    CHECK(byName->id == u.id);
    // The audit row describes the account but never the password or its hash.
    audit::AuditFilter f;
    f.table = QStringLiteral("users");
    const auto rows = audit::AuditTrail(s.ctx()).entries(f);
    REQUIRE(rows->size() == 1);
    CHECK(rows->first().newValue->contains(QStringLiteral("\"role\":\"technician\"")));
    CHECK_FALSE(rows->first().newValue->contains(QStringLiteral("argon2")));
}

TEST_CASE("user creation refuses short passwords and taken names", "[db][users]")
{
    TestStore s;
    UserRepository repo(s.ctx());
    const Actor admin = Actor::system();
    const auto weak
        = repo.create(NewUser{QStringLiteral("bo"), QStringLiteral("Bo"), Role::Admin, QStringLiteral("short")}, admin);
    REQUIRE_FALSE(weak.ok());
    CHECK(weak.error().kind == DbError::Kind::Invalid);
    createUser(s, QStringLiteral("bo"));
    const auto twice = repo.create(NewUser{QStringLiteral("bo"), QStringLiteral("Bo"), Role::Admin, kGood}, admin);
    REQUIRE_FALSE(twice.ok());
    CHECK(twice.error().kind == DbError::Kind::Conflict);
    CHECK_FALSE(repo.create(NewUser{QStringLiteral(" bo"), QStringLiteral("Bo"), Role::Admin, kGood}, admin).ok());
}

TEST_CASE("sign-in succeeds with the right password and resets the failure count", "[db][users]")
{
    TestStore s;
    const User u = createUser(s, QStringLiteral("cy"));
    UserRepository repo(s.ctx());
    const auto bad = repo.authenticate(QStringLiteral("cy"), QStringLiteral("wrong password!"));
    REQUIRE(bad.ok());
    CHECK_FALSE(bad->ok());
    CHECK(bad->failure == LoginFailure::WrongPassword);
    CHECK(bad->attemptsLeft == UserRepository::kMaxFailedLogins - 1);
    CHECK(repo.byId(u.id)->failedLogins == 1);
    const auto good = repo.authenticate(QStringLiteral("cy"), kGood);
    REQUIRE(good.ok());
    REQUIRE(good->ok());
    CHECK(good->user->id == u.id);
    CHECK(good->user->failedLogins == 0);
    CHECK(auditActions(s)
        == QStringList({QStringLiteral("create"), QStringLiteral("login_failed"), QStringLiteral("login")}));
}

TEST_CASE("five failed sign-ins lock the account until an admin unlocks it with a reason", "[db][users]")
{
    TestStore s;
    const User u = createUser(s, QStringLiteral("di"));
    UserRepository repo(s.ctx());
    for (int i = 1; i <= UserRepository::kMaxFailedLogins; ++i) {
        const auto r = repo.authenticate(QStringLiteral("di"), QStringLiteral("guess number %1").arg(i));
        REQUIRE(r.ok());
        CHECK(r->failure == LoginFailure::WrongPassword);
        CHECK(r->lockedNow == (i == UserRepository::kMaxFailedLogins));
    }
    const User locked = repo.byId(u.id).value();
    CHECK(locked.locked());
    CHECK(locked.failedLogins == UserRepository::kMaxFailedLogins);

    // The right password no longer helps.
    const auto refusedLogin = repo.authenticate(QStringLiteral("di"), kGood);
    REQUIRE(refusedLogin.ok());
    CHECK_FALSE(refusedLogin->ok());
    CHECK(refusedLogin->failure == LoginFailure::Locked);

    const Actor admin = Actor::user(99, QStringLiteral("admin"));
    CHECK_FALSE(repo.unlock(u.id, admin, std::nullopt).ok()); // a reason is required
    const auto unlocked = repo.unlock(u.id, admin, QStringLiteral("identity checked at the desk"));
    REQUIRE(unlocked.ok());
    CHECK_FALSE(unlocked->locked());
    CHECK(unlocked->failedLogins == 0);
    CHECK(repo.authenticate(QStringLiteral("di"), kGood)->ok());

    const QStringList actions = auditActions(s);
    CHECK(actions.count(QStringLiteral("login_failed")) == UserRepository::kMaxFailedLogins + 1);
    CHECK(actions.count(QStringLiteral("account_locked")) == 1);
    CHECK(actions.count(QStringLiteral("account_unlocked")) == 1);
    CHECK(actions.last() == QStringLiteral("login"));
    CHECK(audit::AuditVerifier(*s.db, *s.key).verify().ok());
}

TEST_CASE("unknown and deactivated users cannot sign in, and the attempt is audited", "[db][users]")
{
    TestStore s;
    const User u = createUser(s, QStringLiteral("ed"));
    UserRepository repo(s.ctx());
    const auto unknown = repo.authenticate(QStringLiteral("nobody-here"), kGood);
    REQUIRE(unknown.ok());
    CHECK(unknown->failure == LoginFailure::UnknownUser);
    audit::AuditFilter f;
    const auto rows = audit::AuditTrail(s.ctx()).entries(f);
    CHECK(rows->last().action == QStringLiteral("login_failed"));
    CHECK(rows->last().newValue == QStringLiteral("nobody-here"));

    const Actor admin = Actor::user(99, QStringLiteral("admin"));
    CHECK_FALSE(repo.setActive(u.id, false, admin, std::nullopt).ok());
    REQUIRE(repo.setActive(u.id, false, admin, QStringLiteral("left the clinic")).ok());
    const auto inactive = repo.authenticate(QStringLiteral("ed"), kGood);
    REQUIRE(inactive.ok());
    CHECK(inactive->failure == LoginFailure::Inactive);
}

TEST_CASE("role, display name and password changes are audited", "[db][users]")
{
    TestStore s;
    const User u = createUser(s, QStringLiteral("fi"));
    UserRepository repo(s.ctx());
    const Actor admin = Actor::user(99, QStringLiteral("admin"));
    const auto promoted = repo.setRole(u.id, Role::Admin, admin, QStringLiteral("new clinic manager"));
    REQUIRE(promoted.ok());
    CHECK(promoted->role == Role::Admin);
    REQUIRE(repo.setDisplayName(u.id, QStringLiteral("Fi Jones"), admin).ok());
    REQUIRE(repo.changePassword(u.id, QStringLiteral("another long passphrase"), admin).ok());
    CHECK_FALSE(repo.authenticate(QStringLiteral("fi"), kGood)->ok());
    CHECK(repo.authenticate(QStringLiteral("fi"), QStringLiteral("another long passphrase"))->ok());

    audit::AuditFilter f;
    f.table = QStringLiteral("users");
    const auto rows = audit::AuditTrail(s.ctx()).entries(f).value();
    REQUIRE(rows.size() >= 4);
    CHECK(rows[1].field == QStringLiteral("role"));
    CHECK(rows[1].oldValue == QStringLiteral("therapist"));
    CHECK(rows[1].newValue == QStringLiteral("admin"));
    CHECK(rows[1].reason == QStringLiteral("new clinic manager"));
    CHECK(rows[2].field == QStringLiteral("display_name"));
    CHECK(rows[3].action == QStringLiteral("password_changed"));
    CHECK_FALSE(rows[3].newValue.has_value());
}
