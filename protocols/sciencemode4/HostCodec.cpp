// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocols/sciencemode4/HostCodec.h"

#include "protocols/common/ByteIo.h"
#include "protocols/sciencemode4/CommandCodec.h"
#include "protocols/sciencemode4/MessageCodec.h"

namespace galvani::proto::sm4 {

HostCodec::HostCodec(Variant variant, const WireOptions& options) : m_variant(variant), m_options(options)
{
}

Result<std::vector<std::uint8_t>, EncodeError> HostCodec::encode(const HostCommand& command)
{
    auto frame = encode(command, m_nextPacketNumber);
    if (frame) {
        m_nextPacketNumber = static_cast<std::uint8_t>((m_nextPacketNumber + 1U) % (kMaxPacketNumber + 1U));
    }
    return frame;
}

Result<std::vector<std::uint8_t>, EncodeError> HostCodec::encode(
    const HostCommand& command, std::uint8_t packetNumber) const
{
    if (auto error = checkCommand(command, m_variant)) {
        return *error;
    }
    ByteWriter data(64);
    writeCommandData(command, data);
    return buildFrame(packetNumber, toWire(commandId(command)), data.view(), m_options);
}

std::uint8_t HostCodec::lastPacketNumber() const
{
    return static_cast<std::uint8_t>((m_nextPacketNumber + kMaxPacketNumber) % (kMaxPacketNumber + 1U));
}

void HostCodec::feed(std::span<const std::uint8_t> bytes, std::vector<HostInbound>& out)
{
    m_receiver.feed(
        bytes, [this, &out](const ParsedFrame& frame, std::size_t wireBytes) { onFrame(frame, wireBytes, out); },
        [this, &out](const DroppedFrame& dropped) {
            reject(Rejected{dropped.reason, std::nullopt, std::nullopt, dropped.length}, out);
        });
}

std::vector<HostInbound> HostCodec::feed(std::span<const std::uint8_t> bytes)
{
    std::vector<HostInbound> out;
    feed(bytes, out);
    return out;
}

void HostCodec::flush(std::vector<HostInbound>& out)
{
    if (const auto dropped = m_receiver.flush()) {
        reject(Rejected{dropped->reason, std::nullopt, std::nullopt, dropped->length}, out);
    }
}

void HostCodec::reset()
{
    m_receiver.reset();
    m_stats = {};
    m_nextPacketNumber = 0;
}

ReceiveStats HostCodec::stats() const
{
    ReceiveStats stats = m_stats;
    stats.garbageBytes = m_receiver.garbageBytes();
    return stats;
}

void HostCodec::onFrame(const ParsedFrame& frame, std::size_t wireBytes, std::vector<HostInbound>& out)
{
    Rejected rejected{RejectReason::Header, frame.packetNumber, frame.command, wireBytes};
    if (frame.failure) {
        rejected.reason = *frame.failure;
        reject(rejected, out);
        return;
    }
    auto message = readMessage(*frame.command, frame.data, m_variant);
    if (!message) {
        rejected.reason = message.error();
        reject(rejected, out);
        return;
    }
    ++m_stats.messages;
    out.emplace_back(Received<DeviceMessage>{*frame.packetNumber, std::move(message).value()});
}

void HostCodec::reject(Rejected rejected, std::vector<HostInbound>& out)
{
    m_stats.countReject(rejected.reason);
    out.emplace_back(rejected);
}

} // namespace galvani::proto::sm4
