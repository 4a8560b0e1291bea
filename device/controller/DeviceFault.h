// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <chrono>
#include <cstdint>
#include <string_view>

namespace galvani::device {

// What kind of trouble ended a session or a connection.
enum class FaultKind : std::uint8_t {
    LinkLost, // the port or peer went away
    DeviceSilent, // no frame from the device for the silence timeout, or this host's own loop stalled that long
    HandshakeFailed, // the device did not identify itself or could not be brought to a stop
    NoAcknowledgement, // a command stayed unanswered after every retry
    CommandRefused, // the device refused a command (parameter, mode, level)
    StopNotAcknowledged, // STOP was re-sent the maximum number of times; the port was closed
    ElectrodeError, // lead-off or high impedance on a channel
    DeliveryDeviation, // measured current differs from the commanded current beyond tolerance
    LowCurrent, // the device reports the set current cannot be reached
    DeviceStopped, // the device stopped output by itself (status report, reset, watchdog)
    DeviceError, // the device reported an error of its own (module, emergency switch, general error)
    ProtocolError, // replies that cannot belong to this protocol
};

[[nodiscard]] std::string_view toString(FaultKind kind);

// A fault as shown to the operator: plain words, what to check, which channel.
// Plain value; safe to copy across threads. Units: at = monotonic time in ns (core::Clock::monotonic()).
struct DeviceFault {
    FaultKind kind = FaultKind::DeviceError;
    int channel = 0; // 1-based output; 0 = the whole device
    QString message; // what happened, e.g. "Channel 3: electrode off (lead-off reported by the device)."
    QString whatToCheck; // e.g. "Check that both pads of channel 3 are attached and the lead is plugged in."
    std::chrono::nanoseconds at{0};

    friend bool operator==(const DeviceFault&, const DeviceFault&) = default;
};

} // namespace galvani::device
