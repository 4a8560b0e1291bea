// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocols/common/Stuffing.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

using namespace galvani::proto;
using Bytes = std::vector<std::uint8_t>;

TEST_CASE("appendStuffed escapes exactly F0, 0F and 81", "[protocols][stuffing]")
{
    for (unsigned v = 0; v < 256; ++v) {
        const auto b = static_cast<std::uint8_t>(v);
        Bytes out;
        appendStuffed(out, b);
        if (b == 0xF0 || b == 0x0F || b == 0x81) {
            REQUIRE(out == Bytes{0x81, static_cast<std::uint8_t>(b ^ 0x55)});
        } else {
            REQUIRE(out == Bytes{b});
        }
    }
    Bytes out;
    appendStuffed(out, 0xF0);
    appendStuffed(out, 0x0F);
    appendStuffed(out, 0x81);
    appendStuffed(out, 0x55);
    CHECK(out == Bytes{0x81, 0xA5, 0x81, 0x5A, 0x81, 0xD4, 0x55});
}

TEST_CASE("appendEscapedHeader always escapes", "[protocols][stuffing]")
{
    Bytes out;
    appendEscapedHeader(out, 0x00);
    appendEscapedHeader(out, 0x55);
    appendEscapedHeader(out, 0x0F);
    CHECK(out == Bytes{0x81, 0x55, 0x81, 0x00, 0x81, 0x5A});
}

TEST_CASE("unstuff reverses appendStuffed for every byte value", "[protocols][stuffing]")
{
    Bytes plain;
    Bytes wire;
    for (unsigned v = 0; v < 256; ++v) {
        plain.push_back(static_cast<std::uint8_t>(v));
        appendStuffed(wire, static_cast<std::uint8_t>(v));
    }
    CHECK(wire.size() == 256 + 3);
    const auto back = unstuff(wire);
    REQUIRE(back.has_value());
    CHECK(*back == plain);
}

TEST_CASE("unstuff decodes extra escapes and rejects a dangling escape", "[protocols][stuffing]")
{
    // Lenient senders escape 55 (81 00) and 0A (81 5F).
    const auto lenient = unstuff(Bytes{0x00, 0x81, 0x00, 0x81, 0x5F});
    REQUIRE(lenient.has_value());
    CHECK(*lenient == Bytes{0x00, 0x55, 0x0A});

    CHECK_FALSE(unstuff(Bytes{0x01, 0x81}).has_value());
    CHECK_FALSE(unstuff(Bytes{0x81}).has_value());
    const auto empty = unstuff(Bytes{});
    REQUIRE(empty.has_value());
    CHECK(empty->empty());
    // 81 81 is an escaped 81 ^ 55 = D4, not two escapes.
    const auto doubled = unstuff(Bytes{0x81, 0x81});
    REQUIRE(doubled.has_value());
    CHECK(*doubled == Bytes{0xD4});
}

TEST_CASE("unstuffInto reuses the buffer and reports a dangling escape", "[protocols][stuffing]")
{
    Bytes out{1, 2, 3};
    CHECK(unstuffInto(Bytes{0x81, 0xA5, 0x07}, out));
    CHECK(out == Bytes{0xF0, 0x07});
    CHECK_FALSE(unstuffInto(Bytes{0x07, 0x81}, out));
    CHECK(out == Bytes{0x07});
}
