// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/sim/SimulatorConfig.h"

#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <variant>

using namespace galvani::device::sim;

namespace {

SimulatorConfig accepted(SimProtocol protocol, const std::map<std::string, std::string>& options)
{
    auto result = configFromOptions(protocol, options);
    if (const auto* e = std::get_if<std::string>(&result)) {
        FAIL("refused: " << *e);
    }
    return std::get<SimulatorConfig>(result);
}

std::string refused(SimProtocol protocol, const std::map<std::string, std::string>& options)
{
    auto result = configFromOptions(protocol, options);
    REQUIRE(std::holds_alternative<std::string>(result));
    return std::get<std::string>(result);
}

} // namespace

TEST_CASE("simulator defaults follow the real devices", "[device][sim][config]")
{
    const auto sm2 = defaultConfig(SimProtocol::ScienceMode2);
    CHECK(sm2.channels == 8);
    CHECK(sm2.effectiveWatchdog().count() == 1200);
    CHECK(defaultConfig(SimProtocol::ScienceMode4).effectiveWatchdog().count() == 2000);
    CHECK(defaultConfig(SimProtocol::ScienceMode3).channels == 4);
    CHECK(sm2.serial == "GSIM-0001");
    CHECK(sm2.loads[7].resistance.value() == 1000);
    CHECK(simProtocolFromId("sciencemode3") == SimProtocol::ScienceMode3);
    CHECK_FALSE(simProtocolFromId("sciencemode5"));
}

TEST_CASE("URL options configure the simulator", "[device][sim][config]")
{
    const auto config = accepted(SimProtocol::ScienceMode4,
        {{"channels", "6"}, {"load-ohms", "500"}, {"load", "2:2000:47nF,3:750"}, {"serial", "P24-TEST01"},
            {"watchdog-ms", "500"}, {"gain-error", "3:+15%,4:-8%"}, {"offset-error", "2:-0.5mA,5:+250uA"},
            {"width-error", "4:+8%"}, {"fault", "open-electrode:6,drop:0.01"}, {"seed", "42"}, {"battery", "55"},
            {"noise-ua", "0"}});
    CHECK(config.channels == 6);
    CHECK(config.loads[0].resistance.value() == 500);
    CHECK(config.loads[1].resistance.value() == 2000);
    CHECK(config.loads[1].capacitanceNanofarads == Approx(47.0));
    CHECK(config.loads[2].resistance.value() == 750);
    CHECK(config.serial == "P24-TEST01");
    CHECK(config.effectiveWatchdog().count() == 500);
    CHECK(config.errors[2].gain == Approx(0.15));
    CHECK(config.errors[3].gain == Approx(-0.08));
    CHECK(config.errors[1].offset.value() == -500);
    CHECK(config.errors[4].offset.value() == 250);
    CHECK(config.errors[3].width == Approx(0.08));
    CHECK(config.errors[2].width == 0.0);
    REQUIRE(config.faults.size() == 2);
    CHECK(config.faults[0].channel == 6);
    CHECK(config.seed == 42);
    CHECK(config.batteryPercent == 55);
    CHECK(config.noise.value() == 0);
}

TEST_CASE("bad URL options are refused with the option and the allowed range", "[device][sim][config]")
{
    CHECK(
        refused(SimProtocol::ScienceMode3, {{"channels", "8"}}).find("channels '8' must be 1..4") != std::string::npos);
    CHECK(refused(SimProtocol::ScienceMode2, {{"watchdog-ms", "5000"}}).find("50..1200") != std::string::npos);
    CHECK(refused(SimProtocol::ScienceMode4, {{"load-ohms", "0"}}).find("load-ohms") != std::string::npos);
    CHECK(refused(SimProtocol::ScienceMode4, {{"gain-error", "3:15"}}).find("CH:+P%") != std::string::npos);
    CHECK(refused(SimProtocol::ScienceMode4, {{"gain-error", "3:+80%"}}).find("-50..+50") != std::string::npos);
    CHECK(refused(SimProtocol::ScienceMode4, {{"width-error", "4:+51%"}}).find("width-error '4:+51%'")
        != std::string::npos);
    CHECK(refused(SimProtocol::ScienceMode4, {{"width-error", "4:+51%"}}).find("-50..+50") != std::string::npos);
    CHECK(refused(SimProtocol::ScienceMode4, {{"offset-error", "2:-0.5"}}).find("needs a unit") != std::string::npos);
    CHECK(refused(SimProtocol::ScienceMode4, {{"channels", "4"}, {"gain-error", "6:+5%"}}).find("channel must be 1..4")
        != std::string::npos);
    CHECK(refused(SimProtocol::ScienceMode4, {{"channels", "4"}, {"fault", "stuck:5"}}).find("does not exist")
        != std::string::npos);
    CHECK(refused(SimProtocol::ScienceMode4, {{"fault", "stuck"}}).find("stuck:CH") != std::string::npos);
    CHECK(refused(SimProtocol::ScienceMode4, {{"serial", "ELEVENCHARS"}}).find("1..10") != std::string::npos);
    CHECK(refused(SimProtocol::ScienceMode4, {{"colour", "red"}}).find("unknown simulator option 'colour'")
        != std::string::npos);
    CHECK(refused(SimProtocol::ScienceMode4, {{"battery", "101"}}).find("0..100") != std::string::npos);
    // Every message says it is about the device URL.
    CHECK(refused(SimProtocol::ScienceMode4, {{"battery", "x"}}).rfind("device URL option battery", 0) == 0);
}

TEST_CASE("flag-style options add up", "[device][sim][config]")
{
    auto config = defaultConfig(SimProtocol::ScienceMode2);
    REQUIRE_FALSE(applySimOption(config, "fault", "open-electrode:1"));
    REQUIRE_FALSE(applySimOption(config, "fault", "ack-delay:10"));
    REQUIRE_FALSE(applySimOption(config, "gain-error", "1:+2.5%"));
    CHECK(config.faults.size() == 2);
    CHECK(config.errors[0].gain == Approx(0.025));
}

TEST_CASE("leak configures an output that drives current at 0 mA commanded, within 0..10 mA", "[device][sim][config]")
{
    const auto config = accepted(SimProtocol::ScienceMode4, {{"leak", "3:0.6mA,5:250uA"}});
    CHECK(config.errors[2].leak.value() == 600);
    CHECK(config.errors[4].leak.value() == 250);
    CHECK(config.errors[0].leak.value() == 0);
    CHECK(refused(SimProtocol::ScienceMode4, {{"leak", "3:0.6"}}).find("needs a unit") != std::string::npos);
    CHECK(refused(SimProtocol::ScienceMode4, {{"leak", "3:11mA"}}).find("0..10 mA") != std::string::npos);
    CHECK(refused(SimProtocol::ScienceMode4, {{"leak", "3:-1mA"}}).find("0..10 mA") != std::string::npos);
    CHECK(refused(SimProtocol::ScienceMode4, {{"channels", "4"}, {"leak", "6:1mA"}}).find("channel must be 1..4")
        != std::string::npos);
}
