// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/sim/Sm4Text.h"

#include "device/sim/SimText.h"

namespace galvani::device::sim {
namespace {

namespace sm4 = proto::sm4;

struct DescribeSm4 {
    std::string operator()(const sm4::LlInit& c) const
    {
        return "measurement " + std::to_string(static_cast<int>(c.measurement)) + ", high voltage setting "
            + std::to_string(static_cast<int>(c.highVoltage));
    }
    std::string operator()(const sm4::LlChannelConfig& c) const
    {
        const int output = static_cast<int>(c.connector) * 4 + c.channel + 1;
        if (!c.enable) {
            return "ch" + std::to_string(output) + " disabled";
        }
        return "ch" + std::to_string(output) + " " + describePulse(sm4PulseShape(c.points), core::Microseconds(0))
            + ", " + std::to_string(c.points.size()) + " points";
    }
    std::string operator()(const sm4::MlInit& c) const
    {
        return c.stopAllChannelsOnError ? "stop all channels on error" : "stop only the failing channel";
    }
    std::string operator()(const sm4::MlUpdate& c) const
    {
        std::string text;
        for (std::size_t i = 0; i < c.channels.size(); ++i) {
            if (const auto& ch = c.channels[i]) {
                text += (text.empty() ? "ch" : "; ch") + std::to_string(i + 1) + " "
                    + describePulse(sm4PulseShape(ch->points), ch->period);
                if (ch->ramp > 0) {
                    text += " ramp " + std::to_string(ch->ramp);
                }
            }
        }
        return text.empty() ? std::string("no channel enabled") : text;
    }
    std::string operator()(const sm4::MlGetCurrentData& c) const
    {
        return "selection " + std::to_string(static_cast<int>(c.selection));
    }
    std::string operator()(const sm4::SetPower& c) const { return "modules " + std::to_string(c.modules); }
    template <sm4::CommandId Id>
    std::string operator()(const sm4::EmptyRequest<Id>&) const
    {
        return {};
    }
};

} // namespace

std::string sm4CommandName(std::uint16_t command)
{
    std::string_view name;
    switch (static_cast<sm4::CommandId>(command)) {
    case sm4::CommandId::LlInit:
        name = "Ll_init";
        break;
    case sm4::CommandId::LlChannelConfig:
        name = "Ll_channel_config";
        break;
    case sm4::CommandId::LlStop:
        name = "Ll_stop";
        break;
    case sm4::CommandId::MlInit:
        name = "Ml_init";
        break;
    case sm4::CommandId::MlUpdate:
        name = "Ml_update";
        break;
    case sm4::CommandId::MlStop:
        name = "Ml_stop";
        break;
    case sm4::CommandId::MlGetCurrentData:
        name = "Ml_get_current_data";
        break;
    case sm4::CommandId::GetVersionMain:
        name = "Get_version_main";
        break;
    case sm4::CommandId::GetDeviceId:
        name = "Get_device_id";
        break;
    case sm4::CommandId::GetBatteryStatus:
        name = "Get_battery_status";
        break;
    case sm4::CommandId::SetPower:
        name = "Set_power";
        break;
    case sm4::CommandId::Reset:
        name = "Reset";
        break;
    case sm4::CommandId::GetVersionStim:
        name = "Get_version_stim";
        break;
    case sm4::CommandId::GetStimStatus:
        name = "Get_stim_status";
        break;
    case sm4::CommandId::GetMainStatus:
        name = "Get_main_status";
        break;
    case sm4::CommandId::GetExtendedVersion:
        name = "Get_extended_version";
        break;
    default:
        break;
    }
    if (name.empty()) {
        return "command " + std::to_string(command);
    }
    return std::string(name) + " (" + std::to_string(command) + ")";
}

std::string describeSm4(const sm4::HostCommand& command)
{
    return std::visit(DescribeSm4{}, command);
}

PulseShape sm4PulseShape(const std::vector<sm4::Point>& points)
{
    PulseShape shape;
    for (const auto& p : points) {
        shape.push_back({p.duration, p.current});
    }
    return shape;
}

} // namespace galvani::device::sim
