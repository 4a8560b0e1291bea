// SPDX-License-Identifier: GPL-3.0-or-later
// Size-based rotation of the log file.
#include "LoggingTestSupport.h"
#include "app/logging/Logging.h"
#include "app/logging/LoggingSession.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

#include <regex>
#include <string>
#include <vector>

using galvani::app::Logging;
using galvani::app::LoggingSession;
using galvani::app::LogLevel;
using galvani::test::quietLoggingConfig;
using galvani::test::readTextFile;

namespace {

// The numbers of the "rotation-line-N" lines in text, in file order.
std::vector<int> lineNumbers(const std::string& text)
{
    static const std::regex pattern("rotation-line-([0-9]+)");
    std::vector<int> numbers;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern); it != std::sregex_iterator(); ++it) {
        numbers.push_back(std::stoi((*it)[1].str()));
    }
    return numbers;
}

} // namespace

TEST_CASE("the log file rotates at the size limit and keeps at most maxFiles files", "[app][logging]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    constexpr std::size_t kLimit = 4096;
    auto config = quietLoggingConfig(dir.path());
    config.maxFileBytes = kLimit;
    config.maxFiles = 3;
    constexpr int kLines = 300; // ~40 KB of log: about ten rotations
    {
        LoggingSession session(config);
        REQUIRE(session.ok());
        const std::string padding(80, 'x');
        for (int i = 0; i < kLines; ++i) {
            Logging::log("device", LogLevel::Info, "rotation-line-" + std::to_string(i) + " " + padding);
        }
    }

    const QDir logDir(dir.path());
    const QString current = logDir.filePath(QStringLiteral("galvani.log"));
    const QString older = logDir.filePath(QStringLiteral("galvani.1.log"));
    const QString oldest = logDir.filePath(QStringLiteral("galvani.2.log"));
    REQUIRE(QFileInfo::exists(current));
    REQUIRE(QFileInfo::exists(older));
    REQUIRE(QFileInfo::exists(oldest));
    CHECK_FALSE(QFileInfo::exists(logDir.filePath(QStringLiteral("galvani.3.log"))));
    CHECK(logDir.entryList({QStringLiteral("galvani*.log")}, QDir::Files).size() == 3);

    for (const QString& path : {current, older, oldest}) {
        INFO(path.toStdString());
        const auto size = QFileInfo(path).size();
        CHECK(size > 0);
        CHECK(size <= static_cast<qint64>(kLimit));
    }

    // Oldest file first, the three together hold the newest lines without a gap, ending with the last one.
    std::vector<int> numbers = lineNumbers(readTextFile(oldest));
    for (const QString& path : {older, current}) {
        const auto more = lineNumbers(readTextFile(path));
        numbers.insert(numbers.end(), more.begin(), more.end());
    }
    REQUIRE(numbers.size() > 3);
    CHECK(numbers.back() == kLines - 1);
    CHECK(numbers.front() > 0); // the earliest lines rotated away
    for (std::size_t i = 1; i < numbers.size(); ++i) {
        INFO("position " << i);
        REQUIRE(numbers[i] == numbers[i - 1] + 1);
    }
}

TEST_CASE("a single-file configuration truncates instead of keeping rotated files", "[app][logging]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    auto config = quietLoggingConfig(dir.path());
    config.maxFileBytes = 2048;
    config.maxFiles = 1;
    {
        LoggingSession session(config);
        REQUIRE(session.ok());
        for (int i = 0; i < 100; ++i) {
            Logging::log("db", LogLevel::Info, "rotation-line-" + std::to_string(i) + std::string(60, 'y'));
        }
    }
    const QDir logDir(dir.path());
    CHECK(
        logDir.entryList({QStringLiteral("galvani*.log")}, QDir::Files) == QStringList{QStringLiteral("galvani.log")});
    const auto size = QFileInfo(logDir.filePath(QStringLiteral("galvani.log"))).size();
    CHECK(size > 0);
    CHECK(size <= 2048);
    const auto numbers = lineNumbers(readTextFile(logDir.filePath(QStringLiteral("galvani.log"))));
    REQUIRE_FALSE(numbers.empty());
    CHECK(numbers.back() == 99);
}
