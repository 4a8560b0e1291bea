// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocols/sciencemode2/HostCodec.h"

#include "protocols/sciencemode2/ChannelListRules.h"
#include "protocols/sciencemode2/DevicePayload.h"
#include "protocols/sciencemode2/HostPayload.h"

namespace galvani::proto::sm2 {

HostCodec::HostCodec() : m_splitter(kMaxFrameBytes)
{
}

Result<std::vector<std::uint8_t>, EncodeError> HostCodec::encode(const HostCommand& command, std::uint8_t packetNumber)
{
    auto data = encodeHostData(command);
    if (!data) {
        return data.error();
    }
    if (const auto* start = std::get_if<StartChannelListMode>(&command)) {
        if (!m_channelList) {
            return EncodeError{"entries", static_cast<std::int64_t>(start->entries.size()),
                "an InitChannelListMode must be encoded first"};
        }
        if (auto error = checkHostChannelList(*m_channelList, *start)) {
            return *error;
        }
    }
    if (const auto* init = std::get_if<InitChannelListMode>(&command)) {
        m_channelList = *init;
    }
    return buildFrame(packetNumber, commandNumber(command), data.value());
}

Result<EncodedCommand, EncodeError> HostCodec::encodeNext(const HostCommand& command)
{
    auto bytes = encode(command, m_nextPacketNumber);
    if (!bytes) {
        return bytes.error();
    }
    EncodedCommand encoded{m_nextPacketNumber, std::move(bytes).value()};
    ++m_nextPacketNumber; // wraps 255 → 0
    return encoded;
}

void HostCodec::feed(std::span<const std::uint8_t> bytes, std::vector<HostEvent>& out)
{
    m_scratch.clear();
    m_splitter.feed(bytes, m_scratch);
    for (auto& event : m_scratch) {
        handle(event, out);
    }
}

void HostCodec::flush(std::vector<HostEvent>& out)
{
    if (const auto dropped = m_splitter.flush()) {
        SplitEvent event{*dropped};
        handle(event, out);
    }
}

void HostCodec::handle(SplitEvent& event, std::vector<HostEvent>& out)
{
    if (const auto* dropped = std::get_if<DroppedFrame>(&event)) {
        m_rejects.add(dropped->reason);
        out.emplace_back(FrameReject{dropped->reason, std::nullopt, std::nullopt, false, dropped->length});
        return;
    }
    const auto& raw = std::get<RawFrame>(event);
    auto parsed = parseFrame(raw.bytes);
    if (!parsed) {
        m_rejects.add(parsed.error().reason);
        out.emplace_back(parsed.error());
        return;
    }
    const auto& frame = parsed.value();
    auto message = decodeDeviceData(frame.command, frame.data);
    if (!message) {
        m_rejects.add(message.error());
        out.emplace_back(FrameReject{message.error(), frame.packetNumber, frame.command, true, raw.bytes.size()});
        return;
    }
    ++m_messages;
    // Built in place (see DeviceCodec::handle: avoids a GCC 12 false positive on moved variants).
    auto& received = std::get<ReceivedMessage>(out.emplace_back(std::in_place_type<ReceivedMessage>));
    received.packetNumber = frame.packetNumber;
    received.message = std::move(message).value();
}

} // namespace galvani::proto::sm2
