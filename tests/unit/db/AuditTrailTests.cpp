// SPDX-License-Identifier: GPL-3.0-or-later
// Audit trail: the chain verifies, and each kind of tampering is found at the right row.
#include "TestStore.h"

#include "db/audit/AuditAnchor.h"
#include "db/audit/AuditChain.h"
#include "db/audit/AuditTrail.h"
#include "db/audit/AuditVerifier.h"

#include <catch2/catch.hpp>

#include <QSqlQuery>

#include <thread>

using namespace galvani::db;
using namespace galvani::db::audit;
using galvani::test::TestStore;
using VS = AuditVerdict::Status;

namespace {

constexpr int kRows = 6;

void appendRows(TestStore& s, int n)
{
    AuditTrail trail(s.ctx());
    for (int i = 0; i < n; ++i) {
        s.clock.advance(std::chrono::milliseconds(250));
        AuditRecord r{Actor::user(7, QStringLiteral("ana")), QString::fromLatin1(action::kUpdate),
            QStringLiteral("patients"), 40 + i, QStringLiteral("phone"), QStringLiteral("old-%1").arg(i),
            QStringLiteral("new-%1").arg(i), QStringLiteral("typo")};
        REQUIRE(trail.append(r).ok());
    }
}

AuditVerdict verify(TestStore& s, const std::optional<AuditAnchor>& anchor = std::nullopt)
{
    return AuditVerifier(*s.db, *s.key).verify(anchor);
}

// Renumbers rows with id >= from by delta, in two steps so the primary key never collides.
void shiftIds(TestStore& s, int from, int delta)
{
    REQUIRE(s.exec(QStringLiteral("UPDATE audit_log SET id = -id WHERE id >= %1").arg(from)));
    REQUIRE(s.exec(QStringLiteral("UPDATE audit_log SET id = -id + (%1) WHERE id < 0").arg(delta)));
}

AuditEntry row(TestStore& s, qint64 id)
{
    AuditFilter f;
    f.afterId = id - 1;
    f.limit = 1;
    const auto list = AuditTrail(s.ctx()).entries(f);
    REQUIRE(list.ok());
    REQUIRE(list->size() == 1);
    return list->first();
}

// Inserts a row as someone who knows the algorithm but not the key would: self-consistent hash, made-up MAC.
void insertForged(TestStore& s, qint64 id, const QByteArray& prevHash)
{
    AuditEntry e;
    e.id = id;
    e.atUtcMs = 1;
    e.atMonoNs = 1;
    e.actorName = QStringLiteral("intruder");
    e.action = QStringLiteral("delete");
    e.prevHash = prevHash;
    e.hash = chain::link(prevHash, chain::canonical(e));
    QSqlQuery q(s.db->connection());
    REQUIRE(q.prepare(QStringLiteral("INSERT INTO audit_log (id, at_utc_ms, at_mono_ns, actor_name, action, prev_hash, "
                                     "hash, mac) VALUES (:id, 1, 1, 'intruder', 'delete', :p, :h, :m)")));
    q.bindValue(QStringLiteral(":id"), id);
    q.bindValue(QStringLiteral(":p"), QString::fromLatin1(prevHash));
    q.bindValue(QStringLiteral(":h"), QString::fromLatin1(e.hash));
    q.bindValue(QStringLiteral(":m"), QString(64, QLatin1Char('a')));
    REQUIRE(q.exec());
}

} // namespace

TEST_CASE("an untouched audit trail verifies, empty or not", "[db][audit]")
{
    TestStore s;
    const AuditVerdict empty = verify(s);
    CHECK(empty.ok());
    CHECK(empty.rowsChecked == 0);
    appendRows(s, kRows);
    const AuditVerdict v = verify(s);
    INFO(v.summary().toStdString());
    CHECK(v.ok());
    CHECK(v.rowsChecked == kRows);
    CHECK(v.lastId == kRows);
    CHECK(v.summary().startsWith(QStringLiteral("OK")));
}

TEST_CASE("rows carry who, when (UTC and monotonic), what, old and new value and reason", "[db][audit]")
{
    TestStore s;
    appendRows(s, 2);
    const AuditEntry e = row(s, 2);
    CHECK(e.actorId == 7);
    CHECK(e.actorName == QStringLiteral("ana"));
    CHECK(e.action == QStringLiteral("update"));
    CHECK(e.table == QStringLiteral("patients"));
    CHECK(e.recordId == 41);
    CHECK(e.field == QStringLiteral("phone"));
    CHECK(e.oldValue == QStringLiteral("old-1"));
    CHECK(e.newValue == QStringLiteral("new-1"));
    CHECK(e.reason == QStringLiteral("typo"));
    CHECK(e.atMonoNs == 500'000'000);
    CHECK(e.atUtcMs == 1'767'225'600'000 + 500); // FakeClock starts at 2026-01-01T00:00:00Z
    CHECK(e.prevHash == row(s, 1).hash);
    CHECK(e.hash.size() == 64);
    CHECK(e.mac.size() == 64);
}

TEST_CASE("a modified row is found", "[db][audit][tamper]")
{
    TestStore s;
    appendRows(s, kRows);
    s.disableTriggers(QStringLiteral("audit_log"));
    REQUIRE(s.exec(QStringLiteral("UPDATE audit_log SET new_value = 'forged' WHERE id = 3")));
    const AuditVerdict v = verify(s);
    INFO(v.summary().toStdString());
    CHECK(v.status == VS::Modified);
    CHECK(v.rowId == 3);
    CHECK(v.rowsChecked == 2);
}

TEST_CASE("a row modified with a recomputed hash is found by its MAC", "[db][audit][tamper]")
{
    TestStore s;
    appendRows(s, kRows);
    s.disableTriggers(QStringLiteral("audit_log"));
    AuditEntry e = row(s, 3);
    e.newValue = QStringLiteral("forged");
    const QByteArray rehashed = chain::link(e.prevHash, chain::canonical(e));
    REQUIRE(s.exec(QStringLiteral("UPDATE audit_log SET new_value = 'forged', hash = '%1' WHERE id = 3")
                       .arg(QString::fromLatin1(rehashed))));
    const AuditVerdict v = verify(s);
    INFO(v.summary().toStdString());
    CHECK(v.status == VS::Modified);
    CHECK(v.rowId == 3);
}

TEST_CASE("a deleted row is found as a gap", "[db][audit][tamper]")
{
    TestStore s;
    appendRows(s, kRows);
    s.disableTriggers(QStringLiteral("audit_log"));
    REQUIRE(s.exec(QStringLiteral("DELETE FROM audit_log WHERE id = 3")));
    const AuditVerdict v = verify(s);
    INFO(v.summary().toStdString());
    CHECK(v.status == VS::Deleted);
    CHECK(v.rowId == 3);
}

TEST_CASE("a deleted row is found even when the ids are closed up", "[db][audit][tamper]")
{
    TestStore s;
    appendRows(s, kRows);
    s.disableTriggers(QStringLiteral("audit_log"));
    REQUIRE(s.exec(QStringLiteral("DELETE FROM audit_log WHERE id = 3")));
    shiftIds(s, 4, -1);
    const AuditVerdict v = verify(s);
    INFO(v.summary().toStdString());
    CHECK(v.status == VS::Deleted);
    CHECK(v.rowId == 3);
}

TEST_CASE("an inserted row is found", "[db][audit][tamper]")
{
    TestStore s;
    appendRows(s, kRows);
    s.disableTriggers(QStringLiteral("audit_log"));
    const QByteArray h3 = row(s, 3).hash;
    shiftIds(s, 4, 1);
    insertForged(s, 4, h3);
    const AuditVerdict v = verify(s);
    INFO(v.summary().toStdString());
    CHECK(v.status == VS::Inserted);
    CHECK(v.rowId == 4);
}

TEST_CASE("a row appended behind Galvani's back is found", "[db][audit][tamper]")
{
    TestStore s;
    appendRows(s, kRows);
    insertForged(s, kRows + 1, row(s, kRows).hash); // plain INSERT: the triggers allow appending
    const AuditVerdict v = verify(s);
    INFO(v.summary().toStdString());
    CHECK(v.status == VS::Inserted);
    CHECK(v.rowId == kRows + 1);
}

TEST_CASE("reordered rows are found", "[db][audit][tamper]")
{
    TestStore s;
    appendRows(s, kRows);
    s.disableTriggers(QStringLiteral("audit_log"));
    REQUIRE(s.exec(QStringLiteral("UPDATE audit_log SET id = -3 WHERE id = 3")));
    REQUIRE(s.exec(QStringLiteral("UPDATE audit_log SET id = 3 WHERE id = 4")));
    REQUIRE(s.exec(QStringLiteral("UPDATE audit_log SET id = 4 WHERE id = -3")));
    const AuditVerdict v = verify(s);
    INFO(v.summary().toStdString());
    CHECK(v.status == VS::Reordered);
    CHECK(v.rowId == 3);
}

TEST_CASE("a cut-off tail is invisible to the chain but found with an anchor", "[db][audit][tamper]")
{
    TestStore s;
    appendRows(s, kRows);
    const auto anchor = AuditTrail(s.ctx()).anchor();
    REQUIRE(anchor.ok());
    CHECK(anchor->id == kRows);
    CHECK(anchor->authentic(*s.key));
    const QString anchorFile = s.temp.filePath(QStringLiteral("anchor.txt"));
    REQUIRE(writeAnchorFile(anchor.value(), anchorFile).ok());

    s.disableTriggers(QStringLiteral("audit_log"));
    REQUIRE(s.exec(QStringLiteral("DELETE FROM audit_log WHERE id >= 5")));
    CHECK(verify(s).ok()); // the remaining chain is intact: why anchors exist
    const auto loaded = readAnchorFile(anchorFile);
    REQUIRE(loaded.ok());
    const AuditVerdict v = verify(s, loaded.value());
    INFO(v.summary().toStdString());
    CHECK(v.status == VS::Truncated);
    CHECK(v.rowId == 5);
}

TEST_CASE("an anchor keeps verifying as the trail grows, and a forged anchor is refused", "[db][audit]")
{
    TestStore s;
    appendRows(s, 3);
    const auto anchor = AuditTrail(s.ctx()).anchor();
    REQUIRE(anchor.ok());
    appendRows(s, 3);
    CHECK(verify(s, anchor.value()).ok());

    const auto parsed = AuditAnchor::parse(anchor->toText());
    REQUIRE(parsed.has_value());
    CHECK(parsed->id == anchor->id);
    CHECK(parsed->hash == anchor->hash);
    AuditAnchor forged = *parsed;
    forged.id = 99;
    CHECK(verify(s, forged).status == VS::AnchorInvalid);
    CHECK_FALSE(AuditAnchor::parse(QStringLiteral("galvani-audit-anchor v1 id=x hash=00 mac=00")).has_value());
}

TEST_CASE("a key from elsewhere does not verify the trail", "[db][audit]")
{
    TestStore s;
    appendRows(s, 2);
    const auto other = AuditKey::loadOrCreate(s.temp.filePath(QStringLiteral("other.key")));
    REQUIRE(other.ok());
    const AuditVerdict v = AuditVerifier(*s.db, other.value()).verify();
    CHECK_FALSE(v.ok());
    CHECK(v.rowId == 1);
}

TEST_CASE("concurrent writers on two connections keep one unbroken chain", "[db][audit][concurrency]")
{
    TestStore s;
    constexpr int kPerThread = 20;
    auto writer = [&s](const QString& name) {
        QString error;
        auto db = Database::open(s.temp.url(), &error);
        if (!db) {
            return false;
        }
        AuditTrail trail(StoreContext{*db, s.clock, *s.key});
        for (int i = 0; i < kPerThread; ++i) {
            AuditRecord r;
            r.actor = Actor::system();
            r.action = name;
            if (!trail.append(r).ok()) {
                return false;
            }
        }
        return true;
    };
    bool okA = false;
    bool okB = false;
    std::thread a([&] { okA = writer(QStringLiteral("thread-a")); });
    std::thread b([&] { okB = writer(QStringLiteral("thread-b")); });
    a.join();
    b.join();
    CHECK(okA);
    CHECK(okB);
    const AuditVerdict v = verify(s);
    INFO(v.summary().toStdString());
    CHECK(v.ok());
    CHECK(v.rowsChecked == 2 * kPerThread);
}
