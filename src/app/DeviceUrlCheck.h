// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to galvani_app: a device URL checked as far as it can be without connecting. Only app .cpp files include
// this header (it names device types, which the app's public headers never do).

#include "app/AppResult.h"
#include "device/controller/DeviceIdentity.h"
#include "device/controller/ProtocolDriver.h"
#include "device/discovery/DeviceAddress.h"

#include <QString>

#include <memory>
#include <variant>

namespace galvani::app::detail {

struct CheckedDevice {
    device::DeviceAddress address;
    std::unique_ptr<device::ProtocolDriver> driver; // the protocol's driver, for its info (capabilities, grid)
};

// Every part of a device URL: its form (device::parseDeviceAddress), the host's options (`level`, through
// device::createDriver) and, for a sim: URL, the simulator's options exactly as the in-process simulator builds its
// configuration from them (device::sim::configFromOptions without the host's options). So a bad option is refused
// here, with its name and range, not when the device is started. On failure the first problem; every message
// begins with "device URL" and names the part or option at fault and what it allows.
// Thread affinity: any (the driver is only constructed, never connected; move it to the device thread to use it).
[[nodiscard]] std::variant<CheckedDevice, QString> checkDeviceUrl(const QString& url);

// The one identity rule for a connected device: the serial under which its calibrations and self-tests are kept and
// checked, by the therapy session and the technician's procedure alike. It is the serial the device reports; for a
// stimulator that reports none (ScienceMode2), the one its URL names with device-serial=. Refused (Device):
// the URL names another serial than the device reports, or neither gives one, since then a failed or overdue
// calibration of the device could not be found. Messages begin with "device: ".
[[nodiscard]] AppResult<QString> deviceSerialOf(
    const device::DeviceIdentity& identity, const device::DeviceAddress& address);

} // namespace galvani::app::detail
