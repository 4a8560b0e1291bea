// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliRunner.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QProcess>
#include <QProcessEnvironment>

namespace galvani::test {

namespace {

// Generous: a sign-in costs one Argon2id verification (~0.1–0.3 s), a first admin one hash more.
constexpr int kFinishTimeoutMs = 120'000;

} // namespace

std::string describe(const CliResult& r)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(r.exitCode).arg(r.out, r.err).toStdString();
}

QMap<QString, QString> withPassword(const QString& password)
{
    return {{QStringLiteral("GALVANI_PASSWORD"), password}};
}

void CliRunner::addFirstAdmin(const QString& name, const QString& password) const
{
    const CliResult r = run({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--name"), name,
                                QStringLiteral("--role"), QStringLiteral("admin")},
        password + QLatin1Char('\n'));
    INFO(describe(r));
    REQUIRE(r.exitCode == 0);
}

void CliRunner::addUser(const QString& admin, const QString& adminPassword, const QString& name, const QString& role,
    const QString& password) const
{
    const CliResult r = run({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--name"), name,
                                QStringLiteral("--role"), role, QStringLiteral("--user"), admin},
        adminPassword + QLatin1Char('\n') + password + QLatin1Char('\n'));
    INFO(describe(r));
    REQUIRE(r.exitCode == 0);
}

CliRunner::CliRunner()
{
    REQUIRE(m_dir.isValid());
    REQUIRE(QDir().mkpath(m_dir.filePath(QStringLiteral("data"))));
    REQUIRE(QDir().mkpath(m_dir.filePath(QStringLiteral("home"))));
}

CliResult CliRunner::run(QStringList args, const QString& input, const QMap<QString, QString>& env) const
{
    args << QStringLiteral("--db") << storeUrl();
    return runRaw(args, input, env);
}

CliResult CliRunner::runRaw(const QStringList& args, const QString& input, const QMap<QString, QString>& env) const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("GALVANI_PASSWORD"));
    environment.remove(QStringLiteral("GALVANI_NEW_PASSWORD"));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
    environment.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home")));
    for (auto it = env.constBegin(); it != env.constEnd(); ++it) {
        environment.insert(it.key(), it.value());
    }
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(GALVANI_CLI_EXE), args);
    REQUIRE(process.waitForStarted());
    if (!input.isEmpty()) {
        process.write(input.toUtf8());
    }
    process.closeWriteChannel();
    INFO("galvani-cli " << args.join(QLatin1Char(' ')).toStdString());
    REQUIRE(process.waitForFinished(kFinishTimeoutMs));
    REQUIRE(process.exitStatus() == QProcess::NormalExit);
    CliResult r;
    r.exitCode = process.exitCode();
    r.out = QString::fromUtf8(process.readAllStandardOutput());
    r.err = QString::fromUtf8(process.readAllStandardError());
    return r;
}

} // namespace galvani::test
