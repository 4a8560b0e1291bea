// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/Preset.h"

#include <span>
#include <string_view>

namespace galvani::core {

// The built-in presets (CLINICAL §2): conventional-tens, burst-tens, acupuncture-like-tens, spinal-stabilisation,
// nmes-strengthening, russian, interferential-4-pole. Every preset's defaults validate against the standard limits
// (tested). Thread affinity: immutable static data, any thread.
class PresetCatalogue {
public:
    [[nodiscard]] static std::span<const Preset> all();
    // nullptr for an unknown id.
    [[nodiscard]] static const Preset* find(std::string_view id);
};

} // namespace galvani::core
