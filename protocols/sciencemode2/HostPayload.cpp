// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocols/sciencemode2/HostPayload.h"

#include "protocols/common/ByteIo.h"

#include <optional>

namespace galvani::proto::sm2 {
namespace {

using Bytes = std::vector<std::uint8_t>;
using Encoded = Result<Bytes, EncodeError>;

// Pulse width and current as our host allows them: PW 0 (channel silent) or 20–500 µs, 0–130 mA.
std::optional<EncodeError> checkPulse(int pulseWidthUs, int currentMa)
{
    if (pulseWidthUs < 0 || pulseWidthUs > kMaxPulseWidthUs
        || (pulseWidthUs > 0 && pulseWidthUs < kMinNonZeroPulseWidthUs)) {
        return EncodeError{"pulseWidthUs", pulseWidthUs, "0 or 20..500 us"};
    }
    if (currentMa < 0 || currentMa > kMaxCurrentMa) {
        return EncodeError{"currentMa", currentMa, "0..130 mA"};
    }
    return std::nullopt;
}

Encoded encode(const InitAck& c)
{
    if (c.result != ResultCode::Ok && c.result != ResultCode::IncompatibleVersion) {
        return EncodeError{"result", static_cast<int>(c.result), "0 (ok) or -5 (incompatible version)"};
    }
    return Bytes{static_cast<std::uint8_t>(c.result)};
}

Encoded encode(const Watchdog&)
{
    return Bytes{};
}
Encoded encode(const GetStimulationMode&)
{
    return Bytes{};
}
Encoded encode(const StopChannelListMode&)
{
    return Bytes{};
}

Encoded encode(const InitChannelListMode& c)
{
    if (c.lowFrequencyFactor < 0 || c.lowFrequencyFactor > kMaxLowFrequencyFactor) {
        return EncodeError{"lowFrequencyFactor", c.lowFrequencyFactor, "0..7"};
    }
    if (c.activeChannels == 0) {
        return EncodeError{"activeChannels", 0, "at least one channel (mask 1..255)"};
    }
    if (c.interPulseIntervalCode < 0 || c.interPulseIntervalCode > kMaxInterPulseIntervalCode) {
        return EncodeError{"interPulseIntervalCode", c.interPulseIntervalCode, "0..255 (t2 1.5..129 ms)"};
    }
    if (c.mainIntervalCode < 0 || (c.mainIntervalCode > 0 && c.mainIntervalCode < kMinContinuousMainIntervalCode)
        || c.mainIntervalCode > kMaxMainIntervalCode) {
        return EncodeError{"mainIntervalCode", c.mainIntervalCode, "0 (one-shot) or 14..2048 (t1 8..1025 ms)"};
    }
    if (c.execution != ChannelExecution::FixedSlots && c.execution != ChannelExecution::AsFastAsPossible) {
        return EncodeError{"execution", static_cast<int>(c.execution), "0..1"};
    }
    ByteWriter w(7);
    w.u8(static_cast<std::uint8_t>(c.lowFrequencyFactor));
    w.u8(c.activeChannels);
    w.u8(c.lowFrequencyChannels);
    w.u8(static_cast<std::uint8_t>(c.interPulseIntervalCode));
    w.u16(static_cast<std::uint16_t>(c.mainIntervalCode));
    w.u8(static_cast<std::uint8_t>(c.execution));
    return w.take();
}

Encoded encode(const StartChannelListMode& c)
{
    if (c.entries.empty() || c.entries.size() > static_cast<std::size_t>(kChannels)) {
        return EncodeError{"entries", static_cast<std::int64_t>(c.entries.size()), "1..8 (one per active channel)"};
    }
    ByteWriter w(c.entries.size() * kEntryBytes);
    for (const auto& e : c.entries) {
        if (e.mode != PulseMode::Single && e.mode != PulseMode::Doublet && e.mode != PulseMode::Triplet) {
            return EncodeError{"mode", static_cast<int>(e.mode), "0..2 (single, doublet, triplet)"};
        }
        if (auto error = checkPulse(e.pulseWidthUs, e.currentMa)) {
            return *error;
        }
        w.u8(static_cast<std::uint8_t>(e.mode));
        w.u16(static_cast<std::uint16_t>(e.pulseWidthUs));
        w.u8(static_cast<std::uint8_t>(e.currentMa));
    }
    return w.take();
}

Encoded encode(const SinglePulse& c)
{
    if (c.channel < 1 || c.channel > kChannels) {
        return EncodeError{"channel", c.channel, "1..8"};
    }
    if (auto error = checkPulse(c.pulseWidthUs, c.currentMa)) {
        return *error;
    }
    ByteWriter w(4);
    w.u8(static_cast<std::uint8_t>(c.channel - 1));
    w.u16(static_cast<std::uint16_t>(c.pulseWidthUs));
    w.u8(static_cast<std::uint8_t>(c.currentMa));
    return w.take();
}

Encoded encode(const MotomedCommand& c)
{
    if (!isMotomedCommand(c.command)) {
        return EncodeError{"command", c.command, "12, 13 or 50..90 (MOTOmed)"};
    }
    if (c.data.size() > kMaxDataBytes) {
        return EncodeError{"dataBytes", static_cast<std::int64_t>(c.data.size()), "0..60"};
    }
    return c.data;
}

using Decoded = Result<HostCommand, RejectReason>;

Decoded decodeInitChannelListMode(std::span<const std::uint8_t> data)
{
    if (data.size() != 7) {
        return RejectReason::DataLength;
    }
    ByteReader r(data);
    InitChannelListMode c;
    c.lowFrequencyFactor = r.u8().value_or(0);
    c.activeChannels = r.u8().value_or(0);
    c.lowFrequencyChannels = r.u8().value_or(0);
    c.interPulseIntervalCode = r.u8().value_or(0);
    c.mainIntervalCode = r.u16().value_or(0);
    const auto execution = r.u8().value_or(0);
    // t2 codes are not range-checked here: real hosts send 0 with single pulses (§9.10); the t1 ≥
    // nPgr·max(t2, 8 ms) rule needs the StartChannelListMode that follows (ChannelListRules.h).
    if (r.failed() || c.lowFrequencyFactor > kMaxLowFrequencyFactor
        || (c.mainIntervalCode > 0 && c.mainIntervalCode < kMinContinuousMainIntervalCode)
        || c.mainIntervalCode > kMaxMainIntervalCode || execution > 1) {
        return RejectReason::FieldRange;
    }
    c.execution = static_cast<ChannelExecution>(execution);
    return HostCommand{c};
}

// Pulse width (u16 µs) and current (u8 mA) as the device accepts them: PW 0–500 (the firmware raises
// 1–19 to 20), current 0–130.
bool readPulse(ByteReader& r, int& pulseWidthUs, int& currentMa)
{
    const auto pw = r.u16();
    const auto current = r.u8();
    if (!pw || !current || *pw > kMaxPulseWidthUs || *current > kMaxCurrentMa) {
        return false;
    }
    pulseWidthUs = *pw;
    currentMa = *current;
    return true;
}

Decoded decodeStartChannelListMode(std::span<const std::uint8_t> data)
{
    if (data.empty() || data.size() % kEntryBytes != 0 || data.size() > kChannels * kEntryBytes) {
        return RejectReason::DataLength;
    }
    ByteReader r(data);
    StartChannelListMode c;
    c.entries.resize(data.size() / kEntryBytes);
    for (auto& e : c.entries) {
        const auto mode = r.u8();
        if (!mode || *mode > static_cast<std::uint8_t>(PulseMode::Triplet)
            || !readPulse(r, e.pulseWidthUs, e.currentMa)) {
            return RejectReason::FieldRange;
        }
        e.mode = static_cast<PulseMode>(*mode);
    }
    return HostCommand{std::move(c)};
}

Decoded decodeSinglePulse(std::span<const std::uint8_t> data)
{
    if (data.size() != 4) {
        return RejectReason::DataLength;
    }
    ByteReader r(data);
    SinglePulse c;
    const auto index = r.u8();
    if (!index || *index >= kChannels || !readPulse(r, c.pulseWidthUs, c.currentMa)) {
        return RejectReason::FieldRange;
    }
    c.channel = *index + 1;
    return HostCommand{c};
}

} // namespace

Result<std::vector<std::uint8_t>, EncodeError> encodeHostData(const HostCommand& command)
{
    return std::visit([](const auto& c) { return encode(c); }, command);
}

Result<HostCommand, RejectReason> decodeHostData(std::uint8_t command, std::span<const std::uint8_t> data)
{
    switch (command) {
    case cmd::kInitAck:
        if (data.size() != 1) {
            return RejectReason::DataLength;
        }
        // Any result is taken: the device treats everything but 0 as "keep beaconing" (§8).
        return HostCommand{InitAck{static_cast<ResultCode>(static_cast<std::int8_t>(data[0]))}};
    case cmd::kWatchdog:
        return data.empty() ? Decoded(HostCommand{Watchdog{}}) : Decoded(RejectReason::DataLength);
    case cmd::kGetStimulationMode:
        return data.empty() ? Decoded(HostCommand{GetStimulationMode{}}) : Decoded(RejectReason::DataLength);
    case cmd::kStopChannelListMode:
        return data.empty() ? Decoded(HostCommand{StopChannelListMode{}}) : Decoded(RejectReason::DataLength);
    case cmd::kInitChannelListMode:
        return decodeInitChannelListMode(data);
    case cmd::kStartChannelListMode:
        return decodeStartChannelListMode(data);
    case cmd::kSinglePulse:
        return decodeSinglePulse(data);
    default:
        break;
    }
    if (isMotomedCommand(command)) {
        // Carried opaque, but within the frame's limit of 0–60 data bytes (§2), as the encoders keep it.
        if (data.size() > kMaxDataBytes) {
            return RejectReason::DataLength;
        }
        return HostCommand{MotomedCommand{command, Bytes(data.begin(), data.end())}};
    }
    return RejectReason::UnknownCommand;
}

} // namespace galvani::proto::sm2
