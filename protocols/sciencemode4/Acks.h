// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocols/sciencemode4/Commands.h"
#include "protocols/sciencemode4/Messages.h"

#include <cstdint>
#include <optional>

// Replies a device owes (SCIENCEMODE4.md §8): with result 1 or 2 (and 7) an ack keeps its full
// layout with every other field zero; Ml_get_current_data_ack echoes the selection and carries no
// body when the selection is unknown. Used by DeviceCodec for rejected requests and by the
// simulator for level errors. Free functions, thread-safe.
namespace galvani::proto::sm4 {

// The zero-filled ack of request number `request`, or nullopt if that is not a request of the
// variant. `selection` is the first data byte of an Ml_get_current_data request, if it had one.
[[nodiscard]] std::optional<DeviceMessage> zeroFilledAck(
    std::uint16_t request, ResultCode result, std::optional<std::uint8_t> selection, Variant variant);

// The zero-filled ack of a decoded request (always exists: every HostCommand has an ack).
[[nodiscard]] DeviceMessage zeroFilledAck(const HostCommand& request, ResultCode result, Variant variant);

} // namespace galvani::proto::sm4
