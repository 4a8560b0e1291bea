// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocols/sciencemode4/Sm4Types.h"

#include <cstddef>
#include <cstdint>

// Wire limits of ScienceMode4 / ScienceMode3 (SCIENCEMODE4.md §2, §4, §6, §9). Encoders refuse values
// outside them and decoders reject frames carrying them. Units are in the constant names.
namespace galvani::proto::sm4 {

// Frame: start + 4 escaped header fields (8 bytes) + body (prefix, command, data) + stop.
inline constexpr std::size_t kHeaderWireBytes = 9; // F0 and four (81, value ^ 55) pairs
inline constexpr std::size_t kMinFrameBytes = 12; // header, prefix, command, stop
inline constexpr std::size_t kMaxFrameBytes = 1200;
inline constexpr std::uint8_t kMaxPacketNumber = 63; // 6 bits, wraps to 0
inline constexpr std::uint16_t kMaxCommandNumber = 1023; // 10 bits

// Points (§4.2). Current code c = 2 * I[mA] + 300; the wire can carry -150..+150 mA, the device
// accepts |I| <= 130 mA (c 40..560).
inline constexpr std::size_t kPointBytes = 4;
inline constexpr std::size_t kMinPoints = 1;
inline constexpr std::size_t kMaxPoints = 16;
inline constexpr std::int64_t kMaxPointDurationUs = 4095;
inline constexpr std::int64_t kCurrentStepUa = 500;
inline constexpr std::int64_t kMaxCurrentUa = 130'000; // device limit, both polarities
inline constexpr std::int64_t kMaxWireCurrentUa = 150'000; // what 10 bits can express
inline constexpr std::uint16_t kCurrentCodeZero = 300;
inline constexpr std::uint16_t kMinAcceptedCurrentCode = 40;
inline constexpr std::uint16_t kMaxAcceptedCurrentCode = 560;

// Channels.
inline constexpr int kChannelsSm4 = 8;
inline constexpr int kChannelsSm3 = 4;
inline constexpr std::uint8_t kChannelsPerConnector = 4;

[[nodiscard]] constexpr int channelCount(Variant v)
{
    return v == Variant::ScienceMode4 ? kChannelsSm4 : kChannelsSm3;
}

// Mid level (§4.4): period code 1..32767 in 0.5 ms (r = 0) or 0.25 ms (r = 1) steps; ramp 0..15
// pulses; duty rule sum((sum point durations + 60 us) / period) < 1.
inline constexpr std::uint16_t kMinPeriodCode = 1;
inline constexpr std::uint16_t kMaxPeriodCode = 32767;
inline constexpr std::int64_t kHalfMsStepUs = 500;
inline constexpr std::int64_t kQuarterMsStepUs = 250;
inline constexpr std::uint8_t kMaxRamp = 15;
inline constexpr std::int64_t kDutyOverheadUs = 60;

// Timing (§3). Mid-level stimulation stops by itself this long after the last Ml_update or
// Ml_get_current_data; the level stays initialized. Acks normally take ~40 ms; no vendor maximum, so our
// host waits this long (plus the pattern duration for Ll_channel_config). Low level: the device
// queues up to this many Ll_channel_config requests.
inline constexpr std::int64_t kMidLevelWatchdogMs = 2000;
inline constexpr std::int64_t kHostAckTimeoutMs = 200;
inline constexpr std::size_t kLowLevelQueueDepth = 10;

// Low level (§4.3): an ack with measurement carries a sampling period and 128 u16 samples.
inline constexpr std::size_t kSampleCount = 128;
// Simulator convention for measured current (§7): raw = int16 two's complement of mA * 100, so one
// raw step is 10 µA; samples beyond +-150 mA cannot be trusted.
inline constexpr std::int64_t kSampleStepUa = 10;
inline constexpr std::int64_t kMaxDecodableSampleUa = 150'000;

// Get_device_id_ack carries exactly this many ASCII bytes, no terminator.
inline constexpr std::size_t kDeviceIdBytes = 10;
// Set_power carries a 64-bit module bitmap (8 bytes).
inline constexpr std::size_t kPowerModuleBytes = 8;

} // namespace galvani::proto::sm4
