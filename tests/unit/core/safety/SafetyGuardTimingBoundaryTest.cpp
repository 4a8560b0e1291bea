// SPDX-License-Identifier: GPL-3.0-or-later
// Boundary tests of timing, burst, channel, capability, placement and dose limits (see BoundaryCases.h).
#include "BoundaryCases.h"

#include "core/safety/ClinicalLimits.h"

#include <catch2/catch.hpp>

using namespace galvani::core;
using namespace galvani::core::safety;
using namespace galvani::core::safety::test;

namespace {

std::vector<Case> otherCases()
{
    std::vector<Case> c;
    const auto pair = [&](std::string name, Setup in, Setup out, Field f, Rule r, int channel = 1) {
        c.push_back({std::move(name), std::move(in), std::move(out), channel, f, r});
    };

    pair(
        "peak voltage, load + 1 Ω",
        [](Program& p, EffectiveLimits& l) {
            setAmplitude(p, 50'000);
            l.applyPlacement(1, PlacementCaps{kStandardPad, Ohms(10'000)});
        },
        [](Program& p, EffectiveLimits& l) {
            setAmplitude(p, 50'000);
            l.applyPlacement(1, PlacementCaps{kStandardPad, Ohms(10'001)});
        },
        Field::Amplitude, Rule::PeakVoltage);

    // Russian at exactly 50 mA rms is 1.25 W into 500 Ω: on exactly 5 cm² that is 0.25 W/cm², which must fail.
    const auto russian = [](Program& p) {
        ch1(p).train = PulseTrain::sine(Hertz(2500.0), Microamps(100'000), CarrierBurst{Hertz(50.0), Permille(500)});
        ch1(p).startRamp = seconds(1);
    };
    pair(
        "power density is strictly below 0.25 W/cm² (pad area)",
        [russian](Program& p, EffectiveLimits& l) {
            russian(p);
            l = standardLimits(4, SquareCentimetres(up(5.0)));
        },
        [russian](Program& p, EffectiveLimits& l) {
            russian(p);
            l = standardLimits(4, SquareCentimetres(5.0));
        },
        Field::Amplitude, Rule::PowerDensity);

    // Ramp rate 200 mA/s.
    pair(
        "start ramp: 100 mA over 0.5 s",
        [](Program& p, EffectiveLimits&) {
            setAmplitude(p, 100'000);
            ch1(p).startRamp = Microseconds(500'000);
        },
        [](Program& p, EffectiveLimits&) {
            setAmplitude(p, 100'000);
            ch1(p).startRamp = Microseconds(499'999);
        },
        Field::StartRamp, Rule::RampRate);
    pair(
        "start ramp: amplitude over 0.25 s",
        [](Program& p, EffectiveLimits&) {
            setAmplitude(p, 50'000);
            ch1(p).startRamp = Microseconds(250'000);
        },
        [](Program& p, EffectiveLimits&) {
            setAmplitude(p, 50'001);
            ch1(p).startRamp = Microseconds(250'000);
        },
        Field::StartRamp, Rule::RampRate);
    pair(
        "contraction ramp up: 100 mA over 0.5 s",
        [](Program& p, EffectiveLimits&) {
            setAmplitude(p, 100'000);
            setCycling(p, 500'000, 10'000'000, 1'000'000, 30'000'000);
        },
        [](Program& p, EffectiveLimits&) {
            setAmplitude(p, 100'000);
            setCycling(p, 499'999, 10'000'000, 1'000'000, 30'000'000);
        },
        Field::RampUp, Rule::RampRate);
    pair(
        "ramp rate cap from clinic policy",
        [](Program& p, EffectiveLimits& l) {
            ch1(p).startRamp = Microseconds(200'000);
            Caps cap;
            cap.rampRateMax = MicroampsPerSecond(100'000);
            l.applyClinicPolicy(cap);
        },
        [](Program& p, EffectiveLimits& l) {
            ch1(p).startRamp = Microseconds(199'999);
            Caps cap;
            cap.rampRateMax = MicroampsPerSecond(100'000);
            l.applyClinicPolicy(cap);
        },
        Field::StartRamp, Rule::RampRate);

    // Ramp lengths 0–10 s.
    pair(
        "start ramp at most 10 s", [](Program& p, EffectiveLimits&) { ch1(p).startRamp = seconds(10); },
        [](Program& p, EffectiveLimits&) { ch1(p).startRamp = seconds(10) + Microseconds(1); }, Field::StartRamp,
        Rule::Range);
    pair(
        "start ramp not negative (0 s at 0 mA)",
        [](Program& p, EffectiveLimits&) {
            setAmplitude(p, 0);
            ch1(p).startRamp = Microseconds(0);
        },
        [](Program& p, EffectiveLimits&) {
            setAmplitude(p, 0);
            ch1(p).startRamp = Microseconds(-1);
        },
        Field::StartRamp, Rule::Range);
    pair(
        "contraction ramp up at most 10 s",
        [](Program& p, EffectiveLimits&) { setCycling(p, 10'000'000, 1'000'000, 0, 1'000'000); },
        [](Program& p, EffectiveLimits&) { setCycling(p, 10'000'001, 1'000'000, 0, 1'000'000); }, Field::RampUp,
        Rule::Range);
    pair(
        "contraction ramp down at most 10 s",
        [](Program& p, EffectiveLimits&) { setCycling(p, 1'000'000, 1'000'000, 10'000'000, 1'000'000); },
        [](Program& p, EffectiveLimits&) { setCycling(p, 1'000'000, 1'000'000, 10'000'001, 1'000'000); },
        Field::RampDown, Rule::Range);
    pair(
        "contraction ramp down not negative",
        [](Program& p, EffectiveLimits&) { setCycling(p, 1'000'000, 1'000'000, 0, 1'000'000); },
        [](Program& p, EffectiveLimits&) { setCycling(p, 1'000'000, 1'000'000, -1, 1'000'000); }, Field::RampDown,
        Rule::Range);

    // FDA contraction rule.
    pair(
        "contraction on at least 1 s",
        [](Program& p, EffectiveLimits&) { setCycling(p, 1'000'000, 1'000'000, 1'000'000, 5'000'000); },
        [](Program& p, EffectiveLimits&) { setCycling(p, 1'000'000, 999'999, 1'000'000, 5'000'000); }, Field::OnTime,
        Rule::ContractionOn);
    pair(
        "contraction off at least 1 s",
        [](Program& p, EffectiveLimits&) { setCycling(p, 1'000'000, 5'000'000, 1'000'000, 1'000'000); },
        [](Program& p, EffectiveLimits&) { setCycling(p, 1'000'000, 5'000'000, 1'000'000, 999'999); }, Field::OffTime,
        Rule::ContractionOff);

    // Timer 1–99 min.
    pair(
        "timer at least 1 min", [](Program& p, EffectiveLimits&) { ch1(p).duration = minutes(1); },
        [](Program& p, EffectiveLimits&) { ch1(p).duration = minutes(1) - Microseconds(1); }, Field::Duration,
        Rule::SessionLength);
    pair(
        "timer at most 99 min", [](Program& p, EffectiveLimits&) { ch1(p).duration = minutes(99); },
        [](Program& p, EffectiveLimits&) { ch1(p).duration = minutes(99) + Microseconds(1); }, Field::Duration,
        Rule::SessionLength);

    // Phase widths 10 µs – 4 ms, and a tighter hardware maximum.
    pair(
        "phase width at least 10 µs", [](Program& p, EffectiveLimits&) { ch1(p).train.phaseWidth = Microseconds(10); },
        [](Program& p, EffectiveLimits&) { ch1(p).train.phaseWidth = Microseconds(9); }, Field::PhaseWidth,
        Rule::Range);
    pair(
        "phase width at most 4 ms", [](Program& p, EffectiveLimits&) { ch1(p).train.phaseWidth = Microseconds(4000); },
        [](Program& p, EffectiveLimits&) { ch1(p).train.phaseWidth = Microseconds(4001); }, Field::PhaseWidth,
        Rule::Range);
    pair(
        "phase width at most the hardware's",
        [](Program& p, EffectiveLimits& l) {
            auto hw = fullDevice(4);
            hw.pulseWidthMax = Microseconds(500);
            l = placedDevice(hw);
            ch1(p).train.phaseWidth = Microseconds(500);
        },
        [](Program& p, EffectiveLimits& l) {
            auto hw = fullDevice(4);
            hw.pulseWidthMax = Microseconds(500);
            l = placedDevice(hw);
            ch1(p).train.phaseWidth = Microseconds(501);
        },
        Field::PhaseWidth, Rule::Range);

    // Pulse rate 0.5–150 Hz, carrier 2.5–4.25 kHz.
    pair(
        "pulse rate at least 0.5 Hz", [](Program& p, EffectiveLimits&) { ch1(p).train.frequency = Hertz(0.5); },
        [](Program& p, EffectiveLimits&) { ch1(p).train.frequency = Hertz(down(0.5)); }, Field::Frequency, Rule::Range);
    pair(
        "pulse rate at most 150 Hz", [](Program& p, EffectiveLimits&) { ch1(p).train.frequency = Hertz(150.0); },
        [](Program& p, EffectiveLimits&) { ch1(p).train.frequency = Hertz(up(150.0)); }, Field::Frequency, Rule::Range);
    pair(
        "carrier at least 2.5 kHz",
        [](Program& p, EffectiveLimits&) { ch1(p).train = PulseTrain::sine(Hertz(2500.0), Microamps(20'000)); },
        [](Program& p, EffectiveLimits&) { ch1(p).train = PulseTrain::sine(Hertz(down(2500.0)), Microamps(20'000)); },
        Field::CarrierFrequency, Rule::Range);
    pair(
        "carrier at most 4.25 kHz",
        [](Program& p, EffectiveLimits&) { ch1(p).train = PulseTrain::sine(Hertz(4250.0), Microamps(20'000)); },
        [](Program& p, EffectiveLimits&) { ch1(p).train = PulseTrain::sine(Hertz(up(4250.0)), Microamps(20'000)); },
        Field::CarrierFrequency, Rule::Range);

    // A pulse of 2 × 4000 µs fills a 125 Hz period exactly; one more µs of gap does not fit.
    pair(
        "pulse fits its period",
        [](Program& p, EffectiveLimits&) { setPulses(p, Waveform::symmetricBiphasic(), 125.0, 4000); },
        [](Program& p, EffectiveLimits&) {
            setPulses(p, Waveform::symmetricBiphasic(), 125.0, 4000);
            ch1(p).train.interphaseGap = Microseconds(1);
        },
        Field::Frequency, Rule::PulseFitsPeriod);
    pair(
        "interphase gap not negative",
        [](Program& p, EffectiveLimits&) { ch1(p).train.interphaseGap = Microseconds(0); },
        [](Program& p, EffectiveLimits&) { ch1(p).train.interphaseGap = Microseconds(-1); }, Field::InterphaseGap,
        Rule::Range);
    pair(
        "a monophasic pulse has no gap",
        [](Program& p, EffectiveLimits&) { setPulses(p, Waveform::monophasic(), 50.0, 300); },
        [](Program& p, EffectiveLimits&) {
            setPulses(p, Waveform::monophasic(), 50.0, 300);
            ch1(p).train.interphaseGap = Microseconds(1);
        },
        Field::InterphaseGap, Rule::NotApplicable);

    // Asymmetric second phase.
    pair(
        "second phase ratio at most 1000 ‰",
        [](Program& p, EffectiveLimits&) {
            setPulses(p, Waveform::asymmetricBiphasic({Permille(1000), Microseconds(300)}), 50.0, 300);
        },
        [](Program& p, EffectiveLimits&) {
            setPulses(p, Waveform::asymmetricBiphasic({Permille(1001), Microseconds(300)}), 50.0, 300);
        },
        Field::SecondPhaseRatio, Rule::Range);
    pair(
        "second phase ratio at least 1 ‰",
        [](Program& p, EffectiveLimits&) {
            setAmplitude(p, 500);
            setPulses(p, Waveform::asymmetricBiphasic({Permille(1), Microseconds(4000)}), 50.0, 300);
        },
        [](Program& p, EffectiveLimits&) {
            setAmplitude(p, 500);
            setPulses(p, Waveform::asymmetricBiphasic({Permille(0), Microseconds(4000)}), 50.0, 300);
        },
        Field::SecondPhaseRatio, Rule::Range);
    pair(
        "second phase width at least 10 µs",
        [](Program& p, EffectiveLimits&) {
            setAmplitude(p, 500);
            setPulses(p, Waveform::asymmetricBiphasic({Permille(1000), Microseconds(10)}), 50.0, 300);
        },
        [](Program& p, EffectiveLimits&) {
            setAmplitude(p, 500);
            setPulses(p, Waveform::asymmetricBiphasic({Permille(1000), Microseconds(9)}), 50.0, 300);
        },
        Field::SecondPhaseWidth, Rule::Range);
    pair(
        "second phase width at most 4 ms",
        [](Program& p, EffectiveLimits&) {
            setPulses(p, Waveform::asymmetricBiphasic({Permille(250), Microseconds(4000)}), 50.0, 1000);
        },
        [](Program& p, EffectiveLimits&) {
            setPulses(p, Waveform::asymmetricBiphasic({Permille(250), Microseconds(4001)}), 50.0, 1000);
        },
        Field::SecondPhaseWidth, Rule::Range);

    // Bursts.
    const auto burstTens = [](Program& p, double rate, std::int64_t count) {
        setPulses(p, Waveform::symmetricBiphasic(), 100.0, 200);
        ch1(p).train.burst = PulseBurst{Hertz(rate), count};
    };
    pair(
        "burst rate at least 1 Hz", [burstTens](Program& p, EffectiveLimits&) { burstTens(p, 1.0, 7); },
        [burstTens](Program& p, EffectiveLimits&) { burstTens(p, down(1.0), 7); }, Field::BurstRate, Rule::Range);
    pair(
        "pulses per burst fit the burst period", [burstTens](Program& p, EffectiveLimits&) { burstTens(p, 2.0, 50); },
        [burstTens](Program& p, EffectiveLimits&) { burstTens(p, 2.0, 51); }, Field::PulsesPerBurst,
        Rule::BurstFitsPeriod);
    pair(
        "at least one pulse per burst", [burstTens](Program& p, EffectiveLimits&) { burstTens(p, 2.0, 1); },
        [burstTens](Program& p, EffectiveLimits&) { burstTens(p, 2.0, 0); }, Field::PulsesPerBurst, Rule::Range);
    const auto carrierBurst = [](Program& p, double rate, std::int64_t duty) {
        ch1(p).train = PulseTrain::sine(Hertz(2500.0), Microamps(20'000), CarrierBurst{Hertz(rate), Permille(duty)});
    };
    pair(
        "burst duty at most 100 %", [carrierBurst](Program& p, EffectiveLimits&) { carrierBurst(p, 50.0, 1000); },
        [carrierBurst](Program& p, EffectiveLimits&) { carrierBurst(p, 50.0, 1001); }, Field::BurstDuty, Rule::Range);
    pair(
        "a carrier burst holds one carrier cycle (2.5 kHz at 50 Hz: 2 %)",
        [carrierBurst](Program& p, EffectiveLimits&) { carrierBurst(p, 50.0, 20); },
        [carrierBurst](Program& p, EffectiveLimits&) { carrierBurst(p, 50.0, 19); }, Field::BurstDuty,
        Rule::BurstOnTime);
    pair(
        "carrier burst rate at least 1 Hz", [carrierBurst](Program& p, EffectiveLimits&) { carrierBurst(p, 1.0, 500); },
        [carrierBurst](Program& p, EffectiveLimits&) { carrierBurst(p, down(1.0), 500); }, Field::BurstRate,
        Rule::Range);

    // Channels.
    pair(
        "channel within the device", [](Program& p, EffectiveLimits&) { p = programOf(baseChannel(4)); },
        [](Program& p, EffectiveLimits&) { p = programOf(baseChannel(5)); }, Field::Channel, Rule::Range, 5);
    pair(
        "channel within the hardware's channel count",
        [](Program& p, EffectiveLimits& l) {
            l = placedDevice(fullDevice(2));
            p = programOf(baseChannel(2));
        },
        [](Program& p, EffectiveLimits& l) {
            l = placedDevice(fullDevice(2));
            p = programOf(baseChannel(3));
        },
        Field::Channel, Rule::Range, 3);

    // Capabilities and placement.
    pair(
        "waveform the hardware cannot produce",
        [](Program&, EffectiveLimits& l) {
            auto hw = fullDevice(4);
            hw.waveforms = WaveformSet{}.add(WaveformKind::SymmetricBiphasic);
            l = placedDevice(hw);
        },
        [](Program& p, EffectiveLimits& l) {
            auto hw = fullDevice(4);
            hw.waveforms = WaveformSet{}.add(WaveformKind::SymmetricBiphasic);
            l = placedDevice(hw);
            setPulses(p, Waveform::monophasic(), 50.0, 300);
        },
        Field::Waveform, Rule::Unsupported);
    pair(
        "pulse bursts the hardware cannot produce",
        [](Program&, EffectiveLimits& l) {
            auto hw = fullDevice(4);
            hw.pulseBursts = false;
            l = placedDevice(hw);
        },
        [burstTens](Program& p, EffectiveLimits& l) {
            auto hw = fullDevice(4);
            hw.pulseBursts = false;
            l = placedDevice(hw);
            burstTens(p, 2.0, 7);
        },
        Field::Burst, Rule::Unsupported);
    pair(
        "a placement is required", [](Program&, EffectiveLimits&) {},
        [](Program&, EffectiveLimits& l) { l = EffectiveLimits(4); }, Field::ElectrodeArea, Rule::Missing);

    // Dose: 20 mA × 600 µs × 50 Hz delivers 600 µC each second, so a 36 000.0001 µC ceiling ends just after 60 s.
    const auto dose = [](EffectiveLimits& l) {
        Caps cap;
        cap.chargeDoseMax = Microcoulombs(36'000.0001);
        l.applyClinicPolicy(cap);
    };
    pair(
        "per-treatment charge ceiling",
        [dose](Program& p, EffectiveLimits& l) {
            dose(l);
            ch1(p).duration = seconds(60);
        },
        [dose](Program& p, EffectiveLimits& l) {
            dose(l);
            ch1(p).duration = seconds(60) + Microseconds(1);
        },
        Field::TotalCharge, Rule::ChargeDose, 0);
    return c;
}

} // namespace

TEST_CASE("Timing, burst, channel, capability, placement and dose limits at ±1 step", "[core][safety]")
{
    const auto cases = otherCases();
    CHECK(cases.size() == 41);
    for (const auto& c : cases) {
        runCase(c);
    }
}
