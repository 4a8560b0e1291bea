// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocols/ProtocolRegistry.h"
#include "protocols/common/DeviceCapabilities.h"
#include "protocols/sciencemode4/Sm4Types.h"

// How the rest of the program sees the ScienceMode4 (Hasomed P24) and ScienceMode3 (RehaMove3)
// protocols: ids, serial settings, USB ids and hardware capabilities. Values, thread-safe.
namespace galvani::proto::sm4 {

// Hardware caps of the device family (SCIENCEMODE4.md §3, §4.2, §4.4, §6, §9). Current in µA
// (0..130 000, 500 µA steps; the sign of a point picks the polarity), phase width in µs, frequency in
// Hz from the mid-level period range, keep-alive and watchdog in ms.
[[nodiscard]] DeviceCapabilities capabilities(Variant variant);

// Serial line: 3 000 000 baud, 8N2, RTS/CTS (§1). No effect on the P24's CDC port; set anyway.
[[nodiscard]] SerialSettings serialSettings();

// id "sciencemode4": Hasomed P24, USB 0483:5740.
[[nodiscard]] ProtocolDescriptor descriptor();
// id "sciencemode3": Hasomed RehaMove3, FTDI USB-serial (vendor 0403).
[[nodiscard]] ProtocolDescriptor sm3Descriptor();

} // namespace galvani::proto::sm4
