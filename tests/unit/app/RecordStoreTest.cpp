// SPDX-License-Identifier: GPL-3.0-or-later
// RecordStore: the app's opening of the record store — migration, audit verification against the anchor file,
// and the closing of sessions a crash left open, only when no live process holds the workstation's session lock.
#include "app/store/RecordStore.h"
#include "app/store/RecordStoreImpl.h"
#include "db/records/SessionRepository.h"

#include "../db/ClinicalFixture.h"
#include "../db/TestStore.h"

#include <catch2/catch.hpp>

#include <QDateTime>
#include <QFile>
#include <QFileInfo>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

using namespace galvani;

namespace {

app::StoreConfig configFor(const test::TestStore& s, const QString& workstation)
{
    app::StoreConfig c;
    c.storeUrl = s.temp.url().toUrl();
    c.auditKeyPath = s.temp.filePath(QStringLiteral("keys/audit.key"));
    c.anchorPath = s.temp.filePath(QStringLiteral("anchor.txt"));
    c.sessionLockPath = s.temp.filePath(QStringLiteral("sessions.lock"));
    c.workstation = workstation;
    return c;
}

std::unique_ptr<app::RecordStore> openStore(const app::StoreConfig& c, const core::Clock& clock)
{
    QString error;
    auto store = app::RecordStore::open(c, clock, &error);
    INFO(error.toStdString());
    REQUIRE(store);
    return store;
}

} // namespace

TEST_CASE("A new store is migrated, verified and anchored when the app opens it", "[app][store]")
{
    test::TestStore s(test::StoreBackend::Sqlite, /*migrate=*/false);
    s.db.reset();
    const auto config = configFor(s, QStringLiteral("ws-1"));
    auto store = openStore(config, s.clock);
    CHECK(store->openReport().fromVersion == 0);
    CHECK(store->openReport().toVersion > 0);
    CHECK(store->openReport().auditOk);
    CHECK(store->openReport().interruptedSessions.isEmpty());
    CHECK(QFileInfo::exists(config.anchorPath));

    QString error;
    auto second = app::RecordStore::openConnection(config, s.clock, &error);
    CHECK(second);
}

TEST_CASE("A further connection refuses a store that was never migrated", "[app][store]")
{
    test::TestStore s(test::StoreBackend::Sqlite, /*migrate=*/false);
    s.db.reset();
    QString error;
    auto store = app::RecordStore::openConnection(configFor(s, QStringLiteral("ws-1")), s.clock, &error);
    CHECK_FALSE(store);
    CHECK(error.contains(QStringLiteral("schema version")));
}

TEST_CASE("Opening closes the sessions a crash left open on this workstation and nothing else", "[app][store]")
{
    test::TestStore s(test::StoreBackend::Sqlite);
    const auto fixture = test::populate(s);
    s.db.reset();

    SECTION("another workstation's open session is left alone")
    {
        auto store = openStore(configFor(s, QStringLiteral("ws-2")), s.clock);
        CHECK(store->openReport().interruptedSessions.isEmpty());
    }
    SECTION("this workstation's open session is closed as an app crash")
    {
        auto store = openStore(configFor(s, QStringLiteral("ws-1")), s.clock);
        REQUIRE(store->openReport().interruptedSessions == QList<qint64>{fixture.openSessionId});
        auto session = db::records::SessionRepository(store->impl().context()).byId(fixture.openSessionId);
        REQUIRE(session.ok());
        CHECK_FALSE(session->isOpen());
        REQUIRE(session->endReason.has_value());
        CHECK(*session->endReason == db::records::EndReason::AppCrash);
    }
}

TEST_CASE("A session running under the workstation's session lock is never marked interrupted", "[app][store]")
{
    test::TestStore s(test::StoreBackend::Sqlite);
    const auto fixture = test::populate(s);
    s.db.reset();
    const auto config = configFor(s, QStringLiteral("ws-1"));

    QLockFile running(config.sessionLockPath); // the live process that runs the session
    REQUIRE(running.tryLock(0));

    auto store = openStore(config, s.clock);
    CHECK(store->openReport().interruptedSessions.isEmpty());
    QString error;
    CHECK_FALSE(store->tryLockSessions(&error));
    CHECK(error.contains(QStringLiteral("running a session")));
    auto session = db::records::SessionRepository(store->impl().context()).byId(fixture.openSessionId);
    REQUIRE(session.ok());
    CHECK(session->isOpen());

    running.unlock();
    CHECK(store->tryLockSessions(&error));
    CHECK(store->holdsSessionLock());
    store->unlockSessions();
    CHECK_FALSE(store->holdsSessionLock());
}

TEST_CASE(
    "A lock file without an owner, left by a kill between its creation and its contents, is taken over", "[app][store]")
{
    // QLockFile creates the file first and writes its owner (pid, host, application) next; a kill -9 or a power loss
    // between the two leaves an empty file. Its owner is gone, so nothing may stay locked by it for good: once it is
    // old enough that no live creator can still be about to write it, and no process holds its native lock, it is
    // removed and the lock taken.
    test::TestStore s(test::StoreBackend::Sqlite);
    const auto fixture = test::populate(s);
    s.db.reset();
    const auto config = configFor(s, QStringLiteral("ws-1"));
    QFile ownerless(config.sessionLockPath);
    REQUIRE(ownerless.open(QIODevice::WriteOnly));
    ownerless.close();
    const auto age = [&](int seconds) {
        QFile f(config.sessionLockPath);
        REQUIRE(f.open(QIODevice::ReadWrite));
        REQUIRE(f.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-seconds), QFileDevice::FileModificationTime));
    };

    SECTION("a fresh one may still be written by its creator: refused, with what to wait for")
    {
        QString error;
        auto store = openStore(config, s.clock);
        CHECK(store->openReport().interruptedSessions.isEmpty());
        CHECK_FALSE(store->tryLockSessions(&error));
        CHECK(error.contains(QStringLiteral("no owner")));
        CHECK(QFileInfo::exists(config.sessionLockPath));
    }
    SECTION("one whose creator still holds its native lock is never taken over, however old")
    {
        const int fd = ::open(QFile::encodeName(config.sessionLockPath).constData(), O_RDWR);
        REQUIRE(fd >= 0);
        REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
        age(3600);
        auto store = openStore(config, s.clock);
        CHECK(store->openReport().interruptedSessions.isEmpty());
        QString error;
        CHECK_FALSE(store->tryLockSessions(&error));
        CHECK(QFileInfo::exists(config.sessionLockPath));
        ::close(fd);
    }
    SECTION("an abandoned one is removed: the crashed session is closed and a new one may lock")
    {
        age(60);
        auto store = openStore(config, s.clock);
        CHECK(store->openReport().interruptedSessions == QList<qint64>{fixture.openSessionId});
        QString error;
        CHECK(store->tryLockSessions(&error));
        INFO(error.toStdString());
        CHECK(store->holdsSessionLock());
        store->unlockSessions();
    }
}

TEST_CASE("A trail cut short behind the anchor is reported at start-up and the anchor is kept", "[app][store]")
{
    test::TestStore s(test::StoreBackend::Sqlite);
    (void)test::populate(s);
    const auto config = configFor(s, QStringLiteral("ws-9"));
    s.db.reset();
    {
        auto store = openStore(config, s.clock); // writes the anchor at the current tail
        CHECK(store->openReport().auditOk);
    }
    QFile anchorFile(config.anchorPath);
    REQUIRE(anchorFile.open(QIODevice::ReadOnly));
    const QByteArray anchorBefore = anchorFile.readAll();
    anchorFile.close();

    {
        s.db.emplace(s.temp.open());
        s.disableTriggers(QStringLiteral("audit_log"));
        REQUIRE(s.exec(QStringLiteral("DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)")));
        s.db.reset();
    }
    auto store = openStore(config, s.clock);
    CHECK_FALSE(store->openReport().auditOk);
    CHECK(store->openReport().auditSummary.contains(QStringLiteral("TRUNCATED"), Qt::CaseInsensitive));
    QString error;
    CHECK_FALSE(store->refreshAnchor(&error));
    store.reset();
    REQUIRE(anchorFile.open(QIODevice::ReadOnly));
    CHECK(anchorFile.readAll() == anchorBefore);
}

TEST_CASE("A store URL's form is checked without opening anything, as open() checks it", "[app][store]")
{
    test::TestStore s{test::StoreBackend::Sqlite};
    s.db.reset();
    for (const QString& url : {QString(), QStringLiteral("sqlite:"), QStringLiteral("sqlite://"),
             QStringLiteral("mysql://galvani@localhost/galvani"), QStringLiteral("postgresql://galvani@/galvani"),
             QStringLiteral("postgresql://galvani@localhost:0/galvani"),
             QStringLiteral("postgresql://galvani@localhost/")}) {
        INFO(url.toStdString());
        const auto malformed = app::RecordStore::checkUrl(url);
        REQUIRE(malformed);
        CHECK(malformed->contains(QStringLiteral("store URL")));
        // open() refuses the same URL with the same reason.
        auto c = configFor(s, QStringLiteral("ws"));
        c.storeUrl = url;
        QString error;
        CHECK_FALSE(app::RecordStore::open(c, s.clock, &error));
        CHECK(error == QStringLiteral("--db: ") + *malformed);
    }
    CHECK(app::RecordStore::checkUrl(QStringLiteral("postgresql://galvani@localhost:65535/galvani")) == std::nullopt);
    CHECK(app::RecordStore::checkUrl(s.temp.url().toUrl()) == std::nullopt);
    // Well formed but not a store this process can open: the form is fine, open() fails.
    const QString blocked = s.temp.filePath(QStringLiteral("a-file-not-a-folder"));
    {
        QFile file(blocked);
        REQUIRE(file.open(QIODevice::WriteOnly));
    }
    const QString unreachable = QStringLiteral("sqlite:") + blocked + QStringLiteral("/galvani.sqlite");
    CHECK(app::RecordStore::checkUrl(unreachable) == std::nullopt);
    auto c = configFor(s, QStringLiteral("ws"));
    c.storeUrl = unreachable;
    QString error;
    CHECK_FALSE(app::RecordStore::open(c, s.clock, &error));
    CHECK(error.startsWith(QStringLiteral("--db: ")));
}
