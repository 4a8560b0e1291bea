// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/safety/EffectiveLimits.h"
#include "core/safety/SafetyGuard.h"
#include "device/controller/DriverFactory.h"
#include "device/controller/StimulationPlan.h"
#include "device/sim/FaultSpec.h"
#include "device/sim/SimulatedStimulator.h"
#include "device/worker/DeviceService.h"
#include "support/WaitUntil.h"

#include <catch2/catch.hpp>

#include <QObject>

#include <optional>
#include <string>
#include <vector>

// Helpers for sessions through DeviceService against the in-process simulator. Test thread only.
namespace galvani::test {

inline device::DeviceAddress addressOf(const std::string& url)
{
    auto parsed = device::parseDeviceAddress(url);
    REQUIRE(std::holds_alternative<device::DeviceAddress>(parsed));
    return std::get<device::DeviceAddress>(parsed);
}

inline proto::DeviceCapabilities capabilitiesOf(const device::DeviceAddress& address)
{
    QString error;
    auto driver = device::createDriver(address, &error);
    REQUIRE(driver);
    return driver->info().capabilities;
}

// Clinical + hardware limits with 25 cm² pads on every channel.
inline core::safety::EffectiveLimits limitsFor(const proto::DeviceCapabilities& caps)
{
    auto limits = core::safety::EffectiveLimits::forDevice(device::hardwareCaps(caps));
    for (int ch = 1; ch <= caps.channels; ++ch) {
        limits.applyPlacement(ch, core::safety::PlacementCaps{core::squareCentimetres(25.0), std::nullopt});
    }
    return limits;
}

// Symmetric biphasic programme: `ma` on each listed channel, phaseUs phases, 100 µs gap, `hz`, 0.5 s start
// ramp, 2 min timer, through the safety kernel.
inline core::safety::ValidatedProgram validatedProgram(const core::safety::EffectiveLimits& limits,
    const std::vector<int>& channels, double ma, double hz = 40.0, std::int64_t phaseUs = 250)
{
    core::Program program;
    program.name = "integration";
    for (const int ch : channels) {
        program.channels.push_back(core::ChannelProgram{*core::Channel::make(ch, 8),
            core::PulseTrain::pulses(core::Waveform::symmetricBiphasic(), core::hertz(hz), core::microseconds(phaseUs),
                core::microseconds(100), core::milliamps(ma)),
            core::Envelope::continuous(), core::milliseconds(500), core::minutes(2)});
    }
    const auto verdict = core::safety::SafetyGuard::validate(program, limits);
    INFO(verdict.summary());
    REQUIRE(verdict.accepted());
    return *verdict.program();
}

// Injects the fault a galvani-sim --fault spec names ("open-electrode:1", "disconnect-after:0", ...), which must
// parse.
inline void injectFault(device::sim::SimulatedStimulator& sim, const std::string& spec)
{
    const auto parsed = device::sim::parseFaultSpec(spec);
    REQUIRE(std::holds_alternative<device::sim::FaultSpec>(parsed));
    sim.injectFault(std::get<device::sim::FaultSpec>(parsed));
}

// A DeviceService with everything it reports recorded.
struct ServiceSession {
    explicit ServiceSession(const std::string& url) : address(addressOf(url)), service(address)
    {
        QObject::connect(&service, &device::DeviceService::stateChanged, &service,
            [this](device::DeviceState s) { states.push_back(s); });
        QObject::connect(&service, &device::DeviceService::faultRaised, &service,
            [this](const device::DeviceFault& f) { faults.push_back(f); });
        QObject::connect(&service, &device::DeviceService::identityChanged, &service,
            [this](const device::DeviceIdentity& i) { identity = i; });
        QObject::connect(&service, &device::DeviceService::requestRefused, &service,
            [this](const QString& r) { refusals.push_back(r); });
        QObject::connect(&service, &device::DeviceService::connectFailed, &service,
            [this](const QString& r) { refusals.push_back(r); });
    }

    bool waitFor(device::DeviceState state, std::chrono::milliseconds timeout = std::chrono::milliseconds(5000))
    {
        return waitUntil([&] { return service.state() == state; }, timeout);
    }
    device::sim::SimulatedStimulator& sim()
    {
        auto* stimulator = service.simulatedStimulator();
        REQUIRE(stimulator != nullptr);
        return *stimulator;
    }
    // Connects and configures; leaves the session Armed.
    void arm(const core::safety::ValidatedProgram& program)
    {
        service.connectDevice();
        REQUIRE(waitFor(device::DeviceState::Idle));
        service.configure(program);
        REQUIRE(waitFor(device::DeviceState::Armed));
    }
    std::vector<device::TelemetrySample> drain()
    {
        std::vector<device::TelemetrySample> out;
        device::TelemetrySample sample;
        while (service.telemetry().tryPop(sample)) {
            out.push_back(sample);
        }
        return out;
    }

    device::DeviceAddress address;
    device::DeviceService service;
    std::vector<device::DeviceState> states;
    std::vector<device::DeviceFault> faults;
    std::vector<QString> refusals;
    std::optional<device::DeviceIdentity> identity;
};

} // namespace galvani::test
