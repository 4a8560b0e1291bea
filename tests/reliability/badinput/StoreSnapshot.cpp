// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoreSnapshot.h"

#include <catch2/catch.hpp>

#include <QCryptographicHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUuid>

namespace galvani::badinput {

namespace {

void addValue(QCryptographicHash& h, const QVariant& v)
{
    // Type tag, length and bytes, so that NULL, '' and 0 and adjacent values cannot collide.
    const QByteArray bytes = v.isNull() ? QByteArray() : v.toByteArray();
    const char tag = v.isNull() ? 'N' : static_cast<char>('0' + (v.typeId() % 64));
    h.addData(QByteArrayView(&tag, 1));
    const QByteArray length = QByteArray::number(bytes.size()) + ':';
    h.addData(length);
    h.addData(bytes);
}

} // namespace

StoreSnapshot StoreSnapshot::take(const QString& sqlitePath, const QSet<QString>& auditedByDesign)
{
    StoreSnapshot s;
    const QString name = QStringLiteral("badinput-snapshot-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(sqlitePath);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=10000"));
        INFO("snapshot of " << sqlitePath.toStdString() << ": " << db.lastError().text().toStdString());
        REQUIRE(db.open());
        QStringList tables;
        {
            QSqlQuery q(db);
            REQUIRE(q.exec(QStringLiteral(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")));
            while (q.next()) {
                tables.append(q.value(0).toString());
            }
        }
        REQUIRE(tables.contains(QStringLiteral("audit_log")));
        // One read transaction, so the tables are read at one moment.
        REQUIRE(db.transaction());
        for (const QString& table : tables) {
            QCryptographicHash h(QCryptographicHash::Sha256);
            qint64 count = 0;
            QSqlQuery q(db);
            q.setForwardOnly(true);
            INFO(table.toStdString());
            REQUIRE(q.exec(QStringLiteral("SELECT * FROM \"%1\" ORDER BY rowid").arg(table)));
            const QSqlRecord columns = q.record();
            const int actionColumn = columns.indexOf(QStringLiteral("action"));
            const int updatedColumn = columns.indexOf(QStringLiteral("updated_utc_ms"));
            const bool audit = table == QStringLiteral("audit_log");
            const bool users = table == QStringLiteral("users");
            while (q.next()) {
                if (audit && auditedByDesign.contains(q.value(actionColumn).toString())) {
                    ++s.setApart[q.value(actionColumn).toString()];
                    continue;
                }
                ++count;
                for (int c = 0; c < columns.count(); ++c) {
                    // In the audit trail only the content: id and chain hashes move when a row set apart is
                    // appended before the next one.
                    if (audit
                        && (columns.fieldName(c) == QStringLiteral("id")
                            || columns.fieldName(c) == QStringLiteral("prev_hash")
                            || columns.fieldName(c) == QStringLiteral("hash")
                            || columns.fieldName(c) == QStringLiteral("mac")
                            || columns.fieldName(c).startsWith(QStringLiteral("at_")))) {
                        continue;
                    }
                    if (users && c == updatedColumn) {
                        continue;
                    }
                    addValue(h, q.value(c));
                }
            }
            s.rows.insert(table, count);
            s.hashes.insert(table, h.result());
        }
        db.rollback();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return s;
}

QStringList StoreSnapshot::differences(const StoreSnapshot& after) const
{
    QStringList out;
    QStringList tables = rows.keys();
    for (const QString& t : after.rows.keys()) {
        if (!tables.contains(t)) {
            tables.append(t);
        }
    }
    for (const QString& t : tables) {
        if (rows.value(t, -1) != after.rows.value(t, -1)) {
            out.append(QStringLiteral("%1 (rows %2 → %3)").arg(t).arg(rows.value(t, -1)).arg(after.rows.value(t, -1)));
        } else if (hashes.value(t) != after.hashes.value(t)) {
            out.append(QStringLiteral("%1 (content changed)").arg(t));
        }
    }
    return out;
}

qint64 StoreSnapshot::setApartAdded(const StoreSnapshot& after) const
{
    qint64 added = 0;
    for (auto it = after.setApart.constBegin(); it != after.setApart.constEnd(); ++it) {
        added += it.value() - setApart.value(it.key());
    }
    return added;
}

} // namespace galvani::badinput
