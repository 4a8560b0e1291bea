// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocols/common/Reject.h"
#include "protocols/common/Result.h"

#include <bitset>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

// ScienceMode4 frame layer (SCIENCEMODE4.md §2): F0, four escaped header bytes (L high/low, CRC
// high/low, each sent as 81, value ^ 55), escaped body (pn << 2 | cmd >> 8, cmd & FF, data), 0F.
// L = wire bytes of the whole frame; CRC-16/XMODEM over the escaped body as sent. Uses the shared
// stuffing and CRC of protocols/common. Free functions, thread-safe.
namespace galvani::proto::sm4 {

// How a sender escapes. A conforming sender escapes F0, 0F and 81 only; extraEscapes adds values to
// emulate lenient senders (§10.9: some hosts also escape 55). Receivers always unescape generically.
struct WireOptions {
    std::bitset<256> extraEscapes;
};

// Builds one complete frame around the unescaped data bytes. Refuses pn > 63, command > 1023 and a
// frame that would exceed 1200 wire bytes.
[[nodiscard]] Result<std::vector<std::uint8_t>, EncodeError> buildFrame(std::uint8_t packetNumber,
    std::uint16_t command, std::span<const std::uint8_t> data, const WireOptions& options = {});

// What the receiver made of one delimited frame (RawFrame from the FrameSplitter).
struct ParsedFrame {
    // nullopt: header, length and CRC are right. Otherwise the first failed check: Truncated (< 12
    // bytes or body < 2 bytes), Header (delimiters, 81 prefixes, L outside 12..1200), Escape, Length,
    // Crc.
    std::optional<RejectReason> failure;
    // Present when the body unescapes to at least prefix and command, even if L or CRC are wrong:
    // a device owes such a request its ack with result 1 (§8).
    std::optional<std::uint8_t> packetNumber;
    std::optional<std::uint16_t> command;
    // Unescaped data after prefix and command (points into the caller's scratch buffer).
    std::span<const std::uint8_t> data;
};

// Checks and unescapes one frame (wire bytes from F0 to 0F inclusive). scratch receives the
// unescaped body and must outlive the returned data span. Never throws.
[[nodiscard]] ParsedFrame parseFrame(std::span<const std::uint8_t> wire, std::vector<std::uint8_t>& scratch);

} // namespace galvani::proto::sm4
