// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/units/Units.h"

#include <QString>

#include <optional>

namespace galvani::device {

// What a connected stimulator told us about itself during the handshake, plus what its protocol implies.
// Plain value; safe to copy across threads. Units: battery level in percent, battery voltage in mV.
// Fields a protocol cannot report (ScienceMode2 has no identity queries) stay empty / nullopt.
struct DeviceIdentity {
    QString protocolId; // registry id, e.g. "sciencemode4"
    QString model; // e.g. "Hasomed P24"
    QString level; // how the host drives it: "low level", "mid level", "channel list mode"
    QString deviceId; // serial / device id as reported; empty if the protocol has none
    QString firmware; // e.g. "1.2.3 (ScienceMode 4.0.1)"; empty if not reported
    int channels = 0;
    std::optional<int> batteryPercent;
    std::optional<core::Millivolts> batteryVoltage;
    bool measuresDeliveredCurrent = false; // true: telemetry carries measured current, not only commanded

    friend bool operator==(const DeviceIdentity&, const DeviceIdentity&) = default;
};

} // namespace galvani::device
