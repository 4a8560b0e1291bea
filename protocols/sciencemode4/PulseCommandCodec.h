// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocols/common/ByteIo.h"
#include "protocols/common/Reject.h"
#include "protocols/common/Result.h"
#include "protocols/sciencemode4/Commands.h"

#include <optional>
#include <span>

// Data bytes of Ll_channel_config (§4.3) and Ml_update (§4.4), the requests that carry pulse points.
// Part of CommandCodec (which dispatches to these); check/write/read mean the same as there.
// Free functions, thread-safe.
namespace galvani::proto::sm4 {

[[nodiscard]] std::optional<EncodeError> checkLlChannelConfig(const LlChannelConfig& command, Variant variant);
void writeLlChannelConfig(const LlChannelConfig& command, ByteWriter& out);
[[nodiscard]] Result<HostCommand, RejectReason> readLlChannelConfig(
    std::span<const std::uint8_t> data, Variant variant);

// Includes the duty rule (DutyCycle.h).
[[nodiscard]] std::optional<EncodeError> checkMlUpdate(const MlUpdate& command, Variant variant);
void writeMlUpdate(const MlUpdate& command, ByteWriter& out);
[[nodiscard]] Result<HostCommand, RejectReason> readMlUpdate(std::span<const std::uint8_t> data, Variant variant);

} // namespace galvani::proto::sm4
