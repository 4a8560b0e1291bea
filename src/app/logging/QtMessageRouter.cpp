// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/logging/QtMessageRouter.h"

#include "app/logging/Logging.h"

#include <QByteArray>

#include <array>
#include <atomic>
#include <cstdio>

namespace galvani::app {
namespace {

std::atomic<QtMessageHandler> g_previousHandler{nullptr};
std::atomic<bool> g_installed{false};

constexpr std::array<std::string_view, 5> kLayerLoggers = {"app", "device", "db", "ui", "sim"};

void handleQtMessage(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    // A message raised while this thread is already inside the handler (say, from a sink) must not recurse
    // into the logging machinery; it goes straight to standard error.
    thread_local bool inHandler = false;
    const std::string text = QtMessageRouter::formatMessage(context, message);
    if (inHandler) {
        std::fprintf(stderr, "%s\n", text.c_str());
        return;
    }
    inHandler = true;
    const char* category = context.category != nullptr ? context.category : "";
    Logging::log(QtMessageRouter::loggerForCategory(category), QtMessageRouter::levelFor(type), text);
    if (type == QtFatalMsg) {
        // Qt aborts as soon as this handler returns; shutting down writes out everything still queued, so
        // the reason for the abort reaches the file.
        Logging::shutdown();
    }
    inHandler = false;
}

} // namespace

void QtMessageRouter::install()
{
    if (g_installed.exchange(true)) {
        return;
    }
    g_previousHandler.store(qInstallMessageHandler(&handleQtMessage));
}

void QtMessageRouter::uninstall()
{
    if (!g_installed.exchange(false)) {
        return;
    }
    qInstallMessageHandler(g_previousHandler.exchange(nullptr));
}

bool QtMessageRouter::isInstalled()
{
    return g_installed.load();
}

std::string QtMessageRouter::loggerForCategory(std::string_view category)
{
    constexpr std::string_view kPrefix = "galvani.";
    if (!category.starts_with(kPrefix)) {
        return "qt";
    }
    std::string_view rest = category.substr(kPrefix.size());
    const auto segmentEnd = [](std::string_view s) { return s.substr(0, s.find('.')); };
    const std::string_view first = segmentEnd(rest);
    if (first == "proto") {
        const std::string_view id = rest.size() > first.size() ? segmentEnd(rest.substr(first.size() + 1)) : "";
        if (!id.empty()) {
            return "proto." + std::string(id);
        }
        return "qt";
    }
    for (const std::string_view name : kLayerLoggers) {
        if (first == name) {
            return std::string(name);
        }
    }
    return "qt";
}

LogLevel QtMessageRouter::levelFor(QtMsgType type) noexcept
{
    switch (type) {
    case QtDebugMsg:
        return LogLevel::Debug;
    case QtInfoMsg:
        return LogLevel::Info;
    case QtWarningMsg:
        return LogLevel::Warn;
    case QtCriticalMsg:
        return LogLevel::Error;
    case QtFatalMsg:
        return LogLevel::Critical;
    }
    return LogLevel::Warn;
}

std::string QtMessageRouter::formatMessage(const QMessageLogContext& context, const QString& message)
{
    std::string text;
    const std::string_view category = context.category != nullptr ? context.category : "";
    if (!category.empty() && category != "default") {
        text.append("[").append(category).append("] ");
    }
    const QByteArray utf8 = message.toUtf8();
    text.append(utf8.constData(), static_cast<std::size_t>(utf8.size()));
    if (context.file != nullptr && context.line > 0) {
        text.append(" (").append(context.file).append(":").append(std::to_string(context.line)).append(")");
    }
    return text;
}

} // namespace galvani::app
