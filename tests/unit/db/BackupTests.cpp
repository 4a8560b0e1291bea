// SPDX-License-Identifier: GPL-3.0-or-later
// Online backup with verification, and atomic restore that refuses bad or newer files (SQLite stores).
#include "ClinicalFixture.h"

#include "db/Migrator.h"
#include "db/StoreBackup.h"
#include "db/audit/AuditTrail.h"
#include "db/audit/AuditVerifier.h"
#include "db/records/PatientRepository.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>

using namespace galvani::db;
using galvani::test::StoreBackend;
using galvani::test::TestStore;

namespace {

// Changes an SQLite file with a plain connection (no Galvani settings), as a tamperer or a newer program would.
void alterFile(const QString& path, const QStringList& statements)
{
    const QString name = QStringLiteral("alter-%1").arg(path);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        REQUIRE(db.open());
        QSqlQuery q(db);
        for (const QString& s : statements) {
            INFO(s.toStdString());
            REQUIRE(q.exec(s));
        }
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

QString copyOf(const QString& from, const QString& to)
{
    REQUIRE(QFile::copy(from, to));
    REQUIRE(QFile::setPermissions(to, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    return to;
}

qint64 patientCount(const QString& storePath)
{
    QString err;
    auto db = Database::openForInspection(storePath, &err);
    REQUIRE(db.has_value());
    QSqlQuery q(db->connection());
    REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM patients")));
    REQUIRE(q.next());
    return q.value(0).toLongLong();
}

struct BackupFixture {
    TestStore s{StoreBackend::Sqlite};
    galvani::test::ClinicalFixture f = galvani::test::populate(s);
    QString backup = s.temp.filePath(QStringLiteral("backups/galvani-backup.sqlite"));
};

} // namespace

TEST_CASE("an online backup is a verified copy, recorded in the audit trail", "[db][backup]")
{
    BackupFixture fx;
    const qint64 rowsBefore = audit::AuditTrail(fx.s.ctx()).count().value();
    const auto report = StoreBackup::backup(fx.s.ctx(), fx.backup, fx.f.therapist);
    INFO((report.ok() ? QString() : report.error().message).toStdString());
    REQUIRE(report.ok());
    CHECK(report->path == fx.backup);
    CHECK(report->schemaVersion == Migrator::latestVersion());
    CHECK(report->auditRows == rowsBefore);
    CHECK(report->sha256.size() == 64);
    CHECK(QFileInfo(fx.backup).size() == report->bytes);
    CHECK(QFileInfo(fx.backup).permissions()
        == (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser));
    CHECK(QDir(QFileInfo(fx.backup).absolutePath()).entryList(QDir::Files | QDir::Hidden).size() == 1); // no temp left
    CHECK(patientCount(fx.backup) == 1);

    const auto again = StoreBackup::verify(fx.backup, *fx.s.key);
    REQUIRE(again.ok());
    CHECK(again->sha256 == report->sha256);

    audit::AuditFilter af;
    const auto rows = audit::AuditTrail(fx.s.ctx()).entries(af).value();
    CHECK(rows.last().action == QStringLiteral("backup"));
    CHECK(rows.last().newValue->contains(report->sha256));
    CHECK(StoreBackup::backup(fx.s.ctx(), fx.backup, fx.f.therapist).error().kind == DbError::Kind::Conflict);
}

TEST_CASE("restore brings back the backup atomically and keeps the replaced store", "[db][backup]")
{
    BackupFixture fx;
    REQUIRE(StoreBackup::backup(fx.s.ctx(), fx.backup, fx.f.therapist).ok());
    REQUIRE(records::PatientRepository(fx.s.ctx())
                .create(galvani::test::samplePatient(QStringLiteral("AFTER")), fx.f.therapist)
                .ok());
    const QString store = fx.s.temp.url().path;

    // With the store still open, restore refuses.
    const auto busy = StoreBackup::restore(fx.backup, store, *fx.s.key, fx.s.clock, fx.f.therapist);
    REQUIRE_FALSE(busy.ok());
    CHECK(busy.error().kind == DbError::Kind::Refused);
    CHECK(busy.error().message.contains(QStringLiteral("in use")));

    fx.s.db.reset(); // close, as the app does before a restore
    fx.s.clock.advance(std::chrono::hours(1));
    const auto restored = StoreBackup::restore(fx.backup, store, *fx.s.key, fx.s.clock, fx.f.therapist);
    INFO((restored.ok() ? QString() : restored.error().message).toStdString());
    REQUIRE(restored.ok());
    CHECK(restored->path == store);
    CHECK(patientCount(store) == 1); // the patient added after the backup is not in the restored store
    const QStringList kept
        = QDir(fx.s.temp.dir()).entryList({QStringLiteral("galvani.sqlite.before-restore-*")}, QDir::Files);
    REQUIRE(kept.size() == 1);
    CHECK(patientCount(QDir(fx.s.temp.dir()).filePath(kept.first())) == 2); // the replaced store is kept whole
    CHECK(QDir(fx.s.temp.dir())
              .entryList({QStringLiteral(".galvani.sqlite.restore-*")}, QDir::Files | QDir::Hidden)
              .isEmpty());

    fx.s.db.emplace(fx.s.temp.open());
    const audit::AuditVerdict verdict = audit::AuditVerifier(*fx.s.db, *fx.s.key).verify();
    INFO(verdict.summary().toStdString());
    CHECK(verdict.ok());
    audit::AuditFilter af;
    const auto rows = audit::AuditTrail(fx.s.ctx()).entries(af).value();
    CHECK(rows.last().action == QStringLiteral("restore"));
    CHECK(rows.last().newValue->contains(kept.first()));
    CHECK(Migrator(*fx.s.db, fx.s.clock).currentVersion().value() == Migrator::latestVersion());
}

TEST_CASE("restore refuses a corrupt file and leaves the store alone", "[db][backup]")
{
    BackupFixture fx;
    REQUIRE(StoreBackup::backup(fx.s.ctx(), fx.backup, fx.f.therapist).ok());
    const QString store = fx.s.temp.url().path;
    fx.s.db.reset();
    const QByteArray storeBefore = [&] {
        QFile f(store);
        REQUIRE(f.open(QIODevice::ReadOnly));
        return f.readAll();
    }();

    const QString damaged = copyOf(fx.backup, fx.s.temp.filePath(QStringLiteral("damaged.sqlite")));
    {
        QFile f(damaged);
        REQUIRE(f.open(QIODevice::ReadWrite));
        const qint64 size = f.size();
        REQUIRE(size > 8192);
        f.seek(size / 2); // garbage over b-tree pages in the middle of the file
        f.write(QByteArray(4096, '\xA5'));
    }
    const auto r = StoreBackup::restore(damaged, store, *fx.s.key, fx.s.clock, fx.f.therapist);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == DbError::Kind::Refused);

    const QString truncated = copyOf(fx.backup, fx.s.temp.filePath(QStringLiteral("truncated.sqlite")));
    {
        QFile f(truncated);
        REQUIRE(f.resize(f.size() / 3));
    }
    CHECK_FALSE(StoreBackup::restore(truncated, store, *fx.s.key, fx.s.clock, fx.f.therapist).ok());

    const QString text = fx.s.temp.filePath(QStringLiteral("notes.txt"));
    {
        QFile f(text);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(10000, 'x'));
    }
    CHECK_FALSE(StoreBackup::restore(text, store, *fx.s.key, fx.s.clock, fx.f.therapist).ok());
    CHECK_FALSE(StoreBackup::restore(
        fx.s.temp.filePath(QStringLiteral("absent.sqlite")), store, *fx.s.key, fx.s.clock, fx.f.therapist)
                    .ok());

    QFile after(store);
    REQUIRE(after.open(QIODevice::ReadOnly));
    CHECK(after.readAll() == storeBefore);
    CHECK(QDir(fx.s.temp.dir())
              .entryList(
                  {QStringLiteral("*before-restore*"), QStringLiteral(".galvani.sqlite.*")}, QDir::Files | QDir::Hidden)
              .isEmpty());
}

TEST_CASE("restore refuses a store with a newer schema", "[db][backup]")
{
    BackupFixture fx;
    REQUIRE(StoreBackup::backup(fx.s.ctx(), fx.backup, fx.f.therapist).ok());
    const QString newer = copyOf(fx.backup, fx.s.temp.filePath(QStringLiteral("newer.sqlite")));
    alterFile(newer, {QStringLiteral("PRAGMA user_version = %1").arg(Migrator::latestVersion() + 1)});
    fx.s.db.reset();
    const auto r = StoreBackup::restore(newer, fx.s.temp.url().path, *fx.s.key, fx.s.clock, fx.f.therapist);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == DbError::Kind::Schema);
    CHECK(r.error().message.contains(QStringLiteral("newer")));
    CHECK(patientCount(fx.s.temp.url().path) == 1);
}

TEST_CASE("restore refuses a backup whose audit trail was tampered with", "[db][backup]")
{
    BackupFixture fx;
    REQUIRE(StoreBackup::backup(fx.s.ctx(), fx.backup, fx.f.therapist).ok());
    const QString forged = copyOf(fx.backup, fx.s.temp.filePath(QStringLiteral("forged.sqlite")));
    alterFile(forged,
        {QStringLiteral("DROP TRIGGER audit_log_no_update"),
            QStringLiteral("UPDATE audit_log SET actor_name = 'someone else' WHERE id = 2")});
    const auto v = StoreBackup::verify(forged, *fx.s.key);
    REQUIRE_FALSE(v.ok());
    CHECK(v.error().message.contains(QStringLiteral("MODIFIED at row 2")));
    fx.s.db.reset();
    CHECK_FALSE(StoreBackup::restore(forged, fx.s.temp.url().path, *fx.s.key, fx.s.clock, fx.f.therapist).ok());
    // And with a different key the genuine backup does not verify either.
    const auto otherKey = audit::AuditKey::loadOrCreate(fx.s.temp.filePath(QStringLiteral("other.key"))).value();
    CHECK_FALSE(StoreBackup::verify(fx.backup, otherKey).ok());
}
