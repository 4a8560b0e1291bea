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

// A host command that passed framing, length and range checks, with its packet number (echo it).
struct ReceivedCommand {
    std::uint8_t packetNumber = 0;
    HostCommand command;
    friend bool operator==(const ReceivedCommand&, const ReceivedCommand&) = default;
};

// A reply the device must send, with the packet number to send it under.
struct OwedReply {
    std::uint8_t packetNumber = 0;
    DeviceMessage message;
    friend bool operator==(const OwedReply&, const OwedReply&) = default;
};

// A refused host frame and the reply §8 requires for it (none for frames that must be discarded).
struct RejectedCommand {
    FrameReject reject;
    std::optional<OwedReply> reply;
    friend bool operator==(const RejectedCommand&, const RejectedCommand&) = default;
};

using DeviceEvent = std::variant<ReceivedCommand, RejectedCommand>;

// A device-originated frame and the packet number it used.
struct EncodedMessage {
    std::uint8_t packetNumber = 0;
    std::vector<std::uint8_t> bytes;
};

// Device side of ScienceMode2 (the simulator's wire end and the mirror of HostCodec): turns a host's
// byte stream, in any chunking, into commands and rejects, tolerating the lenient hosts of §9 (any
// byte after 81 is unescaped, values are taken as sent, packet numbers are never checked), and encodes
// replies. §8 reply rules for bad frames are applied here:
//   CRC/LEN mismatch, command readable and has an ack → that ack, pn echoed, result −1;
//   valid frame, unknown command → UnknownCommand (pn echoed, data = the command byte);
//   valid frame, wrong data length or range, command has an ack → that ack with −2;
//   everything else (header, too short, no stop, commands without ack, MOTOmed) → no reply.
// State (stimulation mode, watchdog, InitChannelListMode vs StartChannelListMode) is the device
// model's job; see ChannelListRules.h. Not thread-safe: one thread owns an instance.
class DeviceCodec {
public:
    DeviceCodec();

    // A reply: the packet number is the one of the command answered.
    [[nodiscard]] Result<std::vector<std::uint8_t>, EncodeError> encode(
        const DeviceMessage& message, std::uint8_t packetNumber) const;
    [[nodiscard]] Result<std::vector<std::uint8_t>, EncodeError> encode(const OwedReply& reply) const;
    // A device-originated frame (Init, StimulationError, MOTOmed reports) with the device's own counter,
    // +1 per frame and skipping F0, 0F and 81 so the pn never needs escaping (§9.6). The counter
    // advances only on success.
    [[nodiscard]] Result<EncodedMessage, EncodeError> encodeUnsolicited(const DeviceMessage& message);

    void feed(std::span<const std::uint8_t> bytes, std::vector<DeviceEvent>& out);
    // End of stream / link timeout: a partial frame becomes a NoStop reject (no reply).
    void flush(std::vector<DeviceEvent>& out);

    [[nodiscard]] std::uint8_t nextUnsolicitedPacketNumber() const { return m_nextPacketNumber; }
    [[nodiscard]] std::uint64_t commandsReceived() const { return m_commands; }
    [[nodiscard]] const RejectCounters& rejects() const { return m_rejects; }
    [[nodiscard]] const FrameSplitter& splitter() const { return m_splitter; }

private:
    void handle(SplitEvent& event, std::vector<DeviceEvent>& out);

    FrameSplitter m_splitter;
    std::vector<SplitEvent> m_scratch;
    std::uint8_t m_nextPacketNumber = 0;
    std::uint64_t m_commands = 0;
    RejectCounters m_rejects;
};

// The §8 reply for a refused host frame (exposed for tests and the simulator's fault injection).
[[nodiscard]] std::optional<OwedReply> replyForReject(const FrameReject& reject);

} // namespace galvani::proto::sm2
