// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocols/ProtocolRegistry.h"
#include "protocols/common/DeviceCapabilities.h"

// What a Hasomed RehaStim2 can do and how to reach it (SCIENCEMODE2.md §1, §4, §6, §7).
// Free functions returning values; thread-safe.
namespace galvani::proto::sm2 {

// 8 channels; 0–130 mA (1 mA on the wire, 2 mA likely effective); 20–500 µs per phase in 1 µs;
// 1–50 Hz (40 Hz with all 8 channels); symmetric biphasic only; device watchdog 1200 ms, our host's
// keep-alive every 100 ms; no measured current.
[[nodiscard]] DeviceCapabilities capabilities();

// id "sciencemode2"; 460800 baud 8E1, no flow control; FTDI bridge, vendor 0x0403, any product (no
// product ID is documented: the user confirms the port).
[[nodiscard]] ProtocolDescriptor descriptor();

} // namespace galvani::proto::sm2
