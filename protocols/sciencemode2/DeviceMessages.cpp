// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocols/sciencemode2/DeviceMessages.h"

namespace galvani::proto::sm2 {
namespace {

struct DeviceCommandNumber {
    std::uint8_t operator()(const Init&) const { return cmd::kInit; }
    std::uint8_t operator()(const UnknownCommand&) const { return cmd::kUnknownCommand; }
    std::uint8_t operator()(const GetStimulationModeAck&) const { return cmd::kGetStimulationModeAck; }
    std::uint8_t operator()(const InitChannelListModeAck&) const { return cmd::kInitChannelListModeAck; }
    std::uint8_t operator()(const StartChannelListModeAck&) const { return cmd::kStartChannelListModeAck; }
    std::uint8_t operator()(const StopChannelListModeAck&) const { return cmd::kStopChannelListModeAck; }
    std::uint8_t operator()(const SinglePulseAck&) const { return cmd::kSinglePulseAck; }
    std::uint8_t operator()(const StimulationError&) const { return cmd::kStimulationError; }
    std::uint8_t operator()(const MotomedMessage& m) const { return m.command; }
};

} // namespace

std::uint8_t commandNumber(const DeviceMessage& message)
{
    return std::visit(DeviceCommandNumber{}, message);
}

std::optional<DeviceMessage> ackFor(std::uint8_t hostCommand, ResultCode result, std::optional<StimulationMode> mode)
{
    switch (hostCommand) {
    case cmd::kGetStimulationMode:
        return DeviceMessage{
            GetStimulationModeAck{result, result == ResultCode::Ok ? mode : std::optional<StimulationMode>{}}};
    case cmd::kInitChannelListMode:
        return DeviceMessage{InitChannelListModeAck{result}};
    case cmd::kStartChannelListMode:
        return DeviceMessage{StartChannelListModeAck{result}};
    case cmd::kStopChannelListMode:
        return DeviceMessage{StopChannelListModeAck{result}};
    case cmd::kSinglePulse:
        return DeviceMessage{SinglePulseAck{result}};
    default:
        return std::nullopt;
    }
}

} // namespace galvani::proto::sm2
