// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/Preset.h"

#include <span>
#include <string_view>

namespace galvani::core {

// The built-in presets (CLINICAL §2): conventional-tens, burst-tens, acupuncture-like-tens, spinal-stabilisation,
// nmes-strengthening, russian, interferential-4-pole; and the built-in procedures that are not treatments: the
// motor-point search probe (CLINICAL §4). Every preset's defaults validate against the standard limits (tested).
// Thread affinity: immutable static data, any thread.
class PresetCatalogue {
public:
    // The motor-point search probe: biphasic, 2 Hz (0.5–3 Hz), 200 µs (150–300 µs), continuous, 0–20 mA.
    static constexpr std::string_view kMotorPointSearchId = "motor-point-search";

    // The therapy presets, as offered for a treatment (PresetService::list, the treatment panel, `preset list`).
    [[nodiscard]] static std::span<const Preset> all();
    // The procedures: programmes run through a session like any preset but not offered as a treatment (today the
    // motor-point search probe). Not in all().
    [[nodiscard]] static std::span<const Preset> procedures();
    // A therapy preset or a procedure; nullptr for an unknown id.
    [[nodiscard]] static const Preset* find(std::string_view id);
};

} // namespace galvani::core
