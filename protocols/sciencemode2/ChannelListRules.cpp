// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocols/sciencemode2/ChannelListRules.h"

#include <algorithm>
#include <cstdint>

namespace galvani::proto::sm2 {
namespace {

constexpr std::int64_t kFirmwareMinIntervalUs = 8000; // t1 and t2 ≥ 8 ms (4 × 1.5 ms slots + 2 ms)

} // namespace

int pulsesPerGroup(const StartChannelListMode& start)
{
    int most = 1;
    for (const auto& e : start.entries) {
        most = std::max(most, static_cast<int>(e.mode) + 1);
    }
    return most;
}

std::optional<EncodeError> checkHostChannelList(const InitChannelListMode& init, const StartChannelListMode& start)
{
    const auto active = init.activeChannelCount();
    if (static_cast<int>(start.entries.size()) != active) {
        return EncodeError{"entries", static_cast<std::int64_t>(start.entries.size()),
            "one per active channel of the last InitChannelListMode"};
    }
    const int groups = pulsesPerGroup(start);
    if (groups > 1 && init.interPulseIntervalCode < kMinDoubletInterPulseCode) {
        return EncodeError{
            "interPulseIntervalCode", init.interPulseIntervalCode, "13..255 (t2 >= 8 ms) with doublets or triplets"};
    }
    if (!init.oneShot() && init.mainInterval().value() < groups * init.interPulseInterval().value()) {
        return EncodeError{"mainIntervalCode", init.mainIntervalCode, "t1 >= pulses per group x t2 in continuous mode"};
    }
    return std::nullopt;
}

ResultCode checkDeviceChannelList(const InitChannelListMode& init, const StartChannelListMode& start)
{
    if (static_cast<int>(start.entries.size()) != init.activeChannelCount()) {
        return ResultCode::ParameterError;
    }
    if (!init.oneShot()) {
        const auto t2 = std::max(init.interPulseInterval().value(), kFirmwareMinIntervalUs);
        if (init.mainInterval().value() < pulsesPerGroup(start) * t2) {
            return ResultCode::ParameterError;
        }
    }
    return ResultCode::Ok;
}

} // namespace galvani::proto::sm2
