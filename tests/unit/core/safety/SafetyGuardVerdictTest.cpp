// SPDX-License-Identifier: GPL-3.0-or-later
// What a verdict says: every violation at once, field and range in each message, the binding layer, warnings kept
// apart, and a ValidatedProgram only for a clean programme.
#include "SafetyTestSupport.h"

#include "core/safety/ClinicalLimits.h"
#include "core/safety/OutputMetrics.h"

#include <catch2/catch.hpp>

#include <limits>
#include <type_traits>

using namespace galvani::core;
using namespace galvani::core::safety;
using namespace galvani::core::safety::test;

TEST_CASE("Only the guard can make validated values", "[core][safety]")
{
    STATIC_REQUIRE_FALSE(std::is_default_constructible_v<ValidatedProgram>);
    STATIC_REQUIRE_FALSE(std::is_constructible_v<ValidatedProgram, Program>);
    STATIC_REQUIRE_FALSE(std::is_constructible_v<ValidatedProgram, Program, std::vector<ChannelOutput>, Microcoulombs>);
    STATIC_REQUIRE_FALSE(std::is_default_constructible_v<Verdict>);
    STATIC_REQUIRE_FALSE(std::is_default_constructible_v<AmplitudeVerdict>);
    STATIC_REQUIRE_FALSE(std::is_constructible_v<ValidatedAmplitude, int, Microamps, Microamps, Microseconds>);
    STATIC_REQUIRE(std::is_copy_constructible_v<ValidatedProgram>);
}

TEST_CASE("A clean programme yields a ValidatedProgram with its outputs", "[core][safety]")
{
    auto c1 = baseChannel(1);
    auto c2 = baseChannel(2);
    c2.train = PulseTrain::sine(Hertz(2500.0), Microamps(60'000), CarrierBurst{Hertz(50.0), Permille(500)});
    c2.envelope = Envelope::cycling(seconds(1), seconds(10), seconds(1), seconds(50));
    c2.duration = minutes(10);
    const auto program = programOf({c1, c2});
    const auto verdict = SafetyGuard::validate(program, standardLimits());
    INFO(verdict.summary());
    REQUIRE(verdict.accepted());
    CHECK(verdict.violations().empty());
    CHECK(verdict.warnings().empty());
    const auto& vp = *verdict.program();
    CHECK(vp.program() == program);
    REQUIRE(vp.outputs().size() == 2);
    const auto* o1 = vp.output(1);
    REQUIRE(o1 != nullptr);
    CHECK(vp.output(3) == nullptr);
    CHECK(o1->rmsCurrent == rmsCurrent(c1.train));
    CHECK(o1->energyPerPulse == energyPerPulse(c1.train, kReferenceLoad));
    CHECK(o1->peakVoltage == Millivolts(10'000)); // 20 mA × 500 Ω
    CHECK(o1->load == kReferenceLoad);
    CHECK(o1->meanCurrent.value() == 0.0);
    REQUIRE(o1->rmsCurrentDensity.has_value());
    CHECK(o1->rmsCurrentDensity->value() == Approx(rmsCurrent(c1.train).value() / 45.0));
    REQUIRE(o1->powerDensity.has_value());
    CHECK(o1->amplitudeMax == kPeakCurrentDesignCap);
    CHECK(o1->rampRateMax == kRampRateLimit);
    CHECK(o1->amplitudeStepMax == kAmplitudeStepLimit);
    // 20 mA × 600 µs × 50 Hz = 600 µC/s for 30 min.
    CHECK(o1->charge.value() == Approx(600.0 * 1800.0));
    // 20 mA at 300 µs / 50 Hz is 3.5 mA rms into 1 kΩ: below every indicator threshold except energy? No: 0.24 mJ.
    CHECK_FALSE(o1->outputIndicatorRequired);
    // 60 mA Russian is 30 mA rms: the indicator is required.
    CHECK(vp.output(2)->outputIndicatorRequired);
    // Russian charge: 2/π · 60 mA · 0.5 for the active part of each 62 s cycle (12 s), over 10 min.
    const double active = 9.0 * 12.0 + 12.0; // 9 whole cycles in 600 s, then 42 s of which 12 s active
    CHECK(vp.output(2)->charge.value() == Approx(2.0 / 3.14159265358979 * 60'000.0 * 0.5 * active));
    CHECK(vp.totalCharge().value() == Approx(o1->charge.value() + vp.output(2)->charge.value()));
}

TEST_CASE("Every violation is listed when several fields are wrong at once", "[core][safety]")
{
    auto c1 = baseChannel(1);
    c1.train.amplitude = Microamps(120'000); // peak cap
    c1.train.frequency = Hertz(200.0); // rate range
    c1.envelope = Envelope::cycling(seconds(2), Microseconds(500'000), seconds(1), seconds(30)); // on < 1 s
    c1.duration = minutes(100); // timer
    auto c3 = baseChannel(3);
    c3.train.phaseWidth = Microseconds(5); // width range
    c3.startRamp = seconds(11); // ramp length
    auto c3again = baseChannel(3); // duplicate
    const auto verdict = SafetyGuard::validate(programOf({c1, c3, c3again}), standardLimits());
    INFO(verdict.summary());
    CHECK_FALSE(verdict.accepted());
    CHECK_FALSE(verdict.program().has_value());
    CHECK(verdict.find(1, Field::Amplitude, Rule::PeakCurrent) != nullptr);
    CHECK(verdict.find(1, Field::Frequency, Rule::Range) != nullptr);
    CHECK(verdict.find(1, Field::OnTime, Rule::ContractionOn) != nullptr);
    CHECK(verdict.find(1, Field::Duration, Rule::SessionLength) != nullptr);
    CHECK(verdict.find(3, Field::PhaseWidth, Rule::Range) != nullptr);
    CHECK(verdict.find(3, Field::StartRamp, Rule::Range) != nullptr);
    CHECK(verdict.find(3, Field::Channel, Rule::Duplicate) != nullptr);
    // 120 mA rising in 2 s is 60 mA/s: no ramp violation; nothing else is wrong.
    CHECK(verdict.violations().size() == 7);

    const auto* peak = verdict.find(1, Field::Amplitude);
    REQUIRE(peak != nullptr);
    CHECK(peak->message
        == "channel 1 amplitude 120.0 mA is outside 0.0–100.0 mA (peak current cap 100.0 mA; limited by clinical "
           "limits)");
    CHECK(peak->value == 120'000.0);
    CHECK(peak->allowedMin == 0.0);
    CHECK(peak->allowedMax == 100'000.0);
    CHECK(peak->valueText == "120.0 mA");
    CHECK(peak->allowedText == "0.0–100.0 mA");
    CHECK(peak->source == LimitSource{LimitLayer::Clinical, 0});

    CHECK(verdict.find(1, Field::Frequency)->message
        == "channel 1 frequency 200 Hz is outside 0.5–150 Hz (limited by clinical limits)");
    CHECK(verdict.find(1, Field::OnTime)->message
        == "channel 1 on time 0.5 s is below the minimum 1.0 s (FDA: each contraction holds its full-amplitude "
           "plateau at least 1 s; limited by clinical limits)");
    CHECK(verdict.find(1, Field::Duration)->message
        == "channel 1 duration 100 min is outside 1–99 min (channel timer; limited by clinical limits)");
    CHECK(verdict.find(3, Field::PhaseWidth)->message
        == "channel 3 phase width 5 µs is outside 10–4000 µs (limited by clinical limits)");
    CHECK(verdict.find(3, Field::StartRamp)->message
        == "channel 3 start ramp 11.0 s is outside 0.0–10.0 s (limited by clinical limits)");
    for (const auto& v : verdict.violations()) {
        CHECK(v.message.find(std::string(toString(v.field))) != std::string::npos);
    }
    CHECK(verdict.summary().find("channel 3 phase width 5 µs") != std::string::npos);
}

TEST_CASE("Derived limits read as an amplitude range naming the limit and its layer", "[core][safety]")
{
    auto c2 = baseChannel(2);
    c2.train.amplitude = Microamps(62'000);
    auto limits = standardLimits();
    Caps policy;
    policy.rmsCurrentMax = Microamps(10'000);
    limits.applyClinicPolicy(policy);
    const auto verdict = SafetyGuard::validate(programOf(c2), limits);
    REQUIRE(verdict.violations().size() == 1);
    const auto& v = verdict.violations().front();
    CHECK(v.field == Field::Amplitude);
    CHECK(v.rule == Rule::RmsCurrent);
    CHECK(v.allowedMax == 57'735.0);
    CHECK(v.message
        == "channel 2 amplitude 62.0 mA is outside 0.0–57.735 mA (rms 10.739 mA exceeds the rms limit 10.0 mA at "
           "300 µs, 50 Hz, symmetric biphasic; limited by clinic policy)");

    auto c3 = baseChannel(3);
    c3.train.amplitude = Microamps(45'000);
    auto calibrated = standardLimits();
    calibrated.applyCalibration(3, CalibrationCaps{Microamps(40'000)});
    const auto byCalibration = SafetyGuard::validate(programOf(c3), calibrated);
    REQUIRE(byCalibration.violations().size() == 1);
    CHECK(byCalibration.violations()[0].message.find("(peak current cap 40.0 mA; limited by calibration of channel 3)")
        != std::string::npos);

    auto pd = baseChannel(1);
    pd.train = PulseTrain::sine(Hertz(4000.0), Microamps(70'000));
    const auto power = SafetyGuard::validate(programOf(pd), standardLimits(4, SquareCentimetres(4.0)));
    const auto* pv = power.find(1, Field::Amplitude, Rule::PowerDensity);
    REQUIRE(pv != nullptr);
    CHECK(pv->message.find("must stay below 0.25 W/cm²") != std::string::npos);
    CHECK(pv->message.find("over 4.0 cm² (placement on channel 1)") != std::string::npos);
}

TEST_CASE("Warnings do not block", "[core][safety]")
{
    auto cp = baseChannel(2);
    cp.train = PulseTrain::sine(Hertz(4000.0), Microamps(40'000)); // 28.3 mA rms on 10 cm²: 2.83 mA/cm²
    const auto verdict = SafetyGuard::validate(programOf(cp), standardLimits(4, SquareCentimetres(10.0)));
    INFO(verdict.summary());
    CHECK(verdict.accepted());
    REQUIRE(verdict.warnings().size() == 1);
    const auto& w = verdict.warnings()[0];
    CHECK(w.channel == 2);
    CHECK(w.rule == Rule::CurrentDensity);
    CHECK(w.threshold == 2'000.0);
    CHECK(w.value == Approx(40'000.0 / std::sqrt(2.0) / 10.0));
    CHECK(w.message.rfind("channel 2 current density 2.828 mA/cm² rms over 10.0 cm²", 0) == 0);
    CHECK(verdict.summary().find("warning: channel 2 current density") != std::string::npos);
}

TEST_CASE("Programme-wide problems", "[core][safety]")
{
    const auto empty = SafetyGuard::validate(Program{}, standardLimits());
    REQUIRE(empty.violations().size() == 1);
    CHECK(empty.violations()[0].field == Field::Program);
    CHECK(empty.violations()[0].rule == Rule::Missing);

    auto broken = standardLimits();
    Caps bad;
    bad.rmsCurrentMax = Microamps(-5);
    broken.applyClinicPolicy(bad);
    const auto refused = SafetyGuard::validate(programOf(baseChannel()), broken);
    CHECK_FALSE(refused.accepted());
    REQUIRE(refused.violations().size() == 1);
    CHECK(refused.violations()[0].rule == Rule::InvalidLimits);
    CHECK(refused.violations()[0].message.find("clinic policy: rms current max -5") != std::string::npos);

    const auto noDevice = SafetyGuard::validate(programOf(baseChannel()), EffectiveLimits::forDevice(HardwareCaps{}));
    CHECK_FALSE(noDevice.accepted());
    CHECK(noDevice.has(Rule::InvalidLimits));
    CHECK(noDevice.has(Rule::Range)); // channel 1 does not exist
}

TEST_CASE("Fields a waveform does not use, and burst kinds, are checked", "[core][safety]")
{
    auto sine = baseChannel();
    sine.train = PulseTrain::sine(Hertz(4000.0), Microamps(20'000));
    sine.train.phaseWidth = Microseconds(100);
    sine.train.interphaseGap = Microseconds(10);
    sine.train.burst = PulseBurst{Hertz(2.0), 5};
    const auto v = SafetyGuard::validate(programOf(sine), standardLimits());
    CHECK(v.find(1, Field::PhaseWidth, Rule::NotApplicable) != nullptr);
    CHECK(v.find(1, Field::InterphaseGap, Rule::NotApplicable) != nullptr);
    CHECK(v.find(1, Field::Burst, Rule::NotApplicable) != nullptr);
    CHECK(v.violations().size() == 3);

    auto pulses = baseChannel();
    pulses.train.burst = CarrierBurst{Hertz(50.0), Permille(500)};
    const auto v2 = SafetyGuard::validate(programOf(pulses), standardLimits());
    REQUIRE(v2.violations().size() == 1);
    CHECK(v2.violations()[0].field == Field::Burst);

    auto russian = baseChannel();
    russian.train = PulseTrain::sine(Hertz(2500.0), Microamps(20'000), CarrierBurst{Hertz(50.0), Permille(500)});
    HardwareCaps hw;
    hw.channels = 2;
    hw.currentMax = Microamps(100'000);
    hw.pulseWidthMin = Microseconds(10);
    hw.pulseWidthMax = Microseconds(1'000);
    hw.frequencyMin = Hertz(1.0);
    hw.frequencyMax = Hertz(150.0);
    hw.carrierFrequencyMin = Hertz(2'000.0);
    hw.carrierFrequencyMax = Hertz(5'000.0);
    hw.waveforms = WaveformSet::all();
    hw.carrierBursts = false;
    auto limits = EffectiveLimits::forDevice(hw);
    limits.applyPlacement(1, PlacementCaps{kStandardPad, std::nullopt});
    const auto v3 = SafetyGuard::validate(programOf(russian), limits);
    REQUIRE(v3.violations().size() == 1);
    CHECK(v3.violations()[0].rule == Rule::Unsupported);
    CHECK(v3.violations()[0].message
        == "channel 1 burst carrier bursts is not supported (allowed: no bursts; limited by hardware)");
}

TEST_CASE("Absurd inputs are rejected without overflow or NaN leaking through", "[core][safety]")
{
    constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
    constexpr auto kMin = std::numeric_limits<std::int64_t>::min();
    constexpr auto kNaN = std::numeric_limits<double>::quiet_NaN();
    constexpr auto kInf = std::numeric_limits<double>::infinity();
    std::vector<ChannelProgram> variants;
    for (std::int64_t a : {kMax, kMin, std::int64_t{-1}}) {
        auto cp = baseChannel();
        cp.train.amplitude = Microamps(a);
        variants.push_back(cp);
    }
    for (std::int64_t t : {kMax, kMin}) {
        auto cp = baseChannel();
        cp.train.phaseWidth = Microseconds(t);
        cp.train.interphaseGap = Microseconds(t);
        cp.startRamp = Microseconds(t);
        cp.duration = Microseconds(t);
        cp.envelope = Envelope::cycling(Microseconds(t), Microseconds(t), Microseconds(t), Microseconds(t));
        variants.push_back(cp);
    }
    for (double f : {kNaN, kInf, -kInf, 0.0, -1.0, 1e308}) {
        auto cp = baseChannel();
        cp.train.frequency = Hertz(f);
        variants.push_back(cp);
        cp.train.burst = PulseBurst{Hertz(f), kMax};
        variants.push_back(cp);
        auto s = baseChannel();
        s.train = PulseTrain::sine(Hertz(f), Microamps(kMax), CarrierBurst{Hertz(f), Permille(kMin)});
        variants.push_back(s);
    }
    auto asym = baseChannel();
    asym.train.waveform = Waveform::asymmetricBiphasic({Permille(kMax), Microseconds(kMax)});
    variants.push_back(asym);
    for (const auto& cp : variants) {
        const auto v = SafetyGuard::validate(programOf(cp), standardLimits());
        INFO(v.summary());
        CHECK_FALSE(v.accepted());
        for (const auto& violation : v.violations()) {
            CHECK_FALSE(violation.message.empty());
        }
    }
    auto nanFrequency = baseChannel();
    nanFrequency.train.frequency = Hertz(kNaN);
    const auto v = SafetyGuard::validate(programOf(nanFrequency), standardLimits());
    REQUIRE(v.violations().size() == 1);
    CHECK(v.violations()[0].rule == Rule::NotFinite);
    CHECK(v.violations()[0].message == "channel 1 frequency NaN Hz is invalid (a finite number)");
}

TEST_CASE("Messages about channels, placement and an empty programme", "[core][safety]")
{
    CHECK(SafetyGuard::validate(Program{}, standardLimits()).violations().at(0).message
        == "programme content is missing (needed: at least one channel)");
    CHECK(SafetyGuard::validate(programOf(baseChannel(5)), standardLimits()).violations().at(0).message
        == "channel 5 is outside 1–4 (no such channel on this device; limited by hardware)");
    const auto duplicate = SafetyGuard::validate(programOf({baseChannel(3), baseChannel(3)}), standardLimits());
    REQUIRE(duplicate.violations().size() == 1);
    CHECK(duplicate.violations()[0].message
        == "channel 3 is invalid (each channel once; the channel appears twice in the programme)");
    const auto unplaced = SafetyGuard::validate(programOf(baseChannel(2)), EffectiveLimits(4));
    REQUIRE(unplaced.violations().size() == 1);
    CHECK(unplaced.violations()[0].message
        == "channel 2 electrode area is missing (needed: the area of the smaller pad; record the placement: the "
           "power-density and d.c. density limits depend on it)");
}
