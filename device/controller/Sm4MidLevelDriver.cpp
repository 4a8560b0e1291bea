// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/controller/Sm4MidLevelDriver.h"

#include "protocols/sciencemode4/DutyCycle.h"

#include <cmath>

namespace galvani::device {

namespace sm4 = proto::sm4;

namespace {

FaultKind faultFor(sm4::ChannelState state)
{
    switch (state) {
    case sm4::ChannelState::ElectrodeError:
        return FaultKind::ElectrodeError;
    case sm4::ChannelState::LowCurrent:
        return FaultKind::LowCurrent;
    default:
        return FaultKind::DeviceError;
    }
}

} // namespace

Sm4MidLevelDriver::Sm4MidLevelDriver(sm4::Variant variant)
    : Sm4Driver(variant, QStringLiteral("mid level"), false, false)
{
}

std::variant<sm4::MlUpdate, QString> Sm4MidLevelDriver::buildUpdate(
    const StimulationPlan& plan, const AmplitudeSet& amplitudes) const
{
    const bool quarter = variant() == sm4::Variant::ScienceMode4;
    const std::int64_t grid = quarter ? sm4::kQuarterMsStepUs : sm4::kHalfMsStepUs;
    sm4::MlUpdate update;
    for (const auto& c : plan.channels) {
        const double hz = c.train.frequency.value();
        if (!(hz > 0.0) || !std::isfinite(hz)) {
            return QStringLiteral("channel %1: frequency must be positive").arg(c.channel.index());
        }
        // Round the period up to the grid: never a faster rate than the programme asks.
        const auto steps = static_cast<std::int64_t>(std::ceil(1e6 / hz / static_cast<double>(grid) - 1e-9));
        sm4::MlChannel channel;
        channel.ramp = 0;
        channel.period = core::Microseconds(steps * grid);
        channel.resolution
            = quarter ? sm4::PeriodResolution::QuarterMillisecond : sm4::PeriodResolution::HalfMillisecond;
        channel.points = sm4PulsePoints(c, amplitudes[c.channel.zeroBased()]);
        update.channels[c.channel.zeroBased()] = std::move(channel);
    }
    if (!sm4::satisfiesDutyRule(update)) {
        return QStringLiteral("the pulses of all channels do not fit their periods (mid-level duty rule)");
    }
    return update;
}

std::optional<QString> Sm4MidLevelDriver::checkPlan(const StimulationPlan& plan) const
{
    AmplitudeSet full{};
    for (const auto& c : plan.channels) {
        if (c.channel.index() < 1 || c.channel.index() > info().capabilities.channels) {
            return QStringLiteral("channel %1 does not exist on this device").arg(c.channel.index());
        }
        full[c.channel.zeroBased()] = c.train.amplitude;
    }
    auto update = buildUpdate(plan, full);
    if (const auto* problem = std::get_if<QString>(&update)) {
        return *problem;
    }
    // Let the encoder check every field at the full amplitude now, not halfway up a ramp.
    sm4::HostCodec probe(variant());
    auto frame = probe.encode(sm4::HostCommand{std::get<sm4::MlUpdate>(update)}, 0);
    if (!frame) {
        return QString::fromStdString(frame.error().message());
    }
    return std::nullopt;
}

std::optional<EncodeOutcome> Sm4MidLevelDriver::encodeLevel(const Operation& operation)
{
    if (const auto* configure = std::get_if<op::Configure>(&operation)) {
        if (auto problem = checkPlan(configure->plan)) {
            return DriverError{*problem};
        }
        m_plan = configure->plan;
        return send(sm4::MlInit{true}, kSm4AckTimeout);
    }
    if (const auto* apply = std::get_if<op::ApplyAmplitudes>(&operation)) {
        if (!m_plan) {
            return DriverError{QStringLiteral("no programme loaded")};
        }
        auto update = buildUpdate(*m_plan, apply->amplitudes);
        if (const auto* problem = std::get_if<QString>(&update)) {
            return DriverError{*problem};
        }
        return send(std::get<sm4::MlUpdate>(update), kSm4AckTimeout);
    }
    if (std::holds_alternative<op::KeepAlive>(operation) && deviceLevel() == Level::Mid) {
        const auto selection = variant() == sm4::Variant::ScienceMode4 ? sm4::CurrentDataSelection::ChannelStates
                                                                       : sm4::CurrentDataSelection::FourChannelStatus;
        return send(sm4::MlGetCurrentData{selection}, kSm4AckTimeout);
    }
    if (std::holds_alternative<op::Pulse>(operation)) {
        return DriverError{QStringLiteral("mid level repeats pulses itself; single pulses are not streamed")};
    }
    return std::nullopt;
}

bool Sm4MidLevelDriver::decodeLevel(std::uint8_t pn, const sm4::DeviceMessage& message, std::vector<DriverEvent>& out)
{
    if (const auto* init = std::get_if<sm4::MlInitAck>(&message)) {
        if (init->result == sm4::ResultCode::Ok) {
            setDeviceLevel(Level::Mid);
        }
        ack(sm4::CommandId::MlInitAck, pn, init->result, out);
        return true;
    }
    if (const auto* update = std::get_if<sm4::MlUpdateAck>(&message)) {
        ack(sm4::CommandId::MlUpdateAck, pn, update->result, out);
        return true;
    }
    if (const auto* data = std::get_if<sm4::MlGetCurrentDataAck>(&message)) {
        decodeCurrentData(pn, *data, out);
        return true;
    }
    return false;
}

void Sm4MidLevelDriver::decodeCurrentData(
    std::uint8_t pn, const sm4::MlGetCurrentDataAck& data, std::vector<DriverEvent>& out) const
{
    ev::Status status;
    status.key = keyFor(sm4::CommandId::MlGetCurrentDataAck, pn);
    if (data.result == sm4::ResultCode::NotInitialized) {
        // The level is gone (device reset or stopped it): the poll still did its job as a heartbeat.
        status.configured = false;
        status.running = false;
        out.emplace_back(status);
        ack(sm4::CommandId::MlGetCurrentDataAck, pn, sm4::ResultCode::Ok, out);
        return;
    }
    if (data.result == sm4::ResultCode::Ok) {
        status.configured = true;
        const auto electrodeBits = [&](const sm4::ElectrodeStatus& group, int firstChannel) {
            for (int bit = 0; bit < 4; ++bit) {
                if ((group.electrodeErrors & (1U << static_cast<unsigned>(bit))) != 0) {
                    out.emplace_back(channelIssue(firstChannel + bit, FaultKind::ElectrodeError));
                }
            }
        };
        if (const auto* states = std::get_if<sm4::ChannelStatesReport>(&data.body)) {
            status.running = states->runningMask != 0;
            status.runningMask = states->runningMask;
            for (std::size_t i = 0; i < states->states.size(); ++i) {
                if (states->states[i] != sm4::ChannelState::Ok) {
                    out.emplace_back(channelIssue(static_cast<int>(i) + 1, faultFor(states->states[i])));
                }
            }
        } else if (const auto* four = std::get_if<sm4::FourChannelStatus>(&data.body)) {
            status.running = four->channels1to4.running;
            electrodeBits(four->channels1to4, 1);
        } else if (const auto* eight = std::get_if<sm4::EightChannelStatus>(&data.body)) {
            status.running = eight->channels1to4.running || eight->channels5to8.running;
            electrodeBits(eight->channels1to4, 1);
            electrodeBits(eight->channels5to8, 5);
        }
        out.emplace_back(status);
    }
    ack(sm4::CommandId::MlGetCurrentDataAck, pn, data.result, out);
}

} // namespace galvani::device
