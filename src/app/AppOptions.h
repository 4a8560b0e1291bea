// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace galvani::app {

// What the GUI executable was asked to do, from its command line and environment.
// Plain value. Defaults: the built-in simulated stimulator and the SQLite store in the user's data folder.
struct AppOptions {
    QString deviceUrl; // --device URL (default: the simulated 8-channel ScienceMode4 stimulator)
    QString storeUrl; // --db URL (default: sqlite:<data folder>/galvani.sqlite)
    QString captureScreensDir; // --capture-screens DIR: render the main screens with demo data, then exit
    // --lock-after MINUTES (1–60): the screen locks after this long without input (CLINICAL §7: default 10).
    int lockAfterMinutes = 10;
    // --quit-when-ready: start as usual, and once the main window is shown and painted print "ready" on standard
    // output and exit 0 (start-up measurements and smoke tests; the store is opened and migrated as usual).
    bool quitWhenReady = false;
};

struct AppOptionsResult {
    std::optional<AppOptions> options; // empty when the program should exit (help, version or an error)
    QString message; // help/version text, or the error naming the argument
    int exitCode = 0;
};

// Parses argv (without the program name handling: pass QCoreApplication::arguments()).
[[nodiscard]] AppOptionsResult parseAppOptions(const QStringList& arguments);

} // namespace galvani::app
