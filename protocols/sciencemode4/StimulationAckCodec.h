// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocols/common/ByteIo.h"
#include "protocols/common/Reject.h"
#include "protocols/common/Result.h"
#include "protocols/sciencemode4/Messages.h"

#include <optional>
#include <span>

// Data bytes of Ll_channel_config_ack (§4.3, §9: ScienceMode3 sends result and channel only) and
// Ml_get_current_data_ack (§4.4, selections 2/3/4). Part of MessageCodec (which dispatches to these);
// check/write/read mean the same as there. Free functions, thread-safe.
namespace galvani::proto::sm4 {

[[nodiscard]] std::optional<EncodeError> checkLlChannelConfigAck(const LlChannelConfigAck& message, Variant variant);
void writeLlChannelConfigAck(const LlChannelConfigAck& message, Variant variant, ByteWriter& out);
[[nodiscard]] Result<DeviceMessage, RejectReason> readLlChannelConfigAck(
    std::span<const std::uint8_t> data, Variant variant);

[[nodiscard]] std::optional<EncodeError> checkCurrentDataAck(const MlGetCurrentDataAck& message, Variant variant);
void writeCurrentDataAck(const MlGetCurrentDataAck& message, ByteWriter& out);
[[nodiscard]] Result<DeviceMessage, RejectReason> readCurrentDataAck(
    std::span<const std::uint8_t> data, Variant variant);

} // namespace galvani::proto::sm4
