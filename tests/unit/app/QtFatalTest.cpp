// SPDX-License-Identifier: GPL-3.0-or-later
// qFatal aborts the process; the log must still contain the fatal message and everything queued before it.
// The test runs this executable again as a child that logs and calls qFatal, then reads the child's log.
#include "LoggingTestSupport.h"
#include "app/logging/Logging.h"

#include <catch2/catch.hpp>

#include <QCoreApplication>
#include <QDir>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>

#include <sys/resource.h>

#include <string>

using galvani::app::Logging;
using galvani::app::LogLevel;

namespace {
constexpr const char* kDirVariable = "GALVANI_TEST_FATAL_LOG_DIR";
constexpr const char* kChildTestName = "fatal child: logs and then calls qFatal";
constexpr int kQueuedLines = 500;
} // namespace

// Hidden ([.]): never run on its own, only as the child of the test below.
TEST_CASE("fatal child: logs and then calls qFatal", "[.][app]")
{
    const QByteArray dir = qgetenv(kDirVariable);
    REQUIRE_FALSE(dir.isEmpty());
    auto config = galvani::test::quietLoggingConfig(QString::fromLocal8Bit(dir));
    config.flushInterval = std::chrono::seconds::zero();
    REQUIRE(Logging::init(config));
    for (int i = 0; i < kQueuedLines; ++i) {
        Logging::log("device", LogLevel::Info, "queued-before-fatal-" + std::to_string(i));
    }
    qFatal("fatal-marker %d", 99);
}

TEST_CASE("qFatal writes out the log before the process aborts", "[app][logging]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    QProcess child;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QString::fromLatin1(kDirVariable), dir.path());
    child.setProcessEnvironment(environment);
    child.setChildProcessModifier([] {
        // The abort is expected; do not leave a core file behind.
        const rlimit noCore{0, 0};
        setrlimit(RLIMIT_CORE, &noCore);
    });
    child.start(QCoreApplication::applicationFilePath(), {QString::fromLatin1(kChildTestName)});
    REQUIRE(child.waitForFinished(60000));
    CHECK(child.exitStatus() == QProcess::CrashExit);

    const std::string file = galvani::test::readTextFile(QDir(dir.path()).filePath(QStringLiteral("galvani.log")));
    CHECK(file.find("queued-before-fatal-" + std::to_string(kQueuedLines - 1)) != std::string::npos);
    const auto marker = file.find("fatal-marker 99");
    REQUIRE(marker != std::string::npos);
    const auto newline = file.rfind('\n', marker);
    const auto lineStart = newline == std::string::npos ? 0 : newline + 1;
    const std::string line = file.substr(lineStart, marker - lineStart);
    CHECK(line.find("[critical] [qt]") != std::string::npos);
    CHECK(file.find("logging stopped") != std::string::npos);
}
