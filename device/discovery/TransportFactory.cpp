// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/discovery/TransportFactory.h"

#include "device/controller/DriverFactory.h"
#include "device/sim/InProcessSimulator.h"
#include "device/transport/SerialTransport.h"
#include "protocols/ProtocolRegistry.h"

namespace galvani::device {

DeviceLink::~DeviceLink()
{
    // The transport goes first: the simulator owns the host end of a sim: link.
    m_ownedTransport.reset();
    m_simulator.reset();
}

std::unique_ptr<DeviceLink> DeviceLink::create(const DeviceAddress& address, QString* error)
{
    const auto* descriptor = proto::ProtocolRegistry::find(address.protocol);
    if (descriptor == nullptr) {
        if (error != nullptr) {
            *error = QStringLiteral("device URL protocol '%1' is not supported")
                         .arg(QString::fromStdString(address.protocol));
        }
        return nullptr;
    }
    std::unique_ptr<DeviceLink> link(new DeviceLink());
    if (address.kind == DeviceAddress::Kind::Simulated) {
        link->m_simulator = sim::InProcessSimulator::start(withoutHostOptions(address), error);
        if (!link->m_simulator) {
            return nullptr;
        }
        link->m_transport = &link->m_simulator->hostTransport();
        return link;
    }
    link->m_ownedTransport
        = std::make_unique<SerialTransport>(QString::fromStdString(address.port), descriptor->serial);
    link->m_transport = link->m_ownedTransport.get();
    return link;
}

} // namespace galvani::device
