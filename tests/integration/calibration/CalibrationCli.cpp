// SPDX-License-Identifier: GPL-3.0-or-later
#include "CalibrationCli.h"

#include <catch2/catch.hpp>

#include <QDir>

namespace galvani::test {

namespace {

// A calibration of two channels takes about 10 s; sign-ins cost an Argon2id verification each.
constexpr int kFinishTimeoutMs = 180'000;

} // namespace

CalibrationCli::CalibrationCli()
{
    REQUIRE(m_dir.isValid());
    REQUIRE(QDir().mkpath(m_dir.filePath(QStringLiteral("data"))));
    REQUIRE(QDir().mkpath(m_dir.filePath(QStringLiteral("home"))));
    const QString password = QString::fromLatin1(kPassword);
    const auto admin = runWith({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--name"),
                                   QStringLiteral("admin"), QStringLiteral("--role"), QStringLiteral("admin")},
        QString(), {{QStringLiteral("GALVANI_NEW_PASSWORD"), password}});
    INFO(admin.err.toStdString());
    REQUIRE(admin.exitCode == 0);
    for (const auto& [name, role] : {std::pair{QStringLiteral("tech"), QStringLiteral("technician")},
             std::pair{QStringLiteral("thera"), QStringLiteral("therapist")}}) {
        const auto added
            = runWith({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--name"), name,
                          QStringLiteral("--role"), role, QStringLiteral("--user"), QStringLiteral("admin")},
                QString(),
                {{QStringLiteral("GALVANI_PASSWORD"), password}, {QStringLiteral("GALVANI_NEW_PASSWORD"), password}});
        INFO(added.err.toStdString());
        REQUIRE(added.exitCode == 0);
    }
}

QProcessEnvironment CalibrationCli::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("GALVANI_PASSWORD"));
    env.remove(QStringLiteral("GALVANI_NEW_PASSWORD"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home")));
    return env;
}

CliOutcome CalibrationCli::run(QStringList args, const QString& input, bool passwordOnStdin) const
{
    QMap<QString, QString> extra;
    if (!passwordOnStdin) {
        extra.insert(QStringLiteral("GALVANI_PASSWORD"), QString::fromLatin1(kPassword));
    }
    return runWith(std::move(args), input, extra);
}

CliOutcome CalibrationCli::runWith(QStringList args, const QString& input, const QMap<QString, QString>& extra) const
{
    args << QStringLiteral("--db") << QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("galvani.sqlite"));
    QProcessEnvironment env = environment();
    for (auto it = extra.constBegin(); it != extra.constEnd(); ++it) {
        env.insert(it.key(), it.value());
    }
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(GALVANI_CLI_EXE), args);
    REQUIRE(process.waitForStarted());
    if (!input.isEmpty()) {
        process.write(input.toUtf8());
    }
    process.closeWriteChannel();
    INFO("galvani-cli " << args.join(QLatin1Char(' ')).toStdString());
    REQUIRE(process.waitForFinished(kFinishTimeoutMs));
    REQUIRE(process.exitStatus() == QProcess::NormalExit);
    return CliOutcome{process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
        QString::fromUtf8(process.readAllStandardError())};
}

std::unique_ptr<QProcess> CalibrationCli::start(QStringList args) const
{
    args << QStringLiteral("--db") << QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("galvani.sqlite"));
    QProcessEnvironment env = environment();
    env.insert(QStringLiteral("GALVANI_PASSWORD"), QString::fromLatin1(kPassword));
    auto process = std::make_unique<QProcess>();
    process->setProcessEnvironment(env);
    process->start(QStringLiteral(GALVANI_CLI_EXE), args);
    REQUIRE(process->waitForStarted());
    process->closeWriteChannel();
    return process;
}

} // namespace galvani::test
