// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to galvani_app: the few conversions the calibration sources share. Pure; any thread.

#include "core/Clock.h"

#include <QString>

namespace galvani::app::calibration {

// A current in µA as milliamps with three decimals, e.g. "12.345 mA"; a magnitude under 0.5 µA reads "0.000 mA"
// (never "-0.000 mA").
[[nodiscard]] QString milliampsText(double microamps);
// The UTC calendar date of a time in ms since the epoch, YYYY-MM-DD.
[[nodiscard]] QString utcDateText(qint64 utcMs);
// The clock's wall-clock time in ms since the epoch (UTC).
[[nodiscard]] qint64 utcNowMs(const core::Clock& clock);

} // namespace galvani::app::calibration
