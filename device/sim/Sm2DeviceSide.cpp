// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/sim/Sm2DeviceSide.h"

#include "device/sim/CommandLog.h"
#include "device/sim/PulseShape.h"
#include "device/sim/SimText.h"
#include "device/sim/Sm2Text.h"
#include "device/sim/StimulatorModel.h"
#include "protocols/sciencemode2/ChannelListRules.h"

#include <variant>

namespace galvani::device::sim {

namespace sm2 = proto::sm2;

namespace {

core::Microseconds channelPeriod(const sm2::InitChannelListMode& init, int channel)
{
    const bool lowFrequency = (init.lowFrequencyChannels & sm2::channelBit(channel)) != 0;
    const auto t1 = init.mainInterval().value();
    return core::Microseconds(lowFrequency ? t1 * (1 + init.lowFrequencyFactor) : t1);
}

} // namespace

Sm2DeviceSide::Sm2DeviceSide(SimContext& context)
    : m_ctx(context), m_watchdog([this](std::chrono::milliseconds silent) { watchdogExpired(silent); }),
      m_paced(context.model, "host-paced pulses")
{
    m_ctx.out.setSwitchGap(kUnsolicitedGap);
    m_beaconTimer.setInterval(kBeaconInterval);
    QObject::connect(&m_beaconTimer, &QTimer::timeout, &m_beaconTimer, [this] { beacon(); });
}

void Sm2DeviceSide::linkUp()
{
    m_linkUp = true;
    if (!m_connected) {
        beacon();
        m_beaconTimer.start();
    }
}

void Sm2DeviceSide::beacon()
{
    sendUnsolicited(sm2::Init{}, OutgoingQueue::Tag::Beacon);
}

void Sm2DeviceSide::connect()
{
    m_connected = true;
    m_beaconTimer.stop();
    m_ctx.out.cancel(OutgoingQueue::Tag::Beacon);
    m_ctx.model.clearElectrodeErrors();
    m_ctx.model.setBaseState(SimState::Idle);
    m_watchdog.arm(m_ctx.config.effectiveWatchdog());
    m_ctx.model.log(
        "host connected (InitAck accepted); watchdog " + std::to_string(m_watchdog.period().count()) + " ms");
}

void Sm2DeviceSide::linkDown(StopCause cause, std::string_view detail)
{
    // Communication lost while connected: latched like the watchdog.
    m_ctx.model.stopAll(cause, detail, m_connected ? std::optional<SimState>(SimState::LatchedWatchdog) : std::nullopt);
    m_linkUp = false;
    m_beaconTimer.stop();
    m_watchdog.disarm();
    m_paced.reset();
    m_ctx.out.clear();
    m_codec = sm2::DeviceCodec{};
    m_mode = sm2::StimulationMode::Start;
    m_list.reset();
    m_connected = false;
}

void Sm2DeviceSide::receive(std::span<const std::uint8_t> bytes)
{
    m_events.clear();
    m_codec.feed(bytes, m_events);
    for (const auto& event : m_events) {
        if (const auto* received = std::get_if<sm2::ReceivedCommand>(&event)) {
            handle(*received);
        } else {
            handleReject(std::get<sm2::RejectedCommand>(event));
        }
    }
}

void Sm2DeviceSide::handleReject(const sm2::RejectedCommand& rejected)
{
    const auto& reject = rejected.reject;
    if (reject.transferValid && m_connected) {
        m_watchdog.kick(); // a valid transfer counts as host activity even when its content is refused
    }
    if (reject.reason == proto::RejectReason::FrameRestart || reject.reason == proto::RejectReason::NoStop) {
        return; // partial frames: nothing to answer, nothing worth a line each
    }
    const std::string name = reject.command ? sm2CommandName(*reject.command) : std::string("frame");
    m_ctx.commands.command(
        "reject", "rx " + name + " refused: " + std::string(proto::toString(reject.reason)), !reject.transferValid);
    if (reject.transferValid
        && (reject.reason == proto::RejectReason::DataLength || reject.reason == proto::RejectReason::FieldRange)) {
        m_ctx.model.recordViolation(name, std::string(proto::toString(reject.reason)));
    }
    if (rejected.reply) {
        reply(rejected.reply->packetNumber, rejected.reply->message);
    }
}

void Sm2DeviceSide::handle(const sm2::ReceivedCommand& received)
{
    const auto number = sm2::commandNumber(received.command);
    const bool routine = std::holds_alternative<sm2::Watchdog>(received.command)
        || std::holds_alternative<sm2::GetStimulationMode>(received.command);
    const auto details = describeSm2(received.command);
    m_ctx.commands.command(sm2CommandName(number),
        "rx " + sm2CommandName(number) + " pn " + std::to_string(received.packetNumber)
            + (details.empty() ? "" : ": " + details),
        routine);
    if (m_connected) {
        m_watchdog.kick();
    }
    const auto pn = received.packetNumber;
    std::visit(
        [&](const auto& c) {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, sm2::InitAck>) {
                if (!m_connected && c.result == ResultCode::Ok) {
                    connect();
                } else if (!m_connected) {
                    m_ctx.model.log(
                        "InitAck with result " + std::to_string(static_cast<int>(c.result)) + ": keep beaconing");
                }
            } else if constexpr (std::is_same_v<T, sm2::GetStimulationMode>) {
                reply(pn, sm2::GetStimulationModeAck{ResultCode::Ok, m_mode});
            } else if constexpr (std::is_same_v<T, sm2::InitChannelListMode>) {
                reply(pn, sm2::InitChannelListModeAck{initChannelList(c)});
            } else if constexpr (std::is_same_v<T, sm2::StartChannelListMode>) {
                reply(pn, sm2::StartChannelListModeAck{startChannelList(c)});
                checkFaults();
            } else if constexpr (std::is_same_v<T, sm2::StopChannelListMode>) {
                stopStimulation(
                    StopCause::HostStop, "StopChannelListMode", m_connected ? SimState::Idle : m_ctx.model.state());
                reply(pn, sm2::StopChannelListModeAck{ResultCode::Ok});
            } else if constexpr (std::is_same_v<T, sm2::SinglePulse>) {
                reply(pn, sm2::SinglePulseAck{singlePulse(c)});
                checkFaults();
            } else if constexpr (std::is_same_v<T, sm2::MotomedCommand>) {
                if (c.command == sm2::cmd::kGetMotomedMode) {
                    // No MOTOmed is fitted: result 0, mode FF.
                    reply(pn, sm2::MotomedMessage{sm2::cmd::kGetMotomedModeAck, {0x00, 0xFF}});
                }
            }
            // Watchdog: host activity only (already counted), never answered.
        },
        received.command);
}

Sm2DeviceSide::ResultCode Sm2DeviceSide::refuse(ResultCode code, std::uint8_t command, std::string reason)
{
    m_ctx.model.recordViolation(sm2CommandName(command), std::move(reason));
    return code;
}

Sm2DeviceSide::ResultCode Sm2DeviceSide::initChannelList(const sm2::InitChannelListMode& init)
{
    if (!m_connected) {
        return refuse(ResultCode::WrongMode, sm2::cmd::kInitChannelListMode, "no InitAck since power-up or watchdog");
    }
    if (m_mode == sm2::StimulationMode::Started) {
        return refuse(ResultCode::WrongMode, sm2::cmd::kInitChannelListMode, "stimulation running; stop first");
    }
    for (int ch = m_ctx.config.channels + 1; ch <= sm2::kChannels; ++ch) {
        if (((init.activeChannels | init.lowFrequencyChannels) & sm2::channelBit(ch)) != 0) {
            return refuse(ResultCode::ParameterError, sm2::cmd::kInitChannelListMode,
                "channel " + std::to_string(ch) + " is not fitted (channels 1.." + std::to_string(m_ctx.config.channels)
                    + ")");
        }
    }
    m_list = init;
    m_mode = sm2::StimulationMode::Initialized;
    m_paced.reset();
    m_ctx.model.setBaseState(SimState::Armed);
    return ResultCode::Ok;
}

Sm2DeviceSide::ResultCode Sm2DeviceSide::startChannelList(const sm2::StartChannelListMode& start)
{
    if (!m_connected || !m_list) {
        return refuse(ResultCode::WrongMode, sm2::cmd::kStartChannelListMode, "no InitChannelListMode in force");
    }
    if (sm2::checkDeviceChannelList(*m_list, start) != ResultCode::Ok) {
        return refuse(ResultCode::ParameterError, sm2::cmd::kStartChannelListMode,
            "entries do not match the active channels, or t1 < pulses per group x max(t2, 8 ms)");
    }
    m_mode = sm2::StimulationMode::Started;
    const auto name = sm2CommandName(sm2::cmd::kStartChannelListMode);
    std::size_t entry = 0;
    for (int ch = 1; ch <= sm2::kChannels; ++ch) {
        if ((m_list->activeChannels & sm2::channelBit(ch)) == 0) {
            continue;
        }
        const auto& e = start.entries[entry++];
        const auto shape
            = biphasicPulse(core::milliamps(e.currentMa), core::Microseconds(e.pulseWidthUs), kInterPhaseGap);
        if (m_list->oneShot()) {
            const auto pace = m_paced.pulse(ch);
            m_ctx.model.firePulse(ch, shape, pace, kCompliance, name);
        } else {
            m_ctx.model.runChannel(ch, shape, channelPeriod(*m_list, ch), 0, kCompliance, false, name);
        }
    }
    return ResultCode::Ok;
}

Sm2DeviceSide::ResultCode Sm2DeviceSide::singlePulse(const sm2::SinglePulse& pulse)
{
    if (!m_connected || m_mode != sm2::StimulationMode::Start) {
        return refuse(ResultCode::WrongMode, sm2::cmd::kSinglePulse,
            m_connected ? "only allowed in start mode" : "no InitAck since power-up or watchdog");
    }
    if (pulse.channel > m_ctx.config.channels) {
        return refuse(ResultCode::ParameterError, sm2::cmd::kSinglePulse,
            "channel " + std::to_string(pulse.channel) + " is not fitted");
    }
    const auto shape
        = biphasicPulse(core::milliamps(pulse.currentMa), core::Microseconds(pulse.pulseWidthUs), kInterPhaseGap);
    const auto pace = m_paced.pulse(pulse.channel);
    m_ctx.model.firePulse(pulse.channel, shape, pace, kCompliance, sm2CommandName(sm2::cmd::kSinglePulse));
    return ResultCode::Ok;
}

void Sm2DeviceSide::stopStimulation(StopCause cause, std::string_view detail, SimState next)
{
    m_ctx.model.stopAll(cause, detail, next);
    m_paced.reset();
    m_mode = sm2::StimulationMode::Start;
    m_list.reset();
}

void Sm2DeviceSide::channelFaultChanged(int /*channel*/)
{
    checkFaults();
}

void Sm2DeviceSide::checkFaults()
{
    for (int ch = 1; ch <= m_ctx.config.channels; ++ch) {
        const auto out = m_ctx.model.output(ch);
        if (!out.running || out.commanded.value() == 0) {
            continue;
        }
        const auto physics = m_ctx.model.physics(ch);
        // The RehaStim2 tests the skin resistance before every pulse, so lead-off is found at any
        // amplitude.
        if (physics.openElectrode()) {
            stimulationError(
                sm2::StimulationErrorCode::Electrode, ch, "electrode error on channel " + std::to_string(ch));
            return;
        }
        if (physics.overCurrent()) {
            stimulationError(
                sm2::StimulationErrorCode::StimulationModule, ch, "over-current on channel " + std::to_string(ch));
            return;
        }
    }
}

void Sm2DeviceSide::stimulationError(sm2::StimulationErrorCode code, int channel, const std::string& detail)
{
    m_ctx.model.log(
        "fault: " + detail + "; StimulationError " + std::to_string(static_cast<int>(code)) + ", back to start mode");
    if (code == sm2::StimulationErrorCode::Electrode) {
        m_ctx.model.setElectrodeError(channel, true);
    }
    stopStimulation(StopCause::Fault, detail, SimState::Idle);
    sendUnsolicited(sm2::StimulationError{code}, OutgoingQueue::Tag::None);
}

void Sm2DeviceSide::watchdogExpired(std::chrono::milliseconds silent)
{
    m_ctx.model.log("watchdog expired: host silent for " + std::to_string(silent.count()) + " ms (limit "
        + std::to_string(m_watchdog.period().count())
        + " ms); output latched off until the host connects and initializes again");
    m_connected = false;
    stopStimulation(
        StopCause::Watchdog, "host silent for " + std::to_string(silent.count()) + " ms", SimState::LatchedWatchdog);
    if (m_linkUp) {
        beacon();
        m_beaconTimer.start();
    }
}

void Sm2DeviceSide::reply(std::uint8_t packetNumber, const sm2::DeviceMessage& message)
{
    auto bytes = m_codec.encode(message, packetNumber);
    if (!bytes) {
        m_ctx.model.log("internal: reply not encodable: " + bytes.error().message());
        return;
    }
    m_ctx.out.send(std::move(bytes).value(), OutgoingQueue::Kind::Reply);
}

void Sm2DeviceSide::sendUnsolicited(const sm2::DeviceMessage& message, OutgoingQueue::Tag tag)
{
    if (!m_linkUp) {
        return;
    }
    auto encoded = m_codec.encodeUnsolicited(message);
    if (!encoded) {
        m_ctx.model.log("internal: message not encodable: " + encoded.error().message());
        return;
    }
    m_ctx.out.send(std::move(encoded.value().bytes), OutgoingQueue::Kind::Unsolicited, tag);
}

} // namespace galvani::device::sim
