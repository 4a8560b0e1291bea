// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServiceStore.h"

#include "app/services/AuditService.h"
#include "app/services/BackupService.h"
#include "app/services/PatientService.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>

using namespace galvani;
using test::ServiceStore;

namespace {

int patientCount(ServiceStore& s)
{
    return s.scalar(QStringLiteral("SELECT COUNT(*) FROM patients")).toInt();
}

// Sets PRAGMA user_version of a file through a connection of its own.
void setUserVersion(const QString& path, int version)
{
    const QString name = QStringLiteral("user-version-edit");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        REQUIRE(db.open());
        QSqlQuery q(db);
        REQUIRE(q.exec(QStringLiteral("PRAGMA user_version = %1").arg(version)));
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace

TEST_CASE("a backup restores the store as it was and the trail still verifies", "[app][backup]")
{
    ServiceStore s;
    const auto admin = s.admin();
    const auto therapist = s.addUser(QStringLiteral("tess"), app::Role::Therapist);
    test::addPatient(s, therapist, QStringLiteral("MRN-KEPT"));
    app::BackupService backups(s.store());
    const QString file = s.temp.filePath(QStringLiteral("backups/monday.sqlite"));
    const auto written = backups.backup(admin, file);
    if (!s.isSqlite()) {
        REQUIRE_FALSE(written.ok());
        CHECK(written.error().kind == app::AppError::Kind::Refused);
        CHECK(written.error().message.contains(QStringLiteral("pg_dump")));
        const auto restored = backups.restore(admin, file);
        REQUIRE_FALSE(restored.ok());
        CHECK(restored.error().kind == app::AppError::Kind::Refused);
        return;
    }
    REQUIRE(written.ok());
    CHECK(written->path == file);
    CHECK(written->bytes > 0);
    CHECK(written->auditRows > 0);
    CHECK(written->sha256.size() == 64);
    const auto again = backups.backup(admin, file);
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().message.contains(QStringLiteral("already exists")));

    test::addPatient(s, therapist, QStringLiteral("MRN-AFTER"));
    REQUIRE(patientCount(s) == 2);
    const auto restored = backups.restore(admin, file);
    INFO((restored.ok() ? QString() : restored.error().message).toStdString());
    REQUIRE(restored.ok());
    REQUIRE(s.store().isOpen());
    CHECK(patientCount(s) == 1);
    CHECK(s.store().openReport().auditOk);
    CHECK(s.scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'restore'")).toInt() == 1);
    const QStringList kept = QDir(s.temp.dir()).entryList({QStringLiteral("*.before-restore-*")}, QDir::Files);
    CHECK(kept.size() == 1);

    // The reopened store works, and its trail (with the re-based anchor) verifies.
    test::addPatient(s, therapist, QStringLiteral("MRN-NEW"));
    const auto check = app::AuditService(s.store()).verify(admin);
    REQUIRE(check.ok());
    INFO(check->summary.toStdString());
    CHECK(check->ok);
    CHECK(check->anchorUsed);
}

TEST_CASE("restore refuses corrupt and newer files without touching the store", "[app][backup]")
{
    ServiceStore s;
    if (!s.isSqlite()) {
        return; // file backups are SQLite only; the PostgreSQL refusal is checked above
    }
    const auto admin = s.admin();
    const auto therapist = s.addUser(QStringLiteral("tess"), app::Role::Therapist);
    test::addPatient(s, therapist, QStringLiteral("MRN-1"));
    app::BackupService backups(s.store());
    const QString good = s.temp.filePath(QStringLiteral("good.sqlite"));
    REQUIRE(backups.backup(admin, good).ok());

    const QString corrupt = s.temp.filePath(QStringLiteral("corrupt.sqlite"));
    {
        QFile f(good);
        REQUIRE(f.open(QIODevice::ReadOnly));
        QByteArray bytes = f.readAll();
        // Keep the header, scramble the pages behind it.
        for (qsizetype i = 4096; i < bytes.size(); i += 7) {
            bytes[i] = static_cast<char>(bytes[i] ^ 0x5a);
        }
        QFile out(corrupt);
        REQUIRE(out.open(QIODevice::WriteOnly));
        REQUIRE(out.write(bytes) == bytes.size());
    }
    const QString newer = s.temp.filePath(QStringLiteral("newer.sqlite"));
    REQUIRE(QFile::copy(good, newer));
    setUserVersion(newer, 999);
    const QString notThere = s.temp.filePath(QStringLiteral("missing.sqlite"));

    test::addPatient(s, therapist, QStringLiteral("MRN-2"));
    for (const QString& file : {corrupt, newer, notThere}) {
        INFO(file.toStdString());
        const auto r = backups.restore(admin, file);
        REQUIRE_FALSE(r.ok());
        INFO(r.error().message.toStdString());
        CHECK(r.error().kind != app::AppError::Kind::Denied);
        CHECK(r.error().message.contains(QFileInfo(file).fileName()));
        CHECK(patientCount(s) == 2);
    }
    CHECK(backups.restore(admin, newer).error().message.contains(QStringLiteral("newer")));
    CHECK(QDir(s.temp.dir()).entryList({QStringLiteral("*.before-restore-*")}, QDir::Files).isEmpty());
}

TEST_CASE("audit verify finds a modified row", "[app][audit]")
{
    ServiceStore s;
    const auto admin = s.admin();
    const auto therapist = s.addUser(QStringLiteral("tess"), app::Role::Therapist);
    test::addPatient(s, therapist, QStringLiteral("MRN-1"));
    app::AuditService audit(s.store());
    const auto before = audit.verify(admin);
    REQUIRE(before.ok());
    CHECK(before->ok);
    CHECK(before->status == QStringLiteral("OK"));
    const qint64 target
        = s.scalar(QStringLiteral("SELECT MIN(id) FROM audit_log WHERE table_name = 'patients'")).toLongLong();
    s.dropTriggers(QStringLiteral("audit_log"));
    REQUIRE(s.exec(QStringLiteral("UPDATE audit_log SET new_value = 'rewritten' WHERE id = %1").arg(target)));
    const auto after = audit.verify(admin);
    REQUIRE(after.ok());
    CHECK_FALSE(after->ok);
    CHECK(after->status == QStringLiteral("MODIFIED"));
    REQUIRE(after->brokenRowId.has_value());
    CHECK(*after->brokenRowId == target);
    CHECK(after->summary.contains(QStringLiteral("row %1").arg(target)));
}

TEST_CASE("a restore that cannot replace the store leaves it open and unchanged", "[app][backup]")
{
    ServiceStore s;
    if (!s.isSqlite()) {
        return; // file backups are SQLite only
    }
    const auto admin = s.admin();
    const auto therapist = s.addUser(QStringLiteral("tess"), app::Role::Therapist);
    app::BackupService backups(s.store());
    const QString file = s.temp.filePath(QStringLiteral("b.sqlite"));
    REQUIRE(backups.backup(admin, file).ok());
    test::addPatient(s, therapist, QStringLiteral("MRN-1"));

    SECTION("while this process runs a session")
    {
        QString error;
        REQUIRE(s.store().tryLockSessions(&error));
        const auto r = backups.restore(admin, file);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().kind == app::AppError::Kind::Refused);
        CHECK(r.error().message.contains(QStringLiteral("session is running")));
        s.store().unlockSessions();
    }
    SECTION("while another connection reads the store")
    {
        const QString name = QStringLiteral("other-reader");
        {
            QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            other.setDatabaseName(s.temp.url().path);
            REQUIRE(other.open());
            QSqlQuery q(other);
            REQUIRE(q.exec(QStringLiteral("BEGIN")));
            REQUIRE(q.exec(QStringLiteral("SELECT COUNT(*) FROM patients")));
            REQUIRE(q.next());
            const auto r = backups.restore(admin, file);
            REQUIRE_FALSE(r.ok());
            INFO(r.error().message.toStdString());
            CHECK(r.error().kind == app::AppError::Kind::Refused);
            CHECK(r.error().message.contains(QStringLiteral("in use")));
            q.finish();
            REQUIRE(q.exec(QStringLiteral("COMMIT")));
            other.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
    // Reopened as it was: same data, usable, trail intact.
    REQUIRE(s.store().isOpen());
    CHECK(patientCount(s) == 1);
    test::addPatient(s, therapist, QStringLiteral("MRN-2"));
    CHECK(patientCount(s) == 2);
    const auto check = app::AuditService(s.store()).verify(admin);
    REQUIRE(check.ok());
    CHECK(check->ok);
    CHECK(QDir(s.temp.dir()).entryList({QStringLiteral("*.before-restore-*")}, QDir::Files).isEmpty());
}
