// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace galvani::proto {

// Byte stuffing shared by ScienceMode2/3/4: a frame runs from kStartByte to kStopByte; inside it the
// three special values are sent as kEscapeByte followed by (value XOR kEscapeXor). Header bytes are
// always sent in escaped form so their value can never be mistaken for a delimiter.
// Free functions, thread-safe; they only append to the caller's vector.
inline constexpr std::uint8_t kStartByte = 0xF0;
inline constexpr std::uint8_t kStopByte = 0x0F;
inline constexpr std::uint8_t kEscapeByte = 0x81;
inline constexpr std::uint8_t kEscapeXor = 0x55;

// True for the bytes a conforming sender must escape in a frame body (F0, 0F, 81).
[[nodiscard]] constexpr bool needsEscape(std::uint8_t b)
{
    return b == kStartByte || b == kStopByte || b == kEscapeByte;
}

// Appends b, escaped if it is F0, 0F or 81 (81, b ^ 55), otherwise as is.
void appendStuffed(std::vector<std::uint8_t>& out, std::uint8_t b);

// Appends 81, b ^ 55 whatever b is (header fields).
void appendEscapedHeader(std::vector<std::uint8_t>& out, std::uint8_t b);

// Reverses stuffing: every byte that follows an 81 is XOR-ed with 55, whatever its value, so lenient
// senders that escape extra values decode correctly. Returns nullopt if the input ends in an unpaired
// 81 (the escaped byte is missing).
[[nodiscard]] std::optional<std::vector<std::uint8_t>> unstuff(std::span<const std::uint8_t> in);

// Same as unstuff() but appends to out (cleared first) to let hot paths reuse a buffer. Returns false
// (out then holds the bytes decoded before the dangling 81) on an unpaired trailing 81.
[[nodiscard]] bool unstuffInto(std::span<const std::uint8_t> in, std::vector<std::uint8_t>& out);

} // namespace galvani::proto
