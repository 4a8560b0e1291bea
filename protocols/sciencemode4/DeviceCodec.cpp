// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocols/sciencemode4/DeviceCodec.h"

#include "protocols/common/ByteIo.h"
#include "protocols/sciencemode4/Acks.h"
#include "protocols/sciencemode4/CommandCodec.h"
#include "protocols/sciencemode4/MessageCodec.h"

namespace galvani::proto::sm4 {
namespace {

// §8: a frame whose command cannot be identified gets an unsolicited General_error, pn 0.
Reply generalTransferError()
{
    return Reply{0, GeneralError{ResultCode::TransferError}};
}

std::optional<std::uint8_t> firstDataByte(const ParsedFrame& frame)
{
    if (frame.data.empty()) {
        return std::nullopt;
    }
    return frame.data.front();
}

// The reply §8 owes a frame that failed before its data was looked at.
std::optional<Reply> replyForFrameFailure(const ParsedFrame& frame, Variant variant)
{
    switch (*frame.failure) {
    case RejectReason::Length:
    case RejectReason::Crc:
        // Readable and a known request: its ack with result 1, so the host resends.
        if (frame.command && frame.packetNumber) {
            if (auto ack = zeroFilledAck(*frame.command, ResultCode::TransferError, firstDataByte(frame), variant)) {
                return Reply{*frame.packetNumber, std::move(*ack)};
            }
        }
        return generalTransferError();
    default:
        return generalTransferError();
    }
}

} // namespace

DeviceCodec::DeviceCodec(Variant variant, const WireOptions& options) : m_variant(variant), m_options(options)
{
}

Result<std::vector<std::uint8_t>, EncodeError> DeviceCodec::encode(
    std::uint8_t packetNumber, const DeviceMessage& message) const
{
    if (auto error = checkMessage(message, m_variant)) {
        return *error;
    }
    ByteWriter data(16);
    writeMessageData(message, m_variant, data);
    return buildFrame(packetNumber, toWire(commandId(message)), data.view(), m_options);
}

void DeviceCodec::feed(std::span<const std::uint8_t> bytes, std::vector<DeviceInbound>& out)
{
    m_receiver.feed(
        bytes, [this, &out](const ParsedFrame& frame, std::size_t wireBytes) { onFrame(frame, wireBytes, out); },
        [this, &out](const DroppedFrame& dropped) {
            // A restart or a missing stop byte costs nothing (the host times out and resends); a frame
            // beyond 1200 bytes is an unreadable frame and gets General_error.
            std::optional<Reply> reply;
            if (dropped.reason == RejectReason::Overlong) {
                reply = generalTransferError();
            }
            reject(RejectedRequest{Rejected{dropped.reason, std::nullopt, std::nullopt, dropped.length}, reply}, out);
        });
}

std::vector<DeviceInbound> DeviceCodec::feed(std::span<const std::uint8_t> bytes)
{
    std::vector<DeviceInbound> out;
    feed(bytes, out);
    return out;
}

void DeviceCodec::flush(std::vector<DeviceInbound>& out)
{
    if (const auto dropped = m_receiver.flush()) {
        reject(
            RejectedRequest{Rejected{dropped->reason, std::nullopt, std::nullopt, dropped->length}, std::nullopt}, out);
    }
}

void DeviceCodec::reset()
{
    m_receiver.reset();
    m_stats = {};
}

ReceiveStats DeviceCodec::stats() const
{
    ReceiveStats stats = m_stats;
    stats.garbageBytes = m_receiver.garbageBytes();
    return stats;
}

void DeviceCodec::onFrame(const ParsedFrame& frame, std::size_t wireBytes, std::vector<DeviceInbound>& out)
{
    Rejected rejected{RejectReason::Header, frame.packetNumber, frame.command, wireBytes};
    if (frame.failure) {
        rejected.reason = *frame.failure;
        reject(RejectedRequest{rejected, replyForFrameFailure(frame, m_variant)}, out);
        return;
    }
    const std::uint8_t pn = *frame.packetNumber;
    auto command = readCommand(*frame.command, frame.data, m_variant);
    if (!command) {
        rejected.reason = command.error();
        std::optional<Reply> reply;
        if (rejected.reason == RejectReason::UnknownCommand) {
            reply = Reply{pn, UnknownCmd{ResultCode::UnknownCommand}};
        } else if (auto ack
            = zeroFilledAck(*frame.command, ResultCode::ParameterError, firstDataByte(frame), m_variant)) {
            reply = Reply{pn, std::move(*ack)};
        }
        reject(RejectedRequest{rejected, std::move(reply)}, out);
        return;
    }
    ++m_stats.messages;
    out.emplace_back(Received<HostCommand>{pn, std::move(command).value()});
}

void DeviceCodec::reject(RejectedRequest rejected, std::vector<DeviceInbound>& out)
{
    m_stats.countReject(rejected.frame.reason);
    out.emplace_back(std::move(rejected));
}

} // namespace galvani::proto::sm4
