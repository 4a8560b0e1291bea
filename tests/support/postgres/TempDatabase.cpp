// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/postgres/TempDatabase.h"

#include <catch2/catch.hpp>

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QFile>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>

#include <cstdio>
#include <cstdlib>
#include <variant>

namespace galvani::test {

namespace {

QAtomicInteger<int> g_counter;

[[noreturn]] void skipAll(const QString& why)
{
    std::fprintf(stderr, "WARN: PostgreSQL variant skipped: %s\n", qPrintable(why));
    std::fflush(stderr);
    std::fflush(stdout);
    std::_Exit(kSkipExitCode);
}

// The cluster for this run: an explicit URL wins, else the fixture's state folder.
db::StoreUrl clusterUrl()
{
    QString text = qEnvironmentVariable("GALVANI_TEST_PG_URL");
    if (text.isEmpty()) {
        const QString state = QStringLiteral(GALVANI_TEST_PG_STATE_DIR);
        QFile skipped(state + QStringLiteral("/skipped"));
        if (skipped.open(QIODevice::ReadOnly)) {
            skipAll(QString::fromUtf8(skipped.readAll()).trimmed());
        }
        QFile url(state + QStringLiteral("/url"));
        if (!url.open(QIODevice::ReadOnly)) {
            skipAll(QStringLiteral("no test cluster is running (%1/url missing). Run the tests through ctest, which "
                                   "starts one with tests/support/postgres/pg-cluster.sh, or set GALVANI_TEST_PG_URL")
                        .arg(state));
        }
        text = QString::fromUtf8(url.readAll()).trimmed();
    }
    const auto parsed = db::parseStoreUrl(text);
    if (!std::holds_alternative<db::StoreUrl>(parsed)) {
        skipAll(QStringLiteral("bad cluster URL '%1'").arg(text));
    }
    return std::get<db::StoreUrl>(parsed);
}

void runAdmin(const db::StoreUrl& maintenance, const QString& statement)
{
    QString error;
    auto admin = db::Database::open(maintenance, &error);
    INFO(error.toStdString());
    REQUIRE(admin.has_value());
    QSqlQuery q(admin->connection());
    INFO(statement.toStdString());
    INFO(q.lastError().text().toStdString());
    REQUIRE(q.exec(statement));
}

} // namespace

TempDatabase::TempDatabase(StoreBackend backend) : m_backend(backend)
{
    REQUIRE(m_dir.isValid());
    if (backend == StoreBackend::Sqlite) {
        m_url.kind = db::StoreUrl::Kind::Sqlite;
        m_url.path = m_dir.filePath(QStringLiteral("galvani.sqlite"));
        return;
    }
    m_maintenanceUrl = clusterUrl();
    // Letters, digits and underscores only, so the name can be spliced into CREATE/DROP DATABASE.
    m_pgDatabase = QStringLiteral("galvani_t%1_%2_%3")
                       .arg(QCoreApplication::applicationPid())
                       .arg(g_counter.fetchAndAddRelaxed(1))
                       .arg(QRandomGenerator::global()->bounded(1'000'000));
    runAdmin(
        m_maintenanceUrl, QStringLiteral("CREATE DATABASE %1 TEMPLATE template0 ENCODING 'UTF8'").arg(m_pgDatabase));
    m_url = m_maintenanceUrl;
    m_url.database = m_pgDatabase;
}

TempDatabase::~TempDatabase()
{
    if (m_backend != StoreBackend::Postgresql || m_pgDatabase.isEmpty()) {
        return;
    }
    QString error;
    auto admin = db::Database::open(m_maintenanceUrl, &error);
    if (admin) {
        QSqlQuery q(admin->connection());
        if (!q.exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_pgDatabase))) {
            std::fprintf(stderr, "WARN: could not drop test database %s: %s\n", qPrintable(m_pgDatabase),
                qPrintable(q.lastError().text()));
        }
    }
}

db::Database TempDatabase::open() const
{
    QString error;
    auto db = db::Database::open(m_url, &error);
    INFO(error.toStdString());
    REQUIRE(db.has_value());
    return std::move(*db);
}

} // namespace galvani::test
