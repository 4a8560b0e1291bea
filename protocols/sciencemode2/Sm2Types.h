// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>

// Command numbers, codes and wire limits of ScienceMode2 (Hasomed RehaStim2), SCIENCEMODE2.md §4–§6.
// Values only; no behaviour.
namespace galvani::proto::sm2 {

namespace cmd {
inline constexpr std::uint8_t kInit = 1;
inline constexpr std::uint8_t kInitAck = 2;
inline constexpr std::uint8_t kUnknownCommand = 3;
inline constexpr std::uint8_t kWatchdog = 4;
inline constexpr std::uint8_t kGetStimulationMode = 10;
inline constexpr std::uint8_t kGetStimulationModeAck = 11;
inline constexpr std::uint8_t kGetMotomedMode = 12;
inline constexpr std::uint8_t kGetMotomedModeAck = 13;
inline constexpr std::uint8_t kInitChannelListMode = 30;
inline constexpr std::uint8_t kInitChannelListModeAck = 31;
inline constexpr std::uint8_t kStartChannelListMode = 32;
inline constexpr std::uint8_t kStartChannelListModeAck = 33;
inline constexpr std::uint8_t kStopChannelListMode = 34;
inline constexpr std::uint8_t kStopChannelListModeAck = 35;
inline constexpr std::uint8_t kSinglePulse = 36;
inline constexpr std::uint8_t kSinglePulseAck = 37;
inline constexpr std::uint8_t kStimulationError = 38;
inline constexpr std::uint8_t kMotomedFirst = 50;
inline constexpr std::uint8_t kMotomedLast = 90;
} // namespace cmd

// MOTOmed (ergometer) traffic: GetMotomedMode/Ack and the 50–90 block. Our app never uses it; both
// codecs carry it as opaque bytes so nothing is misread as stimulation traffic.
[[nodiscard]] constexpr bool isMotomedCommand(std::uint8_t command)
{
    return command == cmd::kGetMotomedMode || command == cmd::kGetMotomedModeAck
        || (command >= cmd::kMotomedFirst && command <= cmd::kMotomedLast);
}

// Result byte of acks (int8 on the wire), §5.
enum class ResultCode : std::int8_t {
    Ok = 0,
    TransferError = -1, // CRC or LEN mismatch
    ParameterError = -2, // value out of range or wrong data length
    WrongMode = -3, // command not allowed in the current stimulation mode
    MotomedNoConnection = -4, // MOTOmed only
    IncompatibleVersion = -5, // sent by the host in InitAck
    MotomedInvalidTrainer = -6,
    MotomedBusy = -7,
    Busy = -8, // device still busy with the previous command
};

// Stimulation state reported by GetStimulationModeAck, §6.
enum class StimulationMode : std::uint8_t { Start = 0, Initialized = 1, Started = 2 };

// Pulse group per channel and period in StartChannelListMode, §4.2.
enum class PulseMode : std::uint8_t { Single = 0, Doublet = 1, Triplet = 2 };

// Channel execution in InitChannelListMode, §4.1.
enum class ChannelExecution : std::uint8_t { FixedSlots = 0, AsFastAsPossible = 1 };

// StimulationError codes (int8), §4.4. The device has already stopped when it sends one.
enum class StimulationErrorCode : std::int8_t {
    EmergencySwitch = -1, // emergency switch pressed or not connected
    Electrode = -2, // electrode error (lead-off)
    StimulationModule = -3 // stimulation module error
};

// Wire limits (units in the names: Us = microseconds, Ma = milliamps).
inline constexpr std::uint8_t kProtocolVersion = 1;
inline constexpr int kChannels = 8;
inline constexpr int kMaxLowFrequencyFactor = 7;
inline constexpr int kMaxInterPulseIntervalCode = 255; // t2 = 1.5 + 0.5·n ms
inline constexpr int kMinDoubletInterPulseCode = 13; // t2 ≥ 8 ms when doublets/triplets are used
inline constexpr int kMinContinuousMainIntervalCode = 14; // t1 = 1 + 0.5·m ms ≥ 8 ms; m = 0 is one-shot
inline constexpr int kMaxMainIntervalCode = 2048; // t1 ≤ 1025 ms
inline constexpr int kMaxPulseWidthUs = 500;
inline constexpr int kMinNonZeroPulseWidthUs = 20; // firmware raises 1–19 to 20; our host refuses them
inline constexpr int kMaxCurrentMa = 130;
inline constexpr std::size_t kEntryBytes = 4; // one StartChannelListMode entry
inline constexpr std::size_t kMaxDataBytes = 60; // command data, §2
inline constexpr std::size_t kHeaderBytes = 5; // F0 81 crc 81 len
inline constexpr std::size_t kMaxFrameBytes = 261; // 6 + LEN (LEN is one byte)

} // namespace galvani::proto::sm2
