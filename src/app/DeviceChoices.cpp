// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/DeviceChoices.h"

#include "device/discovery/DeviceAddress.h"
#include "device/discovery/PortDiscovery.h"

#include <QStringList>

#include <variant>

namespace galvani::app {

QList<DeviceChoice> stimulatorPortChoices(const QList<SerialPortFacts>& ports)
{
    QList<DeviceChoice> out;
    for (const SerialPortFacts& port : ports) {
        if (port.suggestedUrl.isEmpty()) {
            continue;
        }
        // The protocol the port's USB IDs name ("sciencemode4"), as the URL carries it.
        QString protocol = QStringLiteral("a stimulator protocol");
        const auto parsed = device::parseDeviceAddress(port.suggestedUrl.toStdString());
        if (const auto* address = std::get_if<device::DeviceAddress>(&parsed)) {
            protocol = QString::fromStdString(address->protocol);
        }
        QStringList about;
        for (const QString& part : {port.manufacturer, port.description}) {
            if (!part.trimmed().isEmpty() && !about.contains(part.trimmed())) {
                about.append(part.trimmed());
            }
        }
        if (!port.serialNumber.trimmed().isEmpty()) {
            about.append(QStringLiteral("serial %1").arg(port.serialNumber.trimmed()));
        }
        QString label = QStringLiteral("%1 on %2").arg(protocol, port.systemLocation);
        if (!about.isEmpty()) {
            label += QStringLiteral(" (%1)").arg(about.join(QStringLiteral(", ")));
        }
        out.append(DeviceChoice{port.suggestedUrl, label});
    }
    return out;
}

QList<DeviceChoice> availableStimulatorPorts()
{
    QList<SerialPortFacts> facts;
    for (const device::SerialPortEntry& e : device::listSerialPorts()) {
        facts.append(
            SerialPortFacts{e.systemLocation, e.description, e.manufacturer, e.serialNumber, e.suggestedUrl()});
    }
    return stimulatorPortChoices(facts);
}

} // namespace galvani::app
