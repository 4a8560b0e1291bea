// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/sim/Sm4MidLevel.h"

#include "device/sim/SimulatorConfig.h"
#include "device/sim/Sm4Text.h"
#include "device/sim/StimulatorModel.h"

namespace galvani::device::sim {

namespace sm4 = proto::sm4;

namespace {

std::size_t index(int channel)
{
    return static_cast<std::size_t>(channel - 1);
}

} // namespace

Sm4MidLevel::Sm4MidLevel(SimContext& context, Watchdog::Expired onWatchdog)
    : m_ctx(context), m_watchdog(std::move(onWatchdog))
{
}

void Sm4MidLevel::init(bool stopAllChannelsOnError)
{
    m_stopAllOnError = stopAllChannelsOnError;
    m_electrodeError.fill(false);
    m_ctx.model.clearElectrodeErrors();
    m_last.reset();
}

void Sm4MidLevel::leave()
{
    m_watchdog.disarm();
    m_last.reset();
}

sm4::ResultCode Sm4MidLevel::update(const sm4::MlUpdate& update)
{
    const auto name = sm4CommandName(sm4::toWire(sm4::CommandId::MlUpdate));
    for (int ch = m_ctx.config.channels + 1; ch <= static_cast<int>(update.channels.size()); ++ch) {
        if (update.channels[index(ch)]) {
            m_ctx.model.recordViolation(name,
                "channel " + std::to_string(ch) + " is not fitted (channels 1.." + std::to_string(m_ctx.config.channels)
                    + ")");
            return sm4::ResultCode::ParameterError;
        }
    }
    for (int ch = 1; ch <= m_ctx.config.channels; ++ch) {
        const auto& channel = update.channels[index(ch)];
        if (!channel) {
            m_ctx.model.stopChannel(ch, StopCause::HostStop, "left out of Ml_update");
            continue;
        }
        if (m_electrodeError[index(ch)]) {
            continue; // lead-off latched until the next Ml_init: the channel does not start again
        }
        const bool wasRunning = m_ctx.model.running(ch);
        m_ctx.model.runChannel(
            ch, sm4PulseShape(channel->points), channel->period, channel->ramp, kCompliance, !wasRunning, name);
    }
    m_last = update;
    m_watchdog.kick();
    updateWatchdog();
    return sm4::ResultCode::Ok;
}

void Sm4MidLevel::keepAlive()
{
    m_watchdog.kick();
}

bool Sm4MidLevel::anyRunning() const
{
    for (int ch = 1; ch <= m_ctx.config.channels; ++ch) {
        if (m_ctx.model.running(ch)) {
            return true;
        }
    }
    return false;
}

void Sm4MidLevel::updateWatchdog()
{
    // The real device times out only running stimulation (§3).
    if (anyRunning() && !m_watchdog.armed()) {
        m_watchdog.arm(m_ctx.config.effectiveWatchdog());
    } else if (!anyRunning()) {
        m_watchdog.disarm();
    }
}

int Sm4MidLevel::checkFaults()
{
    for (int ch = 1; ch <= m_ctx.config.channels; ++ch) {
        const auto out = m_ctx.model.output(ch);
        if (!out.running || out.commanded.value() == 0) {
            continue;
        }
        const auto physics = m_ctx.model.physics(ch);
        if (physics.overCurrent()) {
            return ch;
        }
        // Lead-off detection needs a test current of about 15 mA (§5, result 10); below that the
        // open channel simply delivers nothing.
        if (physics.openElectrode() && out.commanded >= kElectrodeDetection) {
            m_electrodeError[index(ch)] = true;
            m_ctx.model.setElectrodeError(ch, true);
            const std::string detail = "electrode error on channel " + std::to_string(ch);
            m_ctx.model.log("fault: " + detail + "; channel state 1");
            if (m_stopAllOnError) {
                m_ctx.model.stopAll(StopCause::Fault, detail + " (all channels stop, per Ml_init)");
            } else {
                m_ctx.model.stopChannel(ch, StopCause::Fault, detail);
            }
        }
    }
    updateWatchdog();
    return 0;
}

sm4::ElectrodeStatus Sm4MidLevel::groupStatus(int firstChannel) const
{
    sm4::ElectrodeStatus status;
    status.running = anyRunning();
    for (int i = 0; i < 4; ++i) {
        const int ch = firstChannel + i;
        if (ch <= m_ctx.config.channels && m_electrodeError[index(ch)]) {
            status.electrodeErrors = static_cast<std::uint8_t>(status.electrodeErrors | (1U << i));
        }
    }
    return status;
}

sm4::MlGetCurrentDataAck Sm4MidLevel::currentData(sm4::CurrentDataSelection selection) const
{
    sm4::MlGetCurrentDataAck ack;
    ack.selection = static_cast<std::uint8_t>(selection);
    switch (selection) {
    case sm4::CurrentDataSelection::FourChannelStatus:
        ack.body = sm4::FourChannelStatus{groupStatus(1)};
        break;
    case sm4::CurrentDataSelection::EightChannelStatus:
        ack.body = sm4::EightChannelStatus{groupStatus(1), groupStatus(5)};
        break;
    case sm4::CurrentDataSelection::ChannelStates: {
        sm4::ChannelStatesReport report;
        for (int ch = 1; ch <= m_ctx.config.channels; ++ch) {
            const auto out = m_ctx.model.output(ch);
            if (out.running) {
                report.runningMask = static_cast<std::uint8_t>(report.runningMask | (1U << index(ch)));
            }
            if (m_electrodeError[index(ch)]) {
                report.states[index(ch)] = sm4::ChannelState::ElectrodeError;
            } else if (out.running && out.lowCurrent) {
                report.states[index(ch)] = sm4::ChannelState::LowCurrent;
            }
        }
        ack.body = report;
        break;
    }
    }
    return ack;
}

} // namespace galvani::device::sim
