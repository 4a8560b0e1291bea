// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocols/common/FrameSplitter.h"
#include "protocols/common/Reject.h"
#include "protocols/common/Result.h"
#include "protocols/sciencemode2/DeviceMessages.h"
#include "protocols/sciencemode2/Frame.h"
#include "protocols/sciencemode2/HostCommands.h"

#include <cstdint>
#include <optional>
#include <span>
#include <variant>
#include <vector>

namespace galvani::proto::sm2 {

// A device message and the packet number it carried (an ack echoes the command's number).
struct ReceivedMessage {
    std::uint8_t packetNumber = 0;
    DeviceMessage message;
    friend bool operator==(const ReceivedMessage&, const ReceivedMessage&) = default;
};

using HostEvent = std::variant<ReceivedMessage, FrameReject>;

// A command ready for the wire with the packet number the codec gave it.
struct EncodedCommand {
    std::uint8_t packetNumber = 0;
    std::vector<std::uint8_t> bytes;
};

// Host side of ScienceMode2, one per connection: encodes commands (refusing out-of-range values, §6)
// and turns the device's byte stream, in any chunking, into messages and rejects.
// It remembers the last InitChannelListMode it encoded, because a StartChannelListMode can only be
// checked against it (entry count, t1/t2 rules). Not thread-safe: one thread (the device thread) owns
// an instance. Units: see HostCommands.h / DeviceMessages.h (µs, mA, 0.5 ms interval codes).
class HostCodec {
public:
    HostCodec();

    // Frame for command with an explicit packet number (InitAck must echo the Init's number).
    [[nodiscard]] Result<std::vector<std::uint8_t>, EncodeError> encode(
        const HostCommand& command, std::uint8_t packetNumber);
    // Frame with the next number of the codec's counter (0–255, wraps); the counter only advances on
    // success.
    [[nodiscard]] Result<EncodedCommand, EncodeError> encodeNext(const HostCommand& command);

    // Appends every complete device message and every refused frame found in bytes, in order.
    void feed(std::span<const std::uint8_t> bytes, std::vector<HostEvent>& out);
    // End of stream / link timeout: reports a partial frame as a NoStop reject.
    void flush(std::vector<HostEvent>& out);

    // The last InitChannelListMode encoded successfully; cleared by forgetChannelList() (e.g. after a
    // StimulationError or reconnect, when the device has dropped it too).
    [[nodiscard]] const std::optional<InitChannelListMode>& channelList() const { return m_channelList; }
    void forgetChannelList() { m_channelList.reset(); }

    [[nodiscard]] std::uint8_t nextPacketNumber() const { return m_nextPacketNumber; }
    [[nodiscard]] std::uint64_t messagesReceived() const { return m_messages; }
    [[nodiscard]] const RejectCounters& rejects() const { return m_rejects; }
    [[nodiscard]] const FrameSplitter& splitter() const { return m_splitter; }

private:
    void handle(SplitEvent& event, std::vector<HostEvent>& out);

    FrameSplitter m_splitter;
    std::vector<SplitEvent> m_scratch;
    std::optional<InitChannelListMode> m_channelList;
    std::uint8_t m_nextPacketNumber = 0;
    std::uint64_t m_messages = 0;
    RejectCounters m_rejects;
};

} // namespace galvani::proto::sm2
