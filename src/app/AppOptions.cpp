// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/AppOptions.h"

#include "app/AppPaths.h"
#include "device/discovery/DeviceAddress.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace galvani::app {

AppOptionsResult parseAppOptions(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Galvani: controller for clinical electrical muscle stimulators (NMES, TENS)."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption device(QStringLiteral("device"),
        QStringLiteral("Stimulator to use, as a device URL (default %1).")
            .arg(QString::fromLatin1(
                device::kDefaultDeviceUrl.data(), static_cast<qsizetype>(device::kDefaultDeviceUrl.size()))),
        QStringLiteral("URL"));
    const QCommandLineOption store(QStringLiteral("db"),
        QStringLiteral("Record store URL: sqlite:PATH or postgresql://user@host/db "
                       "(default: the SQLite file in the user's data folder)."),
        QStringLiteral("URL"));
    const QCommandLineOption capture(QStringLiteral("capture-screens"),
        QStringLiteral("Render the main screens with demo data on the simulator to PNG files in DIR, then exit "
                       "(a private temporary store; your records are not touched)."),
        QStringLiteral("DIR"));
    const QCommandLineOption lockAfter(QStringLiteral("lock-after"),
        QStringLiteral(
            "Lock the screen after MINUTES without keyboard or mouse input, 1 to 60 (default 10). STOP stays "
            "reachable on the lock screen."),
        QStringLiteral("MINUTES"));
    const QCommandLineOption quitWhenReady(QStringLiteral("quit-when-ready"),
        QStringLiteral("Start, show the main window, print \"ready\" once it is painted, then exit (for start-up "
                       "measurements)."));
    parser.addOption(device);
    parser.addOption(store);
    parser.addOption(capture);
    parser.addOption(lockAfter);
    parser.addOption(quitWhenReady);

    AppOptionsResult result;
    if (!parser.parse(arguments)) {
        result.message = parser.errorText() + QStringLiteral("\nTry --help.");
        result.exitCode = 2;
        return result;
    }
    if (parser.isSet(helpOption)) {
        result.message = parser.helpText();
        return result;
    }
    if (parser.isSet(versionOption)) {
        result.message = QCoreApplication::applicationName() + QChar(u' ') + QCoreApplication::applicationVersion();
        return result;
    }
    if (!parser.positionalArguments().isEmpty()) {
        result.message
            = QStringLiteral("unexpected argument '%1'\nTry --help.").arg(parser.positionalArguments().first());
        result.exitCode = 2;
        return result;
    }
    AppOptions options;
    options.deviceUrl = parser.isSet(device) ? parser.value(device)
                                             : QString::fromLatin1(device::kDefaultDeviceUrl.data(),
                                                 static_cast<qsizetype>(device::kDefaultDeviceUrl.size()));
    options.storeUrl = parser.isSet(store) ? parser.value(store) : AppPaths::defaultStoreUrl();
    options.captureScreensDir = parser.value(capture);
    options.quitWhenReady = parser.isSet(quitWhenReady);
    if (parser.isSet(lockAfter)) {
        bool ok = false;
        const int minutes = parser.value(lockAfter).toInt(&ok);
        if (!ok || minutes < 1 || minutes > 60) {
            result.message = QStringLiteral("--lock-after: '%1' is not a whole number of minutes from 1 to 60")
                                 .arg(parser.value(lockAfter));
            result.exitCode = 2;
            return result;
        }
        options.lockAfterMinutes = minutes;
    }
    result.options = options;
    return result;
}

} // namespace galvani::app
