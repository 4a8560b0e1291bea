// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocols/ProtocolRegistry.h"

#include <catch2/catch.hpp>

#include <set>
#include <string_view>

using namespace galvani::proto;

TEST_CASE("ProtocolRegistry: ids are unique and findable", "[protocols][registry]")
{
    const auto all = ProtocolRegistry::all();
    REQUIRE_FALSE(all.empty());
    std::set<std::string_view> ids;
    for (const auto& d : all) {
        INFO(d.id);
        CHECK(ids.insert(d.id).second);
        CHECK(ProtocolRegistry::find(d.id) == &d);
        CHECK_FALSE(d.displayName.empty());
        CHECK(d.serial.baud > 0U);
        CHECK(d.capabilities.channels > 0);
        CHECK(d.capabilities.currentMax.value() > 0);
        CHECK(d.capabilities.pulseWidthMin <= d.capabilities.pulseWidthMax);
        CHECK(d.capabilities.frequencyMin <= d.capabilities.frequencyMax);
        CHECK_FALSE(d.capabilities.waveforms.empty());
        // Our keep-alive must sit well inside the device watchdog where there is one.
        if (d.capabilities.deviceWatchdog.count() > 0) {
            CHECK(d.capabilities.hostKeepAlive.count() > 0);
            CHECK(d.capabilities.hostKeepAlive * 2 <= d.capabilities.deviceWatchdog);
        }
    }
    // The explicit list: ScienceMode2, ScienceMode3 (RehaMove3, a variant of 4) and ScienceMode4.
    CHECK(all.size() == 3);
    CHECK(ProtocolRegistry::find("sciencemode2") != nullptr);
    CHECK(ProtocolRegistry::find("sciencemode3") != nullptr);
    CHECK(ProtocolRegistry::find("sciencemode4") != nullptr);
    CHECK(ProtocolRegistry::find("nonexistent") == nullptr);
    CHECK(ProtocolRegistry::find("") == nullptr);
    // Stable storage: the same span on every call.
    CHECK(ProtocolRegistry::all().data() == all.data());
}
