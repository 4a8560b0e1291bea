// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace galvani {

// `galvani --capture-screens DIR`: builds a demo clinic in a private temporary store and data folder (the user's
// records are never touched) on the given simulated device — an admin, a therapist, a technician, two patients
// with screenings and placements, one finished session — then drives the main window as its users would and saves
// the main screens to DIR as PNG files: sign-in, patient placements on the body map, the patient's history, the
// treatment setup, the run screen mid-session with the live plot moving, the admin's export panel and the
// technician's calibration workspace. Prints each file written; returns a process exit code.
// The caller must have pointed XDG_DATA_HOME at a private folder before the QApplication was made
// (see privateDataFolderForCapture()). Thread affinity: the main thread, with a QApplication.
[[nodiscard]] int captureDemoScreens(const QString& dir, const QString& deviceUrl, const QString& storeDir);

} // namespace galvani
