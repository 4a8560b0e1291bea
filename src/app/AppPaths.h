// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace galvani::app {

// Well-known locations in the user's data folder (XDG: ~/.local/share/Galvani on Linux).
// Call after QCoreApplication::setOrganizationName/setApplicationName (done by applyApplicationIdentity()).
// Thread affinity: any thread; the results do not change during a run.
class AppPaths {
public:
    [[nodiscard]] static QString dataDir(); // created if missing
    [[nodiscard]] static QString defaultStorePath(); // <dataDir>/galvani.sqlite
    [[nodiscard]] static QString defaultStoreUrl(); // sqlite:<defaultStorePath>
    [[nodiscard]] static QString logDir(); // <dataDir>/logs, created if missing
};

// Sets the organisation and application names every executable shares, so all find the same data folder.
void applyApplicationIdentity();

} // namespace galvani::app
