// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers for the simulator tests: start an in-process simulator from URL-style options, build pulse
// programs. Test-only.

#include "device/sim/InProcessSimulator.h"
#include "device/sim/SimulatorConfig.h"
#include "protocols/sciencemode4/Commands.h"

#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <string>
#include <variant>

namespace galvani::test {

inline std::unique_ptr<device::sim::InProcessSimulator> startSim(
    device::sim::SimProtocol protocol, const std::map<std::string, std::string>& options = {})
{
    auto config = device::sim::configFromOptions(protocol, options);
    if (const auto* e = std::get_if<std::string>(&config)) {
        FAIL("bad simulator options: " << *e);
    }
    QString error;
    auto sim = device::sim::InProcessSimulator::start(std::get<device::sim::SimulatorConfig>(config), &error);
    REQUIRE(sim != nullptr);
    return sim;
}

// +I for w µs, 100 µs gap, -I for w µs (ScienceMode4 points).
inline std::vector<proto::sm4::Point> biphasicPoints(double milliamps, std::int64_t phaseUs)
{
    const core::Microamps i = core::milliamps(milliamps);
    return {{core::Microseconds(phaseUs), i, proto::sm4::Interpolation::Jump},
        {core::Microseconds(100), core::Microamps(0), proto::sm4::Interpolation::Jump},
        {core::Microseconds(phaseUs), -i, proto::sm4::Interpolation::Jump}};
}

// Mid-level update with one channel (1-based) at milliamps, phaseUs, periodUs; ramp in pulses.
inline proto::sm4::MlUpdate mlUpdate(
    int channel, double milliamps, std::int64_t phaseUs, std::int64_t periodUs, std::uint8_t ramp = 0)
{
    proto::sm4::MlUpdate update;
    proto::sm4::MlChannel ch;
    ch.ramp = ramp;
    ch.period = core::Microseconds(periodUs);
    ch.points = biphasicPoints(milliamps, phaseUs);
    update.channels[static_cast<std::size_t>(channel - 1)] = ch;
    return update;
}

inline proto::sm4::LlChannelConfig llPulse(int output, double milliamps, std::int64_t phaseUs)
{
    proto::sm4::LlChannelConfig config;
    config.enable = true;
    config.channel = static_cast<std::uint8_t>((output - 1) % 4);
    config.connector = output > 4 ? proto::sm4::Connector::Green : proto::sm4::Connector::Yellow;
    config.points = biphasicPoints(milliamps, phaseUs);
    return config;
}

} // namespace galvani::test
