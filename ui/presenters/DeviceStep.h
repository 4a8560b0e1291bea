// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

// The amplitude step a stimulator takes on the wire (its grid), which every target and live change must be a
// multiple of — SessionController refuses anything else. Known before connecting from the device URL through
// app::PresetService::deviceCaps (core::HardwareCaps::currentStep): 0.5 mA for ScienceMode4 and ScienceMode3, 1 mA
// for ScienceMode2. Plain function; any thread. Units: µA.
namespace galvani::ui::presenters {

// The finest amplitude step the UI offers for a device URL: the device's grid, or 100 µA (0.1 mA) when the URL is
// not a device the app knows (the controller then names what is wrong when it is used).
[[nodiscard]] qint64 amplitudeStepUa(const QString& deviceUrl);

} // namespace galvani::ui::presenters
