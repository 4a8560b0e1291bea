// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocols/sciencemode4/MessageCodec.h"

#include "protocols/sciencemode4/StimulationAckCodec.h"

// One check/write/read trio per message layout. As for requests, the byte count is judged before any
// value, so a reject reason does not depend on the values.
namespace galvani::proto::sm4 {
namespace {

void writeResult(ResultCode r, ByteWriter& out)
{
    out.u8(static_cast<std::uint8_t>(r));
}
ResultCode resultFrom(std::uint8_t b)
{
    return static_cast<ResultCode>(b);
}

void writeVersion(const Version& v, ByteWriter& out)
{
    out.u8(v.major);
    out.u8(v.minor);
    out.u8(v.revision);
}

Version readVersion(std::span<const std::uint8_t> b)
{
    return Version{b[0], b[1], b[2]};
}

// ---- messages carrying only a result --------------------------------------------------------------

template <CommandId Id>
std::optional<EncodeError> check(const ResultAck<Id>&, Variant)
{
    return std::nullopt;
}

template <CommandId Id>
void write(const ResultAck<Id>& m, Variant, ByteWriter& out)
{
    writeResult(m.result, out);
}

template <typename T>
Result<DeviceMessage, RejectReason> readResultOnly(std::span<const std::uint8_t> data)
{
    if (data.size() != 1) {
        return RejectReason::DataLength;
    }
    return DeviceMessage{T{resultFrom(data[0])}};
}

// ---- version acks (51, 61) -------------------------------------------------------------------------

template <CommandId Id>
std::optional<EncodeError> check(const VersionAck<Id>&, Variant)
{
    return std::nullopt;
}

template <CommandId Id>
void write(const VersionAck<Id>& m, Variant, ByteWriter& out)
{
    writeResult(m.result, out);
    writeVersion(m.firmware, out);
    writeVersion(m.scienceMode, out);
}

template <typename T>
Result<DeviceMessage, RejectReason> readVersionAck(std::span<const std::uint8_t> data)
{
    if (data.size() != 7) {
        return RejectReason::DataLength;
    }
    return DeviceMessage{T{resultFrom(data[0]), readVersion(data.subspan(1, 3)), readVersion(data.subspan(4, 3))}};
}

// ---- Get_device_id_ack -----------------------------------------------------------------------------

std::optional<EncodeError> check(const GetDeviceIdAck& m, Variant)
{
    for (const char ch : m.deviceId) {
        const auto b = static_cast<unsigned char>(ch);
        if (b > 0x7FU) {
            return EncodeError{"deviceId", b, "ASCII 0..127"};
        }
    }
    return std::nullopt;
}

void write(const GetDeviceIdAck& m, Variant, ByteWriter& out)
{
    writeResult(m.result, out);
    for (const char ch : m.deviceId) {
        out.u8(static_cast<std::uint8_t>(ch));
    }
}

Result<DeviceMessage, RejectReason> readDeviceIdAck(std::span<const std::uint8_t> data)
{
    if (data.size() != 1 + kDeviceIdBytes) {
        return RejectReason::DataLength;
    }
    GetDeviceIdAck m{resultFrom(data[0]), {}};
    for (std::size_t i = 0; i < kDeviceIdBytes; ++i) {
        m.deviceId[i] = static_cast<char>(data[1 + i]);
    }
    if (check(m, Variant::ScienceMode4)) {
        return RejectReason::FieldRange;
    }
    return DeviceMessage{m};
}

// ---- Get_battery_status_ack ------------------------------------------------------------------------

std::optional<EncodeError> check(const GetBatteryStatusAck& m, Variant)
{
    if (m.levelPercent > 100) {
        return EncodeError{"battery.level", m.levelPercent, "0..100 %"};
    }
    if (m.voltage.value() < 0 || m.voltage.value() > 0xFFFF) {
        return EncodeError{"battery.voltage", m.voltage.value(), "0..65535 mV"};
    }
    return std::nullopt;
}

void write(const GetBatteryStatusAck& m, Variant, ByteWriter& out)
{
    writeResult(m.result, out);
    out.u8(m.levelPercent);
    out.u16(static_cast<std::uint16_t>(m.voltage.value()));
}

Result<DeviceMessage, RejectReason> readBatteryAck(std::span<const std::uint8_t> data)
{
    if (data.size() != 4) {
        return RejectReason::DataLength;
    }
    ByteReader in(data.subspan(2));
    const GetBatteryStatusAck m{resultFrom(data[0]), data[1], core::Millivolts{in.u16().value_or(0)}};
    if (check(m, Variant::ScienceMode4)) {
        return RejectReason::FieldRange;
    }
    return DeviceMessage{m};
}

// ---- Get_stim_status_ack ---------------------------------------------------------------------------

std::optional<EncodeError> check(const GetStimStatusAck& m, Variant)
{
    if (m.status > StimStatus::MidLevelRunning) {
        return EncodeError{"stimStatus.status", encodeErrorValue(m.status), "0..3"};
    }
    if (m.highVoltage > HighVoltageLevel::V150) {
        return EncodeError{"stimStatus.highVoltage", encodeErrorValue(m.highVoltage), "0..6"};
    }
    return std::nullopt;
}

void write(const GetStimStatusAck& m, Variant, ByteWriter& out)
{
    writeResult(m.result, out);
    out.u8(static_cast<std::uint8_t>(m.status));
    out.u8(static_cast<std::uint8_t>(m.highVoltage));
}

Result<DeviceMessage, RejectReason> readStimStatusAck(std::span<const std::uint8_t> data)
{
    if (data.size() != 3) {
        return RejectReason::DataLength;
    }
    const GetStimStatusAck m{
        resultFrom(data[0]), static_cast<StimStatus>(data[1]), static_cast<HighVoltageLevel>(data[2])};
    if (check(m, Variant::ScienceMode4)) {
        return RejectReason::FieldRange;
    }
    return DeviceMessage{m};
}

// ---- Get_main_status_ack ---------------------------------------------------------------------------

std::optional<EncodeError> check(const GetMainStatusAck&, Variant)
{
    return std::nullopt;
}

void write(const GetMainStatusAck& m, Variant, ByteWriter& out)
{
    writeResult(m.result, out);
    out.u8(m.mainStatus);
}

Result<DeviceMessage, RejectReason> readMainStatusAck(std::span<const std::uint8_t> data)
{
    if (data.size() != 2) {
        return RejectReason::DataLength;
    }
    return DeviceMessage{GetMainStatusAck{resultFrom(data[0]), data[1]}};
}

// ---- Get_extended_version_ack ----------------------------------------------------------------------

std::optional<EncodeError> check(const GetExtendedVersionAck& m, Variant)
{
    if (m.hashType > HashType::ElfSha256) {
        return EncodeError{"extendedVersion.hashType", encodeErrorValue(m.hashType), "0..3"};
    }
    return std::nullopt;
}

void write(const GetExtendedVersionAck& m, Variant, ByteWriter& out)
{
    writeResult(m.result, out);
    writeVersion(m.firmware, out);
    writeVersion(m.scienceMode, out);
    out.u32(m.firmwareHash);
    out.u8(static_cast<std::uint8_t>(m.hashType));
    out.u8(m.hashValid ? 1 : 0);
}

Result<DeviceMessage, RejectReason> readExtendedVersionAck(std::span<const std::uint8_t> data)
{
    if (data.size() != 13) {
        return RejectReason::DataLength;
    }
    ByteReader in(data.subspan(7, 4));
    const GetExtendedVersionAck m{resultFrom(data[0]), readVersion(data.subspan(1, 3)), readVersion(data.subspan(4, 3)),
        in.u32().value_or(0), static_cast<HashType>(data[11]), data[12] == 1};
    if (data[12] > 1 || check(m, Variant::ScienceMode4)) {
        return RejectReason::FieldRange;
    }
    return DeviceMessage{m};
}

// ---- Ll_channel_config_ack, Ml_get_current_data_ack (StimulationAckCodec.cpp) --------------------

std::optional<EncodeError> check(const LlChannelConfigAck& m, Variant v)
{
    return checkLlChannelConfigAck(m, v);
}

void write(const LlChannelConfigAck& m, Variant v, ByteWriter& out)
{
    writeLlChannelConfigAck(m, v, out);
}

std::optional<EncodeError> check(const MlGetCurrentDataAck& m, Variant v)
{
    return checkCurrentDataAck(m, v);
}

void write(const MlGetCurrentDataAck& m, Variant, ByteWriter& out)
{
    writeCurrentDataAck(m, out);
}

} // namespace

bool isDeviceMessage(std::uint16_t command, Variant variant)
{
    switch (static_cast<CommandId>(command)) {
    case CommandId::LlInitAck:
    case CommandId::LlChannelConfigAck:
    case CommandId::LlStopAck:
    case CommandId::MlInitAck:
    case CommandId::MlUpdateAck:
    case CommandId::MlStopAck:
    case CommandId::MlGetCurrentDataAck:
    case CommandId::GetVersionMainAck:
    case CommandId::GetDeviceIdAck:
    case CommandId::GetBatteryStatusAck:
    case CommandId::SetPowerAck:
    case CommandId::ResetAck:
    case CommandId::GetVersionStimAck:
    case CommandId::GetStimStatusAck:
    case CommandId::GetMainStatusAck:
    case CommandId::GeneralError:
    case CommandId::UnknownCmd:
        return true;
    case CommandId::GetExtendedVersionAck:
        return variant == Variant::ScienceMode4;
    default:
        return false;
    }
}

std::optional<EncodeError> checkMessage(const DeviceMessage& message, Variant variant)
{
    const std::uint16_t id = toWire(commandId(message));
    if (!isDeviceMessage(id, variant)) {
        return EncodeError{"command", id, "not available in ScienceMode3"};
    }
    return std::visit([variant](const auto& m) { return check(m, variant); }, message);
}

void writeMessageData(const DeviceMessage& message, Variant variant, ByteWriter& out)
{
    std::visit([variant, &out](const auto& m) { write(m, variant, out); }, message);
}

Result<DeviceMessage, RejectReason> readMessage(
    std::uint16_t command, std::span<const std::uint8_t> data, Variant variant)
{
    if (!isDeviceMessage(command, variant)) {
        return RejectReason::UnknownCommand;
    }
    switch (static_cast<CommandId>(command)) {
    case CommandId::LlInitAck:
        return readResultOnly<LlInitAck>(data);
    case CommandId::LlChannelConfigAck:
        return readLlChannelConfigAck(data, variant);
    case CommandId::LlStopAck:
        return readResultOnly<LlStopAck>(data);
    case CommandId::MlInitAck:
        return readResultOnly<MlInitAck>(data);
    case CommandId::MlUpdateAck:
        return readResultOnly<MlUpdateAck>(data);
    case CommandId::MlStopAck:
        return readResultOnly<MlStopAck>(data);
    case CommandId::MlGetCurrentDataAck:
        return readCurrentDataAck(data, variant);
    case CommandId::GetVersionMainAck:
        return readVersionAck<GetVersionMainAck>(data);
    case CommandId::GetDeviceIdAck:
        return readDeviceIdAck(data);
    case CommandId::GetBatteryStatusAck:
        return readBatteryAck(data);
    case CommandId::SetPowerAck:
        return readResultOnly<SetPowerAck>(data);
    case CommandId::ResetAck:
        return readResultOnly<ResetAck>(data);
    case CommandId::GetVersionStimAck:
        return readVersionAck<GetVersionStimAck>(data);
    case CommandId::GetStimStatusAck:
        return readStimStatusAck(data);
    case CommandId::GetMainStatusAck:
        return readMainStatusAck(data);
    case CommandId::GeneralError:
        return readResultOnly<GeneralError>(data);
    case CommandId::UnknownCmd:
        return readResultOnly<UnknownCmd>(data);
    case CommandId::GetExtendedVersionAck:
        return readExtendedVersionAck(data);
    default:
        return RejectReason::UnknownCommand;
    }
}

} // namespace galvani::proto::sm4
