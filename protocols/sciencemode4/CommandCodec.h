// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocols/common/ByteIo.h"
#include "protocols/common/Reject.h"
#include "protocols/common/Result.h"
#include "protocols/sciencemode4/Commands.h"

#include <cstdint>
#include <optional>
#include <span>

// Data bytes of the host requests (everything after prefix and command byte), SCIENCEMODE4.md §4.
// Used by HostCodec (check + write) and DeviceCodec (read). Free functions, thread-safe.
namespace galvani::proto::sm4 {

// True if `command` is a request the device of this variant understands.
[[nodiscard]] bool isRequest(std::uint16_t command, Variant variant);

// Host-side validation against §6 and §9: nullopt if the request may be sent.
[[nodiscard]] std::optional<EncodeError> checkCommand(const HostCommand& command, Variant variant);

// Appends the data bytes of a request that passed checkCommand().
void writeCommandData(const HostCommand& command, ByteWriter& out);

// Decodes the data bytes of a request. Errors, in this order of precedence: UnknownCommand (not a
// request of this variant), DataLength (too few or too many bytes for the layout its own counts
// describe), FieldRange (a value the device does not accept, including the duty rule).
[[nodiscard]] Result<HostCommand, RejectReason> readCommand(
    std::uint16_t command, std::span<const std::uint8_t> data, Variant variant);

} // namespace galvani::proto::sm4
