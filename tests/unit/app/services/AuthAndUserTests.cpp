// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServiceStore.h"

#include "app/services/AuthService.h"
#include "app/services/UserService.h"

#include <catch2/catch.hpp>

using namespace galvani;
using test::ServiceStore;

TEST_CASE("the first admin can be created only on an empty store", "[app][auth]")
{
    ServiceStore s;
    app::AuthService auth(s.store());
    REQUIRE(auth.isEmpty().ok());
    CHECK(auth.isEmpty().value());
    const auto weak = auth.createFirstAdmin(QStringLiteral("root"), QString(), QStringLiteral("short"));
    REQUIRE_FALSE(weak.ok());
    CHECK(weak.error().kind == app::AppError::Kind::Invalid);
    CHECK(weak.error().message.contains(QStringLiteral("password")));
    CHECK(weak.error().message.contains(QStringLiteral("10")));
    CHECK(auth.isEmpty().value());

    const auto admin = s.admin();
    CHECK(admin.role == app::Role::Admin);
    CHECK_FALSE(auth.isEmpty().value());
    const auto second
        = auth.createFirstAdmin(QStringLiteral("intruder"), QString(), QString::fromLatin1(ServiceStore::kPassword));
    REQUIRE_FALSE(second.ok());
    CHECK(second.error().kind == app::AppError::Kind::Refused);
    CHECK(s.scalar(QStringLiteral("SELECT COUNT(*) FROM users")).toInt() == 1);
    // The creation is on record, by the system (nobody was signed in).
    CHECK(s.scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'create' AND table_name = 'users' "
                                  "AND actor_name = 'system'"))
              .toInt()
        == 1);
}

TEST_CASE("sign-in gives one message for an unknown name and a wrong password, then locks", "[app][auth]")
{
    ServiceStore s;
    (void)s.addUser(QStringLiteral("tess"), app::Role::Therapist);
    app::AuthService auth(s.store());
    const auto unknown = auth.signIn(QStringLiteral("nobody"), QString::fromLatin1(ServiceStore::kPassword));
    const auto wrong = auth.signIn(QStringLiteral("tess"), QStringLiteral("not the password"));
    REQUIRE_FALSE(unknown.ok());
    REQUIRE_FALSE(wrong.ok());
    CHECK(unknown.error().message == wrong.error().message);
    CHECK(wrong.error().message.contains(QStringLiteral("5 failed sign-ins")));
    CHECK(wrong.error().kind == app::AppError::Kind::Refused);

    // Four more wrong passwords: the fifth failure in a row locks the account.
    for (int i = 0; i < 3; ++i) {
        CHECK_FALSE(auth.signIn(QStringLiteral("tess"), QStringLiteral("not the password")).ok());
    }
    const auto fifth = auth.signIn(QStringLiteral("tess"), QStringLiteral("not the password"));
    REQUIRE_FALSE(fifth.ok());
    CHECK(fifth.error().message.contains(QStringLiteral("now locked")));
    const auto locked = auth.signIn(QStringLiteral("tess"), QString::fromLatin1(ServiceStore::kPassword));
    REQUIRE_FALSE(locked.ok());
    CHECK(locked.error().message.contains(QStringLiteral("locked")));
    CHECK(locked.error().message.contains(QStringLiteral("admin must unlock")));

    app::UserService users(s.store());
    const auto noReason = users.unlock(s.admin(), QStringLiteral("tess"), QString());
    REQUIRE_FALSE(noReason.ok());
    CHECK(noReason.error().message.contains(QStringLiteral("reason")));
    REQUIRE(users.unlock(s.admin(), QStringLiteral("tess"), QStringLiteral("forgot caps lock")).ok());
    CHECK(auth.signIn(QStringLiteral("tess"), QString::fromLatin1(ServiceStore::kPassword)).ok());
}

TEST_CASE("a deactivated account cannot sign in and says so", "[app][auth]")
{
    ServiceStore s;
    (void)s.addUser(QStringLiteral("tess"), app::Role::Therapist);
    REQUIRE(app::UserService(s.store()).deactivate(s.admin(), QStringLiteral("tess"), QStringLiteral("left")).ok());
    const auto r
        = app::AuthService(s.store()).signIn(QStringLiteral("tess"), QString::fromLatin1(ServiceStore::kPassword));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.contains(QStringLiteral("deactivated")));
}

TEST_CASE("user management refuses weak passwords, taken names and losing the last admin", "[app][users]")
{
    ServiceStore s;
    const auto admin = s.admin();
    app::UserService users(s.store());
    const auto weak = users.add(
        admin, app::NewUserInput{QStringLiteral("new"), QString(), app::Role::Therapist, QStringLiteral("123456789")});
    REQUIRE_FALSE(weak.ok());
    CHECK(weak.error().kind == app::AppError::Kind::Invalid);
    CHECK(weak.error().message == QStringLiteral("password: a password needs at least 10 characters"));

    const auto taken = users.add(admin,
        app::NewUserInput{
            QStringLiteral("admin"), QString(), app::Role::Therapist, QString::fromLatin1(ServiceStore::kPassword)});
    REQUIRE_FALSE(taken.ok());
    CHECK(taken.error().kind == app::AppError::Kind::Conflict);

    const auto demote = users.setRole(admin, QStringLiteral("admin"), app::Role::Therapist, QStringLiteral("test"));
    REQUIRE_FALSE(demote.ok());
    CHECK(demote.error().message.contains(QStringLiteral("last active admin")));
    const auto leave = users.deactivate(admin, QStringLiteral("admin"), QStringLiteral("test"));
    REQUIRE_FALSE(leave.ok());
    CHECK(leave.error().message.contains(QStringLiteral("last active admin")));

    const auto missing = users.unlock(admin, QStringLiteral("ghost"), QStringLiteral("x"));
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().kind == app::AppError::Kind::NotFound);

    const auto second = s.addUser(QStringLiteral("second"), app::Role::Admin);
    const auto demoted = users.setRole(second, QStringLiteral("admin"), app::Role::Therapist, QStringLiteral("moved"));
    REQUIRE(demoted.ok());
    CHECK(demoted->role == app::Role::Therapist);
    const auto list = users.list(second);
    REQUIRE(list.ok());
    REQUIRE(list->size() == 2);
    CHECK(list->at(0).username == QStringLiteral("admin"));
    CHECK(list->at(0).role == app::Role::Therapist);
}
