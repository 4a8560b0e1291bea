// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace galvani::core {

// The side of the body a paired site lies on.
enum class BodySide : std::uint8_t { Left, Right };
[[nodiscard]] std::string_view toString(BodySide side); // "left", "right"

// One electrode site of the neck and back (CLINICAL §4): a muscle on one side, the landmark a therapist measures
// from, and the default offset from that landmark. Offsets are in millimetres, cranial (+ towards the head) and
// lateral (+ away from the midline), the convention of the placement records. Where CLINICAL gives the site as a
// proportion ("halfway from C7 to the acromion") the landmark is that point and the default offset is zero; where
// it gives a distance ("~2 cm lateral to C4–C6") the landmark is the bony or surface point and the offset carries
// the distance. Thread affinity: immutable data, any thread.
struct PlacementSite {
    std::string_view id; // "<side>-<muscle>", e.g. "left-upper-trapezius"
    std::string_view muscleId; // "upper-trapezius"
    std::string_view muscle; // display name, "upper trapezius"
    BodySide side = BodySide::Left;
    std::string_view landmark; // the point the offset is measured from (at most 100 characters)
    std::string_view guidance; // CLINICAL §4 placement text
    int offsetCranialMm = 0;
    int offsetLateralMm = 0;
    std::string_view atlasMotorPoints; // motor points per muscle in the atlas, "" when the atlas has none
    bool convention = false; // placement is common convention, not atlas data (CLINICAL §4 asterisk)
    bool postureSensitive = false; // motor points move with posture: re-search when it differs
};

// The built-in sites: left and right of upper, middle and lower trapezius, cervical paraspinals, latissimus dorsi,
// lumbar erector spinae, lumbar multifidus, rectus abdominis and transversus abdominis (18 sites).
// Thread affinity: immutable static data, any thread.
class PlacementCatalogue {
public:
    [[nodiscard]] static std::span<const PlacementSite> all();
    // nullptr for an unknown id.
    [[nodiscard]] static const PlacementSite* find(std::string_view id);
};

} // namespace galvani::core
