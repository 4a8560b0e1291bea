// SPDX-License-Identifier: GPL-3.0-or-later
#include "LoggingTestSupport.h"

#include "app/logging/Logging.h"
#include "support/WaitUntil.h"

#include <QFile>

namespace galvani::test {

app::LoggingConfig quietLoggingConfig(const QString& dir)
{
    app::LoggingConfig config;
    config.logDir = dir;
    config.stderrEnabled = false;
    config.fileLevel = app::LogLevel::Trace;
    config.ringLevel = app::LogLevel::Trace;
    config.blockWhenQueueFull = true;
    return config;
}

std::optional<app::LogLine> findRingLine(std::string_view needle)
{
    for (auto& line : app::Logging::recentLines()) {
        if (line.text.find(needle) != std::string::npos) {
            return line;
        }
    }
    return std::nullopt;
}

std::optional<app::LogLine> waitForRingLine(std::string_view needle)
{
    std::optional<app::LogLine> found;
    waitUntil([&] {
        found = findRingLine(needle);
        return found.has_value();
    });
    return found;
}

std::string readTextFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll().toStdString();
}

} // namespace galvani::test
