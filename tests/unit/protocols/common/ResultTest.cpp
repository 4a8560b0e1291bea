// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocols/common/Result.h"
#include "protocols/common/Reject.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <variant>
#include <vector>

using namespace galvani::proto;

TEST_CASE("Result holds either a value or an error", "[protocols][result]")
{
    Result<std::vector<std::uint8_t>, EncodeError> ok(std::vector<std::uint8_t>{1, 2});
    REQUIRE(ok.hasValue());
    REQUIRE(static_cast<bool>(ok));
    CHECK(ok.value() == std::vector<std::uint8_t>{1, 2});
    CHECK(ok->size() == 2);
    CHECK_THROWS_AS(ok.error(), std::bad_variant_access);

    Result<std::vector<std::uint8_t>, EncodeError> bad(EncodeError{"current", 131, "0..130 mA"});
    REQUIRE_FALSE(bad.hasValue());
    CHECK(bad.error().field == "current");
    CHECK(bad.error().value == 131);
    CHECK(bad.error().message() == "current = 131 (allowed: 0..130 mA)");
    CHECK_THROWS_AS(bad.value(), std::bad_variant_access);

    auto moved = std::move(ok).value();
    CHECK(moved.size() == 2);
}

TEST_CASE("Every reject reason has a distinct name", "[protocols][result]")
{
    const RejectReason all[] = {RejectReason::FrameRestart, RejectReason::NoStop, RejectReason::Overlong,
        RejectReason::Header, RejectReason::Truncated, RejectReason::Escape, RejectReason::Length, RejectReason::Crc,
        RejectReason::UnknownCommand, RejectReason::DataLength, RejectReason::FieldRange};
    for (const auto a : all) {
        CHECK(toString(a) != "unknown");
        for (const auto b : all) {
            if (a != b) {
                CHECK(toString(a) != toString(b));
            }
        }
    }
    CHECK(toString(RejectReason::Crc) == "crc");
    CHECK(toString(RejectReason::NoStop) == "no_stop");
    CHECK(toString(RejectReason::FrameRestart) == "frame_restart");
}
