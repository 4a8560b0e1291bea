// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "device/discovery/DeviceAddress.h"

#include <QString>

#include <memory>

namespace galvani::device {

class Transport;
namespace sim {
class InProcessSimulator;
}

// What a DeviceAddress connects to: the transport for the device worker and whatever stands behind it.
//   serial:<port>?protocol=P  → a SerialTransport with P's line settings (not yet opened);
//   sim:P?options             → an InProcessSimulator (its own thread) and its host end (already open).
// Host-side URL options (DriverFactory.h: level) are not passed to the simulator.
// Thread affinity: create, use and destroy in the device worker's thread (the transport lives there).
// Ownership: owns the transport and, for sim:, the simulator.
class DeviceLink {
public:
    // Returns nullptr and sets *error (naming the URL part or the simulator option) on failure.
    [[nodiscard]] static std::unique_ptr<DeviceLink> create(const DeviceAddress& address, QString* error);

    DeviceLink(const DeviceLink&) = delete;
    DeviceLink& operator=(const DeviceLink&) = delete;
    ~DeviceLink();

    [[nodiscard]] Transport& transport() { return *m_transport; }
    // The simulator behind a sim: address (tests and benchmarks observe it); nullptr for serial.
    [[nodiscard]] sim::InProcessSimulator* simulator() { return m_simulator.get(); }

private:
    DeviceLink() = default;

    std::unique_ptr<sim::InProcessSimulator> m_simulator;
    std::unique_ptr<Transport> m_ownedTransport;
    Transport* m_transport = nullptr;
};

} // namespace galvani::device
