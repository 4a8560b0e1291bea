// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/logging/Logging.h"

#include "app/logging/QtMessageRouter.h"
#include "app/logging/RingSink.h"
#include "app/logging/SpdlogLevel.h"

#include <QDir>
#include <QFile>

#include <spdlog/async.h>
#include <spdlog/async_logger.h>
#include <spdlog/details/thread_pool.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdio>
#include <functional>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>

#if defined(__linux__)
#include <pthread.h>
#endif

namespace galvani::app {
namespace {

constexpr std::array<std::string_view, 6> kInitialLoggers = {"app", "device", "db", "ui", "sim", "qt"};
constexpr std::size_t kMaxLoggerNameLength = 64;
// spdlog refuses more rotated files than this.
constexpr std::size_t kMaxRotatedFiles = 200000;
// UTC with an explicit Z: the records in the database are UTC too, so times compare without conversion.
constexpr const char* kPattern = "%Y-%m-%dT%H:%M:%S.%eZ [%l] [%n] [t%t] %v";

struct Session {
    std::uint64_t id = 0;
    LoggingConfig config;
    QString filePath;
    std::shared_ptr<spdlog::details::thread_pool> pool;
    std::vector<spdlog::sink_ptr> sinks;
    std::shared_ptr<RingSink> ring;
    std::map<std::string, std::shared_ptr<spdlog::logger>, std::less<>> loggers;
    std::shared_ptr<spdlog::logger> previousDefault;
    spdlog::level::level_enum loggerLevel = spdlog::level::info;
};

// Readers (log, lookups) take it shared; init, shutdown and logger creation take it exclusively, so a
// message is never handed to a writer thread that shutdown() is tearing down.
std::shared_mutex g_mutex;
std::unique_ptr<Session> g_session;
std::uint64_t g_lastSessionId = 0; // guarded by g_mutex

void addSink(Session& session, spdlog::sink_ptr sink, LogLevel level)
{
    sink->set_level(toSpdlog(level));
    sink->set_formatter(std::make_unique<spdlog::pattern_formatter>(kPattern, spdlog::pattern_time_type::utc));
    session.sinks.push_back(std::move(sink));
}

std::shared_ptr<spdlog::logger> makeLogger(Session& session, const std::string& name)
{
    const auto policy = session.config.blockWhenQueueFull ? spdlog::async_overflow_policy::block
                                                          : spdlog::async_overflow_policy::overrun_oldest;
    auto logger = std::make_shared<spdlog::async_logger>(
        name, session.sinks.begin(), session.sinks.end(), session.pool, policy);
    logger->set_level(session.loggerLevel);
    logger->flush_on(toSpdlog(session.config.flushLevel));
    // Registering makes spdlog::get(name) and the periodic flush see it. A same-named logger that some
    // other code registered before the session is replaced: the session's loggers own the names.
    try {
        spdlog::drop(name);
        spdlog::register_logger(logger);
    } catch (const spdlog::spdlog_ex&) {
        // Another thread registered the name in between; the logger still works through this session.
    }
    return logger;
}

std::shared_ptr<spdlog::logger> findLocked(const Session& session, std::string_view name)
{
    const auto it = session.loggers.find(name);
    return it != session.loggers.end() ? it->second : nullptr;
}

std::shared_ptr<spdlog::logger> findOrCreate(const std::string& name)
{
    {
        const std::shared_lock lock(g_mutex);
        if (!g_session) {
            return nullptr;
        }
        if (auto logger = findLocked(*g_session, name)) {
            return logger;
        }
    }
    const std::unique_lock lock(g_mutex);
    if (!g_session) {
        return nullptr;
    }
    auto& slot = g_session->loggers[name];
    if (!slot) {
        slot = makeLogger(*g_session, name);
    }
    return slot;
}

void writeFallback(std::string_view name, LogLevel level, std::string_view message)
{
    if (level < LogLevel::Warn || level == LogLevel::Off) {
        return;
    }
    const std::string_view levelName = logLevelName(level);
    std::fprintf(stderr, "galvani [%.*s] [%.*s] %.*s\n", static_cast<int>(levelName.size()), levelName.data(),
        static_cast<int>(name.size()), name.data(), static_cast<int>(message.size()), message.data());
}

QString validate(const LoggingConfig& config)
{
    if (!config.logDir.isEmpty()) {
        if (config.fileName.isEmpty() || config.fileName.contains(QLatin1Char('/'))) {
            return QStringLiteral("log file name must be a plain file name");
        }
        if (config.maxFileBytes < 1024) {
            return QStringLiteral("log file size limit must be at least 1024 bytes");
        }
        if (config.maxFiles < 1 || config.maxFiles > kMaxRotatedFiles) {
            return QStringLiteral("number of log files must be between 1 and %1").arg(kMaxRotatedFiles);
        }
    }
    if (config.ringCapacity < 1) {
        return QStringLiteral("log ring must hold at least one line");
    }
    if (config.queueCapacity < 16) {
        return QStringLiteral("log queue must hold at least 16 messages");
    }
    return {};
}

// Creates the log folder if needed. A folder this function creates is made owner-only: log lines can name
// devices, users and sessions.
QString prepareDirectory(const QString& path)
{
    const QDir dir(path);
    if (dir.exists()) {
        return {};
    }
    if (!QDir().mkpath(path)) {
        return QStringLiteral("cannot create log folder %1").arg(path);
    }
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return {};
}

void nameWriterThread()
{
#if defined(__linux__)
    pthread_setname_np(pthread_self(), "galvani-log");
#endif
}

} // namespace

bool Logging::init(const LoggingConfig& config, QString* error)
{
    const auto fail = [error](const QString& why) {
        if (error != nullptr) {
            *error = why;
        }
        return false;
    };
    if (const QString invalid = validate(config); !invalid.isEmpty()) {
        return fail(invalid);
    }

    std::unique_lock lock(g_mutex);
    if (g_session) {
        return fail(QStringLiteral("logging is already running"));
    }
    auto session = std::make_unique<Session>();
    session->config = config;
    try {
        if (!config.logDir.isEmpty()) {
            if (const QString why = prepareDirectory(config.logDir); !why.isEmpty()) {
                return fail(why);
            }
            session->filePath = QDir(config.logDir).absoluteFilePath(config.fileName);
            // spdlog counts rotated files only; maxFiles counts the current file as well.
            addSink(*session,
                std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
                    QFile::encodeName(session->filePath).toStdString(), config.maxFileBytes, config.maxFiles - 1),
                config.fileLevel);
        }
        if (config.stderrEnabled) {
            addSink(*session, std::make_shared<spdlog::sinks::stderr_color_sink_mt>(), config.stderrLevel);
        }
        session->ring = std::make_shared<RingSink>(config.ringCapacity);
        addSink(*session, session->ring, config.ringLevel);
        session->pool = std::make_shared<spdlog::details::thread_pool>(config.queueCapacity, 1, &nameWriterThread);
    } catch (const spdlog::spdlog_ex& e) {
        return fail(QStringLiteral("cannot start logging: %1").arg(QString::fromUtf8(e.what())));
    }

    // Loggers pass everything that at least one sink wants; each sink then filters by its own level.
    auto level = spdlog::level::off;
    for (const auto& sink : session->sinks) {
        level = std::min(level, sink->level());
    }
    session->loggerLevel = level;
    for (const std::string_view name : kInitialLoggers) {
        const std::string key(name);
        session->loggers.emplace(key, makeLogger(*session, key));
    }
    session->previousDefault = spdlog::default_logger();
    spdlog::set_default_logger(session->loggers.at("app"));
    spdlog::flush_every(config.flushInterval);

    const auto app = session->loggers.at("app");
    session->id = ++g_lastSessionId;
    g_session = std::move(session);
    if (config.routeQtMessages) {
        QtMessageRouter::install();
    }
    lock.unlock();

    app->info("logging started (file: {}, file level {}, ring {} lines)",
        config.logDir.isEmpty() ? std::string("none") : logFilePath().toStdString(), logLevelName(config.fileLevel),
        config.ringCapacity);
    return true;
}

void Logging::shutdown()
{
    std::unique_ptr<Session> session;
    {
        const std::unique_lock lock(g_mutex);
        if (!g_session) {
            return;
        }
        // Qt messages from now on go to the handler that was there before the session.
        QtMessageRouter::uninstall();
        session = std::move(g_session);
    }

    const auto app = session->loggers.at("app");
    app->info("logging stopped ({} messages dropped on a full queue)", session->pool->overrun_counter());

    spdlog::flush_every(std::chrono::seconds::zero());
    // Restore the default logger before dropping ours: dropping the default's name would leave spdlog with
    // no default logger at all, and a concurrent spdlog::info() would dereference null.
    if (session->previousDefault) {
        spdlog::set_default_logger(session->previousDefault);
    }
    for (const auto& [name, logger] : session->loggers) {
        // Drop only our own registration; a name someone re-registered meanwhile is theirs.
        if (spdlog::get(name) == logger) {
            spdlog::drop(name);
        }
    }
    app->flush();

    // Destroying the pool queues a stop request behind every message already queued and joins the writer
    // thread, so everything logged before this point is written.
    session->loggers.clear();
    session->pool.reset();
    for (const auto& sink : session->sinks) {
        sink->flush();
    }
}

bool Logging::isActive()
{
    const std::shared_lock lock(g_mutex);
    return g_session != nullptr;
}

void Logging::log(std::string_view loggerName, LogLevel level, std::string_view message)
{
    if (level == LogLevel::Off) {
        return;
    }
    const std::string name = sanitizeLoggerName(loggerName);
    const spdlog::string_view_t text(message.data(), message.size());
    // Two attempts: the second after creating a logger that did not exist yet.
    for (int attempt = 0; attempt < 2; ++attempt) {
        {
            const std::shared_lock lock(g_mutex);
            if (!g_session) {
                break;
            }
            if (const auto logger = findLocked(*g_session, name)) {
                logger->log(toSpdlog(level), text);
                return;
            }
        }
        if (!findOrCreate(name)) {
            break;
        }
    }
    writeFallback(name, level, message);
}

std::uint64_t Logging::sessionId()
{
    const std::shared_lock lock(g_mutex);
    return g_session ? g_session->id : 0;
}

std::shared_ptr<spdlog::logger> Logging::logger(std::string_view name)
{
    return findOrCreate(sanitizeLoggerName(name));
}

std::shared_ptr<spdlog::logger> Logging::protocolLogger(std::string_view protocolId)
{
    return logger("proto." + std::string(protocolId));
}

std::vector<LogLine> Logging::recentLines(std::uint64_t afterSequence)
{
    const std::shared_lock lock(g_mutex);
    return g_session ? g_session->ring->snapshot(afterSequence) : std::vector<LogLine>{};
}

void Logging::flush()
{
    const std::shared_lock lock(g_mutex);
    if (g_session) {
        // Every logger shares the same sinks, so one flush request covers them all.
        g_session->loggers.at("app")->flush();
    }
}

std::uint64_t Logging::droppedMessages()
{
    const std::shared_lock lock(g_mutex);
    return g_session ? static_cast<std::uint64_t>(g_session->pool->overrun_counter()) : 0;
}

QString Logging::logFilePath()
{
    const std::shared_lock lock(g_mutex);
    return g_session ? g_session->filePath : QString();
}

std::string Logging::sanitizeLoggerName(std::string_view name)
{
    if (name.empty()) {
        return "app";
    }
    std::string result(name.substr(0, kMaxLoggerNameLength));
    for (char& c : result) {
        const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
            || c == '_' || c == '-';
        if (!allowed) {
            c = '_';
        }
    }
    return result;
}

} // namespace galvani::app
