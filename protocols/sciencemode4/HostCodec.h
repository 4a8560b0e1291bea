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
#include <span>
#include <variant>
#include <vector>

namespace galvani::proto::sm4 {

using HostInbound = std::variant<Received<DeviceMessage>, Rejected>;

// Host side of one ScienceMode4 / ScienceMode3 connection (SCIENCEMODE4.md): encodes requests and
// decodes the device's replies from a byte stream in any chunking.
// encode() refuses anything outside the device limits (§6, §9 for ScienceMode3) including the
// mid-level duty rule. feed() yields messages and rejects (with reason) in stream order; it never
// throws on bad input. Units of every field are documented in Commands.h / Messages.h.
// Thread affinity: none, but one instance must be used by one thread at a time (it owns the
// partial frame and the packet counter). Value-like, owns everything it holds.
class HostCodec {
public:
    explicit HostCodec(Variant variant = Variant::ScienceMode4, const WireOptions& options = {});

    [[nodiscard]] Variant variant() const { return m_variant; }

    // Encodes with the next packet number (counts 0..63 and wraps); the counter advances only when
    // encoding succeeds. lastPacketNumber() tells which number the frame carries.
    [[nodiscard]] Result<std::vector<std::uint8_t>, EncodeError> encode(const HostCommand& command);
    // Encodes with an explicit packet number (0..63); leaves the counter alone.
    [[nodiscard]] Result<std::vector<std::uint8_t>, EncodeError> encode(
        const HostCommand& command, std::uint8_t packetNumber) const;
    [[nodiscard]] std::uint8_t nextPacketNumber() const { return m_nextPacketNumber; }
    [[nodiscard]] std::uint8_t lastPacketNumber() const;

    // Decodes received bytes; appends to `out` in stream order.
    void feed(std::span<const std::uint8_t> bytes, std::vector<HostInbound>& out);
    [[nodiscard]] std::vector<HostInbound> feed(std::span<const std::uint8_t> bytes);
    // End of stream or inter-byte timeout: reports a partial frame as a NoStop reject.
    void flush(std::vector<HostInbound>& out);
    // Forgets the partial frame and the statistics; the packet counter restarts at 0.
    void reset();

    [[nodiscard]] ReceiveStats stats() const;

private:
    void onFrame(const ParsedFrame& frame, std::size_t wireBytes, std::vector<HostInbound>& out);
    void reject(Rejected rejected, std::vector<HostInbound>& out);

    Variant m_variant;
    WireOptions m_options;
    std::uint8_t m_nextPacketNumber = 0;
    FrameReceiver m_receiver;
    ReceiveStats m_stats;
};

} // namespace galvani::proto::sm4
