// SPDX-License-Identifier: GPL-3.0-or-later
// Point encoding (§4.2), measured-sample convention (§7) and the duty rule (§4.4).
#include "protocols/sciencemode4/DutyCycle.h"
#include "protocols/sciencemode4/Messages.h"
#include "protocols/sciencemode4/PointCodec.h"
#include "protocols/sciencemode4/Sm4Limits.h"

#include <catch2/catch.hpp>

#include <array>

using namespace galvani;
using namespace galvani::proto;
using namespace galvani::proto::sm4;

namespace {

std::array<std::uint8_t, 4> encode(std::int64_t us, std::int64_t ua)
{
    const Point p{core::Microseconds{us}, core::Microamps{ua}, Interpolation::Jump};
    REQUIRE_FALSE(checkPoint(p));
    ByteWriter out;
    writePoint(p, out);
    REQUIRE(out.size() == 4);
    std::array<std::uint8_t, 4> bytes{};
    std::copy(out.view().begin(), out.view().end(), bytes.begin());
    return bytes;
}

} // namespace

TEST_CASE("sm4 point: the documented examples", "[protocols][sm4][point]")
{
    CHECK(encode(250, 20'000) == std::array<std::uint8_t, 4>{0x0F, 0xA5, 0x50, 0x00});
    CHECK(encode(100, 0) == std::array<std::uint8_t, 4>{0x06, 0x44, 0xB0, 0x00});
    CHECK(encode(250, -20'000) == std::array<std::uint8_t, 4>{0x0F, 0xA4, 0x10, 0x00});
    CHECK(currentCode(core::Microamps{20'000}) == 340);
    CHECK(currentCode(core::Microamps{-150'000}) == 0);
    CHECK(currentCode(core::Microamps{150'000}) == 600);
    CHECK_FALSE(currentCode(core::Microamps{150'500}));
    CHECK_FALSE(currentCode(core::Microamps{250})); // not a 0.5 mA step
}

TEST_CASE("sm4 point: every 10-bit current code decodes iff the device accepts it", "[protocols][sm4][point]")
{
    for (unsigned code = 0; code < 1024; ++code) {
        for (const unsigned d : {0U, 1U, 0x80FU, 4095U}) {
            const std::array<std::uint8_t, 4> bytes{static_cast<std::uint8_t>(d >> 4U),
                static_cast<std::uint8_t>(((d & 0xFU) << 4U) | (code >> 6U)),
                static_cast<std::uint8_t>((code & 0x3FU) << 2U), 0};
            const auto p = readPoint(bytes);
            INFO("code " << code << " duration " << d);
            const bool accepted = code >= 40 && code <= 560;
            REQUIRE(p.has_value() == accepted);
            if (accepted) {
                CHECK(p->duration.value() == d);
                CHECK(p->current.value() == (static_cast<std::int64_t>(code) - 300) * 500);
                CHECK(encode(p->duration.value(), p->current.value()) == bytes);
            }
        }
    }
}

TEST_CASE("sm4 point: reserved bits and interpolation are rejected", "[protocols][sm4][point]")
{
    const std::array<std::uint8_t, 4> ok{0x0F, 0xA5, 0x50, 0x00};
    REQUIRE(readPoint(ok));
    for (const unsigned bit : {0x01U, 0x02U}) {
        auto b = ok;
        b[2] = static_cast<std::uint8_t>(b[2] | bit);
        CHECK_FALSE(readPoint(b));
    }
    for (unsigned bit = 0; bit < 8; ++bit) {
        auto b = ok;
        b[3] = static_cast<std::uint8_t>(1U << bit);
        CHECK_FALSE(readPoint(b)); // bits 6..5 = interpolation (only 0 supported), the rest unused
    }
}

TEST_CASE("sm4 point: host limits refuse what the device would not accept", "[protocols][sm4][point]")
{
    auto refused = [](std::int64_t us, std::int64_t ua, Interpolation i = Interpolation::Jump) {
        return checkPoint(Point{core::Microseconds{us}, core::Microamps{ua}, i}).has_value();
    };
    CHECK_FALSE(refused(0, 0));
    CHECK_FALSE(refused(4095, 130'000));
    CHECK_FALSE(refused(4095, -130'000));
    CHECK(refused(4096, 0));
    CHECK(refused(-1, 0));
    CHECK(refused(100, 130'500));
    CHECK(refused(100, -130'500));
    CHECK(refused(100, 150'000)); // on the wire, but beyond the device limit
    CHECK(refused(100, 10'250)); // not a 0.5 mA step
    CHECK(refused(100, 1'000, Interpolation::Linear));
    const auto error = checkPoint(Point{core::Microseconds{100}, core::Microamps{131'000}, Interpolation::Jump});
    REQUIRE(error);
    CHECK(error->field == "point.current");
    CHECK(error->value == 131'000);
}

TEST_CASE("sm4 samples: raw = int16 of mA x 100, |I| > 150 mA undecodable", "[protocols][sm4][point]")
{
    CHECK(sampleCurrent(4000) == core::Microamps{40'000});
    CHECK(sampleCurrent(0xF060) == core::Microamps{-40'000});
    CHECK(sampleCurrent(897) == core::Microamps{8'970});
    CHECK(sampleCurrent(15000) == core::Microamps{150'000});
    CHECK_FALSE(sampleCurrent(15001));
    CHECK(sampleCurrent(static_cast<std::uint16_t>(-15000)) == core::Microamps{-150'000});
    CHECK_FALSE(sampleCurrent(static_cast<std::uint16_t>(-15001)));
    CHECK_FALSE(sampleCurrent(0x8000));
    int decodable = 0;
    for (unsigned raw = 0; raw <= 0xFFFF; ++raw) {
        const auto current = sampleCurrent(static_cast<std::uint16_t>(raw));
        if (current) {
            ++decodable;
            REQUIRE(currentToSample(*current) == raw);
        }
    }
    CHECK(decodable == 30001); // -15000..15000
    CHECK_FALSE(currentToSample(core::Microamps{5}));
    CHECK_FALSE(currentToSample(core::Microamps{150'010}));
}

TEST_CASE("sm4 duty rule: the sum must stay below 1000 per mille", "[protocols][sm4][duty]")
{
    auto channel = [](std::int64_t pulseUs, std::int64_t periodUs) {
        return MlChannel{0, core::Microseconds{periodUs}, PeriodResolution::HalfMillisecond,
            {Point{core::Microseconds{pulseUs}, core::Microamps{1000}, Interpolation::Jump}}};
    };
    MlUpdate u;
    u.channels[0] = channel(939, 1000); // (939 + 60) / 1 ms = 999
    CHECK(dutyPerMille(u) == Approx(999.0));
    CHECK(satisfiesDutyRule(u));
    u.channels[0] = channel(940, 1000); // exactly 1000: refused
    CHECK_FALSE(satisfiesDutyRule(u));

    MlUpdate three;
    for (std::size_t i = 0; i < 3; ++i) {
        three.channels[i] = channel(940, 3000); // 3 x 1000/3 = exactly 1000
    }
    CHECK_FALSE(satisfiesDutyRule(three));
    three.channels[2] = channel(939, 3000);
    CHECK(satisfiesDutyRule(three));

    MlUpdate empty;
    CHECK(dutyPerMille(empty) == 0.0);
    CHECK(satisfiesDutyRule(empty));

    MlUpdate zeroPeriod;
    zeroPeriod.channels[5] = channel(0, 0);
    CHECK_FALSE(satisfiesDutyRule(zeroPeriod));

    // Several points add up; every enabled channel pays the 60 us overhead.
    MlUpdate multi;
    multi.channels[1] = MlChannel{0, core::Microseconds{500}, PeriodResolution::HalfMillisecond,
        {Point{core::Microseconds{100}, core::Microamps{0}, Interpolation::Jump},
            Point{core::Microseconds{100}, core::Microamps{0}, Interpolation::Jump}}};
    CHECK(dutyPerMille(multi) == Approx(520.0));
}
