// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocols/sciencemode2/HostCommands.h"

#include <bit>

namespace galvani::proto::sm2 {

int InitChannelListMode::activeChannelCount() const
{
    return std::popcount(activeChannels);
}

std::optional<int> mainIntervalCodeFor(core::Microseconds t1)
{
    const auto us = t1.value() - 1000;
    if (us < 0 || us % 500 != 0 || us / 500 > kMaxMainIntervalCode) {
        return std::nullopt;
    }
    return static_cast<int>(us / 500);
}

std::optional<int> interPulseIntervalCodeFor(core::Microseconds t2)
{
    const auto us = t2.value() - 1500;
    if (us < 0 || us % 500 != 0 || us / 500 > kMaxInterPulseIntervalCode) {
        return std::nullopt;
    }
    return static_cast<int>(us / 500);
}

namespace {

struct HostCommandNumber {
    std::uint8_t operator()(const InitAck&) const { return cmd::kInitAck; }
    std::uint8_t operator()(const Watchdog&) const { return cmd::kWatchdog; }
    std::uint8_t operator()(const GetStimulationMode&) const { return cmd::kGetStimulationMode; }
    std::uint8_t operator()(const InitChannelListMode&) const { return cmd::kInitChannelListMode; }
    std::uint8_t operator()(const StartChannelListMode&) const { return cmd::kStartChannelListMode; }
    std::uint8_t operator()(const StopChannelListMode&) const { return cmd::kStopChannelListMode; }
    std::uint8_t operator()(const SinglePulse&) const { return cmd::kSinglePulse; }
    std::uint8_t operator()(const MotomedCommand& c) const { return c.command; }
};

} // namespace

std::uint8_t commandNumber(const HostCommand& command)
{
    return std::visit(HostCommandNumber{}, command);
}

} // namespace galvani::proto::sm2
