// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocols/common/Reject.h"
#include "protocols/common/Result.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

// ScienceMode2 frame layer (SCIENCEMODE2.md §2), shared by HostCodec and DeviceCodec:
//   F0 | 81 CRC^55 | 81 LEN^55 | escaped body: pn, cmd, data | 0F
// CRC-8/SMBUS and LEN cover the body as transmitted (escaped). Free functions, thread-safe.
namespace galvani::proto::sm2 {

// A frame that passed every framing check: header, LEN, CRC, unescaping, at least pn + cmd.
struct ParsedFrame {
    std::uint8_t packetNumber = 0;
    std::uint8_t command = 0;
    std::vector<std::uint8_t> data; // unescaped command data
};

// Why a frame (or a partial frame) was not delivered. packetNumber/command are set when they could be
// read from the body (the device echoes them in a reject reply). transferValid = header, LEN and CRC
// were fine (the frame counts as traffic for the device watchdog even if its content was refused).
struct FrameReject {
    RejectReason reason = RejectReason::Crc;
    std::optional<std::uint8_t> packetNumber;
    std::optional<std::uint8_t> command;
    bool transferValid = false;
    std::size_t wireBytes = 0; // size of the refused frame on the wire
    friend bool operator==(const FrameReject&, const FrameReject&) = default;
};

// Checks one complete wire frame (F0 … 0F as delivered by FrameSplitter) in the order of §2:
// size ≥ 6 (Truncated), last byte 0F (NoStop), F0 and bytes 1 and 3 = 81 (Header), LEN (Length),
// CRC (Crc), body ≥ 2 bytes after unescaping (Truncated). Never reads out of bounds, whatever the input.
[[nodiscard]] Result<ParsedFrame, FrameReject> parseFrame(std::span<const std::uint8_t> wire);

// Builds a conforming frame: body bytes F0/0F/81 escaped, header bytes always escaped. The caller
// guarantees data.size() ≤ kMaxDataBytes (the codecs check it before).
[[nodiscard]] std::vector<std::uint8_t> buildFrame(
    std::uint8_t packetNumber, std::uint8_t command, std::span<const std::uint8_t> data);

} // namespace galvani::proto::sm2
