// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocols/common/Reject.h"
#include "protocols/common/Result.h"
#include "protocols/sciencemode4/Commands.h"
#include "protocols/sciencemode4/Frame.h"
#include "protocols/sciencemode4/FrameReceiver.h"
#include "protocols/sciencemode4/Inbound.h"
#include "protocols/sciencemode4/Messages.h"

#include <cstdint>
#include <optional>
#include <span>
#include <variant>
#include <vector>

namespace galvani::proto::sm4 {

// A message the device must send, with the packet number to send it under.
struct Reply {
    std::uint8_t packetNumber = 0;
    DeviceMessage message;
    friend bool operator==(const Reply&, const Reply&) = default;
};

// A request the device could not accept, with the reply SCIENCEMODE4.md §8 says it owes (none for a
// partial frame dropped at a restart or at the end of the stream).
struct RejectedRequest {
    Rejected frame;
    std::optional<Reply> reply;
    friend bool operator==(const RejectedRequest&, const RejectedRequest&) = default;
};

using DeviceInbound = std::variant<Received<HostCommand>, RejectedRequest>;

// Device side of one ScienceMode4 / ScienceMode3 connection, the mirror of HostCodec: decodes
// requests from a byte stream in any chunking and encodes replies. It powers the simulator and the
// round-trip tests. feed() accepts what §10 says lenient hosts send (pipelined bursts, split frames,
// any packet number, extra escaped values, noise between frames) and rejects everything outside the
// device limits, naming for each reject the reply §8 requires: the request's ack with result 1 for
// a length/CRC error on a readable known request, General_error (pn 0) for unreadable frames,
// Unknown_cmd (result 11, pn echoed) for an unknown command, the ack with result 2 (zero-filled
// layout) for wrong data length or range. Level errors (result 7) depend on device state and are
// the simulator's to answer (see zeroFilledAck()).
// Thread affinity: none, but one instance must be used by one thread at a time. Owns its buffers.
class DeviceCodec {
public:
    explicit DeviceCodec(Variant variant = Variant::ScienceMode4, const WireOptions& options = {});

    [[nodiscard]] Variant variant() const { return m_variant; }

    // Encodes a reply (packet number 0..63, normally the request's). Refuses malformed messages.
    [[nodiscard]] Result<std::vector<std::uint8_t>, EncodeError> encode(
        std::uint8_t packetNumber, const DeviceMessage& message) const;
    [[nodiscard]] Result<std::vector<std::uint8_t>, EncodeError> encode(const Reply& reply) const
    {
        return encode(reply.packetNumber, reply.message);
    }

    // Decodes received bytes; appends requests and rejects to `out` in stream order.
    void feed(std::span<const std::uint8_t> bytes, std::vector<DeviceInbound>& out);
    [[nodiscard]] std::vector<DeviceInbound> feed(std::span<const std::uint8_t> bytes);
    // End of stream or inter-byte timeout: reports a partial frame as NoStop (no reply owed).
    void flush(std::vector<DeviceInbound>& out);
    void reset();

    [[nodiscard]] ReceiveStats stats() const;

private:
    void onFrame(const ParsedFrame& frame, std::size_t wireBytes, std::vector<DeviceInbound>& out);
    void reject(RejectedRequest rejected, std::vector<DeviceInbound>& out);

    Variant m_variant;
    WireOptions m_options;
    FrameReceiver m_receiver;
    ReceiveStats m_stats;
};

} // namespace galvani::proto::sm4
