// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocols/sciencemode4/Commands.h"

#include <cstdint>
#include <string>

// Log and oracle text for ScienceMode4 / ScienceMode3 requests. Free functions, thread-safe.
namespace galvani::device::sim {

// "Ml_update (32)"; unknown numbers as "command 123".
[[nodiscard]] std::string sm4CommandName(std::uint16_t command);
// The request's fields in words, e.g. "ch1 20.0 mA, 250 us/phase every 20.0 ms ramp 3".
[[nodiscard]] std::string describeSm4(const proto::sm4::HostCommand& command);

} // namespace galvani::device::sim
