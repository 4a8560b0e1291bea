// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/sim/Sm2Text.h"

#include "device/sim/SimText.h"

namespace galvani::device::sim {
namespace {

namespace sm2 = proto::sm2;

std::string channelList(std::uint8_t mask)
{
    std::string out;
    for (int ch = 1; ch <= sm2::kChannels; ++ch) {
        if ((mask & sm2::channelBit(ch)) != 0) {
            out += (out.empty() ? "" : ",") + std::to_string(ch);
        }
    }
    return out.empty() ? std::string("none") : out;
}

std::string_view modeName(sm2::PulseMode mode)
{
    switch (mode) {
    case sm2::PulseMode::Single:
        return "single";
    case sm2::PulseMode::Doublet:
        return "doublet";
    case sm2::PulseMode::Triplet:
        return "triplet";
    }
    return "single";
}

struct DescribeSm2 {
    std::string operator()(const sm2::InitAck& c) const
    {
        return "result " + std::to_string(static_cast<int>(c.result));
    }
    std::string operator()(const sm2::Watchdog&) const { return {}; }
    std::string operator()(const sm2::GetStimulationMode&) const { return {}; }
    std::string operator()(const sm2::InitChannelListMode& c) const
    {
        std::string text = "channels " + channelList(c.activeChannels);
        if (c.lowFrequencyChannels != 0) {
            text += " (low-frequency " + channelList(c.lowFrequencyChannels) + ", factor "
                + std::to_string(c.lowFrequencyFactor) + ")";
        }
        text += c.oneShot() ? ", one-shot" : ", t1 " + formatDuration(c.mainInterval());
        text += ", t2 " + formatDuration(c.interPulseInterval());
        return text;
    }
    std::string operator()(const sm2::StartChannelListMode& c) const
    {
        std::string text;
        for (const auto& e : c.entries) {
            text += (text.empty() ? "" : "; ") + std::string(modeName(e.mode)) + " " + std::to_string(e.currentMa)
                + " mA " + std::to_string(e.pulseWidthUs) + " us";
        }
        return text;
    }
    std::string operator()(const sm2::StopChannelListMode&) const { return {}; }
    std::string operator()(const sm2::SinglePulse& c) const
    {
        return "ch" + std::to_string(c.channel) + " " + std::to_string(c.currentMa) + " mA "
            + std::to_string(c.pulseWidthUs) + " us";
    }
    std::string operator()(const sm2::MotomedCommand& c) const
    {
        return std::to_string(c.data.size()) + " data bytes (MOTOmed, not fitted)";
    }
};

} // namespace

std::string sm2CommandName(std::uint8_t command)
{
    std::string_view name;
    switch (command) {
    case sm2::cmd::kInitAck:
        name = "InitAck";
        break;
    case sm2::cmd::kWatchdog:
        name = "Watchdog";
        break;
    case sm2::cmd::kGetStimulationMode:
        name = "GetStimulationMode";
        break;
    case sm2::cmd::kInitChannelListMode:
        name = "InitChannelListMode";
        break;
    case sm2::cmd::kStartChannelListMode:
        name = "StartChannelListMode";
        break;
    case sm2::cmd::kStopChannelListMode:
        name = "StopChannelListMode";
        break;
    case sm2::cmd::kSinglePulse:
        name = "SinglePulse";
        break;
    default:
        break;
    }
    if (name.empty()) {
        return (sm2::isMotomedCommand(command) ? "MOTOmed command " : "command ") + std::to_string(command);
    }
    return std::string(name) + " (" + std::to_string(command) + ")";
}

std::string describeSm2(const sm2::HostCommand& command)
{
    return std::visit(DescribeSm2{}, command);
}

} // namespace galvani::device::sim
