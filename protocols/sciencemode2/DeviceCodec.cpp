// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocols/sciencemode2/DeviceCodec.h"

#include "protocols/common/Stuffing.h"
#include "protocols/sciencemode2/DevicePayload.h"
#include "protocols/sciencemode2/HostPayload.h"

namespace galvani::proto::sm2 {

std::optional<OwedReply> replyForReject(const FrameReject& reject)
{
    if (!reject.packetNumber || !reject.command) {
        return std::nullopt;
    }
    const auto pn = *reject.packetNumber;
    const auto command = *reject.command;
    std::optional<DeviceMessage> message;
    switch (reject.reason) {
    case RejectReason::Crc:
    case RejectReason::Length:
        message = ackFor(command, ResultCode::TransferError);
        break;
    case RejectReason::UnknownCommand:
        if (reject.transferValid) {
            message = DeviceMessage{UnknownCommand{command}};
        }
        break;
    case RejectReason::DataLength:
    case RejectReason::FieldRange:
        if (reject.transferValid) {
            message = ackFor(command, ResultCode::ParameterError);
        }
        break;
    default:
        break;
    }
    if (!message) {
        return std::nullopt;
    }
    return OwedReply{pn, std::move(*message)};
}

DeviceCodec::DeviceCodec() : m_splitter(kMaxFrameBytes)
{
}

Result<std::vector<std::uint8_t>, EncodeError> DeviceCodec::encode(
    const DeviceMessage& message, std::uint8_t packetNumber) const
{
    auto data = encodeDeviceData(message);
    if (!data) {
        return data.error();
    }
    return buildFrame(packetNumber, commandNumber(message), data.value());
}

Result<std::vector<std::uint8_t>, EncodeError> DeviceCodec::encode(const OwedReply& reply) const
{
    return encode(reply.message, reply.packetNumber);
}

Result<EncodedMessage, EncodeError> DeviceCodec::encodeUnsolicited(const DeviceMessage& message)
{
    auto bytes = encode(message, m_nextPacketNumber);
    if (!bytes) {
        return bytes.error();
    }
    EncodedMessage encoded{m_nextPacketNumber, std::move(bytes).value()};
    do {
        ++m_nextPacketNumber;
    } while (needsEscape(m_nextPacketNumber));
    return encoded;
}

void DeviceCodec::feed(std::span<const std::uint8_t> bytes, std::vector<DeviceEvent>& out)
{
    m_scratch.clear();
    m_splitter.feed(bytes, m_scratch);
    for (auto& event : m_scratch) {
        handle(event, out);
    }
}

void DeviceCodec::flush(std::vector<DeviceEvent>& out)
{
    if (const auto dropped = m_splitter.flush()) {
        SplitEvent event{*dropped};
        handle(event, out);
    }
}

void DeviceCodec::handle(SplitEvent& event, std::vector<DeviceEvent>& out)
{
    if (const auto* dropped = std::get_if<DroppedFrame>(&event)) {
        m_rejects.add(dropped->reason);
        out.emplace_back(RejectedCommand{
            FrameReject{dropped->reason, std::nullopt, std::nullopt, false, dropped->length}, std::nullopt});
        return;
    }
    const auto& raw = std::get<RawFrame>(event);
    auto parsed = parseFrame(raw.bytes);
    if (!parsed) {
        m_rejects.add(parsed.error().reason);
        out.emplace_back(RejectedCommand{parsed.error(), replyForReject(parsed.error())});
        return;
    }
    const auto& frame = parsed.value();
    auto command = decodeHostData(frame.command, frame.data);
    if (!command) {
        const FrameReject reject{command.error(), frame.packetNumber, frame.command, true, raw.bytes.size()};
        m_rejects.add(reject.reason);
        out.emplace_back(RejectedCommand{reject, replyForReject(reject)});
        return;
    }
    ++m_commands;
    // Built in place: moving a temporary variant-of-vector trips a GCC 12 -Wmaybe-uninitialized
    // false positive.
    auto& received = std::get<ReceivedCommand>(out.emplace_back(std::in_place_type<ReceivedCommand>));
    received.packetNumber = frame.packetNumber;
    received.command = std::move(command).value();
}

} // namespace galvani::proto::sm2
