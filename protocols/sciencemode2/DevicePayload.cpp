// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocols/sciencemode2/DevicePayload.h"

namespace galvani::proto::sm2 {
namespace {

using Bytes = std::vector<std::uint8_t>;
using Encoded = Result<Bytes, EncodeError>;
using Decoded = Result<DeviceMessage, RejectReason>;

constexpr std::string_view kAckResults = "0, -1, -2, -3 or -8";

std::uint8_t wire(ResultCode r)
{
    return static_cast<std::uint8_t>(r);
}
ResultCode resultOf(std::uint8_t b)
{
    return static_cast<ResultCode>(static_cast<std::int8_t>(b));
}

Encoded encodeAck(ResultCode result)
{
    if (!isAckResult(result)) {
        return EncodeError{"result", static_cast<int>(result), kAckResults};
    }
    return Bytes{wire(result)};
}

Encoded encode(const Init& m)
{
    return Bytes{m.protocolVersion};
}
Encoded encode(const UnknownCommand& m)
{
    return Bytes{m.command};
}
Encoded encode(const InitChannelListModeAck& m)
{
    return encodeAck(m.result);
}
Encoded encode(const StartChannelListModeAck& m)
{
    return encodeAck(m.result);
}
Encoded encode(const StopChannelListModeAck& m)
{
    return encodeAck(m.result);
}
Encoded encode(const SinglePulseAck& m)
{
    return encodeAck(m.result);
}

Encoded encode(const GetStimulationModeAck& m)
{
    if (!isAckResult(m.result)) {
        return EncodeError{"result", static_cast<int>(m.result), kAckResults};
    }
    if (m.result != ResultCode::Ok) {
        if (m.mode) {
            return EncodeError{"mode", static_cast<int>(*m.mode), "absent unless result is 0"};
        }
        return Bytes{wire(m.result)};
    }
    if (!m.mode || static_cast<std::uint8_t>(*m.mode) > static_cast<std::uint8_t>(StimulationMode::Started)) {
        return EncodeError{"mode", m.mode ? static_cast<int>(*m.mode) : -1, "0..2, present when result is 0"};
    }
    return Bytes{wire(m.result), static_cast<std::uint8_t>(*m.mode)};
}

Encoded encode(const StimulationError& m)
{
    if (m.error != StimulationErrorCode::EmergencySwitch && m.error != StimulationErrorCode::Electrode
        && m.error != StimulationErrorCode::StimulationModule) {
        return EncodeError{"error", static_cast<int>(m.error), "-1, -2 or -3"};
    }
    return Bytes{static_cast<std::uint8_t>(m.error)};
}

Encoded encode(const MotomedMessage& m)
{
    if (!isMotomedCommand(m.command)) {
        return EncodeError{"command", m.command, "12, 13 or 50..90 (MOTOmed)"};
    }
    if (m.data.size() > kMaxDataBytes) {
        return EncodeError{"dataBytes", static_cast<std::int64_t>(m.data.size()), "0..60"};
    }
    return m.data;
}

// Acks with a result byte only.
template <typename Ack>
Decoded decodeAck(std::span<const std::uint8_t> data)
{
    if (data.size() != 1) {
        return RejectReason::DataLength;
    }
    const auto result = resultOf(data[0]);
    if (!isAckResult(result)) {
        return RejectReason::FieldRange;
    }
    return DeviceMessage{Ack{result}};
}

Decoded decodeStimulationModeAck(std::span<const std::uint8_t> data)
{
    if (data.empty()) {
        return RejectReason::DataLength;
    }
    const auto result = resultOf(data[0]);
    if (!isAckResult(result)) {
        return RejectReason::FieldRange;
    }
    // The mode byte is there exactly when the result is ok (§4).
    if (data.size() != (result == ResultCode::Ok ? 2U : 1U)) {
        return RejectReason::DataLength;
    }
    GetStimulationModeAck m{result, std::nullopt};
    if (result == ResultCode::Ok) {
        if (data[1] > static_cast<std::uint8_t>(StimulationMode::Started)) {
            return RejectReason::FieldRange;
        }
        m.mode = static_cast<StimulationMode>(data[1]);
    }
    return DeviceMessage{m};
}

} // namespace

Result<std::vector<std::uint8_t>, EncodeError> encodeDeviceData(const DeviceMessage& message)
{
    return std::visit([](const auto& m) { return encode(m); }, message);
}

Result<DeviceMessage, RejectReason> decodeDeviceData(std::uint8_t command, std::span<const std::uint8_t> data)
{
    switch (command) {
    case cmd::kInit:
        // Any version is delivered: the host must be able to answer an unknown one with −5.
        return data.size() == 1 ? Decoded(DeviceMessage{Init{data[0]}}) : Decoded(RejectReason::DataLength);
    case cmd::kUnknownCommand:
        return data.size() == 1 ? Decoded(DeviceMessage{UnknownCommand{data[0]}}) : Decoded(RejectReason::DataLength);
    case cmd::kGetStimulationModeAck:
        return decodeStimulationModeAck(data);
    case cmd::kInitChannelListModeAck:
        return decodeAck<InitChannelListModeAck>(data);
    case cmd::kStartChannelListModeAck:
        return decodeAck<StartChannelListModeAck>(data);
    case cmd::kStopChannelListModeAck:
        return decodeAck<StopChannelListModeAck>(data);
    case cmd::kSinglePulseAck:
        return decodeAck<SinglePulseAck>(data);
    case cmd::kStimulationError:
        // Every code is delivered: whatever the reason, the device has stopped, and dropping the
        // report would leave the host believing it still stimulates.
        if (data.size() != 1) {
            return RejectReason::DataLength;
        }
        return DeviceMessage{StimulationError{static_cast<StimulationErrorCode>(static_cast<std::int8_t>(data[0]))}};
    default:
        break;
    }
    if (isMotomedCommand(command)) {
        // Carried opaque, but within the frame's limit of 0–60 data bytes (§2), as the encoders keep it.
        if (data.size() > kMaxDataBytes) {
            return RejectReason::DataLength;
        }
        return DeviceMessage{MotomedMessage{command, Bytes(data.begin(), data.end())}};
    }
    return RejectReason::UnknownCommand;
}

} // namespace galvani::proto::sm2
