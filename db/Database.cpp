// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/Database.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

#include <utility>

namespace galvani::db {

namespace {

QAtomicInteger<quint64> g_connectionCounter;

QString nextConnectionName()
{
    return QStringLiteral("galvani-%1").arg(g_connectionCounter.fetchAndAddRelaxed(1));
}

// Runs a PRAGMA and returns its first column, or an empty variant on failure.
QVariant pragma(QSqlDatabase& db, const QString& statement, QString* error)
{
    QSqlQuery q(db);
    if (!q.exec(statement)) {
        *error = QStringLiteral("'%1' failed: %2").arg(statement, q.lastError().text());
        return {};
    }
    return q.next() ? q.value(0) : QVariant(QString());
}

bool configureSqlite(QSqlDatabase& db, QString* error)
{
    const QVariant mode = pragma(db, QStringLiteral("PRAGMA journal_mode=WAL"), error);
    if (!mode.isValid()) {
        return false;
    }
    if (mode.toString().compare(QStringLiteral("wal"), Qt::CaseInsensitive) != 0) {
        *error = QStringLiteral("the store refused WAL journal mode (got '%1')").arg(mode.toString());
        return false;
    }
    const QString settings[] = {
        QStringLiteral("PRAGMA synchronous=FULL"),
        QStringLiteral("PRAGMA foreign_keys=ON"),
        QStringLiteral("PRAGMA busy_timeout=%1").arg(Database::kBusyTimeoutMs),
    };
    for (const QString& s : settings) {
        if (!pragma(db, s, error).isValid()) {
            return false;
        }
    }
    // Read back: a setting that silently did not apply is as bad as none.
    const QVariant sync = pragma(db, QStringLiteral("PRAGMA synchronous"), error);
    const QVariant fk = pragma(db, QStringLiteral("PRAGMA foreign_keys"), error);
    if (!sync.isValid() || !fk.isValid()) {
        return false;
    }
    if (sync.toInt() != 2) {
        *error = QStringLiteral("synchronous is %1 after setting FULL (2)").arg(sync.toInt());
        return false;
    }
    if (fk.toInt() != 1) {
        *error = QStringLiteral("foreign_keys is off after enabling it");
        return false;
    }
    return true;
}

// PostgreSQL: every commit must be durable before it returns (session events, audit rows).
bool configurePostgresql(QSqlDatabase& db, QString* error)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SET synchronous_commit = on"))
        || !q.exec(QStringLiteral("SET client_min_messages = warning"))) {
        *error = QStringLiteral("cannot configure the PostgreSQL session: %1").arg(q.lastError().text());
        return false;
    }
    const QVariant sync = pragma(db, QStringLiteral("SHOW synchronous_commit"), error);
    if (!sync.isValid()) {
        return false;
    }
    if (sync.toString() != QStringLiteral("on")) {
        *error = QStringLiteral("synchronous_commit is '%1' after setting it on").arg(sync.toString());
        return false;
    }
    return true;
}

} // namespace

Database::Database(StoreUrl url, QString connectionName)
    : m_url(std::move(url)), m_connectionName(std::move(connectionName))
{
}

Database::Database(Database&& other) noexcept
    : m_url(std::move(other.m_url)), m_connectionName(std::exchange(other.m_connectionName, QString())),
      m_txDepth(std::exchange(other.m_txDepth, 0)), m_rollbackOnly(std::exchange(other.m_rollbackOnly, false))
{
}

Database::~Database()
{
    if (m_connectionName.isEmpty()) {
        return;
    }
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen()) {
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool Database::setLockWait(int ms, QString* error)
{
    if (ms < 1 || ms > kBusyTimeoutMs) {
        *error = QStringLiteral("lock wait %1 ms is outside 1..%2 ms").arg(ms).arg(kBusyTimeoutMs);
        return false;
    }
    QSqlDatabase db = connection();
    const bool sqlite = dialect() == Dialect::Sqlite;
    const QString set
        = sqlite ? QStringLiteral("PRAGMA busy_timeout=%1").arg(ms) : QStringLiteral("SET lock_timeout = %1").arg(ms);
    QSqlQuery q(db);
    if (!q.exec(set)) {
        *error = QStringLiteral("'%1' failed: %2").arg(set, q.lastError().text());
        return false;
    }
    q.finish();
    const QVariant now
        = pragma(db, sqlite ? QStringLiteral("PRAGMA busy_timeout") : QStringLiteral("SHOW lock_timeout"), error);
    if (!now.isValid()) {
        return false;
    }
    // PostgreSQL shows the setting with its unit ("50ms", or "1s" for 1000).
    const QString shown = now.toString();
    const bool applied = sqlite ? now.toInt() == ms
                                : (shown == QStringLiteral("%1ms").arg(ms)
                                    || (ms % 1000 == 0 && shown == QStringLiteral("%1s").arg(ms / 1000)));
    if (!applied) {
        *error = QStringLiteral("the lock wait is '%1' after setting %2 ms").arg(shown).arg(ms);
        return false;
    }
    return true;
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

std::optional<Database> Database::open(const StoreUrl& url, QString* error)
{
    QString scratch;
    QString* err = error != nullptr ? error : &scratch;
    const QString name = nextConnectionName();
    bool ok = false;
    {
        QSqlDatabase db;
        if (url.kind == StoreUrl::Kind::Sqlite) {
            const QFileInfo file(url.path);
            if (!QDir().mkpath(file.absolutePath())) {
                *err = QStringLiteral("cannot create the store folder '%1'").arg(file.absolutePath());
                return std::nullopt;
            }
            db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            if (url.vfs.isEmpty()) {
                db.setDatabaseName(url.path);
            } else {
                // A URI filename selects the VFS; the path is percent-encoded so '?', '#' and '%' stay in the name.
                db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_URI"));
                db.setDatabaseName(QStringLiteral("file:%1?vfs=%2")
                                       .arg(QString::fromLatin1(QUrl::toPercentEncoding(url.path, "/")), url.vfs));
            }
        } else {
            db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            db.setHostName(url.host);
            db.setPort(url.port);
            db.setUserName(url.user);
            db.setDatabaseName(url.database);
        }
        if (!db.isValid()) {
            *err = QStringLiteral("the Qt SQL driver for %1 is not installed")
                       .arg(url.kind == StoreUrl::Kind::Sqlite ? QStringLiteral("SQLite")
                                                               : QStringLiteral("PostgreSQL"));
        } else if (!db.open()) {
            *err = QStringLiteral("cannot open the store %1: %2").arg(url.toUrl(), db.lastError().text());
        } else {
            ok = url.kind == StoreUrl::Kind::Sqlite ? configureSqlite(db, err) : configurePostgresql(db, err);
            if (!ok) {
                db.close();
            }
        }
    }
    if (!ok) {
        QSqlDatabase::removeDatabase(name);
        return std::nullopt;
    }
    return Database(url, name);
}

std::optional<Database> Database::openForInspection(const QString& sqlitePath, QString* error)
{
    QString scratch;
    QString* err = error != nullptr ? error : &scratch;
    if (!QFileInfo(sqlitePath).isFile()) {
        *err = QStringLiteral("'%1' does not exist or is not a file").arg(sqlitePath);
        return std::nullopt;
    }
    const QString name = nextConnectionName();
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(sqlitePath);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!db.isValid()) {
            *err = QStringLiteral("the Qt SQL driver for SQLite is not installed");
        } else if (!db.open()) {
            *err = QStringLiteral("cannot open '%1': %2").arg(sqlitePath, db.lastError().text());
        } else {
            // Opening is lazy: read the schema now so that a file that is not a database is refused here.
            QSqlQuery q(db);
            ok = q.exec(QStringLiteral("SELECT count(*) FROM sqlite_schema"));
            if (!ok) {
                *err = QStringLiteral("'%1' is not a readable SQLite database: %2")
                           .arg(sqlitePath, q.lastError().text());
            }
            q.finish();
            if (!ok) {
                db.close();
            }
        }
    }
    if (!ok) {
        QSqlDatabase::removeDatabase(name);
        return std::nullopt;
    }
    StoreUrl url;
    url.kind = StoreUrl::Kind::Sqlite;
    url.path = sqlitePath;
    return Database(url, name);
}

} // namespace galvani::db
