// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocols/common/DeviceCapabilities.h"

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace galvani::proto {

// One wire protocol as the rest of the program sees it: its id (used in device URLs such as
// `sim:sciencemode4?channels=8`), a display name, the line settings and the device it drives.
struct ProtocolDescriptor {
    std::string_view id; // "sciencemode2", "sciencemode3", "sciencemode4"
    std::string_view displayName; // "ScienceMode2 (Hasomed RehaStim2)"
    SerialSettings serial;
    DeviceCapabilities capabilities;
    std::vector<std::uint16_t> usbVendorIds; // USB vendor IDs the device enumerates with (for discovery)
    std::vector<std::uint16_t> usbProductIds; // matching product IDs (empty: any product of those vendors)
};

// The explicit list of supported protocols. Adding a protocol is one folder plus one line in
// ProtocolRegistry.cpp. Thread affinity: none (immutable after first use).
class ProtocolRegistry {
public:
    [[nodiscard]] static std::span<const ProtocolDescriptor> all();
    [[nodiscard]] static const ProtocolDescriptor* find(std::string_view id);
};

} // namespace galvani::proto
