// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocols/common/Reject.h"
#include "protocols/common/Result.h"
#include "protocols/sciencemode2/DeviceMessages.h"

#include <cstdint>
#include <span>
#include <vector>

// Command data of device → host frames (after pn and cmd, unescaped), both directions.
// Free functions, thread-safe.
namespace galvani::proto::sm2 {

// Device encoder: refuses result codes an ack cannot carry, a mode byte that does not match the
// result, unknown StimulationError codes and non-MOTOmed command numbers for MotomedMessage.
[[nodiscard]] Result<std::vector<std::uint8_t>, EncodeError> encodeDeviceData(const DeviceMessage& message);

// Host-side decoder: the message, or UnknownCommand, DataLength or FieldRange.
[[nodiscard]] Result<DeviceMessage, RejectReason> decodeDeviceData(
    std::uint8_t command, std::span<const std::uint8_t> data);

} // namespace galvani::proto::sm2
