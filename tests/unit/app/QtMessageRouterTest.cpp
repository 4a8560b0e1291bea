// SPDX-License-Identifier: GPL-3.0-or-later
// Qt's message output routed into the Galvani loggers.
#include "app/logging/QtMessageRouter.h"
#include "LoggingTestSupport.h"
#include "app/logging/Logging.h"
#include "app/logging/LoggingSession.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QLoggingCategory>
#include <QStringList>
#include <QTemporaryDir>

#include <string>

using galvani::app::Logging;
using galvani::app::LoggingSession;
using galvani::app::LogLevel;
using galvani::app::QtMessageRouter;
using galvani::test::quietLoggingConfig;
using galvani::test::readTextFile;
using galvani::test::waitForRingLine;

namespace {

Q_LOGGING_CATEGORY(lcTransport, "galvani.device.transport")
Q_LOGGING_CATEGORY(lcFrames, "galvani.proto.sciencemode2.frames")
Q_LOGGING_CATEGORY(lcForeign, "qt.example.module")

QStringList g_captured;
void capturingHandler(QtMsgType, const QMessageLogContext&, const QString& message)
{
    g_captured.append(message);
}

} // namespace

TEST_CASE("qWarning reaches the log file and the ring through the qt logger", "[app][logging]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    LoggingSession session(quietLoggingConfig(dir.path()));
    REQUIRE(session.ok());
    CHECK(QtMessageRouter::isInstalled());

    qWarning("qt-warning-marker %d", 7);
    const auto line = waitForRingLine("qt-warning-marker 7");
    REQUIRE(line.has_value());
    CHECK(line->logger == "qt");
    CHECK(line->level == LogLevel::Warn);

    qCritical("qt-critical-marker");
    qDebug("qt-debug-marker");
    const auto critical = waitForRingLine("qt-critical-marker");
    REQUIRE(critical.has_value());
    CHECK(critical->level == LogLevel::Error);
    const auto debug = waitForRingLine("qt-debug-marker");
    REQUIRE(debug.has_value());
    CHECK(debug->level == LogLevel::Debug);

    session.shutdown();
    CHECK_FALSE(QtMessageRouter::isInstalled());
    const std::string file = readTextFile(QDir(dir.path()).filePath(QStringLiteral("galvani.log")));
    CHECK(file.find("[warning] [qt]") != std::string::npos);
    CHECK(file.find("qt-warning-marker 7") != std::string::npos);
    CHECK(file.find("qt-critical-marker") != std::string::npos);
}

TEST_CASE("Qt logging categories map onto the Galvani loggers", "[app][logging]")
{
    LoggingSession session(quietLoggingConfig(QString()));
    REQUIRE(session.ok());

    qCWarning(lcTransport) << "category-device-marker";
    qCInfo(lcFrames) << "category-proto-marker";
    qCWarning(lcForeign) << "category-foreign-marker";

    const auto device = waitForRingLine("category-device-marker");
    REQUIRE(device.has_value());
    CHECK(device->logger == "device");
    CHECK(device->text.find("[galvani.device.transport] category-device-marker") != std::string::npos);

    const auto proto = waitForRingLine("category-proto-marker");
    REQUIRE(proto.has_value());
    CHECK(proto->logger == "proto.sciencemode2");
    CHECK(proto->level == LogLevel::Info);

    const auto foreign = waitForRingLine("category-foreign-marker");
    REQUIRE(foreign.has_value());
    CHECK(foreign->logger == "qt");
    CHECK(foreign->text.find("[qt.example.module]") != std::string::npos);
}

TEST_CASE("category names choose the logger", "[app][logging]")
{
    CHECK(QtMessageRouter::loggerForCategory("galvani.app") == "app");
    CHECK(QtMessageRouter::loggerForCategory("galvani.device") == "device");
    CHECK(QtMessageRouter::loggerForCategory("galvani.device.serial.port") == "device");
    CHECK(QtMessageRouter::loggerForCategory("galvani.db.migrations") == "db");
    CHECK(QtMessageRouter::loggerForCategory("galvani.ui") == "ui");
    CHECK(QtMessageRouter::loggerForCategory("galvani.sim") == "sim");
    CHECK(QtMessageRouter::loggerForCategory("galvani.proto.sciencemode4") == "proto.sciencemode4");
    CHECK(QtMessageRouter::loggerForCategory("galvani.proto.sciencemode4.crc") == "proto.sciencemode4");
    CHECK(QtMessageRouter::loggerForCategory("galvani.proto") == "qt");
    CHECK(QtMessageRouter::loggerForCategory("galvani.proto.") == "qt");
    CHECK(QtMessageRouter::loggerForCategory("galvani.devices") == "qt");
    CHECK(QtMessageRouter::loggerForCategory("galvani.") == "qt");
    CHECK(QtMessageRouter::loggerForCategory("galvani") == "qt");
    CHECK(QtMessageRouter::loggerForCategory("qt.serialport") == "qt");
    CHECK(QtMessageRouter::loggerForCategory("default") == "qt");
    CHECK(QtMessageRouter::loggerForCategory("") == "qt");

    CHECK(QtMessageRouter::levelFor(QtDebugMsg) == LogLevel::Debug);
    CHECK(QtMessageRouter::levelFor(QtInfoMsg) == LogLevel::Info);
    CHECK(QtMessageRouter::levelFor(QtWarningMsg) == LogLevel::Warn);
    CHECK(QtMessageRouter::levelFor(QtCriticalMsg) == LogLevel::Error);
    CHECK(QtMessageRouter::levelFor(QtFatalMsg) == LogLevel::Critical);
}

TEST_CASE("the message text keeps the category and the source location", "[app][logging]")
{
    const QMessageLogContext withFile("Transport.cpp", 42, "open", "galvani.device.transport");
    CHECK(QtMessageRouter::formatMessage(withFile, QStringLiteral("port gone"))
        == "[galvani.device.transport] port gone (Transport.cpp:42)");
    const QMessageLogContext plain(nullptr, 0, nullptr, "default");
    CHECK(QtMessageRouter::formatMessage(plain, QStringLiteral("plain \u00b5A text"))
        == "plain \xc2\xb5"
           "A text");
}

TEST_CASE("the Qt message handler that was there before is restored at shutdown", "[app][logging]")
{
    g_captured.clear();
    const QtMessageHandler original = qInstallMessageHandler(&capturingHandler);
    {
        LoggingSession session(quietLoggingConfig(QString()));
        REQUIRE(session.ok());
        qWarning("during-session");
        CHECK(waitForRingLine("during-session").has_value());
    }
    qWarning("after-session");
    qInstallMessageHandler(original);

    CHECK_FALSE(g_captured.contains(QStringLiteral("during-session")));
    CHECK(g_captured.contains(QStringLiteral("after-session")));
}

TEST_CASE("Qt messages are not routed when the configuration says so", "[app][logging]")
{
    auto config = quietLoggingConfig(QString());
    config.routeQtMessages = false;
    g_captured.clear();
    const QtMessageHandler original = qInstallMessageHandler(&capturingHandler);
    {
        LoggingSession session(config);
        REQUIRE(session.ok());
        CHECK_FALSE(QtMessageRouter::isInstalled());
        qWarning("unrouted-warning");
        Logging::log("app", LogLevel::Info, "routing-check-end");
        REQUIRE(waitForRingLine("routing-check-end").has_value());
        CHECK_FALSE(galvani::test::findRingLine("unrouted-warning").has_value());
    }
    qInstallMessageHandler(original);
    CHECK(g_captured.contains(QStringLiteral("unrouted-warning")));
}
