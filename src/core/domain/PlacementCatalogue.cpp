// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/domain/PlacementCatalogue.h"

#include <array>

// Site data from CLINICAL §4 ("Placement and motor points"). Rows marked there with an asterisk are common
// convention, not atlas data. Only two rows give a distance: cervical paraspinals (~2 cm lateral to C4–C6) and
// rectus abdominis (2–3 cm lateral to the umbilicus, 25 mm taken); every other row names a point by proportion or
// by surface anatomy, so its offset is zero from that point.

namespace galvani::core {

namespace {

struct Muscle {
    std::string_view muscleId;
    std::string_view muscle;
    std::string_view landmark;
    std::string_view guidance;
    int offsetCranialMm;
    int offsetLateralMm;
    std::string_view atlasMotorPoints;
    bool convention;
    bool postureSensitive;
};

constexpr std::array<Muscle, 9> kMuscles{{
    {"upper-trapezius", "upper trapezius", "midpoint between C7 spinous process and acromion",
        "halfway from C7 spinous process to acromion", 0, 0, "4-5 (whole trapezius)", false, false},
    {"middle-trapezius", "middle trapezius", "midpoint between medial scapular border and T3 spinous process",
        "halfway from medial scapular border to T3 spinous process", 0, 0, "4-5 (whole trapezius)", false, false},
    {"lower-trapezius", "lower trapezius", "two-thirds from root of scapular spine toward T8 spinous process",
        "two-thirds from root of scapular spine toward T8 spinous process", 0, 0, "4-5 (whole trapezius)", false,
        false},
    {"cervical-paraspinals", "cervical paraspinals", "C5 spinous process (level C4-C6), back of neck",
        "back of neck only, ~2 cm lateral to C4-C6 spinous processes", 0, 20, "", true, false},
    {"latissimus-dorsi", "latissimus dorsi", "below posterior axillary fold, lateral to inferior scapular angle",
        "belly below posterior axillary fold, lateral to inferior scapular angle", 0, 0, "3-4", true, false},
    {"lumbar-erector-spinae", "lumbar erector spinae", "paraspinal bulge beside L3 spinous process",
        "paraspinal bulge beside L3 spinous process", 0, 0, "2-3, low variation", false, false},
    {"lumbar-multifidus", "lumbar multifidus", "beside L5 spinous process, medial to erector spinae",
        "close to midline at L5 (L4-L5 for stabilisation), medial to erector spinae", 0, 0, "", false, false},
    {"rectus-abdominis", "rectus abdominis", "umbilicus", "2-3 cm lateral to umbilicus; always search", 0, 25,
        "4-5, high variation", true, false},
    {"transversus-abdominis", "transversus abdominis", "just medial to and below ASIS, lower lateral abdomen",
        "lower lateral abdomen, just medial and below ASIS", 0, 0, "", true, true},
}};

// "left-" + muscleId, built at compile time so every site id is a string_view into static storage.
template <std::size_t M>
struct SiteIds {
    static constexpr std::size_t kMaxId = 40;
    std::array<std::array<char, kMaxId>, 2 * M> text{};
    std::array<std::size_t, 2 * M> length{};

    constexpr explicit SiteIds(const std::array<Muscle, M>& muscles)
    {
        for (std::size_t i = 0; i < 2 * M; ++i) {
            const std::string_view prefix = i % 2 == 0 ? std::string_view("left-") : std::string_view("right-");
            const std::string_view muscle = muscles[i / 2].muscleId;
            std::size_t n = 0;
            for (char c : prefix) {
                text[i][n++] = c;
            }
            for (char c : muscle) {
                text[i][n++] = c;
            }
            length[i] = n;
        }
    }
    [[nodiscard]] constexpr std::string_view at(std::size_t i) const { return {text[i].data(), length[i]}; }
};

constexpr SiteIds<kMuscles.size()> kIds(kMuscles);

constexpr std::array<PlacementSite, 2 * kMuscles.size()> makeSites()
{
    std::array<PlacementSite, 2 * kMuscles.size()> sites{};
    for (std::size_t i = 0; i < sites.size(); ++i) {
        const Muscle& m = kMuscles[i / 2];
        sites[i]
            = PlacementSite{kIds.at(i), m.muscleId, m.muscle, i % 2 == 0 ? BodySide::Left : BodySide::Right, m.landmark,
                m.guidance, m.offsetCranialMm, m.offsetLateralMm, m.atlasMotorPoints, m.convention, m.postureSensitive};
    }
    return sites;
}

constexpr auto kSites = makeSites();

} // namespace

std::string_view toString(BodySide side)
{
    return side == BodySide::Left ? "left" : "right";
}

std::span<const PlacementSite> PlacementCatalogue::all()
{
    return kSites;
}

const PlacementSite* PlacementCatalogue::find(std::string_view id)
{
    for (const PlacementSite& s : kSites) {
        if (s.id == id) {
            return &s;
        }
    }
    return nullptr;
}

} // namespace galvani::core
