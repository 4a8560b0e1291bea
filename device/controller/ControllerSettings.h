// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/units/Units.h"

#include <chrono>

namespace galvani::device {

// Timing and tolerance settings of a DeviceController. Plain value. The defaults are the figures of
// CLINICAL.md §1.3 and the issue; tests shorten nothing (they drive a FakeClock instead).
// Units: durations in ms; currents in µA; deviationPermille in ‰ of the commanded current.
struct ControllerSettings {
    // Host heartbeat in every connected state. CLINICAL §1.3 asks for one every 100 ms; 90 ms leaves room
    // for the worker's 2 ms timer and scheduling jitter so the gap never exceeds 100 ms.
    std::chrono::milliseconds keepAliveInterval{90};
    // No valid frame from the device for this long while connected = link loss (CLINICAL §1.3: 500 ms).
    std::chrono::milliseconds silenceTimeout{500};
    // Whole handshake (identify, stop whatever runs) must finish within this.
    std::chrono::milliseconds handshakeTimeout{3000};
    // ScienceMode2 beacons every 500 ms while unconnected; wait this long for one before probing directly
    // (a device still connected to a previous host run does not beacon).
    std::chrono::milliseconds beaconWait{1200};
    // A command is sent at most this many times (first try included) before the controller gives up.
    int maxAttempts = 3;
    // Pause before re-sending after a "busy" reply.
    std::chrono::milliseconds busyBackoff{20};
    // STOP is re-sent at this interval until acknowledged, at most stopMaxAttempts times; then the port
    // is closed (the device's own watchdog then ends any output).
    std::chrono::milliseconds stopResendInterval{40};
    int stopMaxAttempts = 5;
    // A status report is trusted only if its poll was sent this long after the last command that changed
    // the device's state was acknowledged (the device needs 10–24 ms to apply a command).
    std::chrono::milliseconds statusSettle{60};
    // Largest amplitude change one command may make (CLINICAL §1.3: ≤ 0.5 mA). A device whose wire
    // resolution is coarser (ScienceMode2: 1 mA) steps by its resolution.
    core::Microamps maxAmplitudeStep{500};
    // Runtime monitor: measured vs commanded may differ by max(deviationFloor, deviationPermille of the
    // commanded value); deviationPulses consecutive pulses beyond that stop the session (CLINICAL §6
    // acceptance: ±10 % or ±1 mA, whichever is larger).
    core::Microamps deviationFloor{1000};
    int deviationPermille = 100;
    int deviationPulses = 3;
    // Low level: at most this many pulse frames awaiting their acks (the device queues 10).
    int maxPulsesInFlight = 8;
    // How often counters are reported.
    std::chrono::milliseconds countersInterval{250};
};

} // namespace galvani::device
