// SPDX-License-Identifier: GPL-3.0-or-later
// The logging session: sinks, named loggers, session lifetime and configuration errors.
#include "app/logging/Logging.h"
#include "LoggingTestSupport.h"
#include "app/logging/LoggingSession.h"
#include "support/WaitUntil.h"

#include <catch2/catch.hpp>
#include <spdlog/spdlog.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <string>

using galvani::app::Logging;
using galvani::app::LoggingConfig;
using galvani::app::LoggingSession;
using galvani::app::LogLevel;
using galvani::test::findRingLine;
using galvani::test::quietLoggingConfig;
using galvani::test::readTextFile;
using galvani::test::waitForRingLine;

TEST_CASE("a message reaches the log file and the ring", "[app][logging]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    LoggingSession session(quietLoggingConfig(dir.path()));
    REQUIRE(session.ok());
    CHECK(Logging::logFilePath() == QDir(dir.path()).absoluteFilePath(QStringLiteral("galvani.log")));

    // Braces are text here, not format fields: messages are never interpreted as format strings.
    Logging::log("device", LogLevel::Info, "marker-one {not a field}");
    Logging::logger("db")->warn("marker-two {}", 42);

    const auto one = waitForRingLine("marker-one");
    const auto two = waitForRingLine("marker-two 42");
    REQUIRE(one.has_value());
    REQUIRE(two.has_value());
    CHECK(one->logger == "device");
    CHECK(one->level == LogLevel::Info);
    CHECK(one->text.find("[device]") != std::string::npos);
    CHECK(one->text.find("[info]") != std::string::npos);
    CHECK(one->text.find("marker-one {not a field}") != std::string::npos);
    CHECK(two->logger == "db");
    CHECK(two->level == LogLevel::Warn);
    CHECK(two->sequence > one->sequence);

    session.shutdown();
    const std::string file = readTextFile(QDir(dir.path()).filePath(QStringLiteral("galvani.log")));
    CHECK(file.find("[device] [t") != std::string::npos);
    CHECK(file.find("marker-one {not a field}") != std::string::npos);
    CHECK(file.find("[warning] [db]") != std::string::npos);
    CHECK(file.find("marker-two 42") != std::string::npos);
    CHECK(file.find("logging stopped") != std::string::npos);
    // Times are UTC, written with a Z.
    CHECK(file.find("Z [info] [app]") != std::string::npos);
}

TEST_CASE("named loggers exist from init and protocol loggers are created on demand", "[app][logging]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    {
        LoggingSession session(quietLoggingConfig(dir.path()));
        REQUIRE(session.ok());
        for (const char* name : {"app", "device", "db", "ui", "sim", "qt"}) {
            INFO(name);
            const auto registered = spdlog::get(name);
            REQUIRE(registered != nullptr);
            CHECK(registered == Logging::logger(name));
        }
        CHECK(spdlog::get("proto.sciencemode4") == nullptr);
        const auto proto = Logging::protocolLogger("sciencemode4");
        REQUIRE(proto != nullptr);
        CHECK(proto->name() == "proto.sciencemode4");
        CHECK(spdlog::get("proto.sciencemode4") == proto);
        CHECK(Logging::protocolLogger("sciencemode4") == proto); // the same logger, not a second one

        // spdlog's default logger is the app logger during the session.
        spdlog::info("via-default-logger");
        const auto line = waitForRingLine("via-default-logger");
        REQUIRE(line.has_value());
        CHECK(line->logger == "app");

        // Names are sanitised rather than rejected.
        CHECK(Logging::sanitizeLoggerName("proto.bad name/x") == "proto.bad_name_x");
        CHECK(Logging::sanitizeLoggerName("") == "app");
        CHECK(Logging::logger("odd name")->name() == "odd_name");
    }
    CHECK_FALSE(Logging::isActive());
    CHECK(spdlog::get("device") == nullptr);
    CHECK(spdlog::get("proto.sciencemode4") == nullptr);
    CHECK(Logging::logger("device") == nullptr);
    CHECK(Logging::recentLines().empty());
    REQUIRE(spdlog::default_logger() != nullptr);
    CHECK(spdlog::default_logger()->name() != "app");
}

TEST_CASE("init twice is refused and shutdown twice is harmless", "[app][logging]")
{
    QTemporaryDir first;
    QTemporaryDir second;
    REQUIRE(first.isValid());
    REQUIRE(second.isValid());

    QString error;
    REQUIRE(Logging::init(quietLoggingConfig(first.path()), &error));
    CHECK(error.isEmpty());
    const auto firstId = Logging::sessionId();
    CHECK(firstId != 0);

    CHECK_FALSE(Logging::init(quietLoggingConfig(second.path()), &error));
    CHECK(error.contains(QStringLiteral("already")));
    CHECK(Logging::isActive());
    CHECK(Logging::sessionId() == firstId);
    Logging::log("app", LogLevel::Info, "still-first-session");

    Logging::shutdown();
    CHECK_FALSE(Logging::isActive());
    CHECK(Logging::sessionId() == 0);
    Logging::shutdown();
    CHECK_FALSE(Logging::isActive());
    Logging::log("app", LogLevel::Info, "between-sessions"); // goes nowhere, must not crash
    Logging::flush();
    CHECK(Logging::droppedMessages() == 0);

    // A fresh session after a full shutdown works and writes to its own folder.
    REQUIRE(Logging::init(quietLoggingConfig(second.path()), &error));
    CHECK(Logging::sessionId() > firstId);
    Logging::log("device", LogLevel::Warn, "second-session-line");
    Logging::shutdown();
    Logging::shutdown();

    const std::string firstFile = readTextFile(QDir(first.path()).filePath(QStringLiteral("galvani.log")));
    const std::string secondFile = readTextFile(QDir(second.path()).filePath(QStringLiteral("galvani.log")));
    CHECK(firstFile.find("still-first-session") != std::string::npos);
    CHECK(firstFile.find("second-session-line") == std::string::npos);
    CHECK(firstFile.find("between-sessions") == std::string::npos);
    CHECK(secondFile.find("second-session-line") != std::string::npos);
    CHECK(secondFile.find("still-first-session") == std::string::npos);
}

TEST_CASE("a LoggingSession ends only the session it started", "[app][logging]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    {
        LoggingSession owner(quietLoggingConfig(dir.path()));
        REQUIRE(owner.ok());
        {
            LoggingSession intruder(quietLoggingConfig(dir.path()));
            CHECK_FALSE(intruder.ok());
            CHECK_FALSE(intruder.error().isEmpty());
        }
        CHECK(Logging::isActive()); // the failed second session did not end the first
        CHECK(owner.ok());

        owner.shutdown();
        CHECK_FALSE(Logging::isActive());
        // Someone else starts a session; the old guard's destructor must leave it alone.
        REQUIRE(Logging::init(quietLoggingConfig(dir.path())));
        CHECK_FALSE(owner.ok());
    }
    CHECK(Logging::isActive());
    Logging::shutdown();
    CHECK_FALSE(Logging::isActive());
}

TEST_CASE("init reports configurations and folders it cannot use", "[app][logging]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    QString error;

    SECTION("the log folder is a file")
    {
        const QString notADir = QDir(dir.path()).filePath(QStringLiteral("plain-file"));
        QFile file(notADir);
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.close();
        CHECK_FALSE(Logging::init(quietLoggingConfig(notADir), &error));
    }
    SECTION("no files allowed")
    {
        auto config = quietLoggingConfig(dir.path());
        config.maxFiles = 0;
        CHECK_FALSE(Logging::init(config, &error));
    }
    SECTION("a tiny file size")
    {
        auto config = quietLoggingConfig(dir.path());
        config.maxFileBytes = 10;
        CHECK_FALSE(Logging::init(config, &error));
    }
    SECTION("a file name with a folder in it")
    {
        auto config = quietLoggingConfig(dir.path());
        config.fileName = QStringLiteral("sub/galvani.log");
        CHECK_FALSE(Logging::init(config, &error));
    }
    CHECK_FALSE(error.isEmpty());
    CHECK_FALSE(Logging::isActive());
    Logging::shutdown(); // harmless after a failed init
}

TEST_CASE("a missing log folder is created owner-only", "[app][logging]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString logDir = QDir(dir.path()).filePath(QStringLiteral("nested/logs"));
    {
        LoggingSession session(quietLoggingConfig(logDir));
        REQUIRE(session.ok());
    }
    const QFileInfo info(logDir);
    REQUIRE(info.isDir());
    CHECK(info.permissions().testFlag(QFile::ReadOwner));
    CHECK_FALSE(info.permissions().testFlag(QFile::ReadGroup));
    CHECK_FALSE(info.permissions().testFlag(QFile::ReadOther));
    CHECK(QFileInfo::exists(QDir(logDir).filePath(QStringLiteral("galvani.log"))));
}

TEST_CASE("without a log folder only the ring (and stderr) receive messages", "[app][logging]")
{
    auto config = quietLoggingConfig(QString());
    LoggingSession session(config);
    REQUIRE(session.ok());
    CHECK(Logging::logFilePath().isEmpty());
    Logging::log("ui", LogLevel::Info, "ring-only-line");
    CHECK(waitForRingLine("ring-only-line").has_value());
}

TEST_CASE("each sink filters by its own level", "[app][logging]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    auto config = quietLoggingConfig(dir.path());
    config.fileLevel = LogLevel::Warn;
    config.ringLevel = LogLevel::Debug;
    LoggingSession session(config);
    REQUIRE(session.ok());

    Logging::log("device", LogLevel::Trace, "level-trace-line");
    Logging::log("device", LogLevel::Debug, "level-debug-line");
    Logging::log("device", LogLevel::Error, "level-error-line");
    REQUIRE(waitForRingLine("level-error-line").has_value());
    CHECK(findRingLine("level-debug-line").has_value());
    CHECK_FALSE(findRingLine("level-trace-line").has_value());
    session.shutdown();

    const std::string file = readTextFile(QDir(dir.path()).filePath(QStringLiteral("galvani.log")));
    CHECK(file.find("level-error-line") != std::string::npos);
    CHECK(file.find("level-debug-line") == std::string::npos);
    CHECK(file.find("level-trace-line") == std::string::npos);
}

TEST_CASE("a warning is flushed to the file while the session runs", "[app][logging]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    auto config = quietLoggingConfig(dir.path());
    config.flushInterval = std::chrono::seconds::zero(); // no periodic flush: only flush-on-warning can do it
    LoggingSession session(config);
    REQUIRE(session.ok());
    const QString path = QDir(dir.path()).filePath(QStringLiteral("galvani.log"));

    Logging::log("device", LogLevel::Info, "info-before-warning");
    Logging::log("device", LogLevel::Warn, "the-warning-line");
    const bool onDisk
        = galvani::test::waitUntil([&] { return readTextFile(path).find("the-warning-line") != std::string::npos; });
    CHECK(onDisk);
    // Lines queued before the warning are written out with it.
    CHECK(readTextFile(path).find("info-before-warning") != std::string::npos);
}

TEST_CASE("recent lines can be fetched incrementally by sequence number", "[app][logging]")
{
    auto config = quietLoggingConfig(QString());
    config.ringCapacity = 5;
    LoggingSession session(config);
    REQUIRE(session.ok());
    for (int i = 0; i < 12; ++i) {
        Logging::log("app", LogLevel::Info, "numbered-line-" + std::to_string(i));
    }
    REQUIRE(waitForRingLine("numbered-line-11").has_value());

    const auto lines = Logging::recentLines();
    REQUIRE(lines.size() == 5);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        CHECK(lines[i].text.find("numbered-line-" + std::to_string(7 + i)) != std::string::npos);
        if (i > 0) {
            CHECK(lines[i].sequence == lines[i - 1].sequence + 1);
        }
    }
    const auto newer = Logging::recentLines(lines[2].sequence);
    REQUIRE(newer.size() == 2);
    CHECK(newer[0].sequence == lines[3].sequence);
    CHECK(Logging::recentLines(lines.back().sequence).empty());
}
