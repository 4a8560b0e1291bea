// SPDX-License-Identifier: GPL-3.0-or-later
// Catch2 v2 main for every test executable; Catch2's implementation itself is in CatchSession.cpp. Built three times:
//  - plain (no Qt; for the Qt-free layers and sanitizer/fuzz builds without Qt),
//  - GALVANI_TEST_MAIN_QT_CORE: a QCoreApplication exists for the whole run (event loop for waitUntil),
//  - GALVANI_TEST_MAIN_QT_GUI: a QApplication on the offscreen platform unless one is chosen explicitly.
#include "support/CatchSession.h"

#if defined(GALVANI_TEST_MAIN_QT_GUI)
#include <QApplication>
#include <QTemporaryDir>
#include <QtGlobal>
#elif defined(GALVANI_TEST_MAIN_QT_CORE)
#include <QCoreApplication>
#endif

int main(int argc, char* argv[])
{
#if defined(GALVANI_TEST_MAIN_QT_GUI)
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    // The application's data folder (audit key, anchors, session lock, logs) in a folder of this run's own, so GUI
    // tests never touch the user's records and parallel test processes never share a session lock.
    QTemporaryDir dataHome;
    if (!dataHome.isValid()) {
        return 2;
    }
    qputenv("XDG_DATA_HOME", dataHome.path().toLocal8Bit());
    QApplication app(argc, argv);
#elif defined(GALVANI_TEST_MAIN_QT_CORE)
    QCoreApplication app(argc, argv);
#endif
    return galvani::test::runCatchSession(argc, argv);
}
