// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace galvani::app {

// A stimulator the workstation can connect to, as a device URL ready to use and a line for people. Plain value.
struct DeviceChoice {
    QString url; // "serial:/dev/ttyUSB0?protocol=sciencemode4"
    QString label; // "sciencemode4 on /dev/ttyUSB0 (Hasomed GmbH, P24, serial 1234)"
};

// One serial port as the system lists it (device::SerialPortEntry without the device types, which the app's public
// headers never name). Plain value.
struct SerialPortFacts {
    QString systemLocation;
    QString description;
    QString manufacturer;
    QString serialNumber;
    QString suggestedUrl; // empty: no protocol's USB IDs match the port
};

// The serial ports whose USB IDs match a stimulator protocol, each as a choice, in the order given; ports no
// protocol matches (a built-in RS-232 port, a modem) are left out: nothing would speak to them.
[[nodiscard]] QList<DeviceChoice> stimulatorPortChoices(const QList<SerialPortFacts>& ports);

// The same for the ports the system lists now (QSerialPortInfo through the device layer). Any thread.
[[nodiscard]] QList<DeviceChoice> availableStimulatorPorts();

} // namespace galvani::app
