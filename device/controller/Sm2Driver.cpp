// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/controller/Sm2Driver.h"

#include "protocols/sciencemode2/Sm2Descriptor.h"

#include <algorithm>
#include <cmath>

namespace galvani::device {

namespace sm2 = proto::sm2;

namespace {

constexpr std::chrono::milliseconds kAckTimeout{150}; // SCIENCEMODE2.md §3.5 host rule
constexpr std::int64_t kMilliamp = 1000;

AckStatus statusOf(sm2::ResultCode result)
{
    switch (result) {
    case sm2::ResultCode::Ok:
        return AckStatus::Accepted;
    case sm2::ResultCode::TransferError:
    case sm2::ResultCode::Busy:
        return AckStatus::Retry;
    default:
        return AckStatus::Refused;
    }
}

QString resultText(sm2::ResultCode result)
{
    switch (result) {
    case sm2::ResultCode::Ok:
        return QStringLiteral("ok");
    case sm2::ResultCode::TransferError:
        return QStringLiteral("transfer error (CRC or length)");
    case sm2::ResultCode::ParameterError:
        return QStringLiteral("parameter error");
    case sm2::ResultCode::WrongMode:
        return QStringLiteral("wrong mode for this command");
    case sm2::ResultCode::Busy:
        return QStringLiteral("device busy");
    default:
        return QStringLiteral("result %1").arg(static_cast<int>(result));
    }
}

ev::DeviceError stimulationError(sm2::StimulationErrorCode code)
{
    switch (code) {
    case sm2::StimulationErrorCode::Electrode:
        return {0, FaultKind::ElectrodeError,
            QStringLiteral("The stimulator stopped: electrode error on one of the channels (it does not say which)."),
            QStringLiteral("Check that every pad is attached and every lead is plugged in.")};
    case sm2::StimulationErrorCode::EmergencySwitch:
        return {0, FaultKind::DeviceError,
            QStringLiteral("The stimulator stopped: emergency switch pressed or not connected."),
            QStringLiteral("Release the emergency switch and check that it is plugged in.")};
    case sm2::StimulationErrorCode::StimulationModule:
        return {0, FaultKind::DeviceError, QStringLiteral("The stimulator stopped: stimulation module error."),
            QStringLiteral("Switch the stimulator off and on; have it serviced if this repeats.")};
    }
    return {0, FaultKind::DeviceError,
        QStringLiteral("The stimulator stopped with error code %1.").arg(static_cast<int>(code)),
        QStringLiteral("Switch the stimulator off and on; have it serviced if this repeats.")};
}

} // namespace

Sm2Driver::Sm2Driver()
{
    const auto descriptor = sm2::descriptor();
    m_info.protocolId = std::string(descriptor.id);
    m_info.level = QStringLiteral("channel list mode");
    m_info.capabilities = descriptor.capabilities;
    m_info.measuresDeliveredCurrent = false;
    m_info.streamsPulses = false;
    m_info.waitsForBeacon = true;
    m_info.verifiesLostAcks = true;
    m_info.handshakeQueries = {Query::DeviceState};
    m_info.amplitudeGrid = core::Microamps(kMilliamp);
}

void Sm2Driver::reset()
{
    m_codec = sm2::HostCodec();
    m_plan.reset();
    m_expectedAck.fill(0);
    m_keepAlives = 0;
}

std::optional<int> Sm2Driver::mainIntervalCodeForRate(core::Hertz frequency)
{
    if (!(frequency.value() > 0.0) || !std::isfinite(frequency.value())) {
        return std::nullopt;
    }
    const double periodUs = 1e6 / frequency.value();
    const double code = std::ceil((periodUs - 1000.0) / 500.0 - 1e-9);
    if (code < sm2::kMinContinuousMainIntervalCode || code > sm2::kMaxMainIntervalCode) {
        return std::nullopt;
    }
    return static_cast<int>(code);
}

std::optional<QString> Sm2Driver::checkPlan(const StimulationPlan& plan) const
{
    if (plan.channels.empty()) {
        return QStringLiteral("the programme has no active channel");
    }
    const core::Hertz rate = plan.channels.front().train.frequency;
    for (const auto& c : plan.channels) {
        if (c.train.frequency != rate) {
            return QStringLiteral("ScienceMode2 runs all channels at one frequency; channel %1 asks %2 Hz, "
                                  "channel %3 asks %4 Hz")
                .arg(plan.channels.front().channel.index())
                .arg(rate.value())
                .arg(c.channel.index())
                .arg(c.train.frequency.value());
        }
        if (c.train.amplitude.value() % kMilliamp != 0) {
            return QStringLiteral("channel %1: amplitude %2 µA is not a whole mA (ScienceMode2 resolution)")
                .arg(c.channel.index())
                .arg(c.train.amplitude.value());
        }
    }
    const auto code = mainIntervalCodeForRate(rate);
    if (!code) {
        return QStringLiteral("frequency %1 Hz cannot be set on ScienceMode2 (main period 8..1025 ms)")
            .arg(rate.value());
    }
    // Each active channel takes a fixed 1.5 ms slot of the main period (§6).
    const auto t1Us = 1000 + 500 * static_cast<std::int64_t>(*code);
    if (static_cast<std::int64_t>(plan.channels.size()) * 1500 > t1Us) {
        return QStringLiteral("%1 channels at %2 Hz do not fit the ScienceMode2 main period")
            .arg(plan.channels.size())
            .arg(rate.value());
    }
    return std::nullopt;
}

std::uint32_t Sm2Driver::keyFor(std::uint8_t ackCommand, std::uint8_t packetNumber) const
{
    return (static_cast<std::uint32_t>(ackCommand) << 8U) | packetNumber;
}

EncodeOutcome Sm2Driver::send(const sm2::HostCommand& command, std::uint8_t ackCommand)
{
    auto encoded = m_codec.encodeNext(command);
    if (!encoded) {
        return DriverError{QString::fromStdString(encoded.error().message())};
    }
    auto& frame = encoded.value();
    Outgoing out;
    out.bytes = std::move(frame.bytes);
    out.timeout = kAckTimeout;
    m_expectedAck[frame.packetNumber] = ackCommand;
    if (ackCommand != 0) {
        out.replyKey = keyFor(ackCommand, frame.packetNumber);
    }
    return out;
}

EncodeOutcome Sm2Driver::encode(const Operation& operation)
{
    if (const auto* beacon = std::get_if<op::AcceptBeacon>(&operation)) {
        auto bytes = m_codec.encode(sm2::InitAck{sm2::ResultCode::Ok}, beacon->packetNumber);
        if (!bytes) {
            return DriverError{QString::fromStdString(bytes.error().message())};
        }
        return Outgoing{std::move(bytes).value(), std::nullopt, kAckTimeout};
    }
    if (const auto* ask = std::get_if<op::Ask>(&operation)) {
        if (ask->query != Query::DeviceState) {
            return NothingToSend{};
        }
        return send(sm2::GetStimulationMode{}, sm2::cmd::kGetStimulationModeAck);
    }
    if (const auto* configure = std::get_if<op::Configure>(&operation)) {
        if (auto problem = checkPlan(configure->plan)) {
            return DriverError{*problem};
        }
        sm2::InitChannelListMode init;
        for (const auto& c : configure->plan.channels) {
            init.activeChannels = static_cast<std::uint8_t>(init.activeChannels | sm2::channelBit(c.channel.index()));
        }
        init.mainIntervalCode = *mainIntervalCodeForRate(configure->plan.channels.front().train.frequency);
        init.interPulseIntervalCode = 0; // single pulses: t2 unused
        m_plan = configure->plan;
        return send(init, sm2::cmd::kInitChannelListModeAck);
    }
    if (const auto* apply = std::get_if<op::ApplyAmplitudes>(&operation)) {
        if (!m_plan) {
            return DriverError{QStringLiteral("no programme loaded")};
        }
        auto channels = m_plan->channels;
        std::sort(channels.begin(), channels.end(), [](const auto& a, const auto& b) { return a.channel < b.channel; });
        sm2::StartChannelListMode start;
        for (const auto& c : channels) {
            const auto amplitude = apply->amplitudes[c.channel.zeroBased()].value();
            if (amplitude % kMilliamp != 0) {
                return DriverError{QStringLiteral("amplitude %1 µA is not a whole mA").arg(amplitude)};
            }
            start.entries.push_back({sm2::PulseMode::Single, static_cast<int>(c.train.phaseWidth.value()),
                static_cast<int>(amplitude / kMilliamp)});
        }
        return send(start, sm2::cmd::kStartChannelListModeAck);
    }
    if (std::holds_alternative<op::KeepAlive>(operation)) {
        // Every second heartbeat asks the state: the Watchdog frame is never answered, and the host must
        // hear from the device well inside its 500 ms silence limit.
        if (m_keepAlives++ % 2 == 0) {
            return send(sm2::GetStimulationMode{}, sm2::cmd::kGetStimulationModeAck);
        }
        return send(sm2::Watchdog{}, 0);
    }
    if (std::holds_alternative<op::Stop>(operation)) {
        return send(sm2::StopChannelListMode{}, sm2::cmd::kStopChannelListModeAck);
    }
    return DriverError{QStringLiteral("ScienceMode2 repeats its channel list itself; single pulses are not streamed")};
}

void Sm2Driver::feed(std::span<const std::uint8_t> bytes, std::vector<DriverEvent>& out)
{
    std::vector<sm2::HostEvent> events;
    m_codec.feed(bytes, events);
    for (const auto& event : events) {
        if (const auto* reject = std::get_if<sm2::FrameReject>(&event)) {
            out.emplace_back(ev::Rejected{reject->reason});
        } else {
            decode(std::get<sm2::ReceivedMessage>(event), out);
        }
    }
}

void Sm2Driver::decode(const sm2::ReceivedMessage& received, std::vector<DriverEvent>& out)
{
    const std::uint8_t pn = received.packetNumber;
    const auto& message = received.message;
    const auto ack = [&](std::uint8_t ackCommand, sm2::ResultCode result) {
        out.emplace_back(ev::Ack{keyFor(ackCommand, pn), statusOf(result), resultText(result)});
    };
    if (std::holds_alternative<sm2::Init>(message)) {
        out.emplace_back(ev::Beacon{pn});
    } else if (const auto* unknown = std::get_if<sm2::UnknownCommand>(&message)) {
        if (m_expectedAck[pn] != 0) {
            out.emplace_back(ev::Ack{keyFor(m_expectedAck[pn], pn), AckStatus::Refused,
                QStringLiteral("the device does not know command %1").arg(unknown->command)});
        }
    } else if (const auto* mode = std::get_if<sm2::GetStimulationModeAck>(&message)) {
        if (mode->result == sm2::ResultCode::Ok && mode->mode) {
            ev::Status status;
            status.key = keyFor(sm2::cmd::kGetStimulationModeAck, pn);
            status.configured = *mode->mode != sm2::StimulationMode::Start;
            status.running = *mode->mode == sm2::StimulationMode::Started;
            out.emplace_back(status);
        }
        ack(sm2::cmd::kGetStimulationModeAck, mode->result);
    } else if (const auto* init = std::get_if<sm2::InitChannelListModeAck>(&message)) {
        ack(sm2::cmd::kInitChannelListModeAck, init->result);
    } else if (const auto* start = std::get_if<sm2::StartChannelListModeAck>(&message)) {
        ack(sm2::cmd::kStartChannelListModeAck, start->result);
    } else if (const auto* stop = std::get_if<sm2::StopChannelListModeAck>(&message)) {
        ack(sm2::cmd::kStopChannelListModeAck, stop->result);
    } else if (const auto* pulse = std::get_if<sm2::SinglePulseAck>(&message)) {
        ack(sm2::cmd::kSinglePulseAck, pulse->result);
    } else if (const auto* error = std::get_if<sm2::StimulationError>(&message)) {
        // The device is back in start mode and has dropped its channel list (§4.4).
        m_codec.forgetChannelList();
        out.emplace_back(stimulationError(error->error));
    }
    // MOTOmed traffic is not ours and is ignored.
}

bool Sm2Driver::tookEffect(const Operation& operation, const ev::Status& status) const
{
    if (std::holds_alternative<op::Configure>(operation)) {
        return status.configured.value_or(false) && !status.running.value_or(true);
    }
    if (std::holds_alternative<op::Stop>(operation)) {
        return !status.configured.value_or(true);
    }
    // Amplitudes are absolute: sending them again is always right.
    return false;
}

} // namespace galvani::device
