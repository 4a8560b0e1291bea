// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/sql/Query.h"

#include "db/Database.h"

#include <QSqlError>

namespace galvani::db::sql {

Query::Query(Database& db, const QString& sql) : m_q(db.connection()), m_sql(sql)
{
    m_q.setForwardOnly(true);
    m_prepared = m_q.prepare(sql);
    if (!m_prepared) {
        m_prepareError = m_q.lastError().text();
    }
}

Query& Query::bind(const QString& name, const QVariant& value)
{
    m_q.bindValue(name, value);
    return *this;
}

Query& Query::bind(const QString& name, const QString& value)
{
    // A null QString would be stored as SQL NULL; the NOT NULL text columns want '' instead.
    m_q.bindValue(name, value.isNull() ? QString(QLatin1String("")) : value);
    return *this;
}

Query& Query::bind(const QString& name, qint64 value)
{
    m_q.bindValue(name, QVariant::fromValue<qlonglong>(value));
    return *this;
}

Query& Query::bind(const QString& name, int value)
{
    m_q.bindValue(name, QVariant::fromValue<qlonglong>(value));
    return *this;
}

Query& Query::bind(const QString& name, const std::optional<qint64>& value)
{
    m_q.bindValue(name, value ? QVariant::fromValue<qlonglong>(*value) : QVariant(QMetaType::fromType<qlonglong>()));
    return *this;
}

Query& Query::bind(const QString& name, const std::optional<QString>& value)
{
    if (value) {
        m_q.bindValue(name, value->isNull() ? QString(QLatin1String("")) : *value);
    } else {
        m_q.bindValue(name, QVariant(QMetaType::fromType<QString>()));
    }
    return *this;
}

Status Query::exec(const QString& what)
{
    if (!m_prepared) {
        return mapError(QString(), m_prepareError, what);
    }
    if (!m_q.exec()) {
        const QSqlError e = m_q.lastError();
        return mapError(e.nativeErrorCode(), e.text(), what);
    }
    return {};
}

qint64 Query::int64(int column) const
{
    return m_q.value(column).toLongLong();
}

int Query::int32(int column) const
{
    return m_q.value(column).toInt();
}

QString Query::text(int column) const
{
    return m_q.value(column).toString();
}

QByteArray Query::bytes(int column) const
{
    return m_q.value(column).toByteArray();
}

bool Query::isNull(int column) const
{
    return m_q.isNull(column);
}

std::optional<qint64> Query::optInt64(int column) const
{
    if (m_q.isNull(column)) {
        return std::nullopt;
    }
    return m_q.value(column).toLongLong();
}

std::optional<QString> Query::optText(int column) const
{
    if (m_q.isNull(column)) {
        return std::nullopt;
    }
    return m_q.value(column).toString();
}

DbError mapError(const QString& nativeCode, const QString& text, const QString& what)
{
    const QString message = QStringLiteral("%1: %2").arg(what, text);
    auto has = [&text](const char* s) { return text.contains(QLatin1String(s), Qt::CaseInsensitive); };
    if (has("galvani: append-only") || has("galvani: refused")) {
        return DbError{DbError::Kind::Refused, message};
    }
    // SQLSTATE classes from PostgreSQL, message texts from SQLite.
    if (nativeCode == QLatin1String("23505") || nativeCode == QLatin1String("23503") || has("UNIQUE constraint failed")
        || has("FOREIGN KEY constraint failed")) {
        return DbError{DbError::Kind::Conflict, message};
    }
    if (nativeCode == QLatin1String("23514") || nativeCode == QLatin1String("23502") || has("CHECK constraint failed")
        || has("NOT NULL constraint failed")) {
        return DbError{DbError::Kind::Invalid, message};
    }
    // Another connection held the lock for longer than this one may wait (SQLITE_BUSY/SQLITE_LOCKED, PostgreSQL
    // lock_not_available): nothing was written; say so in words a user can act on.
    if (nativeCode == QLatin1String("5") || nativeCode == QLatin1String("6") || nativeCode == QLatin1String("55P03")
        || has("database is locked") || has("lock timeout")) {
        return DbError{DbError::Kind::Storage,
            QStringLiteral("%1: the record store is busy (another program or workstation is writing to it); nothing "
                           "was saved, try again (%2)")
                .arg(what, text)};
    }
    return DbError{DbError::Kind::Storage, message};
}

Status execRaw(Database& db, const QString& statement)
{
    QSqlQuery q(db.connection());
    if (!q.exec(statement)) {
        const QSqlError e = q.lastError();
        return mapError(e.nativeErrorCode(), e.text(), statement.left(80));
    }
    return {};
}

Result<QVariant> scalar(Database& db, const QString& statement)
{
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    if (!q.exec(statement)) {
        const QSqlError e = q.lastError();
        return mapError(e.nativeErrorCode(), e.text(), statement.left(80));
    }
    if (!q.next()) {
        return storageError(QStringLiteral("%1 returned no row").arg(statement.left(80)));
    }
    return q.value(0);
}

} // namespace galvani::db::sql
