// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/logging/LogLevel.h"

#include <QString>
#include <QtGlobal>

#include <string>
#include <string_view>

namespace galvani::app {

// Routes Qt's own message output (qDebug, qInfo, qWarning, qCritical, qFatal and their qC* forms with a
// logging category) into the Galvani loggers, so warnings from Qt modules and from layers that log through
// Qt categories land in the same file and pane as everything else.
//
// Category → logger: "galvani.<name>[.<sub>…]" goes to logger <name> when <name> is app, device, db, ui or
// sim; "galvani.proto.<id>[.<sub>…]" goes to "proto.<id>"; everything else (Qt's "qt.*", the "default"
// category) goes to "qt". The line keeps the category, and the source location when Qt provides one.
// qFatal: the message is logged, then the log is written out and closed before Qt aborts the process.
//
// Thread affinity: install() and uninstall() on the main thread (Logging::init/shutdown call them); the
// handler itself runs on whichever thread emitted the message.
class QtMessageRouter {
public:
    QtMessageRouter() = delete;

    // Installs the handler, remembering the one it replaces. Idempotent.
    static void install();
    // Restores the handler that install() replaced. Idempotent.
    static void uninstall();
    [[nodiscard]] static bool isInstalled();

    [[nodiscard]] static std::string loggerForCategory(std::string_view category);
    [[nodiscard]] static LogLevel levelFor(QtMsgType type) noexcept;
    // "[category] message (file:line)"; the category is left out for Qt's "default" one.
    [[nodiscard]] static std::string formatMessage(const QMessageLogContext& context, const QString& message);
};

} // namespace galvani::app
