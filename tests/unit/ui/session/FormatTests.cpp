// SPDX-License-Identifier: GPL-3.0-or-later
// The treatment panel's number and text helpers.
#include "ui/session/SessionFormat.h"

#include <catch2/catch.hpp>

using namespace galvani;
using namespace galvani::ui::session;

TEST_CASE("Currents show in mA with one decimal, rounded half away from zero", "[ui][session][format]")
{
    CHECK(milliampsNumber(0) == QStringLiteral("0.0"));
    CHECK(milliampsNumber(12'450) == QStringLiteral("12.5"));
    CHECK(milliampsNumber(12'449) == QStringLiteral("12.4"));
    CHECK(milliampsNumber(100'000) == QStringLiteral("100.0"));
    CHECK(milliampsNumber(-40) == QStringLiteral("0.0"));
    CHECK(milliampsNumber(-60) == QStringLiteral("-0.1"));
    CHECK(milliamps(6'600) == QStringLiteral("6.6 mA"));
    CHECK(microampsFromMilliamps(7.3) == 7'300);
    CHECK(microampsFromMilliamps(0.1) == 100);
}

TEST_CASE("Charge shows in µC below 1000 µC and in mC above", "[ui][session][format]")
{
    CHECK(charge(734.24) == QStringLiteral("734.2 µC"));
    CHECK(charge(12'480.0) == QStringLiteral("12.48 mC"));
}

TEST_CASE("Times show as minutes and seconds", "[ui][session][format]")
{
    CHECK(minutesSeconds(0) == QStringLiteral("00:00"));
    CHECK(minutesSeconds(187'900) == QStringLiteral("03:07"));
    CHECK(minutesSeconds(99 * 60'000) == QStringLiteral("99:00"));
    CHECK(minutesSeconds(-5) == QStringLiteral("00:00"));
}

TEST_CASE("Sites read as words and ids are made from side and muscle", "[ui][session][format]")
{
    CHECK(siteText(QStringLiteral("right-lumbar-erector-spinae")) == QStringLiteral("right lumbar erector spinae"));
    CHECK(siteId(QStringLiteral("Left"), QStringLiteral("upper trapezius")) == QStringLiteral("left-upper-trapezius"));
}
