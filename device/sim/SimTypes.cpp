// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/sim/SimTypes.h"

namespace galvani::device::sim {

std::string_view toString(SimState state)
{
    switch (state) {
    case SimState::Idle:
        return "idle";
    case SimState::Armed:
        return "armed";
    case SimState::Stimulating:
        return "stimulating";
    case SimState::LatchedWatchdog:
        return "latched-watchdog";
    }
    return "idle";
}

std::string_view toString(StopCause cause)
{
    switch (cause) {
    case StopCause::HostStop:
        return "host stop";
    case StopCause::Watchdog:
        return "watchdog";
    case StopCause::HostSilentLowLevel:
        return "host silent in low level";
    case StopCause::Fault:
        return "fault";
    case StopCause::LinkClosed:
        return "link closed";
    }
    return "host stop";
}

} // namespace galvani::device::sim
