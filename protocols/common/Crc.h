// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <span>

namespace galvani::proto {

// Checksums used by the Hasomed ScienceMode framings. Pure functions, thread-safe, no allocation.
// Both are MSB-first (not reflected), init 0, no final XOR; the check values over "123456789" are
// asserted in the unit tests.

// CRC-8/SMBUS: polynomial 0x07, init 0x00. check("123456789") = 0xF4. Used by ScienceMode2.
[[nodiscard]] std::uint8_t crc8Smbus(std::span<const std::uint8_t> data);

// CRC-16/XMODEM: polynomial 0x1021, init 0x0000. check("123456789") = 0x31C3. Used by ScienceMode3/4.
[[nodiscard]] std::uint16_t crc16Xmodem(std::span<const std::uint8_t> data);

} // namespace galvani::proto
