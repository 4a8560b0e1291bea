// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/domain/PresetCatalogue.h"
#include "core/safety/ClinicalLimits.h"

#include <catch2/catch.hpp>

#include <limits>
#include <set>
#include <string>
#include <vector>

using namespace galvani::core;
namespace lim = galvani::core::safety;

namespace {

HardwareCaps capableDevice()
{
    HardwareCaps hw;
    hw.channels = 8;
    hw.currentMax = Microamps(130'000);
    hw.pulseWidthMin = Microseconds(10);
    hw.pulseWidthMax = Microseconds(4'000);
    hw.frequencyMin = Hertz(0.5);
    hw.frequencyMax = Hertz(1'000.0);
    hw.carrierFrequencyMin = Hertz(1'000.0);
    hw.carrierFrequencyMax = Hertz(5'000.0);
    hw.waveforms = WaveformSet::all();
    hw.pulseBursts = true;
    hw.carrierBursts = true;
    return hw;
}

bool anyContains(const std::vector<std::string>& messages, const std::string& needle)
{
    for (const auto& m : messages) {
        if (m.find(needle) != std::string::npos) {
            return true;
        }
    }
    return false;
}

std::vector<Channel> channels(std::initializer_list<int> indices)
{
    std::vector<Channel> out;
    for (int i : indices) {
        out.push_back(*Channel::make(i, 8));
    }
    return out;
}

// The therapy presets and the procedures: every property below holds for both.
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

TEST_CASE("The catalogue holds exactly the seven built-in presets", "[core][domain]")
{
    const std::set<std::string> expected{"conventional-tens", "burst-tens", "acupuncture-like-tens",
        "spinal-stabilisation", "nmes-strengthening", "russian", "interferential-4-pole"};
    std::set<std::string> ids;
    for (const auto& p : PresetCatalogue::all()) {
        ids.insert(std::string(p.id));
        CHECK(PresetCatalogue::find(p.id) == &p);
        CHECK_FALSE(p.name.empty());
        CHECK_FALSE(p.source.empty());
    }
    CHECK(ids == expected);
    CHECK(PresetCatalogue::all().size() == expected.size());
    CHECK(PresetCatalogue::find("hvpc") == nullptr);
    CHECK(PresetCatalogue::find("") == nullptr);
}

TEST_CASE("Preset ranges are ordered, hold their defaults and stay inside the clinical scope", "[core][domain]")
{
    for (const Preset* preset : everyPreset()) {
        const Preset& p = *preset;
        INFO(p.id);
        CHECK(p.amplitude.isSane());
        CHECK(p.amplitude.defaultValue == Microamps(0)); // every treatment starts from zero
        CHECK(p.amplitude.max <= lim::kPeakCurrentDesignCap);
        CHECK(p.frequency.isSane());
        CHECK(p.startRamp.isSane());
        CHECK(p.startRamp.max <= lim::kRampTimeMax);
        CHECK(lim::kStartRampDefaultMin <= p.startRamp.defaultValue);
        CHECK(p.startRamp.defaultValue <= lim::kStartRampDefaultMax);
        CHECK(p.duration.isSane());
        CHECK(lim::kSessionDurationMin <= p.duration.min);
        CHECK(p.duration.max <= lim::kSessionDurationMax);
        CHECK(p.recommendedDurationMin <= p.recommendedDurationMax);
        CHECK(p.isDurationRecommended(p.duration.defaultValue));
        CHECK(p.outOfRange(p.defaults()).empty());

        if (p.waveform.isPulsed()) {
            CHECK(p.phaseWidth.isSane());
            CHECK(p.interphaseGap.isSane());
            CHECK(lim::kPulseRateMin <= p.frequency.min);
            CHECK(p.frequency.max <= lim::kPulseRateMax);
            CHECK(lim::kPhaseWidthMin <= p.phaseWidth.min);
            CHECK(p.phaseWidth.max <= lim::kPhaseWidthMax);
            // The widest pulse fits a period at the fastest rate.
            const double pulseUs = static_cast<double>(2 * p.phaseWidth.max.value() + p.interphaseGap.max.value());
            CHECK(pulseUs * p.frequency.max.value() <= 1.0e6);
        } else {
            CHECK(lim::kCarrierFrequencyMin <= p.frequency.min);
            CHECK(p.frequency.max + p.beatFrequency.max <= lim::kCarrierFrequencyMax);
        }
        if (p.burst != BurstKind::None) {
            CHECK(p.burstRate.isSane());
            CHECK(lim::kBurstRateMin <= p.burstRate.min);
        }
        if (p.burst == BurstKind::Pulse) {
            CHECK(p.pulsesPerBurst.isSane());
            CHECK(p.pulsesPerBurst.min >= 1);
            // The longest burst fits the shortest burst period at the slowest pulse rate.
            CHECK(static_cast<double>(p.pulsesPerBurst.max) * p.burstRate.max.value() <= p.frequency.min.value());
        }
        if (p.burst == BurstKind::Carrier) {
            CHECK(p.burstDuty.isSane());
            CHECK(Permille(1) <= p.burstDuty.min);
            CHECK(p.burstDuty.max <= Permille(1000));
        }
        if (p.channelsPerProgram == 2) {
            CHECK(p.beatFrequency.isSane());
        }
        if (!p.continuous) {
            for (const auto* r : {&p.rampUp, &p.rampDown}) {
                CHECK(r->isSane());
                CHECK(r->max <= lim::kRampTimeMax);
            }
            CHECK(p.on.isSane());
            CHECK(p.off.isSane());
            CHECK(lim::kContractionOnMin <= p.on.min);
            CHECK(lim::kContractionOffMin <= p.off.min);
            // The steepest contraction ramp stays within the ramp-rate limit at the largest amplitude.
            CHECK(p.amplitude.max.value() * 1'000'000 <= lim::kRampRateLimit.value() * p.rampUp.min.value());
        }
        CHECK(p.amplitude.max.value() * 1'000'000 <= lim::kRampRateLimit.value() * p.startRamp.min.value());
    }
}

TEST_CASE("Presets carry the waveform and capabilities of their modality", "[core][domain]")
{
    const auto& tens = *PresetCatalogue::find("conventional-tens");
    CHECK(tens.waveform.kind() == WaveformKind::SymmetricBiphasic);
    CHECK(tens.continuous);
    CHECK(tens.frequency.defaultValue == Hertz(100.0));
    CHECK(tens.phaseWidth.defaultValue == Microseconds(180));
    CHECK(tens.duration.defaultValue == minutes(30));

    const auto& burst = *PresetCatalogue::find("burst-tens");
    CHECK(burst.burst == BurstKind::Pulse);
    CHECK(burst.burstRate.defaultValue == Hertz(2.0));

    const auto& nmes = *PresetCatalogue::find("nmes-strengthening");
    CHECK(nmes.waveform.kind() == WaveformKind::SymmetricBiphasic);
    CHECK_FALSE(nmes.continuous);
    // CLINICAL §2: on:off 1:2–1:5 (10/30, 10/50, 15/45 s); 1:5 must be possible.
    for (auto [on, off] : {std::pair{10, 30}, std::pair{10, 50}, std::pair{15, 45}, std::pair{15, 75}}) {
        CHECK(nmes.on.contains(seconds(on)));
        CHECK(nmes.off.contains(seconds(off)));
    }
    CHECK(nmes.rampUp.contains(Microseconds(500'000)));
    CHECK(nmes.rampUp.contains(Microseconds(3'500'000)));

    const auto& stab = *PresetCatalogue::find("spinal-stabilisation");
    CHECK(stab.frequency.defaultValue == Hertz(50.0));
    CHECK(stab.on.defaultValue == seconds(10));
    CHECK(stab.off.defaultValue == seconds(10));

    const auto& russian = *PresetCatalogue::find("russian");
    CHECK(russian.waveform.kind() == WaveformKind::SineCarrier);
    CHECK(russian.burst == BurstKind::Carrier);
    CHECK(russian.frequency.defaultValue == Hertz(2500.0));
    CHECK(russian.burstRate.defaultValue == Hertz(50.0));
    CHECK(russian.burstDuty.defaultValue == Permille(500));
    CHECK(russian.on.defaultValue == seconds(10));
    CHECK(russian.off.defaultValue == seconds(50));

    const auto& ifc = *PresetCatalogue::find("interferential-4-pole");
    CHECK(ifc.waveform.kind() == WaveformKind::SineCarrier);
    CHECK(ifc.channelsPerProgram == 2);
    CHECK(ifc.beatFrequency.max == Hertz(250.0));

    const auto& al = *PresetCatalogue::find("acupuncture-like-tens");
    CHECK(al.frequency.max == Hertz(5.0));
    CHECK(al.phaseWidth.max == Microseconds(500));
}

TEST_CASE("A device that cannot deliver a preset is refused with a reason", "[core][domain]")
{
    for (const auto& p : PresetCatalogue::all()) {
        INFO(p.id);
        CHECK(p.unsupportedBy(capableDevice()).empty());
        CHECK_FALSE(p.unsupportedBy(HardwareCaps{}).empty()); // a device that can do nothing
    }

    auto noSine = capableDevice();
    noSine.waveforms = WaveformSet{}.add(WaveformKind::SymmetricBiphasic).add(WaveformKind::Monophasic);
    CHECK(anyContains(PresetCatalogue::find("russian")->unsupportedBy(noSine), "needs sine carrier output"));
    CHECK(PresetCatalogue::find("conventional-tens")->unsupportedBy(noSine).empty());

    auto oneChannel = capableDevice();
    oneChannel.channels = 1;
    CHECK(anyContains(PresetCatalogue::find("interferential-4-pole")->unsupportedBy(oneChannel),
        "needs 2 channels; the device has 1"));

    auto noBursts = capableDevice();
    noBursts.pulseBursts = false;
    noBursts.carrierBursts = false;
    CHECK(anyContains(PresetCatalogue::find("burst-tens")->unsupportedBy(noBursts), "pulse bursts"));
    CHECK(anyContains(PresetCatalogue::find("russian")->unsupportedBy(noBursts), "carrier bursts"));

    auto slow = capableDevice();
    slow.frequencyMax = Hertz(50.0);
    CHECK(anyContains(PresetCatalogue::find("conventional-tens")->unsupportedBy(slow), "pulse rate 100 Hz"));
    CHECK(PresetCatalogue::find("nmes-strengthening")->unsupportedBy(slow).empty());

    auto narrow = capableDevice();
    narrow.pulseWidthMax = Microseconds(200);
    CHECK(anyContains(PresetCatalogue::find("nmes-strengthening")->unsupportedBy(narrow), "phase width 300 µs"));

    auto lowCarrier = capableDevice();
    lowCarrier.carrierFrequencyMax = Hertz(4'000.0); // the second carrier sits at 4100 Hz
    CHECK(anyContains(PresetCatalogue::find("interferential-4-pole")->unsupportedBy(lowCarrier), "carrier"));
    CHECK(PresetCatalogue::find("russian")->unsupportedBy(lowCarrier).empty());
}

TEST_CASE("Presets make programmes from values and channels", "[core][domain]")
{
    const auto& tens = *PresetCatalogue::find("conventional-tens");
    auto values = tens.defaults();
    values.amplitude = Microamps(20'000);
    const auto made = tens.program(values, channels({1, 3}));
    REQUIRE(made.errors.empty());
    REQUIRE(made.program);
    CHECK(made.program->presetId == "conventional-tens");
    CHECK(made.program->channels.size() == 2);
    CHECK(made.program->find(3)->train.amplitude == Microamps(20'000));
    CHECK(made.program->find(3)->train.frequency == Hertz(100.0));
    CHECK(made.program->find(1)->envelope.isContinuous());
    CHECK(made.program->find(1)->duration == minutes(30));

    const auto& burst = *PresetCatalogue::find("burst-tens");
    const auto b = burst.program(burst.defaults(), channels({2}));
    REQUIRE(b.program);
    REQUIRE(b.program->channels[0].train.pulseBurst() != nullptr);
    CHECK(b.program->channels[0].train.pulseBurst()->pulsesPerBurst == 7);

    const auto& nmes = *PresetCatalogue::find("nmes-strengthening");
    const auto n = nmes.program(nmes.defaults(), channels({1}));
    REQUIRE(n.program);
    CHECK(n.program->channels[0].envelope == Envelope::cycling(seconds(2), seconds(10), seconds(1), seconds(30)));

    const auto& ifc = *PresetCatalogue::find("interferential-4-pole");
    const auto pair = ifc.program(ifc.defaults(), channels({1, 2}));
    REQUIRE(pair.program);
    CHECK(pair.program->find(1)->train.frequency == Hertz(4000.0));
    CHECK(pair.program->find(2)->train.frequency == Hertz(4100.0));
    CHECK(anyContains(ifc.program(ifc.defaults(), channels({1})).errors, "needs exactly 2 channels"));

    const auto& russian = *PresetCatalogue::find("russian");
    const auto r = russian.program(russian.defaults(), channels({4}));
    REQUIRE(r.program);
    REQUIRE(r.program->channels[0].train.carrierBurst() != nullptr);
    CHECK(r.program->channels[0].train.carrierBurst()->duty == Permille(500));

    CHECK(anyContains(tens.program(tens.defaults(), {}).errors, "no channel selected"));
    CHECK(anyContains(tens.program(tens.defaults(), channels({2, 2})).errors, "channel 2 selected twice"));

    auto bad = tens.defaults();
    bad.frequency = Hertz(200.0);
    bad.amplitude = Microamps(100'001);
    const auto refused = tens.program(bad, channels({1}));
    CHECK_FALSE(refused.program);
    CHECK(refused.errors.size() == 2);
    CHECK(anyContains(refused.errors, "pulse rate 200 Hz is outside the preset range 80 Hz–150 Hz"));
    CHECK(anyContains(refused.errors, "amplitude 100.001 mA"));
}

TEST_CASE("Presets list the fields they use", "[core][domain]")
{
    const auto fields = [](std::string_view id) {
        const auto names = PresetCatalogue::find(id)->usedFields();
        return std::set<std::string>(names.begin(), names.end());
    };
    CHECK(fields("conventional-tens")
        == std::set<std::string>{"amplitude", "pulse rate", "phase width", "interphase gap", "start ramp", "duration"});
    CHECK(fields("russian").count("burst duty") == 1);
    CHECK(fields("russian").count("phase width") == 0);
    CHECK(fields("russian").count("on time") == 1);
    CHECK(fields("burst-tens").count("pulses per burst") == 1);
    CHECK(fields("interferential-4-pole").count("beat frequency") == 1);
    CHECK(fields("interferential-4-pole").count("carrier frequency") == 1);
}

TEST_CASE("Every preset offers its editable fields with ranges in editor units", "[core][domain]")
{
    for (const Preset* each : everyPreset()) {
        const Preset& preset = *each;
        INFO(preset.id);
        const auto specs = preset.editableFields();
        REQUIRE_FALSE(specs.empty());
        for (const PresetFieldSpec& spec : specs) {
            INFO(spec.name);
            CHECK(spec.name != "amplitude");
            CHECK(spec.name != "duration");
            CHECK(spec.min <= spec.defaultValue);
            CHECK(spec.defaultValue <= spec.max);
            CHECK(spec.step > 0.0);
            // The default written through the editor path gives back the preset's defaults exactly.
            PresetValues v = preset.defaults();
            REQUIRE(preset.setField(v, spec.name, spec.defaultValue));
            CHECK(preset.outOfRange(v).empty());
            // The range's ends are accepted, one step beyond them is refused naming the field.
            REQUIRE(preset.setField(v, spec.name, spec.max));
            CHECK(preset.outOfRange(v).empty());
            REQUIRE(preset.setField(v, spec.name, spec.max + spec.step));
            const auto refused = preset.outOfRange(v);
            REQUIRE(refused.size() == 1);
            CHECK(refused.front().find(std::string(spec.name)) == 0);
            CHECK(refused.front().find("outside the preset range") != std::string::npos);
            REQUIRE(preset.setField(v, spec.name, spec.min));
            CHECK(preset.outOfRange(v).empty());
        }
        PresetValues v = preset.defaults();
        CHECK_FALSE(preset.setField(v, "amplitude", 1000.0));
        CHECK_FALSE(preset.setField(v, "duration", 60.0));
        CHECK_FALSE(preset.setField(v, "no such field", 1.0));
        CHECK_FALSE(preset.setField(v, specs.front().name, std::numeric_limits<double>::quiet_NaN()));
        CHECK_FALSE(preset.setField(v, specs.front().name, std::numeric_limits<double>::infinity()));
    }
}

TEST_CASE("Editor units: phase width in microseconds, ramps and on or off times in seconds", "[core][domain]")
{
    const Preset& nmes = *PresetCatalogue::find("spinal-stabilisation");
    PresetValues v = nmes.defaults();
    REQUIRE(nmes.setField(v, "phase width", 350.0));
    CHECK(v.phaseWidth == Microseconds(350));
    REQUIRE(nmes.setField(v, "on time", 5.5));
    CHECK(v.on == Microseconds(5'500'000));
    REQUIRE(nmes.setField(v, "pulse rate", 35.0));
    CHECK(v.frequency == Hertz(35.0));
    for (const PresetFieldSpec& spec : nmes.editableFields()) {
        if (spec.name == "phase width") {
            CHECK(spec.unit == "µs");
        }
        if (spec.name == "on time" || spec.name == "start ramp") {
            CHECK(spec.unit == "s");
        }
    }
}

TEST_CASE("The motor-point search probe is a procedure with the search ranges of CLINICAL section 4", "[core][domain]")
{
    const Preset* search = PresetCatalogue::find(PresetCatalogue::kMotorPointSearchId);
    REQUIRE(search != nullptr);
    CHECK(search->id == "motor-point-search");
    CHECK(search->name == "Motor-point search (probe)");
    // Not offered as a treatment: procedures only.
    for (const auto& p : PresetCatalogue::all()) {
        CHECK(p.id != search->id);
    }
    REQUIRE(PresetCatalogue::procedures().size() == 1);
    CHECK(&PresetCatalogue::procedures().front() == search);

    CHECK(search->waveform.isPulsed());
    CHECK(search->waveform.kind() == Waveform::symmetricBiphasic().kind());
    CHECK(search->burst == BurstKind::None);
    CHECK(search->channelsPerProgram == 1);
    CHECK(search->continuous);
    CHECK(search->frequency.defaultValue == Hertz(2.0));
    CHECK(search->frequency.min == Hertz(0.5));
    CHECK(search->frequency.max == Hertz(3.0));
    CHECK(search->phaseWidth.defaultValue == Microseconds(200));
    CHECK(search->phaseWidth.min == Microseconds(150));
    CHECK(search->phaseWidth.max == Microseconds(300));
    CHECK(search->amplitude.defaultValue == Microamps(0));
    CHECK(search->amplitude.min == Microamps(0));
    CHECK(search->amplitude.max == Microamps(20'000));

    // The cap is the preset's range: 20 mA is accepted, anything above is refused naming the field and range.
    PresetValues v = search->defaults();
    v.amplitude = Microamps(20'000);
    CHECK(search->program(v, channels({3})).program);
    v.amplitude = Microamps(20'500);
    const auto refused = search->program(v, channels({3}));
    CHECK_FALSE(refused.program);
    REQUIRE(refused.errors.size() == 1);
    CHECK(refused.errors.front().find("amplitude 20.5 mA is outside the preset range") == 0);
    CHECK(refused.errors.front() == "amplitude 20.5 mA is outside the preset range 0.0 mA–20.0 mA");
    v = search->defaults();
    REQUIRE(search->setField(v, "pulse rate", 3.5));
    CHECK(anyContains(search->outOfRange(v), "pulse rate 3.5 Hz is outside the preset range"));
    v = search->defaults();
    REQUIRE(search->setField(v, "phase width", 120.0));
    CHECK(anyContains(search->outOfRange(v), "phase width 120 µs is outside the preset range"));
    CHECK(search->unsupportedBy(capableDevice()).empty());
}
