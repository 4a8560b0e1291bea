// SPDX-License-Identifier: GPL-3.0-or-later
#include "FakeSm2Device.h"

#include "support/ScriptedTransport.h"

namespace galvani::test {

namespace sm2 = proto::sm2;

namespace {

QByteArray toBytes(const std::vector<std::uint8_t>& v)
{
    return QByteArray(reinterpret_cast<const char*>(v.data()), static_cast<qsizetype>(v.size()));
}

} // namespace

FakeSm2Device::FakeSm2Device(const core::Clock& clock) : m_clock(clock)
{
}

void FakeSm2Device::attach(ScriptedTransport& transport)
{
    transport.respond(
        QStringLiteral("fake sm2 device"), [](const QByteArray&) { return true; },
        [this](const QByteArray& frame) { return answer(frame); });
}

std::vector<FakeSm2Device::Entry> FakeSm2Device::entriesOf(std::uint8_t command) const
{
    std::vector<Entry> out;
    for (const auto& e : received) {
        if (sm2::commandNumber(e.command) == command) {
            out.push_back(e);
        }
    }
    return out;
}

QByteArray FakeSm2Device::beacon()
{
    auto encoded = m_codec.encodeUnsolicited(sm2::Init{});
    return encoded ? toBytes(encoded.value().bytes) : QByteArray();
}

QByteArray FakeSm2Device::stimulationError(sm2::StimulationErrorCode code)
{
    mode = sm2::StimulationMode::Start;
    auto encoded = m_codec.encodeUnsolicited(sm2::StimulationError{code});
    return encoded ? toBytes(encoded.value().bytes) : QByteArray();
}

std::vector<QByteArray> FakeSm2Device::answer(const QByteArray& frame)
{
    std::vector<QByteArray> replies;
    std::vector<sm2::DeviceEvent> events;
    m_codec.feed(
        std::span(reinterpret_cast<const std::uint8_t*>(frame.constData()), static_cast<std::size_t>(frame.size())),
        events);
    for (const auto& event : events) {
        const auto* command = std::get_if<sm2::ReceivedCommand>(&event);
        if (command == nullptr) {
            continue;
        }
        const std::uint8_t number = sm2::commandNumber(command->command);
        received.push_back({m_clock.monotonic(), command->packetNumber, command->command});
        if (ignored.contains(number)) {
            continue;
        }
        if (ignoreOnce.erase(number) > 0) {
            continue;
        }
        std::optional<sm2::DeviceMessage> reply;
        std::visit(
            [&](const auto& c) {
                using C = std::decay_t<decltype(c)>;
                if constexpr (std::is_same_v<C, sm2::InitAck>) {
                    connected = c.result == sm2::ResultCode::Ok;
                } else if constexpr (std::is_same_v<C, sm2::GetStimulationMode>) {
                    reply = sm2::GetStimulationModeAck{sm2::ResultCode::Ok, mode};
                } else if constexpr (std::is_same_v<C, sm2::InitChannelListMode>) {
                    mode = sm2::StimulationMode::Initialized;
                    reply = sm2::InitChannelListModeAck{};
                } else if constexpr (std::is_same_v<C, sm2::StartChannelListMode>) {
                    mode = sm2::StimulationMode::Started;
                    reply = sm2::StartChannelListModeAck{};
                } else if constexpr (std::is_same_v<C, sm2::StopChannelListMode>) {
                    mode = sm2::StimulationMode::Start;
                    reply = sm2::StopChannelListModeAck{};
                } else if constexpr (std::is_same_v<C, sm2::SinglePulse>) {
                    reply = sm2::SinglePulseAck{};
                }
            },
            command->command);
        if (reply && loseAckOnce.erase(number) > 0) {
            reply.reset();
        }
        if (reply) {
            auto bytes = m_codec.encode(*reply, command->packetNumber);
            if (bytes) {
                replies.push_back(toBytes(bytes.value()));
            }
        }
    }
    return replies;
}

} // namespace galvani::test
