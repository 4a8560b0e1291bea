// SPDX-License-Identifier: GPL-3.0-or-later
#include "BoundaryCases.h"

#include <catch2/catch.hpp>

namespace galvani::core::safety::test {

void runCase(const Case& c)
{
    INFO(c.name);
    {
        Program p = programOf(baseChannel());
        EffectiveLimits l = standardLimits();
        c.inside(p, l);
        const auto v = SafetyGuard::validate(p, l);
        INFO("inside:\n" << v.summary());
        CHECK(v.accepted());
        CHECK(v.violations().empty());
    }
    {
        Program p = programOf(baseChannel());
        EffectiveLimits l = standardLimits();
        c.outside(p, l);
        const auto v = SafetyGuard::validate(p, l);
        INFO("outside:\n" << v.summary());
        CHECK_FALSE(v.accepted());
        CHECK_FALSE(v.program().has_value());
        REQUIRE(v.violations().size() == 1);
        const auto& violation = v.violations().front();
        CHECK(violation.channel == c.channel);
        CHECK(violation.field == c.field);
        CHECK(violation.rule == c.rule);
        CHECK(violation.message.find(std::string(toString(c.field))) != std::string::npos);
        CHECK_FALSE(violation.message.empty());
    }
}

} // namespace galvani::core::safety::test
