// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/audit/AuditChain.h"

#include <catch2/catch.hpp>

#include <QCryptographicHash>

using namespace galvani::db::audit;

namespace {

AuditEntry entry()
{
    AuditEntry e;
    e.atUtcMs = 1'767'225'600'000;
    e.atMonoNs = 42;
    e.actorId = 3;
    e.actorName = QStringLiteral("ana");
    e.action = QStringLiteral("update");
    e.table = QStringLiteral("patients");
    e.recordId = 9;
    e.field = QStringLiteral("phone");
    e.oldValue = QStringLiteral("1");
    e.newValue = QStringLiteral("2");
    e.reason = QStringLiteral("typo");
    return e;
}

} // namespace

TEST_CASE("the chain hash is SHA-256 over the previous hash and the canonical entry", "[db][audit][chain]")
{
    const AuditEntry e = entry();
    const QByteArray prev = chain::genesisHash();
    CHECK(prev == QByteArray(64, '0'));
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(QByteArray(32, '\0'));
    h.addData(chain::canonical(e));
    CHECK(chain::link(prev, chain::canonical(e)) == h.result().toHex());
}

TEST_CASE("canonical form changes with every field and tells NULL from empty", "[db][audit][chain]")
{
    const QByteArray base = chain::canonical(entry());
    auto differs = [&base](auto change) {
        AuditEntry e = entry();
        change(e);
        return chain::canonical(e) != base;
    };
    CHECK(differs([](AuditEntry& e) { e.atUtcMs += 1; }));
    CHECK(differs([](AuditEntry& e) { e.atMonoNs += 1; }));
    CHECK(differs([](AuditEntry& e) { e.actorId.reset(); }));
    CHECK(differs([](AuditEntry& e) { e.actorName += QLatin1Char('x'); }));
    CHECK(differs([](AuditEntry& e) { e.action = QStringLiteral("delete"); }));
    CHECK(differs([](AuditEntry& e) { e.table.reset(); }));
    CHECK(differs([](AuditEntry& e) { e.recordId = 10; }));
    CHECK(differs([](AuditEntry& e) { e.field = QString(QLatin1String("")); }));
    CHECK(differs([](AuditEntry& e) { e.oldValue.reset(); }));
    CHECK(differs([](AuditEntry& e) { e.newValue = QStringLiteral("3"); }));
    CHECK(differs([](AuditEntry& e) { e.reason.reset(); }));
    // Moving text between adjacent fields cannot produce the same bytes (length prefixes).
    AuditEntry a = entry();
    a.oldValue = QStringLiteral("12");
    a.newValue = QString(QLatin1String(""));
    AuditEntry b = entry();
    b.oldValue = QStringLiteral("1");
    b.newValue = QStringLiteral("2");
    CHECK(chain::canonical(a) != chain::canonical(b));
    // The id and hash columns are not part of the entry's canonical form.
    AuditEntry c = entry();
    c.id = 77;
    c.hash = "ff";
    CHECK(chain::canonical(c) == base);
}

TEST_CASE("hex comparison is exact", "[db][audit][chain]")
{
    CHECK(chain::sameHex("abcd", "abcd"));
    CHECK_FALSE(chain::sameHex("abcd", "abce"));
    CHECK_FALSE(chain::sameHex("abcd", "abcdef"));
    CHECK(chain::sameHex(QByteArray(), QByteArray()));
}
