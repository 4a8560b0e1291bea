// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocols/common/Crc.h"

#include <array>

namespace galvani::proto {
namespace {

// Tables are built at compile time from the polynomial so there is no hand-typed table to get wrong.
constexpr std::array<std::uint8_t, 256> makeCrc8Table(std::uint8_t poly)
{
    std::array<std::uint8_t, 256> table{};
    for (unsigned i = 0; i < 256; ++i) {
        unsigned crc = i;
        for (int bit = 0; bit < 8; ++bit) {
            crc = (crc & 0x80U) != 0 ? ((crc << 1U) ^ poly) : (crc << 1U);
        }
        table[i] = static_cast<std::uint8_t>(crc & 0xFFU);
    }
    return table;
}

constexpr std::array<std::uint16_t, 256> makeCrc16Table(std::uint16_t poly)
{
    std::array<std::uint16_t, 256> table{};
    for (unsigned i = 0; i < 256; ++i) {
        unsigned crc = i << 8U;
        for (int bit = 0; bit < 8; ++bit) {
            crc = (crc & 0x8000U) != 0 ? ((crc << 1U) ^ poly) : (crc << 1U);
        }
        table[i] = static_cast<std::uint16_t>(crc & 0xFFFFU);
    }
    return table;
}

constexpr auto kCrc8Table = makeCrc8Table(0x07);
constexpr auto kCrc16Table = makeCrc16Table(0x1021);

} // namespace

std::uint8_t crc8Smbus(std::span<const std::uint8_t> data)
{
    std::uint8_t crc = 0;
    for (const std::uint8_t b : data) {
        crc = kCrc8Table[static_cast<std::uint8_t>(crc ^ b)];
    }
    return crc;
}

std::uint16_t crc16Xmodem(std::span<const std::uint8_t> data)
{
    std::uint16_t crc = 0;
    for (const std::uint8_t b : data) {
        const auto index = static_cast<std::uint8_t>((crc >> 8U) ^ b);
        crc = static_cast<std::uint16_t>((crc << 8U) ^ kCrc16Table[index]);
    }
    return crc;
}

} // namespace galvani::proto
