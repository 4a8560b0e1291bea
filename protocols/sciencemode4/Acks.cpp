// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocols/sciencemode4/Acks.h"

#include "protocols/sciencemode4/CommandCodec.h"

namespace galvani::proto::sm4 {
namespace {

MlGetCurrentDataAck zeroFilledCurrentData(ResultCode result, std::uint8_t selection, Variant variant)
{
    MlGetCurrentDataAck ack{result, selection, {}};
    const bool sm4 = variant == Variant::ScienceMode4;
    switch (selection) {
    case static_cast<std::uint8_t>(CurrentDataSelection::FourChannelStatus):
        ack.body = FourChannelStatus{};
        break;
    case static_cast<std::uint8_t>(CurrentDataSelection::EightChannelStatus):
        if (sm4) {
            ack.body = EightChannelStatus{};
        }
        break;
    case static_cast<std::uint8_t>(CurrentDataSelection::ChannelStates):
        if (sm4) {
            ack.body = ChannelStatesReport{};
        }
        break;
    default:
        break;
    }
    return ack;
}

} // namespace

std::optional<DeviceMessage> zeroFilledAck(
    std::uint16_t request, ResultCode result, std::optional<std::uint8_t> selection, Variant variant)
{
    if (!isRequest(request, variant)) {
        return std::nullopt;
    }
    // Every request's ack number is the request number + 1 (§4).
    switch (static_cast<CommandId>(request + 1)) {
    case CommandId::LlInitAck:
        return LlInitAck{result};
    case CommandId::LlChannelConfigAck:
        return LlChannelConfigAck{result, 0, Connector::Yellow, LlMeasurement::None, {}, {}};
    case CommandId::LlStopAck:
        return LlStopAck{result};
    case CommandId::MlInitAck:
        return MlInitAck{result};
    case CommandId::MlUpdateAck:
        return MlUpdateAck{result};
    case CommandId::MlStopAck:
        return MlStopAck{result};
    case CommandId::MlGetCurrentDataAck:
        return zeroFilledCurrentData(result, selection.value_or(0), variant);
    case CommandId::GetVersionMainAck:
        return GetVersionMainAck{result, {}, {}};
    case CommandId::GetDeviceIdAck:
        return GetDeviceIdAck{result, {}};
    case CommandId::GetBatteryStatusAck:
        return GetBatteryStatusAck{result, 0, core::Millivolts{0}};
    case CommandId::SetPowerAck:
        return SetPowerAck{result};
    case CommandId::ResetAck:
        return ResetAck{result};
    case CommandId::GetVersionStimAck:
        return GetVersionStimAck{result, {}, {}};
    case CommandId::GetStimStatusAck:
        return GetStimStatusAck{result, StimStatus::None, HighVoltageLevel::Default};
    case CommandId::GetMainStatusAck:
        return GetMainStatusAck{result, 0};
    case CommandId::GetExtendedVersionAck:
        return GetExtendedVersionAck{result, {}, {}, 0, HashType::None, false};
    default:
        return std::nullopt;
    }
}

DeviceMessage zeroFilledAck(const HostCommand& request, ResultCode result, Variant variant)
{
    std::optional<std::uint8_t> selection;
    if (const auto* poll = std::get_if<MlGetCurrentData>(&request)) {
        selection = static_cast<std::uint8_t>(poll->selection);
    }
    // A decoded request is always a request of some variant; ScienceMode4 knows them all.
    const std::uint16_t id = toWire(commandId(request));
    if (auto ack = zeroFilledAck(id, result, selection, variant)) {
        return std::move(*ack);
    }
    return *zeroFilledAck(id, result, selection, Variant::ScienceMode4);
}

} // namespace galvani::proto::sm4
