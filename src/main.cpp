// SPDX-License-Identifier: GPL-3.0-or-later
// The GUI executable: parse options, build the composition root, show the main window.
#include "app/AppContext.h"
#include "app/AppOptions.h"
#include "app/AppPaths.h"
#include "app/logging/Logging.h"
#include "app/logging/LoggingSession.h"
#include "ui/mainwindow/MainWindow.h"

#include <QApplication>
#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QMessageBox>
#include <QTextStream>

#include <chrono>
#include <cstdio>

namespace {

// Renders the window as it opens (first run on an empty store, else sign-in) to DIR/main-window.png and the
// screen's own name (first-run.png or sign-in.png); returns a process exit code.
int captureScreens(galvani::ui::MainWindow& window, const QString& dir)
{
    if (!QDir().mkpath(dir)) {
        QTextStream(stderr) << "--capture-screens: cannot create folder " << dir << '\n';
        return 1;
    }
    window.resize(1280, 800);
    window.show();
    QApplication::processEvents();
    const QImage image = window.grab().toImage();
    const QString screen = window.screen() == galvani::ui::MainWindow::Screen::FirstRun ? QStringLiteral("first-run")
                                                                                        : QStringLiteral("sign-in");
    for (const QString& name : {QStringLiteral("main-window"), screen}) {
        const QString file = QDir(dir).filePath(name + QStringLiteral(".png"));
        if (!image.save(file)) {
            QTextStream(stderr) << "--capture-screens: cannot write " << file << '\n';
            return 1;
        }
        QTextStream(stdout) << file << '\n';
    }
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
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

    QString error;
    auto context = galvani::app::AppContext::create(*parsed.options, &error);
    if (!context) {
        QTextStream(stderr) << "galvani: " << error << '\n';
        if (parsed.options->captureScreensDir.isEmpty()) {
            QMessageBox::critical(nullptr, QStringLiteral("Galvani cannot start"), error);
        }
        return 1;
    }

    galvani::app::Logging::log("app", galvani::app::LogLevel::Info,
        (QStringLiteral("started on ") + context->deviceUrl() + QStringLiteral(", store ") + context->storeUrl())
            .toStdString());
    galvani::ui::MainWindow window(*context);
    window.setLockAfter(std::chrono::minutes(parsed.options->lockAfterMinutes));
    if (!parsed.options->captureScreensDir.isEmpty()) {
        return captureScreens(window, parsed.options->captureScreensDir);
    }
    window.show();
    return QApplication::exec();
}
