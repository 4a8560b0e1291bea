// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/units/Units.h"
#include "protocols/sciencemode2/Sm2Types.h"

#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

// Commands the host sends to a RehaStim2 (SCIENCEMODE2.md §4). Plain values, copy freely.
// Numeric fields are plain ints in the wire unit named by the field so that out-of-range requests
// stay representable and the encoder can refuse them by name instead of silently wrapping.
namespace galvani::proto::sm2 {

// cmd 2: answers an Init beacon; travels with the Init's packet number.
struct InitAck {
    ResultCode result = ResultCode::Ok; // Ok or IncompatibleVersion
    friend bool operator==(const InitAck&, const InitAck&) = default;
};

// cmd 4: keep-alive when idle; never answered.
struct Watchdog {
    friend bool operator==(const Watchdog&, const Watchdog&) = default;
};

// cmd 10: ask the stimulation state.
struct GetStimulationMode {
    friend bool operator==(const GetStimulationMode&, const GetStimulationMode&) = default;
};

// cmd 30, §4.1. Channel masks: bit0 = channel 1 … bit7 = channel 8.
struct InitChannelListMode {
    int lowFrequencyFactor = 0; // 0–7: low-frequency channels skip this many periods
    std::uint8_t activeChannels = 0; // bit mask, at least one bit for our host
    std::uint8_t lowFrequencyChannels = 0; // bit mask
    int interPulseIntervalCode = 0; // n: t2 = 1.5 ms + 0.5 ms·n (0–255)
    int mainIntervalCode = 0; // m: t1 = 1 ms + 0.5 ms·m (0 one-shot, 14–2048)
    ChannelExecution execution = ChannelExecution::FixedSlots;

    [[nodiscard]] bool oneShot() const { return mainIntervalCode == 0; }
    // t2 and t1 in microseconds (t1 is meaningless in one-shot mode).
    [[nodiscard]] core::Microseconds interPulseInterval() const
    {
        return core::Microseconds(1500 + 500 * static_cast<std::int64_t>(interPulseIntervalCode));
    }
    [[nodiscard]] core::Microseconds mainInterval() const
    {
        return core::Microseconds(1000 + 500 * static_cast<std::int64_t>(mainIntervalCode));
    }
    [[nodiscard]] int activeChannelCount() const;
    friend bool operator==(const InitChannelListMode&, const InitChannelListMode&) = default;
};

// Bit for channel 1..8 in a channel mask (0 for a channel outside 1..8).
[[nodiscard]] constexpr std::uint8_t channelBit(int channel)
{
    return channel >= 1 && channel <= kChannels ? static_cast<std::uint8_t>(1U << (channel - 1)) : 0;
}

// Codes for a wanted t1 (1–1025 ms) or t2 (1.5–129 ms); nullopt unless exactly representable (0.5 ms grid).
[[nodiscard]] std::optional<int> mainIntervalCodeFor(core::Microseconds t1);
[[nodiscard]] std::optional<int> interPulseIntervalCodeFor(core::Microseconds t2);

// One active channel's parameters in StartChannelListMode, §4.2.
struct ChannelListEntry {
    PulseMode mode = PulseMode::Single;
    int pulseWidthUs = 0; // per phase, µs: 0 or 20–500 (host); device accepts 0–500
    int currentMa = 0; // mA, 0–130 (1 mA units on the wire)
    friend bool operator==(const ChannelListEntry&, const ChannelListEntry&) = default;
};

// cmd 32: one entry per active channel, ascending channel number. First call starts, later update.
struct StartChannelListMode {
    std::vector<ChannelListEntry> entries;
    friend bool operator==(const StartChannelListMode&, const StartChannelListMode&) = default;
};

// cmd 34: stop, legal in every mode.
struct StopChannelListMode {
    friend bool operator==(const StopChannelListMode&, const StopChannelListMode&) = default;
};

// cmd 36: one pulse now, start mode only, §4.3.
struct SinglePulse {
    int channel = 1; // 1–8 (the wire carries the index channel − 1)
    int pulseWidthUs = 0; // µs per phase: 0 or 20–500 (host); device accepts 0–500
    int currentMa = 0; // mA, 0–130
    friend bool operator==(const SinglePulse&, const SinglePulse&) = default;
};

// cmd 12 or 50–90: MOTOmed traffic, carried opaque (not used by our app).
struct MotomedCommand {
    std::uint8_t command = cmd::kGetMotomedMode;
    std::vector<std::uint8_t> data; // command data, at most 60 bytes
    friend bool operator==(const MotomedCommand&, const MotomedCommand&) = default;
};

using HostCommand = std::variant<InitAck, Watchdog, GetStimulationMode, InitChannelListMode, StartChannelListMode,
    StopChannelListMode, SinglePulse, MotomedCommand>;

// The command number a HostCommand travels with.
[[nodiscard]] std::uint8_t commandNumber(const HostCommand& command);

} // namespace galvani::proto::sm2
