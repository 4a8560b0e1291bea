// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocols/sciencemode4/Sm4Limits.h"
#include "protocols/sciencemode4/Sm4Types.h"

#include <array>
#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

// Typed device-to-host messages of ScienceMode4 / ScienceMode3 (SCIENCEMODE4.md §4.1, §4.3, §4.4).
// Every message starts with a result code. When result is TransferError or ParameterError the device
// keeps the full layout with every other field zero (§8), so zero values are always decodable.
// Plain values: copy and compare freely, no thread affinity.
namespace galvani::proto::sm4 {

// A message carrying only the result byte (L = 13).
template <CommandId Id>
struct ResultAck {
    static constexpr CommandId kCommand = Id;
    ResultCode result = ResultCode::Ok;
    friend bool operator==(const ResultAck&, const ResultAck&) = default;
};

using LlInitAck = ResultAck<CommandId::LlInitAck>;
using LlStopAck = ResultAck<CommandId::LlStopAck>;
using MlInitAck = ResultAck<CommandId::MlInitAck>;
using MlUpdateAck = ResultAck<CommandId::MlUpdateAck>;
using MlStopAck = ResultAck<CommandId::MlStopAck>;
using SetPowerAck = ResultAck<CommandId::SetPowerAck>;
using ResetAck = ResultAck<CommandId::ResetAck>; // may never arrive: the device reboots
using GeneralError = ResultAck<CommandId::GeneralError>; // unsolicited; TransferError for unreadable frames
using UnknownCmd = ResultAck<CommandId::UnknownCmd>; // result UnknownCommand, pn of the request

// Get_version_main_ack (51) and Get_version_stim_ack (61).
template <CommandId Id>
struct VersionAck {
    static constexpr CommandId kCommand = Id;
    ResultCode result = ResultCode::Ok;
    Version firmware;
    Version scienceMode;
    friend bool operator==(const VersionAck&, const VersionAck&) = default;
};

using GetVersionMainAck = VersionAck<CommandId::GetVersionMainAck>;
using GetVersionStimAck = VersionAck<CommandId::GetVersionStimAck>;

// Get_device_id_ack (53): ten ASCII bytes (0x00..0x7F), no terminator.
struct GetDeviceIdAck {
    static constexpr CommandId kCommand = CommandId::GetDeviceIdAck;
    ResultCode result = ResultCode::Ok;
    std::array<char, kDeviceIdBytes> deviceId{};
    friend bool operator==(const GetDeviceIdAck&, const GetDeviceIdAck&) = default;
};

// Get_battery_status_ack (55). level in percent (0..100), voltage in mV.
struct GetBatteryStatusAck {
    static constexpr CommandId kCommand = CommandId::GetBatteryStatusAck;
    ResultCode result = ResultCode::Ok;
    std::uint8_t levelPercent = 0;
    core::Millivolts voltage{0}; // 0..65535 mV
    friend bool operator==(const GetBatteryStatusAck&, const GetBatteryStatusAck&) = default;
};

// Get_stim_status_ack (63). highVoltage 1 = off ... 6 = 150 V (0 only when zero-filled).
struct GetStimStatusAck {
    static constexpr CommandId kCommand = CommandId::GetStimStatusAck;
    ResultCode result = ResultCode::Ok;
    StimStatus status = StimStatus::None;
    HighVoltageLevel highVoltage = HighVoltageLevel::Default;
    friend bool operator==(const GetStimStatusAck&, const GetStimStatusAck&) = default;
};

// Get_main_status_ack (65): an opaque device status byte.
struct GetMainStatusAck {
    static constexpr CommandId kCommand = CommandId::GetMainStatusAck;
    ResultCode result = ResultCode::Ok;
    std::uint8_t mainStatus = 0;
    friend bool operator==(const GetMainStatusAck&, const GetMainStatusAck&) = default;
};

// Get_extended_version_ack (69, ScienceMode4 only).
struct GetExtendedVersionAck {
    static constexpr CommandId kCommand = CommandId::GetExtendedVersionAck;
    ResultCode result = ResultCode::Ok;
    Version firmware;
    Version scienceMode;
    std::uint32_t firmwareHash = 0;
    HashType hashType = HashType::None;
    bool hashValid = false;
    friend bool operator==(const GetExtendedVersionAck&, const GetExtendedVersionAck&) = default;
};

// Ll_channel_config_ack (3), sent after the pulse ran. When measurement is not None, samplingPeriod
// (µs, 0..65535) and exactly kSampleCount raw samples follow; otherwise samplingPeriod is 0 and
// samples is empty. ScienceMode3 sends no measurement byte (measurement is then None).
// For StimulationCurrent use sampleCurrent() to read a sample; the other kinds are not currents.
struct LlChannelConfigAck {
    static constexpr CommandId kCommand = CommandId::LlChannelConfigAck;
    ResultCode result = ResultCode::Ok;
    std::uint8_t channel = 0; // 0..3
    Connector connector = Connector::Yellow;
    LlMeasurement measurement = LlMeasurement::None;
    core::Microseconds samplingPeriod{0};
    std::vector<std::uint16_t> samples; // raw, as sent
    friend bool operator==(const LlChannelConfigAck&, const LlChannelConfigAck&) = default;
};

// One measured-current sample in µA under the simulator convention (raw = int16 of mA * 100, §7);
// nullopt when |I| > 150 mA, which no real output can deliver, so the encoding cannot be trusted.
[[nodiscard]] std::optional<core::Microamps> sampleCurrent(std::uint16_t raw);
// Inverse of sampleCurrent for a current within +-150 mA on a 10 µA grid (simulator side).
[[nodiscard]] std::optional<std::uint16_t> currentToSample(core::Microamps current);

// Status byte of selections 2 and 3: bit 4 stimulation running, bits 0..3 electrode error on the
// group's channels 1..4 (bit i = i-th channel of the group).
struct ElectrodeStatus {
    bool running = false;
    std::uint8_t electrodeErrors = 0; // 0..15
    friend bool operator==(const ElectrodeStatus&, const ElectrodeStatus&) = default;
};

struct FourChannelStatus { // selection 2
    ElectrodeStatus channels1to4;
    friend bool operator==(const FourChannelStatus&, const FourChannelStatus&) = default;
};

struct EightChannelStatus { // selection 3
    ElectrodeStatus channels1to4;
    ElectrodeStatus channels5to8;
    friend bool operator==(const EightChannelStatus&, const EightChannelStatus&) = default;
};

struct ChannelStatesReport { // selection 4
    std::uint8_t runningMask = 0; // bit i = output i + 1 is running
    std::array<ChannelState, kChannelsSm4> states{};
    friend bool operator==(const ChannelStatesReport&, const ChannelStatesReport&) = default;
};

// Ml_get_current_data_ack (37). selection echoes the request byte; the body matches it (monostate
// only for a selection the device does not know, which it answers with a failure result).
struct MlGetCurrentDataAck {
    static constexpr CommandId kCommand = CommandId::MlGetCurrentDataAck;
    ResultCode result = ResultCode::Ok;
    std::uint8_t selection = 0;
    std::variant<std::monostate, FourChannelStatus, EightChannelStatus, ChannelStatesReport> body;
    friend bool operator==(const MlGetCurrentDataAck&, const MlGetCurrentDataAck&) = default;
};

using DeviceMessage = std::variant<LlInitAck, LlChannelConfigAck, LlStopAck, MlInitAck, MlUpdateAck, MlStopAck,
    MlGetCurrentDataAck, GetVersionMainAck, GetDeviceIdAck, GetBatteryStatusAck, SetPowerAck, ResetAck,
    GetVersionStimAck, GetStimStatusAck, GetMainStatusAck, GeneralError, UnknownCmd, GetExtendedVersionAck>;

[[nodiscard]] inline CommandId commandId(const DeviceMessage& message)
{
    return std::visit([](const auto& m) { return std::decay_t<decltype(m)>::kCommand; }, message);
}

[[nodiscard]] inline ResultCode resultOf(const DeviceMessage& message)
{
    return std::visit([](const auto& m) { return m.result; }, message);
}

} // namespace galvani::proto::sm4
