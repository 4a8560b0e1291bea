// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "device/sim/PulseShape.h"
#include "protocols/sciencemode4/Commands.h"

#include <cstdint>
#include <string>
#include <vector>

// Log and oracle text for ScienceMode4 / ScienceMode3 requests, and the pulse shape of their points. Free
// functions, thread-safe.
namespace galvani::device::sim {

// "Ml_update (32)"; unknown numbers as "command 123".
[[nodiscard]] std::string sm4CommandName(std::uint16_t command);
// The request's fields in words, e.g. "ch1 20.0 mA, 250 us/phase every 20.0 ms ramp 3".
[[nodiscard]] std::string describeSm4(const proto::sm4::HostCommand& command);
// A request's pulse points as the shape the channel model delivers (the points' durations and currents).
[[nodiscard]] PulseShape sm4PulseShape(const std::vector<proto::sm4::Point>& points);

} // namespace galvani::device::sim
