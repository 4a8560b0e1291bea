// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocols/sciencemode2/Sm2Types.h"

#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

// Messages a RehaStim2 sends to the host (SCIENCEMODE2.md §3–§5). Plain values, copy freely.
// No SM2 message carries a measured current, voltage or impedance (§7).
namespace galvani::proto::sm2 {

// cmd 1: beacon every 500 ms while no host is connected.
struct Init {
    std::uint8_t protocolVersion = kProtocolVersion;
    friend bool operator==(const Init&, const Init&) = default;
};

// cmd 3: the device did not know the command byte of a valid frame (pn echoed).
struct UnknownCommand {
    std::uint8_t command = 0; // the command byte as received
    friend bool operator==(const UnknownCommand&, const UnknownCommand&) = default;
};

// cmd 11. mode is present exactly when result is Ok.
struct GetStimulationModeAck {
    ResultCode result = ResultCode::Ok;
    std::optional<StimulationMode> mode;
    friend bool operator==(const GetStimulationModeAck&, const GetStimulationModeAck&) = default;
};

// cmds 31, 33, 35, 37: result only.
struct InitChannelListModeAck {
    ResultCode result = ResultCode::Ok;
    friend bool operator==(const InitChannelListModeAck&, const InitChannelListModeAck&) = default;
};
struct StartChannelListModeAck {
    ResultCode result = ResultCode::Ok;
    friend bool operator==(const StartChannelListModeAck&, const StartChannelListModeAck&) = default;
};
struct StopChannelListModeAck {
    ResultCode result = ResultCode::Ok;
    friend bool operator==(const StopChannelListModeAck&, const StopChannelListModeAck&) = default;
};
struct SinglePulseAck {
    ResultCode result = ResultCode::Ok;
    friend bool operator==(const SinglePulseAck&, const SinglePulseAck&) = default;
};

// cmd 38: unsolicited; the device has stopped and is back in start mode. The host decoder delivers
// any code (an unknown code still means "stopped"); the device encoder only sends the three known ones.
struct StimulationError {
    StimulationErrorCode error = StimulationErrorCode::Electrode;
    friend bool operator==(const StimulationError&, const StimulationError&) = default;
};

// cmd 13 or 50–90: MOTOmed replies and reports, carried opaque ("unsupported" by our app).
struct MotomedMessage {
    std::uint8_t command = cmd::kGetMotomedModeAck;
    std::vector<std::uint8_t> data; // at most 60 bytes
    friend bool operator==(const MotomedMessage&, const MotomedMessage&) = default;
};

using DeviceMessage = std::variant<Init, UnknownCommand, GetStimulationModeAck, InitChannelListModeAck,
    StartChannelListModeAck, StopChannelListModeAck, SinglePulseAck, StimulationError, MotomedMessage>;

// The command number a DeviceMessage travels with.
[[nodiscard]] std::uint8_t commandNumber(const DeviceMessage& message);

// The ack the device owes for a host command number (10, 30, 32, 34, 36), carrying result (and, for
// GetStimulationMode with result Ok, the mode). nullopt for commands without an ack (2, 4, MOTOmed,
// unknown).
[[nodiscard]] std::optional<DeviceMessage> ackFor(
    std::uint8_t hostCommand, ResultCode result, std::optional<StimulationMode> mode = std::nullopt);

// True for result codes a stimulation ack (11, 31, 33, 35, 37) may carry: 0, −1, −2, −3, −8.
[[nodiscard]] constexpr bool isAckResult(ResultCode r)
{
    return r == ResultCode::Ok || r == ResultCode::TransferError || r == ResultCode::ParameterError
        || r == ResultCode::WrongMode || r == ResultCode::Busy;
}

} // namespace galvani::proto::sm2
