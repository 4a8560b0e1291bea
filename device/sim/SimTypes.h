// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/units/Units.h"

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

// Values the simulated stimulator reports to tests, benchmarks and galvani-sim. Plain values; copy
// freely across threads. Times are monotonic nanoseconds (core::SystemClock::monotonic()).
namespace galvani::device::sim {

// What the device is doing, as a test sees it.
//  Idle            connected or waiting for a host; no stimulation set up (ScienceMode2 start mode,
//                  ScienceMode4 no level)
//  Armed           stimulation set up, output off (ScienceMode2 initialized, ScienceMode4 level
//                  initialized with high voltage on)
//  Stimulating     at least one channel runs with a non-zero amplitude
//  LatchedWatchdog the host went silent past the watchdog period (or the link closed) while connected;
//                  output is off and stays off until the host initializes again
enum class SimState : std::uint8_t { Idle, Armed, Stimulating, LatchedWatchdog };

// Why output went to zero.
enum class StopCause : std::uint8_t {
    HostStop, // a stop (or re-init, reset, channel left out of an update) from the host
    Watchdog, // the host was silent past the watchdog period
    HostSilentLowLevel, // host-paced pulses (low level, one-shot) stopped coming
    Fault, // a device fault (electrode, over-current, injected disconnect)
    LinkClosed, // the host closed the link
};

[[nodiscard]] std::string_view toString(SimState state); // "idle", "armed", ...
[[nodiscard]] std::string_view toString(StopCause cause); // "host stop", "watchdog", ...

// The last time output went from non-zero to zero.
struct StopEvent {
    std::chrono::nanoseconds time{0};
    StopCause cause = StopCause::HostStop;
    std::string detail;
};

// A command the device refused because it was beyond the device's limits or broke the protocol's
// rules (oracle mode: tests assert that a correct host never produces one).
struct OracleEntry {
    std::chrono::nanoseconds time{0};
    std::string command; // e.g. "Ml_update (32)"
    std::string reason; // e.g. "current code 600 outside 40..560"
};

// One channel's stimulation parameters as the device applied them from a host command.
struct AppliedSetting {
    std::chrono::nanoseconds time{0};
    int channel = 0; // 1..8
    core::Microamps amplitude{0}; // commanded peak |current|
    core::Microseconds phaseWidth{0}; // widest non-zero phase
    core::Microseconds period{0}; // pulse period; 0 for a single (host-paced) pulse
    std::string command; // the command that carried it
};

// One channel's output now.
struct ChannelOutput {
    int channel = 0; // 1..8
    bool running = false; // pulses are being delivered (or host-paced pulses keep coming)
    core::Microamps commanded{0}; // peak |current| the host asked for; 0 when off
    core::Microamps delivered{0}; // peak |current| the load settles at now (ramp, gain/offset error,
                                  // compliance, faults); 0 when off
    core::Microseconds phaseWidth{0}; // widest phase of the running pulse
    core::Microseconds period{0}; // pulse period (estimated for host-paced pulses)
    core::Ohms resistance{0}; // load resistance now
    bool electrodeError = false; // lead-off detected on this channel since the last init
    bool lowCurrent = false; // the compliance voltage keeps the current below the set value
    bool stuck = false; // the stuck-channel fault is active
};

} // namespace galvani::device::sim
