// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to galvani_app (the session controller): what the device receives when channels run through their
// calibration correction. The therapist's programme keeps the target amplitudes (what is recorded and shown); the
// device's copy carries the commands that deliver them (ChannelCalibrationStatus::commandUaFor).

#include "core/domain/Program.h"

#include <QList>

#include <functional>

namespace galvani::app::calibration {

// The programme with every channel's amplitude replaced by commandFor(channel, targetUa). Units: µA.
[[nodiscard]] core::Program withDeviceCommands(
    const core::Program& program, const std::function<qint64(int channel, qint64 targetUa)>& commandFor);

// The absolute amplitudes that take a channel from `from` to `to`, each at most maxStep from the one before and
// the last equal to `to`; empty when they are equal (or maxStep ≤ 0). Live changes reach the device one step
// at a time (CLINICAL.md §1.3: steps ≤ 0.5 mA), and a corrected command can move by a little more than its target.
[[nodiscard]] QList<qint64> amplitudeSteps(qint64 from, qint64 to, qint64 maxStep);

} // namespace galvani::app::calibration
