// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string_view>

namespace galvani::device {

// The states of one stimulator connection (DESIGN.md "Devices and protocols").
//   Disconnected: no link.                Handshaking: link open, identifying the device and stopping
//   Idle: connected, no programme loaded. any output left running.
//   Armed: programme loaded, output off.  Stimulating: output running (amplitude ramped from zero).
//   Stopping: stop sent, waiting for the device to acknowledge it.
//   Fault: something went wrong; output has been stopped (or the link closed). Only the operator leaves it.
// Nothing ever moves to Stimulating by itself: only an explicit start from Armed does.
enum class DeviceState : std::uint8_t { Disconnected, Handshaking, Idle, Armed, Stimulating, Stopping, Fault };

[[nodiscard]] std::string_view toString(DeviceState state);

// True in the states where the device may be delivering current on our behalf.
[[nodiscard]] constexpr bool mayDeliver(DeviceState state)
{
    return state == DeviceState::Stimulating || state == DeviceState::Stopping;
}

} // namespace galvani::device
