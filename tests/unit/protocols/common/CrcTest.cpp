// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocols/common/Crc.h"

#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

using namespace galvani::proto;

namespace {

std::vector<std::uint8_t> ascii(std::string_view s)
{
    return {s.begin(), s.end()};
}

// Bitwise reference implementations, independent of the table-driven code under test.
std::uint8_t crc8Reference(const std::vector<std::uint8_t>& data)
{
    unsigned crc = 0;
    for (const auto b : data) {
        crc ^= b;
        for (int i = 0; i < 8; ++i) {
            crc = ((crc & 0x80U) != 0 ? (crc << 1U) ^ 0x07U : crc << 1U) & 0xFFU;
        }
    }
    return static_cast<std::uint8_t>(crc);
}

std::uint16_t crc16Reference(const std::vector<std::uint8_t>& data)
{
    unsigned crc = 0;
    for (const auto b : data) {
        crc ^= static_cast<unsigned>(b) << 8U;
        for (int i = 0; i < 8; ++i) {
            crc = ((crc & 0x8000U) != 0 ? (crc << 1U) ^ 0x1021U : crc << 1U) & 0xFFFFU;
        }
    }
    return static_cast<std::uint16_t>(crc);
}

} // namespace

TEST_CASE("CRC check values over \"123456789\"", "[protocols][crc]")
{
    const auto check = ascii("123456789");
    CHECK(crc8Smbus(check) == 0xF4);
    CHECK(crc16Xmodem(check) == 0x31C3);
}

TEST_CASE("CRC of empty input is the init value", "[protocols][crc]")
{
    CHECK(crc8Smbus({}) == 0x00);
    CHECK(crc16Xmodem({}) == 0x0000);
}

TEST_CASE("CRC matches a bitwise reference on every single byte and on mixed buffers", "[protocols][crc]")
{
    for (unsigned b = 0; b < 256; ++b) {
        const std::vector<std::uint8_t> one{static_cast<std::uint8_t>(b)};
        REQUIRE(crc8Smbus(one) == crc8Reference(one));
        REQUIRE(crc16Xmodem(one) == crc16Reference(one));
    }
    std::vector<std::uint8_t> data;
    std::uint32_t x = 12345;
    for (int len = 0; len < 300; ++len) {
        REQUIRE(crc8Smbus(data) == crc8Reference(data));
        REQUIRE(crc16Xmodem(data) == crc16Reference(data));
        x = x * 1103515245U + 12345U;
        data.push_back(static_cast<std::uint8_t>(x >> 16U));
    }
}

TEST_CASE("CRC-8 of the ScienceMode2 vector bodies", "[protocols][crc]")
{
    // Body as transmitted, offset 5 to the byte before 0F (vector init_beacon_pn0 and start..._pn6).
    const std::array<std::uint8_t, 3> init{0x00, 0x01, 0x01};
    CHECK(crc8Smbus(init) == 0x12);
    const std::array<std::uint8_t, 14> stuffed{
        0x06, 0x20, 0x00, 0x00, 0x81, 0xA5, 0x81, 0x5A, 0x01, 0x01, 0x81, 0xD4, 0x81, 0xD4};
    CHECK(crc8Smbus(stuffed) == 0xE9);
}
