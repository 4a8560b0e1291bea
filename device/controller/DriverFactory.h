// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "device/controller/ProtocolDriver.h"
#include "device/discovery/DeviceAddress.h"

#include <QString>

#include <memory>
#include <string_view>

namespace galvani::device {

// Options of a device URL that the host consumes (they are removed before the rest goes to a simulator):
//   level=low|mid   ScienceMode4/3 only. low: the host streams every pulse (the P24 then measures the
//                   delivered current); mid: the device repeats pulses itself. Default: low for
//                   ScienceMode4 (measured current), mid for ScienceMode3 (its low level measures nothing).
inline constexpr std::string_view kLevelOption = "level";
//   device-serial=S the serial number on the device's label, for stimulators that report none (ScienceMode2).
//                   The application keeps a device's calibrations and self-tests under its serial; when the device
//                   reports one, the two must agree. The device itself never sees it.
inline constexpr std::string_view kDeviceSerialOption = "device-serial";

// The driver for an address's protocol and options. Returns nullptr and sets *error (naming the URL option)
// for an unknown protocol or a bad option value. Call on the device thread (the driver lives there).
[[nodiscard]] std::unique_ptr<ProtocolDriver> createDriver(const DeviceAddress& address, QString* error);

// The address without the host-side options above.
[[nodiscard]] DeviceAddress withoutHostOptions(const DeviceAddress& address);

} // namespace galvani::device
