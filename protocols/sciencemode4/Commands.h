// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocols/sciencemode4/Sm4Limits.h"
#include "protocols/sciencemode4/Sm4Types.h"

#include <array>
#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

// Typed host-to-device requests of ScienceMode4 / ScienceMode3 (SCIENCEMODE4.md §4). Plain values:
// copy and compare freely, no thread affinity. Each struct names its command number in kCommand.
// Field ranges are enforced by HostCodec::encode (refusal) and DeviceCodec::feed (rejection).
namespace galvani::proto::sm4 {

// A request without data (L = 12): Ll_stop, Ml_stop and the general queries.
template <CommandId Id>
struct EmptyRequest {
    static constexpr CommandId kCommand = Id;
    friend bool operator==(const EmptyRequest&, const EmptyRequest&) = default;
};

using LlStop = EmptyRequest<CommandId::LlStop>;
using MlStop = EmptyRequest<CommandId::MlStop>;
using GetVersionMain = EmptyRequest<CommandId::GetVersionMain>;
using GetDeviceId = EmptyRequest<CommandId::GetDeviceId>;
using GetBatteryStatus = EmptyRequest<CommandId::GetBatteryStatus>;
using Reset = EmptyRequest<CommandId::Reset>;
using GetVersionStim = EmptyRequest<CommandId::GetVersionStim>;
using GetStimStatus = EmptyRequest<CommandId::GetStimStatus>;
using GetMainStatus = EmptyRequest<CommandId::GetMainStatus>;
using GetExtendedVersion = EmptyRequest<CommandId::GetExtendedVersion>; // ScienceMode4 only

// Ll_init (0): enter low level, switch high voltage on, choose what each pulse's ack samples.
struct LlInit {
    static constexpr CommandId kCommand = CommandId::LlInit;
    LlMeasurement measurement = LlMeasurement::None; // ScienceMode3: None only
    HighVoltageSetting highVoltage = HighVoltageSetting::Default;
    friend bool operator==(const LlInit&, const LlInit&) = default;
};

// Ll_channel_config (2): one pulse pattern on one output, fired once. Output number (1..8) =
// connector * 4 + channel + 1. enable = false carries no points and fires nothing.
struct LlChannelConfig {
    static constexpr CommandId kCommand = CommandId::LlChannelConfig;
    bool enable = true;
    std::uint8_t channel = 0; // 0..3 = red, blue, black, white
    Connector connector = Connector::Yellow; // ScienceMode3: Yellow only
    std::vector<Point> points; // 1..16 when enabled, empty when not
    friend bool operator==(const LlChannelConfig&, const LlChannelConfig&) = default;
};

// Output number (1..8) of a low-level channel (0..3) on a connector, and the reverse (nullopt outside
// 1..8). Outputs 1..4 are on the yellow connector, 5..8 on the green one.
[[nodiscard]] constexpr int outputNumber(std::uint8_t channel, Connector connector)
{
    return static_cast<int>(connector) * kChannelsPerConnector + channel + 1;
}

struct LowLevelTarget {
    std::uint8_t channel = 0;
    Connector connector = Connector::Yellow;
    friend bool operator==(const LowLevelTarget&, const LowLevelTarget&) = default;
};

[[nodiscard]] constexpr std::optional<LowLevelTarget> lowLevelTarget(int output)
{
    if (output < 1 || output > kChannelsSm4) {
        return std::nullopt;
    }
    const int index = output - 1;
    return LowLevelTarget{static_cast<std::uint8_t>(index % kChannelsPerConnector),
        index < kChannelsPerConnector ? Connector::Yellow : Connector::Green};
}

// Ml_init (30): enter mid level, switch high voltage on.
struct MlInit {
    static constexpr CommandId kCommand = CommandId::MlInit;
    bool stopAllChannelsOnError = false; // true: any channel failing stops all; false: only that one
    friend bool operator==(const MlInit&, const MlInit&) = default;
};

// One channel's mid-level programme: the device repeats `points` every `period` by itself.
// period in µs: a multiple of 500 µs (HalfMillisecond, 500..16 383 500 µs) or of 250 µs
// (QuarterMillisecond, 250..8 191 750 µs; ScienceMode4 only). ramp = number of pulses over which
// the current rises linearly to full each time the channel is enabled (0..15).
struct MlChannel {
    std::uint8_t ramp = 0;
    core::Microseconds period{0};
    PeriodResolution resolution = PeriodResolution::HalfMillisecond;
    std::vector<Point> points; // 1..16
    friend bool operator==(const MlChannel&, const MlChannel&) = default;
};

// Ml_update (32): the complete mid-level programme; channels[i] is output i + 1. Outputs left empty
// stop. Also counts as keep-alive. ScienceMode3: outputs 1..4 only.
struct MlUpdate {
    static constexpr CommandId kCommand = CommandId::MlUpdate;
    std::array<std::optional<MlChannel>, kChannelsSm4> channels{};
    friend bool operator==(const MlUpdate&, const MlUpdate&) = default;
};

// Ml_get_current_data (36): status poll and mid-level keep-alive. ScienceMode3: selection 2 only.
struct MlGetCurrentData {
    static constexpr CommandId kCommand = CommandId::MlGetCurrentData;
    CurrentDataSelection selection = CurrentDataSelection::ChannelStates;
    friend bool operator==(const MlGetCurrentData&, const MlGetCurrentData&) = default;
};

// Set_power (56): switch device modules on or off. Bit n of `modules` = module n (0 stimulation
// controller, 1 Bluetooth, 2 EMG, 3 memory card, 4 demux; others unassigned). On the wire as 8 bytes,
// byte k holding modules 8k..8k+7 with module 8k in bit 0 (layout of the vendor's reference host).
struct SetPower {
    static constexpr CommandId kCommand = CommandId::SetPower;
    std::uint64_t modules = 0;
    friend bool operator==(const SetPower&, const SetPower&) = default;
};

using HostCommand = std::variant<LlInit, LlChannelConfig, LlStop, MlInit, MlUpdate, MlStop, MlGetCurrentData,
    GetVersionMain, GetDeviceId, GetBatteryStatus, SetPower, Reset, GetVersionStim, GetStimStatus, GetMainStatus,
    GetExtendedVersion>;

[[nodiscard]] inline CommandId commandId(const HostCommand& command)
{
    return std::visit([](const auto& c) { return std::decay_t<decltype(c)>::kCommand; }, command);
}

} // namespace galvani::proto::sm4
