// SPDX-License-Identifier: GPL-3.0-or-later
#include "FakeSm4Device.h"

#include "protocols/sciencemode4/Acks.h"
#include "support/ScriptedTransport.h"

#include <cmath>

namespace galvani::test {

namespace sm4 = proto::sm4;

FakeSm4Device::FakeSm4Device(const core::Clock& clock, sm4::Variant variant) : m_clock(clock), m_codec(variant)
{
}

void FakeSm4Device::attach(ScriptedTransport& transport)
{
    transport.respond(
        QStringLiteral("fake sm4 device"), [](const QByteArray&) { return true; },
        [this](const QByteArray& frame) { return answer(frame); });
}

std::vector<sm4::HostCommand> FakeSm4Device::commandsOf(sm4::CommandId id) const
{
    std::vector<sm4::HostCommand> out;
    for (const auto& e : received) {
        if (sm4::commandId(e.command) == id) {
            out.push_back(e.command);
        }
    }
    return out;
}

std::vector<std::chrono::nanoseconds> FakeSm4Device::timesOf(sm4::CommandId id) const
{
    std::vector<std::chrono::nanoseconds> out;
    for (const auto& e : received) {
        if (sm4::commandId(e.command) == id) {
            out.push_back(e.at);
        }
    }
    return out;
}

std::vector<QByteArray> FakeSm4Device::answer(const QByteArray& frame)
{
    std::vector<QByteArray> replies;
    const auto span
        = std::span(reinterpret_cast<const std::uint8_t*>(frame.constData()), static_cast<std::size_t>(frame.size()));
    for (const auto& inbound : m_codec.feed(span)) {
        const auto* request = std::get_if<sm4::Received<sm4::HostCommand>>(&inbound);
        if (request == nullptr) {
            continue;
        }
        const auto id = sm4::commandId(request->message);
        received.push_back({m_clock.monotonic(), request->message});
        if (ignored.contains(id)) {
            continue;
        }
        if ((id == sm4::CommandId::MlStop || id == sm4::CommandId::LlStop) && stopsToIgnore > 0) {
            --stopsToIgnore;
            continue;
        }
        sm4::DeviceMessage message;
        if (auto busy = busyReplies.find(id); busy != busyReplies.end() && busy->second > 0) {
            --busy->second;
            message = sm4::zeroFilledAck(request->message, sm4::ResultCode::Busy, m_codec.variant());
        } else if (auto forced = results.find(id); forced != results.end()) {
            message = sm4::zeroFilledAck(request->message, forced->second, m_codec.variant());
        } else {
            message = reply(request->message);
        }
        auto bytes = m_codec.encode(request->packetNumber, message);
        if (bytes) {
            QByteArray encoded(
                reinterpret_cast<const char*>(bytes.value().data()), static_cast<qsizetype>(bytes.value().size()));
            if (holdPulseAcks && id == sm4::CommandId::LlChannelConfig) {
                heldPulseAcks.push_back(std::move(encoded));
            } else {
                replies.push_back(std::move(encoded));
            }
        }
    }
    return replies;
}

sm4::LlChannelConfigAck FakeSm4Device::pulseAck(const sm4::LlChannelConfig& config) const
{
    sm4::LlChannelConfigAck ack;
    ack.channel = config.channel;
    ack.connector = config.connector;
    const int output = static_cast<int>(config.connector) * 4 + config.channel + 1;
    if (electrodeErrorChannel && *electrodeErrorChannel == output) {
        ack.result = sm4::ResultCode::ElectrodeError;
        ack.measurement = sm4::LlMeasurement::StimulationCurrent;
        ack.samplingPeriod = core::Microseconds(10);
        ack.samples.assign(sm4::kSampleCount, *sm4::currentToSample(core::Microamps(0)));
        return ack;
    }
    if (m_codec.variant() == sm4::Variant::ScienceMode3) {
        return ack;
    }
    ack.measurement = sm4::LlMeasurement::StimulationCurrent;
    ack.samplingPeriod = core::Microseconds(10);
    // Sample the pattern point by point at 10 µs.
    for (const auto& point : config.points) {
        const double delivered = stuck ? 0.0 : static_cast<double>(point.current.value()) * gain;
        const auto ua = static_cast<std::int64_t>(std::llround(delivered / 10.0)) * 10;
        for (std::int64_t t = 0; t < point.duration.value() && ack.samples.size() < sm4::kSampleCount; t += 10) {
            ack.samples.push_back(*sm4::currentToSample(core::Microamps(ua)));
        }
    }
    ack.samples.resize(sm4::kSampleCount, *sm4::currentToSample(core::Microamps(0)));
    return ack;
}

sm4::DeviceMessage FakeSm4Device::reply(const sm4::HostCommand& command)
{
    using namespace sm4;
    return std::visit(
        [this](const auto& c) -> DeviceMessage {
            using C = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<C, GetDeviceId>) {
                GetDeviceIdAck ack;
                const std::string id = "GSIM-00042";
                std::copy(id.begin(), id.end(), ack.deviceId.begin());
                return ack;
            } else if constexpr (std::is_same_v<C, GetExtendedVersion>) {
                return GetExtendedVersionAck{ResultCode::Ok, {1, 2, 3}, {4, 0, 1}, 0xCAFE, HashType::Git, true};
            } else if constexpr (std::is_same_v<C, GetVersionMain>) {
                return GetVersionMainAck{ResultCode::Ok, {3, 1, 0}, {3, 0, 0}};
            } else if constexpr (std::is_same_v<C, GetBatteryStatus>) {
                return GetBatteryStatusAck{ResultCode::Ok, 87, core::Millivolts(3950)};
            } else if constexpr (std::is_same_v<C, GetStimStatus>) {
                const bool hv = status != StimStatus::None;
                return GetStimStatusAck{ResultCode::Ok, status, hv ? HighVoltageLevel::V150 : HighVoltageLevel::Off};
            } else if constexpr (std::is_same_v<C, MlInit>) {
                status = StimStatus::MidLevelInitialized;
                runningMask = 0;
                return MlInitAck{};
            } else if constexpr (std::is_same_v<C, MlUpdate>) {
                runningMask = 0;
                for (std::size_t i = 0; i < c.channels.size(); ++i) {
                    if (c.channels[i]) {
                        runningMask = static_cast<std::uint8_t>(runningMask | (1U << i));
                    }
                }
                status = StimStatus::MidLevelRunning;
                return MlUpdateAck{};
            } else if constexpr (std::is_same_v<C, MlGetCurrentData>) {
                if (status != StimStatus::MidLevelInitialized && status != StimStatus::MidLevelRunning) {
                    return MlGetCurrentDataAck{ResultCode::NotInitialized, static_cast<std::uint8_t>(c.selection), {}};
                }
                ChannelStatesReport report;
                report.runningMask = runningMask;
                if (electrodeErrorChannel) {
                    report.states[static_cast<std::size_t>(*electrodeErrorChannel - 1)] = ChannelState::ElectrodeError;
                }
                return MlGetCurrentDataAck{ResultCode::Ok, static_cast<std::uint8_t>(c.selection), report};
            } else if constexpr (std::is_same_v<C, MlStop>) {
                status = StimStatus::None;
                runningMask = 0;
                return MlStopAck{};
            } else if constexpr (std::is_same_v<C, LlInit>) {
                status = StimStatus::LowLevelInitialized;
                return LlInitAck{};
            } else if constexpr (std::is_same_v<C, LlChannelConfig>) {
                return pulseAck(c);
            } else if constexpr (std::is_same_v<C, LlStop>) {
                status = StimStatus::None;
                return LlStopAck{};
            } else {
                return zeroFilledAck(HostCommand{c}, ResultCode::UnknownCommand, m_codec.variant());
            }
        },
        command);
}

} // namespace galvani::test
