// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/units/Units.h"
#include "device/sim/PulseShape.h"

#include <string>

// Formatting for the simulator's log lines. Free functions, thread-safe.
namespace galvani::device::sim {

[[nodiscard]] std::string formatMilliamps(core::Microamps current); // "24.5 mA"
[[nodiscard]] std::string formatDuration(core::Microseconds duration); // "250 us", "20.0 ms"
// "20.0 mA, 250 us/phase every 20.0 ms" (period 0: no "every")
[[nodiscard]] std::string describePulse(const PulseShape& shape, core::Microseconds period);

} // namespace galvani::device::sim
