// SPDX-License-Identifier: GPL-3.0-or-later
// `galvani-cli export`: arguments checked and named, roles enforced, the file written only on success.
#include "CliRunner.h"

#include <catch2/catch.hpp>

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

using galvani::test::CliResult;
using galvani::test::CliRunner;
using galvani::test::kAdminPassword;
using galvani::test::kTherapistPassword;

namespace {

const QString kTechPassword = QStringLiteral("technician password 1");

using galvani::test::describe;

void setUp(const CliRunner& cli)
{
    cli.addFirstAdmin(QStringLiteral("root"), kAdminPassword);
    cli.addUser(
        QStringLiteral("root"), kAdminPassword, QStringLiteral("tech"), QStringLiteral("technician"), kTechPassword);
}

QStringList exportArgs(const QString& format, const QString& out, const QString& user)
{
    return {QStringLiteral("export"), QStringLiteral("--format"), format, QStringLiteral("--from"),
        QStringLiteral("2026-01-01"), QStringLiteral("--to"), QStringLiteral("2026-12-31"), QStringLiteral("--out"),
        out, QStringLiteral("--user"), user};
}

} // namespace

TEST_CASE("galvani-cli export writes a FHIR bundle for an admin and refuses a technician", "[cli][export]")
{
    CliRunner cli;
    setUp(cli);

    const QString fhir = cli.filePath(QStringLiteral("sessions.fhir.json"));
    const CliResult ok = cli.run(exportArgs(QStringLiteral("fhir"), fhir, QStringLiteral("root")), {},
        galvani::test::withPassword(kAdminPassword));
    INFO(describe(ok));
    REQUIRE(ok.exitCode == 0);
    CHECK(ok.out.contains(QStringLiteral("exported 0 sessions")));
    QFile file(fhir);
    REQUIRE(file.open(QIODevice::ReadOnly));
    const auto bundle = QJsonDocument::fromJson(file.readAll()).object();
    CHECK(bundle.value(QStringLiteral("resourceType")).toString() == QStringLiteral("Bundle"));

    const QString refused = cli.filePath(QStringLiteral("tech.csv"));
    const CliResult denied = cli.run(exportArgs(QStringLiteral("csv"), refused, QStringLiteral("tech")), {},
        galvani::test::withPassword(kTechPassword));
    INFO(describe(denied));
    CHECK(denied.exitCode == 1);
    CHECK(denied.err.contains(QStringLiteral("not allowed")));
    CHECK_FALSE(QFileInfo::exists(refused));
}

TEST_CASE("galvani-cli export names the argument at fault", "[cli][export]")
{
    CliRunner cli;
    setUp(cli);
    const QString out = cli.filePath(QStringLiteral("x.csv"));

    const CliResult format = cli.run(exportArgs(QStringLiteral("xml"), out, QStringLiteral("root")), {},
        galvani::test::withPassword(kAdminPassword));
    CHECK(format.exitCode == 2);
    CHECK(format.err.contains(QStringLiteral("--format")));

    QStringList badDate = exportArgs(QStringLiteral("csv"), out, QStringLiteral("root"));
    badDate[4] = QStringLiteral("01.02.2026");
    const CliResult date = cli.run(badDate, {}, galvani::test::withPassword(kAdminPassword));
    CHECK(date.exitCode == 2);
    CHECK(date.err.contains(QStringLiteral("--from")));

    QStringList reversed = exportArgs(QStringLiteral("csv"), out, QStringLiteral("root"));
    reversed[4] = QStringLiteral("2027-01-01");
    const CliResult order = cli.run(reversed, {}, galvani::test::withPassword(kAdminPassword));
    CHECK(order.exitCode == 2);
    CHECK(order.err.contains(QStringLiteral("--from")));
    CHECK_FALSE(QFileInfo::exists(out));
}
