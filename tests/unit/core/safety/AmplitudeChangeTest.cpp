// SPDX-License-Identifier: GPL-3.0-or-later
// Live amplitude changes (CLINICAL §1.3): absolute targets, steps of at most 0.5 mA, the programme re-validated.
#include "SafetyTestSupport.h"

#include "core/safety/ClinicalLimits.h"

#include <catch2/catch.hpp>

#include <limits>

using namespace galvani::core;
using namespace galvani::core::safety;
using namespace galvani::core::safety::test;

namespace {

ValidatedProgram running(const Program& p, const EffectiveLimits& l)
{
    auto v = SafetyGuard::validate(p, l);
    INFO(v.summary());
    REQUIRE(v.accepted());
    return *v.program();
}

} // namespace

TEST_CASE("A step of at most 0.5 mA either way is accepted as an absolute target", "[core][safety]")
{
    const auto limits = standardLimits();
    const auto base = running(programOf(baseChannel(2)), limits); // 20 mA on channel 2

    const auto up = SafetyGuard::validateAmplitudeChange(base, 2, Microamps(20'500), limits);
    INFO((up.violations().empty() ? std::string() : up.violations()[0].message));
    REQUIRE(up.accepted());
    CHECK(up.command()->channel() == 2);
    CHECK(up.command()->previous() == Microamps(20'000));
    CHECK(up.command()->target() == Microamps(20'500));
    // 0.5 mA at 200 mA/s takes at least 2.5 ms.
    CHECK(up.command()->minimumTransition() == Microseconds(2'500));
    REQUIRE(up.program().has_value());
    CHECK(up.program()->program().find(2)->train.amplitude == Microamps(20'500));

    const auto down = SafetyGuard::validateAmplitudeChange(base, 2, Microamps(19'500), limits);
    REQUIRE(down.accepted());
    CHECK(down.command()->minimumTransition() == Microseconds(0));

    const auto same = SafetyGuard::validateAmplitudeChange(base, 2, Microamps(20'000), limits);
    CHECK(same.accepted());
}

TEST_CASE("Steps beyond 0.5 mA are refused, 1 µA past the limit", "[core][safety]")
{
    const auto limits = standardLimits();
    const auto base = running(programOf(baseChannel(2)), limits);
    for (std::int64_t target : {20'501, 19'499, 30'000, 0}) {
        INFO(target);
        const auto v = SafetyGuard::validateAmplitudeChange(base, 2, Microamps(target), limits);
        CHECK_FALSE(v.accepted());
        CHECK_FALSE(v.command().has_value());
        CHECK_FALSE(v.program().has_value());
        REQUIRE(v.violations().size() == 1);
        CHECK(v.violations()[0].field == Field::AmplitudeStep);
        CHECK(v.violations()[0].rule == Rule::AmplitudeStep);
        CHECK(v.violations()[0].allowedMax == 500.0);
    }
    const auto v = SafetyGuard::validateAmplitudeChange(base, 2, Microamps(20'501), limits);
    CHECK(v.violations()[0].message
        == "channel 2 amplitude step 0.501 mA is outside 0.0–0.5 mA (live changes move at most one step from 20.0 mA; "
           "the target was 20.501 mA; limited by clinical limits)");

    Caps finer;
    finer.amplitudeStepMax = Microamps(200);
    auto policy = standardLimits();
    policy.applyClinicPolicy(finer);
    CHECK(SafetyGuard::validateAmplitudeChange(base, 2, Microamps(20'200), policy).accepted());
    CHECK(SafetyGuard::validateAmplitudeChange(base, 2, Microamps(20'201), policy).has(Rule::AmplitudeStep));
}

TEST_CASE("The new amplitude must pass every limit of the programme", "[core][safety]")
{
    const auto limits = standardLimits();
    // At the rms boundary of a 2000 µs / 100 Hz symmetric train (79.056 mA, see the boundary tests).
    auto cp = baseChannel(1);
    cp.train.phaseWidth = Microseconds(2000);
    cp.train.frequency = Hertz(100.0);
    cp.train.amplitude = Microamps(79'056);
    const auto atLimit = running(programOf(cp), limits);
    const auto over = SafetyGuard::validateAmplitudeChange(atLimit, 1, Microamps(79'057), limits);
    CHECK_FALSE(over.accepted());
    REQUIRE(over.violations().size() == 1);
    CHECK(over.violations()[0].rule == Rule::RmsCurrent);
    CHECK(SafetyGuard::validateAmplitudeChange(atLimit, 1, Microamps(78'556), limits).accepted());

    // At the peak cap, half a milliamp more breaks it.
    cp = baseChannel(1);
    cp.train.amplitude = Microamps(99'800);
    const auto nearCap = running(programOf(cp), limits);
    CHECK(SafetyGuard::validateAmplitudeChange(nearCap, 1, Microamps(100'000), limits).accepted());
    CHECK(SafetyGuard::validateAmplitudeChange(nearCap, 1, Microamps(100'001), limits).has(Rule::PeakCurrent));

    // A negative target is not an amplitude (and is two steps away here as well).
    const auto negative = SafetyGuard::validateAmplitudeChange(
        running(programOf(baseChannel(1)), limits), 1, Microamps(std::numeric_limits<std::int64_t>::min()), limits);
    CHECK_FALSE(negative.accepted());
    CHECK(negative.has(Rule::AmplitudeStep));
    CHECK(negative.has(Rule::Range));
}

TEST_CASE("Limits that tightened since validation apply to the next change", "[core][safety]")
{
    const auto original = standardLimits();
    auto cp = baseChannel(3);
    cp.train.amplitude = Microamps(45'000);
    const auto base = running(programOf(cp), original);
    auto recalibrated = standardLimits();
    recalibrated.applyCalibration(3, CalibrationCaps{Microamps(40'000)});
    const auto v = SafetyGuard::validateAmplitudeChange(base, 3, Microamps(45'100), recalibrated);
    CHECK_FALSE(v.accepted());
    REQUIRE(v.violations().size() == 1);
    CHECK(v.violations()[0].source == (LimitSource{LimitLayer::Calibration, 3}));
    // Even a step down is refused while the target is still above the new cap: a validated programme never exceeds
    // a cap. The way out is a channel pause or STOP, which ramp to 0 without validation.
    CHECK(SafetyGuard::validateAmplitudeChange(base, 3, Microamps(44'500), recalibrated).has(Rule::PeakCurrent));
}

TEST_CASE("Changes chain through the re-validated programme", "[core][safety]")
{
    const auto limits = standardLimits();
    auto current = running(programOf(baseChannel(1)), limits);
    for (int i = 0; i < 20; ++i) {
        const auto target = current.program().find(1)->train.amplitude + Microamps(500);
        const auto v = SafetyGuard::validateAmplitudeChange(current, 1, target, limits);
        REQUIRE(v.accepted());
        current = *v.program();
    }
    CHECK(current.program().find(1)->train.amplitude == Microamps(30'000));
}

TEST_CASE("A channel outside the running programme is refused", "[core][safety]")
{
    const auto limits = standardLimits();
    const auto base = running(programOf(baseChannel(1)), limits);
    const auto v = SafetyGuard::validateAmplitudeChange(base, 2, Microamps(0), limits);
    CHECK_FALSE(v.accepted());
    REQUIRE(v.violations().size() == 1);
    CHECK(v.violations()[0].field == Field::Channel);
    CHECK(v.violations()[0].rule == Rule::Missing);
}
