// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/Migrator.h"

#include "db/ScopedTransaction.h"
#include "db/SqlScript.h"
#include "db/TimeStamp.h"
#include "db/sql/Query.h"
#include "db/sql/SqliteFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace galvani::db {

namespace {

QString resourceDir(Dialect d)
{
    return d == Dialect::Sqlite ? QStringLiteral(":/galvani/db/migrations/sqlite")
                                : QStringLiteral(":/galvani/db/migrations/postgresql");
}

DbError schemaError(QString message)
{
    return DbError{DbError::Kind::Schema, std::move(message)};
}

} // namespace

Migrator::Migrator(Database& db, const core::Clock& clock) : m_db(db), m_clock(clock)
{
}

Result<QList<Migration>> Migrator::available(Dialect dialect)
{
    static const QRegularExpression kName(QStringLiteral("^(\\d{4})_([a-z0-9_]+)\\.sql$"));
    const QDir dir(resourceDir(dialect));
    QList<Migration> out;
    const QStringList files = dir.entryList(QDir::Files, QDir::Name);
    for (const QString& f : files) {
        const auto m = kName.match(f);
        if (!m.hasMatch()) {
            return schemaError(QStringLiteral("migration resource '%1' is not named NNNN_name.sql").arg(f));
        }
        out.append(Migration{m.captured(1).toInt(), m.captured(2), dir.filePath(f)});
    }
    if (out.isEmpty()) {
        return schemaError(QStringLiteral("no migrations are embedded for this dialect (%1)").arg(dir.path()));
    }
    for (qsizetype i = 0; i < out.size(); ++i) {
        if (out[i].version != i + 1) {
            return schemaError(QStringLiteral("migrations are not numbered 1..N without gaps: found %1 at position %2")
                                   .arg(out[i].version)
                                   .arg(i + 1));
        }
    }
    return out;
}

int Migrator::latestVersion()
{
    const auto list = available(Dialect::Sqlite);
    return list.ok() ? static_cast<int>(list.value().size()) : 0;
}

Status Migrator::ensureVersionTable()
{
    if (m_db.dialect() == Dialect::Sqlite) {
        return {};
    }
    return sql::execRaw(m_db,
        QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                       "applied_utc_ms BIGINT NOT NULL)"));
}

Result<int> Migrator::currentVersion()
{
    if (m_db.dialect() == Dialect::Sqlite) {
        return sql::sqliteUserVersion(m_db);
    }
    if (Status s = ensureVersionTable(); !s.ok()) {
        return s.error();
    }
    const Result<QVariant> v
        = sql::scalar(m_db, QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_version"));
    if (!v.ok()) {
        return v.error();
    }
    return v.value().toInt();
}

// Version 0 must mean an empty database: a foreign database is never migrated into a Galvani store.
Status Migrator::refuseForeignDatabase()
{
    const QString sqlText = m_db.dialect() == Dialect::Sqlite
        ? QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'")
        : QStringLiteral("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() "
                         "AND table_name <> 'schema_version'");
    const Result<QVariant> n = sql::scalar(m_db, sqlText);
    if (!n.ok()) {
        return n.error();
    }
    if (n.value().toLongLong() > 0) {
        return schemaError(QStringLiteral("%1 holds %2 tables but no Galvani schema version; it is not a Galvani "
                                          "record store and will not be changed")
                               .arg(m_db.url().toUrl())
                               .arg(n.value().toLongLong()));
    }
    return {};
}

Result<QString> Migrator::backupBeforeUpgrade(int from, int to, const QString& dir)
{
    if (Status s = sql::checkIntegrity(m_db); !s.ok()) {
        return schemaError(QStringLiteral("not upgrading: %1").arg(s.error().message));
    }
    const QFileInfo store(m_db.url().path);
    const QString folder = dir.isEmpty() ? store.absolutePath() : dir;
    if (!QDir().mkpath(folder)) {
        return storageError(QStringLiteral("cannot create the backup folder '%1'").arg(folder));
    }
    const QString path = QDir(folder).filePath(QStringLiteral("%1.pre-v%2-to-v%3-%4.sqlite")
                                                   .arg(store.completeBaseName())
                                                   .arg(from)
                                                   .arg(to)
                                                   .arg(fileStamp(utcMs(m_clock))));
    if (Status s = sql::vacuumInto(m_db, path); !s.ok()) {
        return schemaError(QStringLiteral("not upgrading: the backup failed: %1").arg(s.error().message));
    }
    // A backup that cannot be read back is no backup.
    QString err;
    auto copy = Database::openForInspection(path, &err);
    if (!copy) {
        return schemaError(QStringLiteral("not upgrading: the backup '%1' cannot be opened: %2").arg(path, err));
    }
    if (Status s = sql::checkIntegrity(*copy); !s.ok()) {
        return schemaError(QStringLiteral("not upgrading: the backup is damaged: %1").arg(s.error().message));
    }
    return path;
}

Status Migrator::apply(const Migration& m)
{
    QFile f(m.resourcePath);
    if (!f.open(QIODevice::ReadOnly)) {
        return schemaError(QStringLiteral("cannot read migration %1").arg(m.resourcePath));
    }
    const QStringList statements = splitSqlScript(QString::fromUtf8(f.readAll()));

    ScopedTransaction tx(m_db);
    if (!tx.began()) {
        return tx.status();
    }
    if (m_db.dialect() == Dialect::Postgresql) {
        // Another workstation may be migrating the same store: wait for it, then re-check.
        if (Status s = sql::execRaw(m_db, QStringLiteral("LOCK TABLE schema_version IN ACCESS EXCLUSIVE MODE"));
            !s.ok()) {
            return s;
        }
    }
    const Result<int> now = currentVersion();
    if (!now.ok()) {
        return now.error();
    }
    if (now.value() >= m.version) {
        return tx.commit(); // applied meanwhile by another workstation
    }
    if (now.value() != m.version - 1) {
        return schemaError(
            QStringLiteral("store is at version %1, cannot apply migration %2").arg(now.value()).arg(m.version));
    }
    for (const QString& statement : statements) {
        if (Status s = sql::execRaw(m_db, statement); !s.ok()) {
            return schemaError(QStringLiteral("migration %1_%2 failed: %3")
                                   .arg(m.version, 4, 10, QLatin1Char('0'))
                                   .arg(m.name, s.error().message));
        }
    }
    if (m_db.dialect() == Dialect::Sqlite) {
        // The version is an integer we own, so formatting it into the PRAGMA (which takes no parameters) is safe.
        if (Status s = sql::execRaw(m_db, QStringLiteral("PRAGMA user_version = %1").arg(m.version)); !s.ok()) {
            return s;
        }
        if (Status s = sql::checkIntegrity(m_db); !s.ok()) {
            return schemaError(
                QStringLiteral("migration %1 left the store inconsistent: %2").arg(m.version).arg(s.error().message));
        }
    } else {
        sql::Query q(
            m_db, QStringLiteral("INSERT INTO schema_version (version, name, applied_utc_ms) VALUES (:v, :n, :t)"));
        q.bind(QStringLiteral(":v"), m.version)
            .bind(QStringLiteral(":n"), m.name)
            .bind(QStringLiteral(":t"), utcMs(m_clock));
        if (Status s = q.exec(QStringLiteral("record schema version")); !s.ok()) {
            return s;
        }
    }
    return tx.commit();
}

Result<Migrator::Report> Migrator::migrate(const Options& options)
{
    if (m_db.inTransaction()) {
        return schemaError(QStringLiteral("migrations cannot run inside another transaction"));
    }
    const auto list = available(m_db.dialect());
    if (!list.ok()) {
        return list.error();
    }
    const int latest = static_cast<int>(list.value().size());
    const Result<int> current = currentVersion();
    if (!current.ok()) {
        return current.error();
    }
    Report report;
    report.fromVersion = current.value();
    report.toVersion = current.value();
    if (current.value() > latest) {
        return schemaError(
            QStringLiteral("the record store %1 is at schema version %2, but this Galvani knows versions "
                           "up to %3: it was written by a newer Galvani. Use that version, or restore a "
                           "backup made by this one.")
                .arg(m_db.url().toUrl())
                .arg(current.value())
                .arg(latest));
    }
    const int target = options.targetVersion.value_or(latest);
    if (target < current.value() || target > latest) {
        return DbError{DbError::Kind::Invalid,
            QStringLiteral("cannot migrate from version %1 to %2 (known: 0..%3; no downgrades)")
                .arg(current.value())
                .arg(target)
                .arg(latest)};
    }
    if (target == current.value()) {
        return report;
    }
    if (current.value() == 0) {
        if (Status s = refuseForeignDatabase(); !s.ok()) {
            return s.error();
        }
    } else if (m_db.dialect() == Dialect::Sqlite) {
        const Result<QString> backup = backupBeforeUpgrade(current.value(), target, options.backupDir);
        if (!backup.ok()) {
            return backup.error();
        }
        report.backupPath = backup.value();
    }
    for (const Migration& m : list.value()) {
        if (m.version <= current.value() || m.version > target) {
            continue;
        }
        if (Status s = apply(m); !s.ok()) {
            return s.error();
        }
        report.applied.append(QStringLiteral("%1_%2").arg(m.version, 4, 10, QLatin1Char('0')).arg(m.name));
        report.toVersion = m.version;
    }
    return report;
}

} // namespace galvani::db
