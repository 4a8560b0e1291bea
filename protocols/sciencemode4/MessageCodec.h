// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocols/common/ByteIo.h"
#include "protocols/common/Reject.h"
#include "protocols/common/Result.h"
#include "protocols/sciencemode4/Messages.h"

#include <cstdint>
#include <optional>
#include <span>

// Data bytes of the device messages (everything after prefix and command byte), SCIENCEMODE4.md
// §4.1, §4.3, §4.4, §9. Used by DeviceCodec (check + write) and HostCodec (read). Free functions,
// thread-safe.
namespace galvani::proto::sm4 {

// True if `command` is a message a device of this variant sends.
[[nodiscard]] bool isDeviceMessage(std::uint16_t command, Variant variant);

// Device-side validation: nullopt if the message is well formed for the variant.
[[nodiscard]] std::optional<EncodeError> checkMessage(const DeviceMessage& message, Variant variant);

// Appends the data bytes of a message that passed checkMessage(). The variant decides the
// Ll_channel_config_ack layout (ScienceMode3: result and channel only).
void writeMessageData(const DeviceMessage& message, Variant variant, ByteWriter& out);

// Decodes the data bytes of a message. Errors, in this order of precedence: UnknownCommand,
// DataLength, FieldRange. ScienceMode3 also accepts Ll_channel_config_ack with or without its
// measurement byte (L 14 or 15).
[[nodiscard]] Result<DeviceMessage, RejectReason> readMessage(
    std::uint16_t command, std::span<const std::uint8_t> data, Variant variant);

} // namespace galvani::proto::sm4
