// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServiceStore.h"

#include "app/services/AuthService.h"
#include "app/services/PatientService.h"
#include "app/services/UserService.h"
#include "app/store/RecordStoreImpl.h"

#include <catch2/catch.hpp>

#include <QSqlError>
#include <QSqlQuery>

namespace galvani::test {

ServiceStore::ServiceStore(StoreBackend backend) : temp(backend)
{
    m_config.storeUrl = temp.url().toUrl();
    m_config.auditKeyPath = temp.filePath(QStringLiteral("keys/audit.key"));
    m_config.anchorPath = temp.filePath(QStringLiteral("audit-anchor.txt"));
    m_config.sessionLockPath = temp.filePath(QStringLiteral("sessions.lock"));
    m_config.workstation = QStringLiteral("test-workstation");
    QString error;
    m_store = app::RecordStore::open(m_config, clock, &error);
    INFO(error.toStdString());
    REQUIRE(m_store);
    REQUIRE(m_store->openReport().auditOk);
}

ServiceStore::~ServiceStore() = default;

app::SignedInUser ServiceStore::admin()
{
    if (!m_admin) {
        const auto created = app::AuthService(*m_store).createFirstAdmin(
            QStringLiteral("admin"), QStringLiteral("Clinic Admin"), QString::fromLatin1(kPassword));
        INFO((created.ok() ? QString() : created.error().message).toStdString());
        REQUIRE(created.ok());
        m_admin = created.value();
    }
    return *m_admin;
}

app::SignedInUser ServiceStore::addUser(const QString& username, app::Role role)
{
    const auto added = app::UserService(*m_store).add(
        admin(), app::NewUserInput{username, username, role, QString::fromLatin1(kPassword)});
    INFO((added.ok() ? QString() : added.error().message).toStdString());
    REQUIRE(added.ok());
    const auto signedIn = app::AuthService(*m_store).signIn(username, QString::fromLatin1(kPassword));
    REQUIRE(signedIn.ok());
    CHECK(signedIn->role == role);
    return signedIn.value();
}

qint64 ServiceStore::refusedRows()
{
    return scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'refused'")).toLongLong();
}

bool ServiceStore::exec(const QString& sql)
{
    QSqlQuery q(m_store->impl().db.connection());
    const bool ok = q.exec(sql);
    if (!ok) {
        UNSCOPED_INFO("SQL failed: " << q.lastError().text().toStdString());
    }
    return ok;
}

QVariant ServiceStore::scalar(const QString& sql)
{
    QSqlQuery q(m_store->impl().db.connection());
    INFO(sql.toStdString());
    INFO(q.lastError().text().toStdString());
    REQUIRE(q.exec(sql));
    REQUIRE(q.next());
    return q.value(0);
}

void ServiceStore::dropTriggers(const QString& table)
{
    if (!isSqlite()) {
        REQUIRE(exec(QStringLiteral("ALTER TABLE %1 DISABLE TRIGGER USER").arg(table)));
        return;
    }
    QStringList names;
    {
        QSqlQuery q(m_store->impl().db.connection());
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

void addPatient(ServiceStore& s, const app::SignedInUser& user, const QString& mrn)
{
    app::NewPatientInput p;
    p.mrn = mrn;
    p.familyName = QStringLiteral("Okafor");
    p.givenNames = QStringLiteral("Ada");
    p.birthDate = QStringLiteral("1970-05-17");
    const auto added = app::PatientService(s.store()).add(user, p);
    INFO((added.ok() ? QString() : added.error().message).toStdString());
    REQUIRE(added.ok());
}

} // namespace galvani::test
