// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/logging/LogLevel.h"
#include "app/logging/LogLine.h"
#include "app/logging/LoggingConfig.h"

#include <QString>

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace spdlog {
class logger;
}

namespace galvani::app {

// The process-wide logging session: named spdlog loggers sharing one asynchronous writer thread and three
// sinks (rotating file, standard error, in-memory ring for the log pane), plus routing of Qt's own messages.
//
// Loggers: "app", "device", "db", "ui", "sim" and "qt" exist from init(); "proto.<id>" (one per wire
// protocol) and any other name are created on first use with the same sinks. All are also registered with
// spdlog, so code that links spdlog but not galvani_app (device, db) can use spdlog::get("device"); code that
// links neither can log through a Qt category "galvani.<logger>" (see QtMessageRouter).
//
// Thread affinity: init() and shutdown() on the main thread. log(), logger(), recentLines() and the other
// queries from any thread. A logger obtained with logger() must not be used after shutdown(): stop the
// threads that hold one first (AppContext tears services down before logging). log() is always safe.
// Ownership: the session owns the writer thread, the sinks and the loggers; shutdown() releases them all.
class Logging {
public:
    Logging() = delete;

    // Starts the session. Returns false (and leaves any running session untouched) if a session is already
    // active, the configuration is invalid, or the log file cannot be opened; *error then says why.
    static bool init(const LoggingConfig& config, QString* error = nullptr);

    // Writes everything queued, flushes and closes the sinks, joins the writer thread, restores the previous
    // Qt message handler and spdlog default logger. Does nothing if no session is active, so it is safe to
    // call twice (for example from a LoggingSession and again from an exit path).
    static void shutdown();

    [[nodiscard]] static bool isActive();
    // Identifies the running session (1, 2, … in order of init()); 0 when none is active.
    [[nodiscard]] static std::uint64_t sessionId();

    // Logs message (UTF-8, not a format string) to the named logger, creating it on demand. Before init()
    // and after shutdown() messages at warning level or above go to standard error so none is lost silently.
    static void log(std::string_view loggerName, LogLevel level, std::string_view message);

    // The named spdlog logger, created on demand; nullptr if no session is active. Names may use letters,
    // digits, '.', '_' and '-'; other characters are replaced by '_'.
    [[nodiscard]] static std::shared_ptr<spdlog::logger> logger(std::string_view name);

    // "proto.<protocolId>", e.g. protocolLogger("sciencemode4") is the logger "proto.sciencemode4".
    [[nodiscard]] static std::shared_ptr<spdlog::logger> protocolLogger(std::string_view protocolId);

    // Lines in the in-memory ring with a sequence number greater than afterSequence, oldest first. Poll with
    // the last sequence seen to fetch only new lines. Empty when no session is active.
    [[nodiscard]] static std::vector<LogLine> recentLines(std::uint64_t afterSequence = 0);

    // Asks the writer thread to flush every sink. Returns at once; the flush happens after the messages
    // queued before it.
    static void flush();

    // Messages dropped because the asynchronous queue was full, in this session.
    [[nodiscard]] static std::uint64_t droppedMessages();

    // Full path of the current log file, or empty when the session writes no file.
    [[nodiscard]] static QString logFilePath();

    // Replaces characters not allowed in logger names by '_'; empty becomes "app".
    [[nodiscard]] static std::string sanitizeLoggerName(std::string_view name);
};

} // namespace galvani::app
