// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliWorld.h"

#include "app/AppPaths.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QProcess>
#include <QRegularExpression>

namespace galvani::test {

SessionOutput parseSessionOutput(const QByteArray& output)
{
    static const QRegularExpression started(QStringLiteral("^session (\\d+) started$"));
    static const QRegularExpression event(QStringLiteral("^event (\\d+) (\\w+) committed$"));
    SessionOutput s;
    for (const QString& line : QString::fromUtf8(output).split(QLatin1Char('\n'))) {
        if (const auto m = started.match(line); m.hasMatch()) {
            s.sessionId = m.captured(1).toLongLong();
        } else if (const auto e = event.match(line); e.hasMatch()) {
            s.committed[e.captured(1).toInt()] = e.captured(2);
        }
    }
    return s;
}

CliWorld::CliWorld()
{
    REQUIRE(m_dir.isValid());
    REQUIRE(QDir().mkpath(m_dir.filePath(QStringLiteral("data"))));
    qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("data")).toUtf8());
    app::applyApplicationIdentity();
    m_url = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("galvani.sqlite"));
}

QProcessEnvironment CliWorld::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("GALVANI_PASSWORD"), kPassword);
    env.insert(QStringLiteral("GALVANI_NEW_PASSWORD"), kPassword);
    return env;
}

CliRun CliWorld::run(QStringList args) const
{
    args << QStringLiteral("--db") << m_url;
    QProcess p;
    p.setProcessEnvironment(environment());
    p.start(QStringLiteral(GALVANI_CLI_EXE), args);
    REQUIRE(p.waitForStarted());
    p.closeWriteChannel();
    REQUIRE(p.waitForFinished(120'000));
    REQUIRE(p.exitStatus() == QProcess::NormalExit);
    return CliRun{
        p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

void CliWorld::mustRun(const QStringList& args) const
{
    const CliRun r = run(args);
    INFO("galvani-cli " << args.join(QLatin1Char(' ')).toStdString() << "\n"
                        << r.out.toStdString() << r.err.toStdString());
    REQUIRE(r.exitCode == 0);
}

void CliWorld::addPatient(const QString& mrn, bool screened)
{
    if (!m_users) {
        mustRun({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("admin"),
            QStringLiteral("--role"), QStringLiteral("admin")});
        mustRun({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--user"), QStringLiteral("admin"),
            QStringLiteral("--name"), QStringLiteral("tina"), QStringLiteral("--role"), QStringLiteral("therapist")});
        m_users = true;
    }
    const QString tina = QStringLiteral("tina");
    mustRun({QStringLiteral("patient"), QStringLiteral("add"), QStringLiteral("--user"), tina, QStringLiteral("--mrn"),
        mrn, QStringLiteral("--name"), QStringLiteral("Okafor, Ada"), QStringLiteral("--birth-date"),
        QStringLiteral("1971-04-23")});
    if (!screened) {
        return;
    }
    mustRun({QStringLiteral("screening"), QStringLiteral("record"), QStringLiteral("--user"), tina,
        QStringLiteral("--patient"), mrn, QStringLiteral("--none-apply")});
    for (const auto& [channel, site] :
        {std::pair{"1", "right-lumbar-erector-spinae"}, std::pair{"2", "left-lumbar-erector-spinae"}}) {
        mustRun({QStringLiteral("placement"), QStringLiteral("record"), QStringLiteral("--user"), tina,
            QStringLiteral("--patient"), mrn, QStringLiteral("--site"), QString::fromLatin1(site),
            QStringLiteral("--channel"), QString::fromLatin1(channel), QStringLiteral("--electrode"),
            QStringLiteral("5x9")});
    }
}

QStringList CliWorld::sessionRun(const QString& mrn, int seconds) const
{
    return {QStringLiteral("session"), QStringLiteral("run"), QStringLiteral("--user"), QStringLiteral("tina"),
        QStringLiteral("--patient"), mrn, QStringLiteral("--device"), QStringLiteral("sim:sciencemode4?channels=8"),
        QStringLiteral("--preset"), QStringLiteral("conventional-tens"), QStringLiteral("--channel"),
        QStringLiteral("1:right-lumbar-erector-spinae:10"), QStringLiteral("--channel"),
        QStringLiteral("2:left-lumbar-erector-spinae:8"), QStringLiteral("--seconds"), QString::number(seconds),
        QStringLiteral("--nprs-before"), QStringLiteral("5"), QStringLiteral("--nprs-after"), QStringLiteral("3")};
}

std::unique_ptr<app::RecordStore> CliWorld::openStore() const
{
    QString error;
    auto store = app::RecordStore::open(app::StoreConfig::defaults(m_url), m_clock, &error);
    INFO(error.toStdString());
    REQUIRE(store);
    return store;
}

} // namespace galvani::test
