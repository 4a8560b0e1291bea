// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocols/sciencemode4/CommandCodec.h"

#include "protocols/sciencemode4/PulseCommandCodec.h"

// One check/write/read trio per request layout. Decoders first establish that the byte count matches
// the layout the frame's own counts describe (DataLength) and only then judge values (FieldRange), so
// the reason is the same whatever the values are.
namespace galvani::proto::sm4 {
namespace {

// ---- Ll_init -------------------------------------------------------------------------------------

std::optional<EncodeError> check(const LlInit& c, Variant v)
{
    const auto maxMeasurement = v == Variant::ScienceMode4 ? LlMeasurement::HighVoltageSource : LlMeasurement::None;
    if (c.measurement > maxMeasurement) {
        return EncodeError{"llInit.measurement", encodeErrorValue(c.measurement),
            v == Variant::ScienceMode4 ? "0..3" : "0 (ScienceMode3 has no measurement)"};
    }
    if (c.highVoltage > HighVoltageSetting::V150) {
        return EncodeError{"llInit.highVoltage", encodeErrorValue(c.highVoltage), "0..6"};
    }
    return std::nullopt;
}

void write(const LlInit& c, ByteWriter& out)
{
    out.u8(static_cast<std::uint8_t>(
        (static_cast<unsigned>(c.measurement) << 4U) | (static_cast<unsigned>(c.highVoltage) << 1U)));
}

Result<HostCommand, RejectReason> readLlInit(std::span<const std::uint8_t> data, Variant v)
{
    if (data.size() != 1) {
        return RejectReason::DataLength;
    }
    const unsigned b = data[0];
    const LlInit c{static_cast<LlMeasurement>((b >> 4U) & 0x7U), static_cast<HighVoltageSetting>((b >> 1U) & 0x7U)};
    if ((b & 0x81U) != 0 || check(c, v)) {
        return RejectReason::FieldRange;
    }
    return HostCommand{c};
}

// ---- Ml_init -------------------------------------------------------------------------------------

std::optional<EncodeError> check(const MlInit&, Variant)
{
    return std::nullopt;
}

void write(const MlInit& c, ByteWriter& out)
{
    out.u8(c.stopAllChannelsOnError ? 1 : 0);
}

Result<HostCommand, RejectReason> readMlInit(std::span<const std::uint8_t> data)
{
    if (data.size() != 1) {
        return RejectReason::DataLength;
    }
    if ((data[0] & 0xFEU) != 0) {
        return RejectReason::FieldRange;
    }
    return HostCommand{MlInit{data[0] == 1}};
}

// ---- Ll_channel_config, Ml_update (PulseCommandCodec.cpp) ----------------------------------------

std::optional<EncodeError> check(const LlChannelConfig& c, Variant v)
{
    return checkLlChannelConfig(c, v);
}

void write(const LlChannelConfig& c, ByteWriter& out)
{
    writeLlChannelConfig(c, out);
}

std::optional<EncodeError> check(const MlUpdate& c, Variant v)
{
    return checkMlUpdate(c, v);
}

void write(const MlUpdate& c, ByteWriter& out)
{
    writeMlUpdate(c, out);
}

// ---- Ml_get_current_data -------------------------------------------------------------------------

std::optional<EncodeError> check(const MlGetCurrentData& c, Variant v)
{
    const auto s = c.selection;
    const bool ok = v == Variant::ScienceMode4
        ? (s >= CurrentDataSelection::FourChannelStatus && s <= CurrentDataSelection::ChannelStates)
        : s == CurrentDataSelection::FourChannelStatus;
    if (!ok) {
        return EncodeError{"mlGetCurrentData.selection", encodeErrorValue(s),
            v == Variant::ScienceMode4 ? "2..4" : "2 (ScienceMode3)"};
    }
    return std::nullopt;
}

void write(const MlGetCurrentData& c, ByteWriter& out)
{
    out.u8(static_cast<std::uint8_t>(c.selection));
}

Result<HostCommand, RejectReason> readMlGetCurrentData(std::span<const std::uint8_t> data, Variant v)
{
    if (data.size() != 1) {
        return RejectReason::DataLength;
    }
    const MlGetCurrentData c{static_cast<CurrentDataSelection>(data[0])};
    if (check(c, v)) {
        return RejectReason::FieldRange;
    }
    return HostCommand{c};
}

// ---- Set_power -----------------------------------------------------------------------------------

// Modules 0..4 are the only ones the vendor names; setting others has no documented meaning.
constexpr std::uint64_t kKnownPowerModules = 0x1F;

std::optional<EncodeError> check(const SetPower& c, Variant)
{
    if ((c.modules & ~kKnownPowerModules) != 0) {
        return EncodeError{
            "setPower.modules", static_cast<std::int64_t>(c.modules & 0x7FFF'FFFF'FFFF'FFFFULL), "bits 0..4"};
    }
    return std::nullopt;
}

void write(const SetPower& c, ByteWriter& out)
{
    for (std::size_t k = 0; k < kPowerModuleBytes; ++k) {
        out.u8(static_cast<std::uint8_t>((c.modules >> (8 * k)) & 0xFFU));
    }
}

Result<HostCommand, RejectReason> readSetPower(std::span<const std::uint8_t> data)
{
    if (data.size() != kPowerModuleBytes) {
        return RejectReason::DataLength;
    }
    SetPower c;
    for (std::size_t k = 0; k < kPowerModuleBytes; ++k) {
        c.modules |= static_cast<std::uint64_t>(data[k]) << (8 * k);
    }
    if (check(c, Variant::ScienceMode4)) {
        return RejectReason::FieldRange;
    }
    return HostCommand{c};
}

// ---- requests without data -----------------------------------------------------------------------

template <CommandId Id>
std::optional<EncodeError> check(const EmptyRequest<Id>&, Variant)
{
    return std::nullopt;
}

template <CommandId Id>
void write(const EmptyRequest<Id>&, ByteWriter&)
{
}

template <typename T>
Result<HostCommand, RejectReason> readEmpty(std::span<const std::uint8_t> data)
{
    if (!data.empty()) {
        return RejectReason::DataLength;
    }
    return HostCommand{T{}};
}

} // namespace

bool isRequest(std::uint16_t command, Variant variant)
{
    switch (static_cast<CommandId>(command)) {
    case CommandId::LlInit:
    case CommandId::LlChannelConfig:
    case CommandId::LlStop:
    case CommandId::MlInit:
    case CommandId::MlUpdate:
    case CommandId::MlStop:
    case CommandId::MlGetCurrentData:
    case CommandId::GetVersionMain:
    case CommandId::GetDeviceId:
    case CommandId::GetBatteryStatus:
    case CommandId::SetPower:
    case CommandId::Reset:
    case CommandId::GetVersionStim:
    case CommandId::GetStimStatus:
    case CommandId::GetMainStatus:
        return true;
    case CommandId::GetExtendedVersion:
        return variant == Variant::ScienceMode4;
    default:
        return false;
    }
}

std::optional<EncodeError> checkCommand(const HostCommand& command, Variant variant)
{
    const std::uint16_t id = toWire(commandId(command));
    if (!isRequest(id, variant)) {
        return EncodeError{"command", id, "not available in ScienceMode3"};
    }
    return std::visit([variant](const auto& c) { return check(c, variant); }, command);
}

void writeCommandData(const HostCommand& command, ByteWriter& out)
{
    std::visit([&out](const auto& c) { write(c, out); }, command);
}

Result<HostCommand, RejectReason> readCommand(
    std::uint16_t command, std::span<const std::uint8_t> data, Variant variant)
{
    if (!isRequest(command, variant)) {
        return RejectReason::UnknownCommand;
    }
    switch (static_cast<CommandId>(command)) {
    case CommandId::LlInit:
        return readLlInit(data, variant);
    case CommandId::LlChannelConfig:
        return readLlChannelConfig(data, variant);
    case CommandId::LlStop:
        return readEmpty<LlStop>(data);
    case CommandId::MlInit:
        return readMlInit(data);
    case CommandId::MlUpdate:
        return readMlUpdate(data, variant);
    case CommandId::MlStop:
        return readEmpty<MlStop>(data);
    case CommandId::MlGetCurrentData:
        return readMlGetCurrentData(data, variant);
    case CommandId::GetVersionMain:
        return readEmpty<GetVersionMain>(data);
    case CommandId::GetDeviceId:
        return readEmpty<GetDeviceId>(data);
    case CommandId::GetBatteryStatus:
        return readEmpty<GetBatteryStatus>(data);
    case CommandId::SetPower:
        return readSetPower(data);
    case CommandId::Reset:
        return readEmpty<Reset>(data);
    case CommandId::GetVersionStim:
        return readEmpty<GetVersionStim>(data);
    case CommandId::GetStimStatus:
        return readEmpty<GetStimStatus>(data);
    case CommandId::GetMainStatus:
        return readEmpty<GetMainStatus>(data);
    case CommandId::GetExtendedVersion:
        return readEmpty<GetExtendedVersion>(data);
    default:
        return RejectReason::UnknownCommand;
    }
}

} // namespace galvani::proto::sm4
