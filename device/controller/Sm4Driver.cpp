// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/controller/Sm4Driver.h"

#include "protocols/sciencemode4/Sm4Descriptor.h"

#include <cmath>

namespace galvani::device {

namespace sm4 = proto::sm4;

namespace {

QString versionText(const sm4::Version& v)
{
    return QStringLiteral("%1.%2.%3").arg(v.major).arg(v.minor).arg(v.revision);
}

} // namespace

Sm4Output sm4Output(int output)
{
    const int index = output - 1;
    return {index >= sm4::kChannelsPerConnector ? sm4::Connector::Green : sm4::Connector::Yellow,
        static_cast<std::uint8_t>(index % sm4::kChannelsPerConnector)};
}

std::vector<sm4::Point> sm4PulsePoints(const core::ChannelProgram& program, core::Microamps amplitude)
{
    const auto& train = program.train;
    std::vector<sm4::Point> points;
    points.push_back({train.phaseWidth, amplitude, sm4::Interpolation::Jump});
    if (train.waveform.kind() == core::WaveformKind::Monophasic) {
        return points;
    }
    if (train.interphaseGap.value() > 0) {
        points.push_back({train.interphaseGap, core::Microamps(0), sm4::Interpolation::Jump});
    }
    if (train.waveform.kind() == core::WaveformKind::AsymmetricBiphasic) {
        const auto second = train.waveform.secondPhase();
        const double scaled = static_cast<double>(amplitude.value())
            * static_cast<double>(second.amplitudeRatio.value()) / 1000.0 / static_cast<double>(sm4::kCurrentStepUa);
        const auto steps = static_cast<std::int64_t>(std::llround(scaled));
        points.push_back({second.width, core::Microamps(-steps * sm4::kCurrentStepUa), sm4::Interpolation::Jump});
    } else {
        points.push_back({train.phaseWidth, -amplitude, sm4::Interpolation::Jump});
    }
    return points;
}

ev::ChannelIssue Sm4Driver::channelIssue(int channel, FaultKind kind)
{
    switch (kind) {
    case FaultKind::ElectrodeError:
        return {
            channel, kind, QStringLiteral("Channel %1: electrode off (lead-off reported by the device).").arg(channel)};
    case FaultKind::LowCurrent:
        return {channel, kind,
            QStringLiteral("Channel %1: the set current is not reached (load impedance too high).").arg(channel)};
    default:
        return {channel, kind, QStringLiteral("Channel %1: the device cannot produce the pulse in time.").arg(channel)};
    }
}

Sm4Driver::Sm4Driver(sm4::Variant variant, QString level, bool measures, bool streams) : m_codec(variant)
{
    const auto descriptor = variant == sm4::Variant::ScienceMode4 ? sm4::descriptor() : sm4::sm3Descriptor();
    m_info.protocolId = std::string(descriptor.id);
    m_info.level = std::move(level);
    m_info.capabilities = descriptor.capabilities;
    m_info.measuresDeliveredCurrent = measures;
    m_info.streamsPulses = streams;
    m_info.waitsForBeacon = false;
    m_info.verifiesLostAcks = false;
    m_info.handshakeQueries = {Query::DeviceId, Query::Firmware, Query::Battery, Query::DeviceState};
    m_info.amplitudeGrid = core::Microamps(sm4::kCurrentStepUa);
}

void Sm4Driver::reset()
{
    m_codec.reset();
    m_deviceLevel = Level::None;
    m_expectedAck.fill(0);
    resetLevel();
}

std::uint32_t Sm4Driver::keyFor(sm4::CommandId ack, std::uint8_t packetNumber)
{
    return (static_cast<std::uint32_t>(sm4::toWire(ack)) << 8U) | packetNumber;
}

AckStatus Sm4Driver::statusOf(sm4::ResultCode result)
{
    switch (result) {
    case sm4::ResultCode::Ok:
        return AckStatus::Accepted;
    case sm4::ResultCode::TransferError:
    case sm4::ResultCode::Busy:
        return AckStatus::Retry;
    default:
        return AckStatus::Refused;
    }
}

QString Sm4Driver::resultText(sm4::ResultCode result)
{
    const auto text = sm4::toString(result);
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

void Sm4Driver::ack(
    sm4::CommandId ackId, std::uint8_t packetNumber, sm4::ResultCode result, std::vector<DriverEvent>& out) const
{
    out.emplace_back(ev::Ack{keyFor(ackId, packetNumber), statusOf(result), resultText(result)});
}

EncodeOutcome Sm4Driver::send(const sm4::HostCommand& command, std::chrono::milliseconds timeout)
{
    auto encoded = m_codec.encode(command);
    if (!encoded) {
        return DriverError{QString::fromStdString(encoded.error().message())};
    }
    const std::uint8_t pn = m_codec.lastPacketNumber();
    // Every request's ack is the next command number (§4).
    const auto ackId = static_cast<sm4::CommandId>(sm4::toWire(sm4::commandId(command)) + 1U);
    m_expectedAck[pn] = sm4::toWire(ackId);
    return Outgoing{std::move(encoded).value(), keyFor(ackId, pn), timeout};
}

EncodeOutcome Sm4Driver::encode(const Operation& operation)
{
    if (auto level = encodeLevel(operation)) {
        return std::move(*level);
    }
    if (const auto* ask = std::get_if<op::Ask>(&operation)) {
        switch (ask->query) {
        case Query::DeviceId:
            return send(sm4::GetDeviceId{}, kSm4AckTimeout);
        case Query::Firmware:
            if (variant() == sm4::Variant::ScienceMode4) {
                return send(sm4::GetExtendedVersion{}, kSm4AckTimeout);
            }
            return send(sm4::GetVersionMain{}, kSm4AckTimeout);
        case Query::Battery:
            return send(sm4::GetBatteryStatus{}, kSm4AckTimeout);
        case Query::DeviceState:
            return send(sm4::GetStimStatus{}, kSm4AckTimeout);
        }
    }
    if (std::holds_alternative<op::Stop>(operation)) {
        const Level level = m_deviceLevel == Level::None ? ownLevel() : m_deviceLevel;
        if (level == Level::Low) {
            return send(sm4::LlStop{}, kSm4AckTimeout);
        }
        return send(sm4::MlStop{}, kSm4AckTimeout);
    }
    if (std::holds_alternative<op::KeepAlive>(operation)) {
        return send(sm4::GetStimStatus{}, kSm4AckTimeout);
    }
    if (std::holds_alternative<op::AcceptBeacon>(operation)) {
        return NothingToSend{}; // ScienceMode4 has no beacon
    }
    return DriverError{QStringLiteral("operation not supported at %1").arg(m_info.level)};
}

void Sm4Driver::feed(std::span<const std::uint8_t> bytes, std::vector<DriverEvent>& out)
{
    for (const auto& inbound : m_codec.feed(bytes)) {
        if (const auto* rejected = std::get_if<sm4::Rejected>(&inbound)) {
            out.emplace_back(ev::Rejected{rejected->reason});
            continue;
        }
        const auto& received = std::get<sm4::Received<sm4::DeviceMessage>>(inbound);
        if (!decodeLevel(received.packetNumber, received.message, out)) {
            decodeGeneral(received.packetNumber, received.message, out);
        }
    }
}

void Sm4Driver::decodeGeneral(std::uint8_t pn, const sm4::DeviceMessage& message, std::vector<DriverEvent>& out)
{
    const auto result = sm4::resultOf(message);
    const bool ok = result == sm4::ResultCode::Ok;
    if (const auto* id = std::get_if<sm4::GetDeviceIdAck>(&message)) {
        if (ok) {
            QString text = QString::fromLatin1(id->deviceId.data(), static_cast<qsizetype>(id->deviceId.size()));
            text.remove(QChar(u'\0'));
            out.emplace_back(ev::Identity{text.trimmed(), std::nullopt, std::nullopt, std::nullopt});
        }
    } else if (const auto* ext = std::get_if<sm4::GetExtendedVersionAck>(&message)) {
        if (ok) {
            out.emplace_back(ev::Identity{std::nullopt,
                QStringLiteral("%1 (ScienceMode %2)").arg(versionText(ext->firmware), versionText(ext->scienceMode)),
                std::nullopt, std::nullopt});
        }
    } else if (const auto* main = std::get_if<sm4::GetVersionMainAck>(&message)) {
        if (ok) {
            out.emplace_back(ev::Identity{std::nullopt,
                QStringLiteral("%1 (ScienceMode %2)").arg(versionText(main->firmware), versionText(main->scienceMode)),
                std::nullopt, std::nullopt});
        }
    } else if (const auto* battery = std::get_if<sm4::GetBatteryStatusAck>(&message)) {
        if (ok) {
            out.emplace_back(ev::Identity{std::nullopt, std::nullopt, battery->levelPercent, battery->voltage});
        }
    } else if (const auto* stim = std::get_if<sm4::GetStimStatusAck>(&message)) {
        if (ok) {
            switch (stim->status) {
            case sm4::StimStatus::None:
                m_deviceLevel = Level::None;
                break;
            case sm4::StimStatus::LowLevelInitialized:
                m_deviceLevel = Level::Low;
                break;
            case sm4::StimStatus::MidLevelInitialized:
            case sm4::StimStatus::MidLevelRunning:
                m_deviceLevel = Level::Mid;
                break;
            }
            ev::Status status;
            status.key = keyFor(sm4::CommandId::GetStimStatusAck, pn);
            status.configured = stim->status != sm4::StimStatus::None;
            // Low level has no "running" state of its own: pulses run only while the host streams them.
            status.running = stim->status == sm4::StimStatus::MidLevelRunning;
            out.emplace_back(status);
        }
    } else if (std::holds_alternative<sm4::MlStopAck>(message) || std::holds_alternative<sm4::LlStopAck>(message)) {
        if (ok) {
            m_deviceLevel = Level::None;
        }
    } else if (std::holds_alternative<sm4::GeneralError>(message)) {
        if (result == sm4::ResultCode::TransferError) {
            // An unreadable frame from us (§8): whatever it was times out and is re-sent; not a device fault.
            out.emplace_back(ev::TransferErrorReport{});
            return;
        }
        out.emplace_back(ev::DeviceError{0, FaultKind::DeviceError,
            QStringLiteral("The stimulator reported a general error (%1).").arg(resultText(result)),
            QStringLiteral("Switch the stimulator off and on; have it serviced if this repeats.")});
        return;
    } else if (std::holds_alternative<sm4::UnknownCmd>(message)) {
        if (m_expectedAck[pn] != 0) {
            out.emplace_back(ev::Ack{keyFor(static_cast<sm4::CommandId>(m_expectedAck[pn]), pn), AckStatus::Refused,
                QStringLiteral("the device does not know this command")});
        }
        return;
    }
    ack(sm4::commandId(message), pn, result, out);
}

} // namespace galvani::device
