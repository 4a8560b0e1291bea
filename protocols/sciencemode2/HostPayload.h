// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocols/common/Reject.h"
#include "protocols/common/Result.h"
#include "protocols/sciencemode2/HostCommands.h"

#include <cstdint>
#include <span>
#include <vector>

// Command data of host → device frames (the bytes after pn and cmd, unescaped), both directions.
// Free functions, thread-safe. Cross-command rules (StartChannelListMode against the last
// InitChannelListMode) live in ChannelListRules.h.
namespace galvani::proto::sm2 {

// Host encoder rules (SCIENCEMODE2.md §6 "Host encoder refuses", per command): the data bytes, or the
// first field that is out of range.
[[nodiscard]] Result<std::vector<std::uint8_t>, EncodeError> encodeHostData(const HostCommand& command);

// Device-side decoder (§6 "Simulator validation", §9): the command, or UnknownCommand, DataLength or
// FieldRange. Accepts what lenient hosts send (t2 codes below 8 ms, channel execution 1, PW 1–19).
[[nodiscard]] Result<HostCommand, RejectReason> decodeHostData(
    std::uint8_t command, std::span<const std::uint8_t> data);

} // namespace galvani::proto::sm2
