// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocols/common/ByteIo.h"
#include "protocols/common/Reject.h"
#include "protocols/sciencemode4/Sm4Types.h"

#include <cstdint>
#include <optional>
#include <span>

// The 4-byte point encoding shared by Ll_channel_config and Ml_update (SCIENCEMODE4.md §4.2):
//   byte0 = d >> 4; byte1 = (d & F) << 4 | c >> 6; byte2 = (c & 3F) << 2; byte3 = interpolation << 5
// with d = duration in µs (12 bits) and c = 2 * I[mA] + 300 (10 bits, 0.5 mA steps).
// Free functions, thread-safe.
namespace galvani::proto::sm4 {

// Wire current code for a current in µA: exact multiple of 500 µA within +-150 mA, else nullopt.
[[nodiscard]] std::optional<std::uint16_t> currentCode(core::Microamps current);
// Current in µA for a 10-bit wire code (any value 0..1023 maps; callers range-check the code).
[[nodiscard]] core::Microamps currentFromCode(std::uint16_t code);

// Host-side check of one point against the device limits (|I| <= 130 mA in 500 µA steps,
// 0..4095 µs, Jump interpolation). nullopt = acceptable.
[[nodiscard]] std::optional<EncodeError> checkPoint(const Point& point);

// Appends the 4 wire bytes of a point that passed checkPoint().
void writePoint(const Point& point, ByteWriter& out);

// Decodes 4 wire bytes (exactly kPointBytes). nullopt when a field is outside what the device
// accepts: current code outside 40..560, interpolation other than Jump, or reserved bits set.
[[nodiscard]] std::optional<Point> readPoint(std::span<const std::uint8_t, 4> bytes);

} // namespace galvani::proto::sm4
