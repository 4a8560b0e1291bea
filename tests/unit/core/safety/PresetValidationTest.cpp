// SPDX-License-Identifier: GPL-3.0-or-later
// Every built-in preset validates against the standard limits at its defaults, at the top of its amplitude range,
// and at each end of every editable range.
#include "SafetyTestSupport.h"

#include "core/domain/PresetCatalogue.h"

#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <vector>

using namespace galvani::core;
using namespace galvani::core::safety;
using namespace galvani::core::safety::test;

namespace {

std::vector<Channel> channelsFor(const Preset& p)
{
    std::vector<Channel> out;
    for (int i = 1; i <= p.channelsPerProgram; ++i) {
        out.push_back(channel(i));
    }
    return out;
}

void requireValid(const Preset& p, const PresetValues& values, const EffectiveLimits& limits, const std::string& what)
{
    INFO(p.id << ": " << what);
    const auto made = p.program(values, channelsFor(p));
    INFO((made.errors.empty() ? std::string() : made.errors.front()));
    REQUIRE(made.program);
    const auto verdict = SafetyGuard::validate(*made.program, limits);
    INFO(verdict.summary());
    CHECK(verdict.accepted());
}

// Each editable field at its minimum and at its maximum, the other fields at their defaults.
std::vector<std::pair<std::string, std::function<void(PresetValues&, bool)>>> fieldExtremes(const Preset& p)
{
    std::vector<std::pair<std::string, std::function<void(PresetValues&, bool)>>> out;
    const auto add = [&out](std::string name, auto member, auto range) {
        out.emplace_back(
            name, [member, range](PresetValues& v, bool high) { v.*member = high ? range.max : range.min; });
    };
    add("frequency", &PresetValues::frequency, p.frequency);
    add("start ramp", &PresetValues::startRamp, p.startRamp);
    add("duration", &PresetValues::duration, p.duration);
    if (p.waveform.isPulsed()) {
        add("phase width", &PresetValues::phaseWidth, p.phaseWidth);
        add("interphase gap", &PresetValues::interphaseGap, p.interphaseGap);
    }
    if (p.burst != BurstKind::None) {
        add("burst rate", &PresetValues::burstRate, p.burstRate);
    }
    if (p.burst == BurstKind::Pulse) {
        add("pulses per burst", &PresetValues::pulsesPerBurst, p.pulsesPerBurst);
    }
    if (p.burst == BurstKind::Carrier) {
        add("burst duty", &PresetValues::burstDuty, p.burstDuty);
    }
    if (p.channelsPerProgram == 2) {
        add("beat", &PresetValues::beatFrequency, p.beatFrequency);
    }
    if (!p.continuous) {
        add("ramp up", &PresetValues::rampUp, p.rampUp);
        add("on", &PresetValues::on, p.on);
        add("ramp down", &PresetValues::rampDown, p.rampDown);
        add("off", &PresetValues::off, p.off);
    }
    return out;
}

// The therapy presets and the procedures (the motor-point search probe).
std::vector<const Preset*> everyPreset()
{
    std::vector<const Preset*> out;
    for (const auto& p : PresetCatalogue::all()) {
        out.push_back(&p);
    }
    for (const auto& p : PresetCatalogue::procedures()) {
        out.push_back(&p);
    }
    return out;
}

} // namespace

TEST_CASE("Every preset's defaults validate against the standard limits", "[core][safety]")
{
    // Standard limits with the smallest trial pad of CLINICAL §4 (4 × 10 cm).
    const auto limits = standardLimits(8, SquareCentimetres(40.0));
    for (const Preset* preset : everyPreset()) {
        const Preset& p = *preset;
        requireValid(p, p.defaults(), limits, "defaults");
        auto top = p.defaults();
        top.amplitude = p.amplitude.max;
        requireValid(p, top, limits, "amplitude at the top of its range");
    }
}

TEST_CASE("Every end of every editable range validates at the top amplitude", "[core][safety]")
{
    const auto limits = standardLimits(8, SquareCentimetres(40.0));
    for (const Preset* preset : everyPreset()) {
        const Preset& p = *preset;
        for (const auto& [name, set] : fieldExtremes(p)) {
            for (bool high : {false, true}) {
                auto v = p.defaults();
                v.amplitude = p.amplitude.max;
                set(v, high);
                requireValid(p, v, limits, name + (high ? " at max" : " at min"));
            }
        }
    }
}

TEST_CASE("A preset's amplitude range does not exceed what its defaults allow", "[core][safety]")
{
    // One µA above the range maximum, the interferential preset (70 mA) is still under 50 mA rms, but Russian
    // (100 mA, exactly 50 mA rms) and the pulsed presets (100 mA peak cap) are at a limit.
    const auto limits = standardLimits(8, SquareCentimetres(40.0));
    for (const auto id : {"conventional-tens", "nmes-strengthening", "russian"}) {
        const auto& p = *PresetCatalogue::find(id);
        auto v = p.defaults();
        v.amplitude = p.amplitude.max + Microamps(1);
        v.startRamp = seconds(2);
        const auto made = p.program(v, channelsFor(p)); // outside the preset range: refused by the preset
        CHECK_FALSE(made.program);
        Program direct = *p.program(p.defaults(), channelsFor(p)).program;
        for (auto& cp : direct.channels) {
            cp.train.amplitude = v.amplitude;
        }
        INFO(id);
        CHECK_FALSE(SafetyGuard::validate(direct, limits).accepted());
    }
}
