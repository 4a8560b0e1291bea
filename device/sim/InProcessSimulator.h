// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "device/discovery/DeviceAddress.h"
#include "device/sim/SimulatedStimulator.h"
#include "device/sim/SimulatorConfig.h"
#include "device/transport/LoopbackTransport.h"

#include <QString>
#include <QThread>

#include <memory>

namespace galvani::device::sim {

// A SimulatedStimulator running on its own thread behind a LoopbackTransport pair: what a `sim:` device
// URL connects to. The host end behaves like any other transport (it is already open; open() again is
// harmless). Nothing distinguishes it from a serial stimulator to the code that uses the host end.
// Thread affinity: create, use hostTransport() and destroy in one thread (the device worker's);
// stimulator() observers and injectFault() from any thread.
// Ownership: owns the thread, both transport ends and the stimulator.
class InProcessSimulator {
public:
    // Parses the sim options of `address` (channels, load-ohms, load, serial, watchdog-ms, gain-error,
    // offset-error, leak, fault, seed, battery, noise-ua) and starts. Returns nullptr and sets *error (naming
    // the URL option) on bad options or a non-sim address.
    static std::unique_ptr<InProcessSimulator> start(const DeviceAddress& address, QString* error);
    // Starts from a ready configuration (tests, benchmarks).
    static std::unique_ptr<InProcessSimulator> start(const SimulatorConfig& config, QString* error);

    InProcessSimulator(const InProcessSimulator&) = delete;
    InProcessSimulator& operator=(const InProcessSimulator&) = delete;
    // Stops the simulator in its thread, stops the thread, closes both ends.
    ~InProcessSimulator();

    [[nodiscard]] Transport& hostTransport() { return *m_host; }
    [[nodiscard]] SimulatedStimulator& stimulator() { return *m_stimulator; }

private:
    InProcessSimulator() = default;

    QThread m_thread;
    std::unique_ptr<LoopbackTransport> m_host;
    std::unique_ptr<LoopbackTransport> m_device;
    std::unique_ptr<SimulatedStimulator> m_stimulator;
};

} // namespace galvani::device::sim
