// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/units/Units.h"

#include <cstdint>
#include <string_view>

// Vocabulary of the ScienceMode4 (Hasomed P24) and ScienceMode3 (RehaMove3) wire protocol
// (shared/protocols/SCIENCEMODE4.md). Plain enums and value structs; no thread affinity.
namespace galvani::proto::sm4 {

// Which device family a codec speaks to. Framing is identical; ScienceMode3 is the 4-channel subset
// described in SCIENCEMODE4.md §9 (no connector bit, no measurement, selection 2 only, no 68/69,
// 0.5 ms period steps only, short Ll_channel_config_ack).
enum class Variant : std::uint8_t { ScienceMode4, ScienceMode3 };

// Command numbers (10 bits on the wire; every defined one is below 256). §4.
enum class CommandId : std::uint16_t {
    LlInit = 0,
    LlInitAck = 1,
    LlChannelConfig = 2,
    LlChannelConfigAck = 3,
    LlStop = 4,
    LlStopAck = 5,
    MlInit = 30,
    MlInitAck = 31,
    MlUpdate = 32,
    MlUpdateAck = 33,
    MlStop = 34,
    MlStopAck = 35,
    MlGetCurrentData = 36,
    MlGetCurrentDataAck = 37,
    GetVersionMain = 50,
    GetVersionMainAck = 51,
    GetDeviceId = 52,
    GetDeviceIdAck = 53,
    GetBatteryStatus = 54,
    GetBatteryStatusAck = 55,
    SetPower = 56,
    SetPowerAck = 57,
    Reset = 58,
    ResetAck = 59,
    GetVersionStim = 60,
    GetVersionStimAck = 61,
    GetStimStatus = 62,
    GetStimStatusAck = 63,
    GetMainStatus = 64,
    GetMainStatusAck = 65,
    GeneralError = 66,
    UnknownCmd = 67,
    GetExtendedVersion = 68,
    GetExtendedVersionAck = 69,
};

[[nodiscard]] constexpr std::uint16_t toWire(CommandId id)
{
    return static_cast<std::uint16_t>(id);
}

// First byte of every device message (§5). Any byte value may arrive: codes the document does not
// name are kept as they are and treated as failures by callers (anything but Ok is a failure).
enum class ResultCode : std::uint8_t {
    Ok = 0,
    TransferError = 1,
    ParameterError = 2,
    ProtocolVersion = 3,
    StimControllerTimeout = 4,
    EmgTimeout = 5,
    EmgRegister = 6,
    NotInitialized = 7,
    HighVoltageError = 8,
    DemuxTimeout = 9,
    ElectrodeError = 10,
    UnknownCommand = 11,
    DemuxParameter = 12,
    DemuxNotInitialized = 13,
    DemuxTransfer = 14,
    DemuxUnknownAck = 15,
    PulseTimeout = 16,
    FuelGauge = 17,
    LiveSignal = 18,
    FileTimeout = 19,
    FileNotFound = 20,
    Busy = 21,
    FileError = 22,
    FlashErase = 23,
    FlashWrite = 24,
    UnknownController = 25,
    FirmwareTooLarge = 26,
    FuelGaugeNotProgrammed = 27,
    PulseLowCurrent = 28,
};

[[nodiscard]] std::string_view toString(ResultCode code);

// Output socket of the P24: yellow carries channels 1-4, green channels 5-8. ScienceMode3 has only
// the yellow one (the bit is reserved).
enum class Connector : std::uint8_t { Yellow = 0, Green = 1 };

// What Ll_init asks the device to sample during each low-level pulse (§4.3). Anything but None makes
// every Ll_channel_config_ack carry 128 samples. ScienceMode3: None only.
enum class LlMeasurement : std::uint8_t {
    None = 0,
    StimulationCurrent = 1,
    StimulationVoltage = 2,
    HighVoltageSource = 3,
};

// High-voltage setting of Ll_init (3 bits, §4.3). Default means 150 V.
enum class HighVoltageSetting : std::uint8_t {
    Default = 0,
    Off = 1,
    V30 = 2,
    V60 = 3,
    V90 = 4,
    V120 = 5,
    V150 = 6,
};

// High-voltage level reported by Get_stim_status_ack: 1 off ... 6 = 150 V (same numbering as
// HighVoltageSetting 1..6). 0 appears only in a zero-filled (failed) ack.
using HighVoltageLevel = HighVoltageSetting;

// Stimulation state reported by Get_stim_status_ack (§4.1).
enum class StimStatus : std::uint8_t {
    None = 0,
    LowLevelInitialized = 1,
    MidLevelInitialized = 2,
    MidLevelRunning = 3,
};

// Firmware hash kind in Get_extended_version_ack. 0 only in a zero-filled ack.
enum class HashType : std::uint8_t { None = 0, Git = 1, ElfMd5 = 2, ElfSha256 = 3 };

// Per-channel state in Ml_get_current_data_ack selection 4 (a 4-bit value on the wire).
enum class ChannelState : std::uint8_t {
    Ok = 0,
    ElectrodeError = 1, // lead-off
    PulseTimeout = 2, // period not achievable
    LowCurrent = 3, // set current not reached
};

// Ml_get_current_data selection byte (§4.4).
enum class CurrentDataSelection : std::uint8_t {
    FourChannelStatus = 2, // one status byte (channels 1-4)
    EightChannelStatus = 3, // two status bytes (channels 1-4, 5-8)
    ChannelStates = 4, // running mask + 8 channel states (P24)
};

// Ml_update period resolution: HalfMillisecond sends code = period / 0.5 ms (r = 0),
// QuarterMillisecond sends code = period / 0.25 ms (r = 1, ScienceMode4 only).
enum class PeriodResolution : std::uint8_t { HalfMillisecond = 0, QuarterMillisecond = 1 };

// How the current moves from the previous point to this one. Only Jump is implemented by the device.
enum class Interpolation : std::uint8_t { Jump = 0, Linear = 1 };

// One point of a pulse shape (§4.2): hold `current` for `duration`. A biphasic pulse is e.g.
// {+I, w}, {0, gap}, {-I, w}. Units: duration in µs (0..4095, 1 µs steps), current in µA
// (-130 000..+130 000, multiples of 500 µA; negative = reversed polarity).
struct Point {
    core::Microseconds duration{0};
    core::Microamps current{0};
    Interpolation interpolation = Interpolation::Jump;
    friend bool operator==(const Point&, const Point&) = default;
};

// Firmware or protocol version triple.
struct Version {
    std::uint8_t major = 0;
    std::uint8_t minor = 0;
    std::uint8_t revision = 0;
    friend bool operator==(const Version&, const Version&) = default;
};

} // namespace galvani::proto::sm4
