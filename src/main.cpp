// SPDX-License-Identifier: GPL-3.0-or-later
// The GUI executable: parse options, build the composition root, show the main window.
#include "DemoScreens.h"
#include "app/AppContext.h"
#include "app/AppOptions.h"
#include "app/AppPaths.h"
#include "app/logging/Logging.h"
#include "app/logging/LoggingSession.h"
#include "ui/mainwindow/MainWindow.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QGuiApplication>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <QWindow>

#include <chrono>
#include <cstdio>
#include <optional>
#include <string_view>

namespace {

// --capture-screens works in a private data folder (audit key, anchors, session lock, logs), never the user's.
bool captureRequested(int argc, char* argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (std::string_view(argv[i]).starts_with("--capture-screens")) {
            return true;
        }
    }
    return false;
}

} // namespace

int main(int argc, char* argv[])
{
    std::optional<QTemporaryDir> captureFolder;
    if (captureRequested(argc, argv)) {
        captureFolder.emplace();
        if (!captureFolder->isValid()) {
            std::fputs("--capture-screens: cannot create a temporary folder\n", stderr);
            return 1;
        }
        qputenv("XDG_DATA_HOME", captureFolder->path().toLocal8Bit());
    }
    QApplication application(argc, argv);
    galvani::app::applyApplicationIdentity();
    QGuiApplication::setDesktopFileName(QStringLiteral("org.galvani.Galvani"));
    galvani::app::LoggingConfig logConfig;
    logConfig.logDir = galvani::app::AppPaths::logDir();
    galvani::app::LoggingSession logging(logConfig);

    const auto parsed = galvani::app::parseAppOptions(QApplication::arguments());
    if (!parsed.options) {
        QTextStream(parsed.exitCode == 0 ? stdout : stderr) << parsed.message << '\n';
        return parsed.exitCode;
    }

    if (!parsed.options->captureScreensDir.isEmpty() && captureFolder) {
        return galvani::captureDemoScreens(
            parsed.options->captureScreensDir, parsed.options->deviceUrl, captureFolder->path());
    }

    QString error;
    auto context = galvani::app::AppContext::create(*parsed.options, &error);
    if (!context) {
        QTextStream(stderr) << "galvani: " << error << '\n';
        QMessageBox::critical(nullptr, QStringLiteral("Galvani cannot start"), error);
        return 1;
    }

    galvani::app::Logging::log("app", galvani::app::LogLevel::Info,
        (QStringLiteral("started on ") + context->deviceUrl() + QStringLiteral(", store ") + context->storeUrl())
            .toStdString());
    galvani::ui::MainWindow window(*context);
    window.setLockAfter(std::chrono::minutes(parsed.options->lockAfterMinutes));
    window.show();
    if (parsed.options->quitWhenReady) {
        // Ready = the window is exposed and the paint work its showing queued has run; then leave the event loop.
        QTimer::singleShot(0, &window, [&window] {
            QDeadlineTimer deadline(5000);
            while (
                (window.windowHandle() == nullptr || !window.windowHandle()->isExposed()) && !deadline.hasExpired()) {
                QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
            }
            QCoreApplication::processEvents();
            const bool exposed = window.windowHandle() != nullptr && window.windowHandle()->isExposed();
            QTextStream(stdout) << (exposed ? "ready" : "not ready: the window was never exposed") << Qt::endl;
            QCoreApplication::exit(exposed ? 0 : 1);
        });
    }
    return QApplication::exec();
}
