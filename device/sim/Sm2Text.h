// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocols/sciencemode2/HostCommands.h"

#include <cstdint>
#include <string>

// Log and oracle text for ScienceMode2 commands. Free functions, thread-safe.
namespace galvani::device::sim {

// "StartChannelListMode (32)"; unknown numbers as "command 95".
[[nodiscard]] std::string sm2CommandName(std::uint8_t command);
// The command's fields in words, e.g. "ch1 single 20 mA 250 us; ch3 doublet 12 mA 300 us".
[[nodiscard]] std::string describeSm2(const proto::sm2::HostCommand& command);

} // namespace galvani::device::sim
