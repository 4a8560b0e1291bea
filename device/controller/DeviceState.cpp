// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/controller/DeviceState.h"

namespace galvani::device {

std::string_view toString(DeviceState state)
{
    switch (state) {
    case DeviceState::Disconnected:
        return "disconnected";
    case DeviceState::Handshaking:
        return "handshaking";
    case DeviceState::Idle:
        return "idle";
    case DeviceState::Armed:
        return "armed";
    case DeviceState::Stimulating:
        return "stimulating";
    case DeviceState::Stopping:
        return "stopping";
    case DeviceState::Fault:
        return "fault";
    }
    return "unknown";
}

} // namespace galvani::device
