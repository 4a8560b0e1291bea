// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestStore.h"

#include "db/Migrator.h"
#include "db/PasswordHasher.h"

#include <catch2/catch.hpp>

#include <QSqlError>
#include <QSqlQuery>

namespace galvani::test {

TestStore::TestStore(StoreBackend backend, bool migrate) : temp(backend)
{
    auto k = db::audit::AuditKey::loadOrCreate(temp.filePath(QStringLiteral("keys/audit.key")));
    INFO((k.ok() ? std::string() : k.error().message.toStdString()));
    REQUIRE(k.ok());
    key.emplace(std::move(k).value());
    db.emplace(temp.open());
    if (migrate) {
        db::Migrator m(*db, clock);
        const auto r = m.migrate();
        INFO((r.ok() ? QString() : r.error().message).toStdString());
        REQUIRE(r.ok());
    }
}

db::Actor TestStore::addUser(const QString& username, db::records::Role role)
{
    static const QString kHash = db::PasswordHasher::hash(QString::fromLatin1(kPassword)).value();
    QSqlQuery q(db->connection());
    REQUIRE(q.prepare(QStringLiteral("INSERT INTO users (username, display_name, role, password_hash, created_utc_ms, "
                                     "updated_utc_ms) VALUES (:u, :d, :r, :h, 0, 0) RETURNING id")));
    q.bindValue(QStringLiteral(":u"), username);
    q.bindValue(QStringLiteral(":d"), username);
    q.bindValue(QStringLiteral(":r"), db::records::toText(role));
    q.bindValue(QStringLiteral(":h"), kHash);
    INFO(q.lastError().text().toStdString());
    REQUIRE(q.exec());
    REQUIRE(q.next());
    return db::Actor::user(q.value(0).toLongLong(), username);
}

bool TestStore::exec(const QString& sql)
{
    QSqlQuery q(db->connection());
    const bool ok = q.exec(sql);
    if (!ok) {
        UNSCOPED_INFO("SQL failed as expected or not: " << q.lastError().text().toStdString());
    }
    return ok;
}

QVariant TestStore::scalar(const QString& sql)
{
    QSqlQuery q(db->connection());
    INFO(sql.toStdString());
    REQUIRE(q.exec(sql));
    REQUIRE(q.next());
    return q.value(0);
}

void TestStore::disableTriggers(const QString& table)
{
    if (dialect() == db::Dialect::Postgresql) {
        REQUIRE(exec(QStringLiteral("ALTER TABLE %1 DISABLE TRIGGER USER").arg(table)));
        return;
    }
    QStringList names;
    {
        QSqlQuery q(db->connection());
        REQUIRE(q.prepare(QStringLiteral("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = :t")));
        q.bindValue(QStringLiteral(":t"), table);
        REQUIRE(q.exec());
        while (q.next()) {
            names.append(q.value(0).toString());
        }
    }
    REQUIRE_FALSE(names.isEmpty());
    for (const QString& n : names) {
        REQUIRE(exec(QStringLiteral("DROP TRIGGER %1").arg(n)));
    }
}

QStringList injectionPayloads()
{
    return {
        QStringLiteral("Robert'); DROP TABLE patients;--"),
        QStringLiteral("' OR '1'='1"),
        QStringLiteral("\" OR \"\"=\""),
        QStringLiteral("1; DELETE FROM audit_log; --"),
        QStringLiteral("x' UNION SELECT password_hash FROM users --"),
        QStringLiteral("$$; DROP TABLE users; $$"),
        QStringLiteral("\\'; TRUNCATE audit_log; --"),
        QStringLiteral(":id :name ? ?1 $1 %s %d"),
        QStringLiteral("/* comment */ -- line"),
        QStringLiteral("😀 Zoë Ångström ß ç — ≤ ≥ µA"),
        QStringLiteral("=HYPERLINK(\"http://x\")"),
        QStringLiteral("line1\nline2\ttab\r\nend"),
        QStringLiteral("%_\\%"),
    };
}

} // namespace galvani::test
