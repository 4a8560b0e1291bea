// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocols/common/ByteIo.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

using namespace galvani::proto;
using Bytes = std::vector<std::uint8_t>;

TEST_CASE("ByteWriter writes big-endian", "[protocols][byteio]")
{
    ByteWriter w;
    w.u8(0x12);
    w.i8(-2);
    w.u16(0x01F4);
    w.i16(-3);
    w.u32(0xDEADBEEF);
    w.i32(-1);
    const Bytes tail{0xAA, 0xBB};
    w.bytes(tail);
    CHECK(w.size() == 16);
    CHECK(w.take()
        == Bytes{0x12, 0xFE, 0x01, 0xF4, 0xFF, 0xFD, 0xDE, 0xAD, 0xBE, 0xEF, 0xFF, 0xFF, 0xFF, 0xFF, 0xAA, 0xBB});
}

TEST_CASE("ByteReader reads what ByteWriter wrote", "[protocols][byteio]")
{
    ByteWriter w;
    w.u8(200);
    w.i8(-128);
    w.u16(65535);
    w.i16(-32768);
    w.u32(0x80000001U);
    w.i32(-123456);
    const auto data = w.take();
    ByteReader r(data);
    CHECK(r.u8() == std::optional<std::uint8_t>(200));
    CHECK(r.i8() == std::optional<std::int8_t>(-128));
    CHECK(r.u16() == std::optional<std::uint16_t>(65535));
    CHECK(r.i16() == std::optional<std::int16_t>(-32768));
    CHECK(r.u32() == std::optional<std::uint32_t>(0x80000001U));
    CHECK(r.i32() == std::optional<std::int32_t>(-123456));
    CHECK(r.atEnd());
    CHECK_FALSE(r.failed());
}

TEST_CASE("ByteReader never reads past the end and keeps a sticky failure flag", "[protocols][byteio]")
{
    const Bytes data{0x01, 0x02, 0x03};
    ByteReader r(data);
    CHECK_FALSE(r.u32().has_value());
    CHECK(r.failed());
    CHECK(r.position() == 0); // a failed read consumes nothing
    CHECK(r.u16() == std::optional<std::uint16_t>(0x0102));
    CHECK_FALSE(r.u16().has_value());
    CHECK(r.remaining() == 1);
    CHECK_FALSE(r.bytes(2).has_value());
    const auto last = r.bytes(1);
    REQUIRE(last.has_value());
    CHECK((*last)[0] == 0x03);
    CHECK_FALSE(r.u8().has_value());
    CHECK_FALSE(r.i8().has_value());
    CHECK_FALSE(r.skip(1));
    CHECK(r.skip(0));
    CHECK(r.failed());

    ByteReader empty(std::span<const std::uint8_t>{});
    CHECK(empty.atEnd());
    CHECK_FALSE(empty.u8().has_value());
    CHECK_FALSE(empty.i16().has_value());
    CHECK_FALSE(empty.i32().has_value());
}
