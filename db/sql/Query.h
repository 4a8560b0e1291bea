// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/Result.h"

#include <QByteArray>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <optional>

namespace galvani::db {
class Database;
}

namespace galvani::db::sql {

// Thin wrapper over QSqlQuery used inside db/ only (its header is not for other layers): prepares one statement,
// binds values by name (never by string building), maps engine errors onto DbError kinds, and reads typed
// columns. Thread affinity: the Database's thread. Ownership: borrows the Database.
class Query {
public:
    Query(Database& db, const QString& sql);

    Query& bind(const QString& name, const QVariant& value);
    Query& bind(const QString& name, const QString& value);
    Query& bind(const QString& name, qint64 value);
    Query& bind(const QString& name, int value);
    Query& bind(const QString& name, const std::optional<qint64>& value);
    Query& bind(const QString& name, const std::optional<QString>& value);

    // Runs the statement. `what` names the operation in the error message ("insert patient").
    [[nodiscard]] Status exec(const QString& what);
    [[nodiscard]] bool next() { return m_q.next(); }
    void finish() { m_q.finish(); }
    [[nodiscard]] int rowsAffected() const { return m_q.numRowsAffected(); }

    [[nodiscard]] qint64 int64(int column) const;
    [[nodiscard]] int int32(int column) const;
    [[nodiscard]] QString text(int column) const;
    [[nodiscard]] QByteArray bytes(int column) const;
    [[nodiscard]] bool isNull(int column) const;
    [[nodiscard]] std::optional<qint64> optInt64(int column) const;
    [[nodiscard]] std::optional<QString> optText(int column) const;

private:
    QSqlQuery m_q;
    QString m_sql;
    bool m_prepared = false;
    QString m_prepareError;
};

// Maps an engine error onto a DbError kind (append-only trigger → Refused, unique/foreign key → Conflict,
// check/not-null → Invalid, anything else → Storage).
[[nodiscard]] DbError mapError(const QString& nativeCode, const QString& text, const QString& what);

// Executes one statement without parameters (DDL, PRAGMA, LOCK).
[[nodiscard]] Status execRaw(Database& db, const QString& statement);

// Runs a one-row, one-column query without parameters and returns its value.
[[nodiscard]] Result<QVariant> scalar(Database& db, const QString& statement);

} // namespace galvani::db::sql
