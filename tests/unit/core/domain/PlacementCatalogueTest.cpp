// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/domain/PlacementCatalogue.h"

#include <catch2/catch.hpp>

#include <set>
#include <string>

using namespace galvani::core;

namespace {

// The muscles of CLINICAL §4 that the catalogue must offer on both sides, written out here independently.
const std::set<std::string> kMuscles{"upper-trapezius", "middle-trapezius", "lower-trapezius", "cervical-paraspinals",
    "latissimus-dorsi", "lumbar-erector-spinae", "lumbar-multifidus", "rectus-abdominis", "transversus-abdominis"};

} // namespace

TEST_CASE("the placement catalogue has every muscle on the left and on the right", "[core][placement]")
{
    std::set<std::string> ids;
    for (const PlacementSite& s : PlacementCatalogue::all()) {
        ids.insert(std::string(s.id));
    }
    std::set<std::string> expected;
    for (const std::string& m : kMuscles) {
        expected.insert("left-" + m);
        expected.insert("right-" + m);
    }
    CHECK(ids == expected);
    CHECK(PlacementCatalogue::all().size() == 18);
}

TEST_CASE("every placement site id is side, dash, muscle id, and names a landmark", "[core][placement]")
{
    for (const PlacementSite& s : PlacementCatalogue::all()) {
        INFO(std::string(s.id));
        const std::string expectedId = std::string(toString(s.side)) + "-" + std::string(s.muscleId);
        CHECK(s.id == expectedId);
        CHECK_FALSE(s.muscle.empty());
        CHECK_FALSE(s.landmark.empty());
        CHECK(s.landmark.size() <= 100); // the placement record's landmark field holds 100 characters
        CHECK_FALSE(s.guidance.empty());
        CHECK(s.offsetLateralMm >= 0);
        CHECK(s.offsetLateralMm <= 500);
        CHECK(PlacementCatalogue::find(s.id) == &s);
    }
}

TEST_CASE("the placement offsets are the distances CLINICAL section 4 gives", "[core][placement]")
{
    // ~2 cm lateral to C4–C6 spinous processes.
    const PlacementSite* neck = PlacementCatalogue::find("right-cervical-paraspinals");
    REQUIRE(neck != nullptr);
    CHECK(neck->offsetLateralMm == 20);
    CHECK(neck->side == BodySide::Right);
    CHECK(neck->convention);
    // 2–3 cm lateral to the umbilicus.
    const PlacementSite* rectus = PlacementCatalogue::find("left-rectus-abdominis");
    REQUIRE(rectus != nullptr);
    CHECK(rectus->offsetLateralMm >= 20);
    CHECK(rectus->offsetLateralMm <= 30);
    CHECK(std::string(rectus->landmark) == "umbilicus");
    // A proportional site: the landmark is the point itself.
    const PlacementSite* upper = PlacementCatalogue::find("left-upper-trapezius");
    REQUIRE(upper != nullptr);
    CHECK(upper->offsetLateralMm == 0);
    CHECK(std::string(upper->landmark).find("C7") != std::string::npos);
    CHECK(std::string(upper->landmark).find("acromion") != std::string::npos);
    CHECK(PlacementCatalogue::find("right-transversus-abdominis")->postureSensitive);
}

TEST_CASE("unknown placement site ids are not found", "[core][placement]")
{
    CHECK(PlacementCatalogue::find("") == nullptr);
    CHECK(PlacementCatalogue::find("upper-trapezius") == nullptr);
    CHECK(PlacementCatalogue::find("middle-upper-trapezius") == nullptr);
    CHECK(PlacementCatalogue::find("left-upper-trapezius ") == nullptr);
    CHECK(PlacementCatalogue::find("LEFT-upper-trapezius") == nullptr);
}
