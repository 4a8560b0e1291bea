// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/Program.h"
#include "device/controller/DeviceController.h"
#include "support/FakeClock.h"
#include "support/ScriptedTransport.h"

#include <QObject>

#include <catch2/catch.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <vector>

namespace galvani::test {

// A DeviceController wired to a ScriptedTransport and a FakeClock. run() advances time in steps; after
// each step the controller ticks and the transport delivers what the scripted device answered, so a
// reply always arrives one step after its request. Thread affinity: the test thread.
template <typename Driver>
struct ControllerRig {
    template <typename... DriverArgs>
    explicit ControllerRig(device::ControllerSettings settings = {}, DriverArgs&&... args)
        : driver(std::forward<DriverArgs>(args)...), stop(std::make_shared<device::StopSignal>()),
          ring(std::make_unique<device::TelemetryRing>()),
          controller(transport, driver, clock, stop, ring.get(), settings)
    {
        QObject::connect(
            &transport, &device::Transport::bytesReceived, &controller, &device::DeviceController::bytesReceived);
        QObject::connect(&transport, &device::Transport::linkLost, &controller, &device::DeviceController::linkLost);
        QObject::connect(&controller, &device::DeviceController::stateChanged, &controller,
            [this](device::DeviceState s) { states.push_back(s); });
        QObject::connect(&controller, &device::DeviceController::faultRaised, &controller,
            [this](const device::DeviceFault& f) { faults.push_back(f); });
        transport.open(nullptr);
    }

    void step(std::chrono::milliseconds d = std::chrono::milliseconds(1))
    {
        clock.advance(d);
        controller.tick();
        transport.deliver();
    }
    void run(std::chrono::milliseconds total, std::chrono::milliseconds d = std::chrono::milliseconds(1))
    {
        for (auto t = std::chrono::milliseconds(0); t < total; t += d) {
            step(d);
        }
    }
    // Runs until pred() holds or limit passes; returns pred().
    bool runUntil(const std::function<bool()>& pred, std::chrono::milliseconds limit)
    {
        for (auto t = std::chrono::milliseconds(0); t < limit && !pred(); t += std::chrono::milliseconds(1)) {
            step();
        }
        return pred();
    }
    [[nodiscard]] device::DeviceState state() const { return controller.state(); }
    [[nodiscard]] std::chrono::milliseconds now() const
    {
        return std::chrono::duration_cast<std::chrono::milliseconds>(clock.monotonic());
    }

    FakeClock clock;
    ScriptedTransport transport;
    Driver driver;
    std::shared_ptr<device::StopSignal> stop;
    std::unique_ptr<device::TelemetryRing> ring;
    device::DeviceController controller;
    std::vector<device::DeviceState> states;
    std::vector<device::DeviceFault> faults;
};

// One channel programme: symmetric biphasic, `ma` mA, 250 µs phases, 100 µs gap, at `hz`, continuous.
inline core::ChannelProgram channelProgram(int channel, double ma, double hz = 50.0,
    core::Microseconds startRamp = core::Microseconds(0), core::Microseconds duration = core::seconds(600))
{
    core::ChannelProgram p{*core::Channel::make(channel, 8),
        core::PulseTrain::pulses(core::Waveform::symmetricBiphasic(), core::hertz(hz), core::microseconds(250),
            core::microseconds(100), core::milliamps(ma)),
        core::Envelope::continuous(), startRamp, duration};
    return p;
}

// Opens the link and takes the controller through Idle and Armed (configure(plan)) to stimulating (start()),
// requiring each step to succeed.
template <typename Rig>
void stimulate(Rig& rig, const device::StimulationPlan& plan)
{
    rig.controller.linkOpened();
    REQUIRE(rig.runUntil([&] { return rig.state() == device::DeviceState::Idle; }, std::chrono::milliseconds(100)));
    REQUIRE(!rig.controller.configure(plan));
    REQUIRE(rig.runUntil([&] { return rig.state() == device::DeviceState::Armed; }, std::chrono::milliseconds(100)));
    REQUIRE(!rig.controller.start());
    REQUIRE(rig.state() == device::DeviceState::Stimulating);
}

inline device::StimulationPlan planOf(std::vector<core::ChannelProgram> channels)
{
    device::StimulationPlan plan;
    plan.channels = std::move(channels);
    return plan;
}

} // namespace galvani::test
