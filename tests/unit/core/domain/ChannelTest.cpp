// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/domain/Channel.h"

#include <catch2/catch.hpp>

#include <limits>
#include <type_traits>

using galvani::core::Channel;
using galvani::core::kMaxChannelCount;

TEST_CASE("Channel numbers are 1-based and checked against the channel count", "[core][domain]")
{
    STATIC_REQUIRE_FALSE(std::is_default_constructible_v<Channel>);
    STATIC_REQUIRE_FALSE(std::is_constructible_v<Channel, int>);

    for (int count = 1; count <= kMaxChannelCount; ++count) {
        INFO("count " << count);
        CHECK_FALSE(Channel::make(0, count).has_value());
        CHECK(Channel::make(1, count).has_value());
        CHECK(Channel::make(count, count).has_value());
        CHECK_FALSE(Channel::make(count + 1, count).has_value());
    }
    CHECK_FALSE(Channel::make(1, 0).has_value());
    CHECK_FALSE(Channel::make(1, -1).has_value());
    CHECK_FALSE(Channel::make(1, kMaxChannelCount + 1).has_value());
    CHECK_FALSE(Channel::make(-1, 8).has_value());
    CHECK_FALSE(Channel::make(std::numeric_limits<int>::min(), 8).has_value());
    CHECK_FALSE(Channel::make(std::numeric_limits<int>::max(), 8).has_value());

    const auto c3 = Channel::make(3, 8);
    REQUIRE(c3);
    CHECK(c3->index() == 3);
    CHECK(c3->zeroBased() == 2);
    CHECK(*Channel::make(2, 8) < *c3);
    CHECK(*Channel::make(3, 4) == *c3);
}
