// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocols/sciencemode2/Frame.h"

#include "protocols/common/Crc.h"
#include "protocols/common/Stuffing.h"
#include "protocols/sciencemode2/Sm2Types.h"

namespace galvani::proto::sm2 {
namespace {

// pn and cmd from an escaped body that failed LEN or CRC, so a device can still echo them (§8).
void readAddress(std::span<const std::uint8_t> body, FrameReject& reject)
{
    std::vector<std::uint8_t> plain;
    if (!unstuffInto(body, plain) || plain.size() < 2) {
        return;
    }
    reject.packetNumber = plain[0];
    reject.command = plain[1];
}

} // namespace

Result<ParsedFrame, FrameReject> parseFrame(std::span<const std::uint8_t> wire)
{
    FrameReject reject;
    reject.wireBytes = wire.size();
    // F0, two escaped header bytes, stop: anything shorter cannot even hold the header.
    if (wire.size() < kHeaderBytes + 1) {
        reject.reason = RejectReason::Truncated;
        return reject;
    }
    // FrameSplitter only delivers F0 … 0F; these two guard direct callers.
    if (wire.back() != kStopByte) {
        reject.reason = RejectReason::NoStop;
        return reject;
    }
    if (wire.front() != kStartByte || wire[1] != kEscapeByte || wire[3] != kEscapeByte) {
        reject.reason = RejectReason::Header;
        return reject;
    }
    const auto crcField = static_cast<std::uint8_t>(wire[2] ^ kEscapeXor);
    const auto lenField = static_cast<std::uint8_t>(wire[4] ^ kEscapeXor);
    const auto body = wire.subspan(kHeaderBytes, wire.size() - kHeaderBytes - 1);

    if (lenField != body.size()) {
        reject.reason = RejectReason::Length;
        readAddress(body, reject);
        return reject;
    }
    if (crc8Smbus(body) != crcField) {
        reject.reason = RejectReason::Crc;
        readAddress(body, reject);
        return reject;
    }
    reject.transferValid = true;
    ParsedFrame frame;
    std::vector<std::uint8_t> plain;
    // A dangling escape cannot reach here through FrameSplitter (81 makes the stop byte opaque), but
    // parseFrame accepts any span.
    if (!unstuffInto(body, plain)) {
        reject.reason = RejectReason::Escape;
        return reject;
    }
    if (plain.size() < 2) {
        reject.reason = RejectReason::Truncated;
        return reject;
    }
    frame.packetNumber = plain[0];
    frame.command = plain[1];
    frame.data.assign(plain.begin() + 2, plain.end());
    return frame;
}

std::vector<std::uint8_t> buildFrame(
    std::uint8_t packetNumber, std::uint8_t command, std::span<const std::uint8_t> data)
{
    std::vector<std::uint8_t> body;
    body.reserve(2 * (data.size() + 2));
    appendStuffed(body, packetNumber);
    appendStuffed(body, command);
    for (const std::uint8_t b : data) {
        appendStuffed(body, b);
    }
    std::vector<std::uint8_t> wire;
    wire.reserve(body.size() + kHeaderBytes + 1);
    wire.push_back(kStartByte);
    appendEscapedHeader(wire, crc8Smbus(body));
    appendEscapedHeader(wire, static_cast<std::uint8_t>(body.size()));
    wire.insert(wire.end(), body.begin(), body.end());
    wire.push_back(kStopByte);
    return wire;
}

} // namespace galvani::proto::sm2
