// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocols/sciencemode4/Frame.h"

#include "protocols/common/Crc.h"
#include "protocols/common/Stuffing.h"
#include "protocols/sciencemode4/Sm4Limits.h"

#include <array>

namespace galvani::proto::sm4 {
namespace {

// Header field positions: the 81 prefixes sit at 1/3/5/7, the values at 2/4/6/8.
constexpr std::size_t kLengthHigh = 2;
constexpr std::size_t kLengthLow = 4;
constexpr std::size_t kCrcHigh = 6;
constexpr std::size_t kCrcLow = 8;

void appendBodyByte(std::vector<std::uint8_t>& out, std::uint8_t b, const WireOptions& options)
{
    if (needsEscape(b) || options.extraEscapes.test(b)) {
        appendEscapedHeader(out, b); // 81, b ^ 55
    } else {
        out.push_back(b);
    }
}

std::uint16_t headerField(std::span<const std::uint8_t> wire, std::size_t high, std::size_t low)
{
    const auto h = static_cast<unsigned>(wire[high] ^ kEscapeXor);
    const auto l = static_cast<unsigned>(wire[low] ^ kEscapeXor);
    return static_cast<std::uint16_t>((h << 8U) | l);
}

} // namespace

Result<std::vector<std::uint8_t>, EncodeError> buildFrame(
    std::uint8_t packetNumber, std::uint16_t command, std::span<const std::uint8_t> data, const WireOptions& options)
{
    if (packetNumber > kMaxPacketNumber) {
        return EncodeError{"packetNumber", packetNumber, "0..63"};
    }
    if (command > kMaxCommandNumber) {
        return EncodeError{"command", command, "0..1023"};
    }
    std::vector<std::uint8_t> out;
    out.reserve(kHeaderWireBytes + 2 * (data.size() + 2) + 1);
    out.push_back(kStartByte);
    out.resize(kHeaderWireBytes); // L and CRC are patched in once the escaped body is known
    appendBodyByte(out, static_cast<std::uint8_t>((packetNumber << 2U) | (command >> 8U)), options);
    appendBodyByte(out, static_cast<std::uint8_t>(command & 0xFFU), options);
    for (const std::uint8_t b : data) {
        appendBodyByte(out, b, options);
    }
    const std::uint16_t crc = crc16Xmodem(std::span(out).subspan(kHeaderWireBytes));
    out.push_back(kStopByte);
    if (out.size() > kMaxFrameBytes) {
        return EncodeError{"frameLength", static_cast<std::int64_t>(out.size()), "12..1200 bytes"};
    }
    const auto length = static_cast<std::uint16_t>(out.size());
    const std::array<std::uint8_t, 4> fields{static_cast<std::uint8_t>(length >> 8U),
        static_cast<std::uint8_t>(length & 0xFFU), static_cast<std::uint8_t>(crc >> 8U),
        static_cast<std::uint8_t>(crc & 0xFFU)};
    for (std::size_t i = 0; i < fields.size(); ++i) {
        out[1 + 2 * i] = kEscapeByte;
        out[2 + 2 * i] = static_cast<std::uint8_t>(fields[i] ^ kEscapeXor);
    }
    return out;
}

ParsedFrame parseFrame(std::span<const std::uint8_t> wire, std::vector<std::uint8_t>& scratch)
{
    ParsedFrame parsed;
    scratch.clear();
    if (wire.size() < kMinFrameBytes) {
        parsed.failure = RejectReason::Truncated;
        return parsed;
    }
    if (wire.front() != kStartByte || wire.back() != kStopByte || wire[1] != kEscapeByte || wire[3] != kEscapeByte
        || wire[5] != kEscapeByte || wire[7] != kEscapeByte) {
        parsed.failure = RejectReason::Header;
        return parsed;
    }
    const std::uint16_t length = headerField(wire, kLengthHigh, kLengthLow);
    if (length < kMinFrameBytes || length > kMaxFrameBytes) {
        // An impossible length is a broken header, not a length mismatch: nothing in it can be trusted.
        parsed.failure = RejectReason::Header;
        return parsed;
    }

    const auto escapedBody = wire.subspan(kHeaderWireBytes, wire.size() - kHeaderWireBytes - 1);
    if (!unstuffInto(escapedBody, scratch)) {
        parsed.failure = RejectReason::Escape;
        return parsed;
    }
    if (scratch.size() >= 2) {
        parsed.packetNumber = static_cast<std::uint8_t>(scratch[0] >> 2U);
        parsed.command = static_cast<std::uint16_t>(((scratch[0] & 0x3U) << 8U) | scratch[1]);
        parsed.data = std::span<const std::uint8_t>(scratch).subspan(2);
    }
    if (length != wire.size()) {
        parsed.failure = RejectReason::Length;
        return parsed;
    }
    if (headerField(wire, kCrcHigh, kCrcLow) != crc16Xmodem(escapedBody)) {
        parsed.failure = RejectReason::Crc;
        return parsed;
    }
    if (!parsed.command) {
        parsed.failure = RejectReason::Truncated;
    }
    return parsed;
}

} // namespace galvani::proto::sm4
