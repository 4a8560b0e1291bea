// SPDX-License-Identifier: GPL-3.0-or-later
// Boundary tests of the limits that bound the amplitude (see BoundaryCases.h).
#include "BoundaryCases.h"

#include "core/safety/ClinicalLimits.h"

#include <catch2/catch.hpp>

using namespace galvani::core;
using namespace galvani::core::safety;
using namespace galvani::core::safety::test;

namespace {

std::vector<Case> amplitudeCases()
{
    std::vector<Case> cases;
    const auto add = [&](std::string name, Setup setup, std::int64_t atLimit, Rule rule) {
        cases.push_back({std::move(name), amplitudeCase(setup, atLimit), amplitudeCase(setup, atLimit + 1), 1,
            Field::Amplitude, rule});
    };
    const Setup none = [](Program&, EffectiveLimits&) {};

    add("peak design cap 100 mA", none, 100'000, Rule::PeakCurrent);

    // rms 50 mA: symmetric 2000 µs at 100 Hz has duty 0.4, so I_peak ≤ 50 mA / √0.4 = 79.0569 mA.
    const auto rmsPulse = largest(79'060, [](std::int64_t a) {
        return static_cast<long double>(a) * std::sqrt(2.0L * 2000.0L * 100.0L * 1e-6L) <= 50'000.0L;
    });
    REQUIRE(rmsPulse == 79'056);
    add(
        "rms 50 mA, symmetric biphasic",
        [](Program& p, EffectiveLimits&) { setPulses(p, Waveform::symmetricBiphasic(), 100.0, 2000); }, rmsPulse,
        Rule::RmsCurrent);

    // Continuous sine: I_peak ≤ 50 mA · √2 = 70.7107 mA.
    const auto rmsSine
        = largest(70'712, [](std::int64_t a) { return static_cast<long double>(a) / std::sqrt(2.0L) <= 50'000.0L; });
    REQUIRE(rmsSine == 70'710);
    add(
        "rms 50 mA, continuous sine",
        [](Program& p, EffectiveLimits&) { ch1(p).train = PulseTrain::sine(Hertz(4000.0), Microamps(0)); }, rmsSine,
        Rule::RmsCurrent);

    // A clinic rms cap of 20 mA on a 1000 µs / 100 Hz symmetric train (duty 0.2).
    const auto rmsPolicy = largest(44'725, [](std::int64_t a) {
        return static_cast<long double>(a) * std::sqrt(2.0L * 1000.0L * 100.0L * 1e-6L) <= 20'000.0L;
    });
    add(
        "rms cap from clinic policy",
        [](Program& p, EffectiveLimits& l) {
            setPulses(p, Waveform::symmetricBiphasic(), 100.0, 1000);
            Caps c;
            c.rmsCurrentMax = Microamps(20'000);
            l.applyClinicPolicy(c);
        },
        rmsPolicy, Rule::RmsCurrent);

    // 300 mJ per pulse: a 1 Hz, 50 % sine burst is a 0.5 s "pulse": I²/2 · 500 Ω · 0.5 s ≤ 0.3 J.
    const auto energyBurst = largest(48'995, [](std::int64_t a) {
        const long double i = static_cast<long double>(a) * 1e-6L;
        return i * i / 2.0L * 500.0L * 0.5L <= 0.3L;
    });
    REQUIRE(energyBurst == 48'989);
    add(
        "energy per pulse 300 mJ, sine burst",
        [](Program& p, EffectiveLimits&) {
            ch1(p).train = PulseTrain::sine(Hertz(2500.0), Microamps(0), CarrierBurst{Hertz(1.0), Permille(500)});
        },
        energyBurst, Rule::EnergyPerPulse);

    // A clinic energy cap of 1 mJ on the base 2 × 300 µs pulse into 500 Ω.
    const auto energyPolicy = largest(57'740, [](std::int64_t a) {
        const long double i = static_cast<long double>(a) * 1e-6L;
        return i * i * 500.0L * 600e-6L <= 1e-3L;
    });
    add(
        "energy cap from clinic policy",
        [](Program&, EffectiveLimits& l) {
            Caps c;
            c.energyPerPulseMax = Microjoules(1'000.0);
            l.applyClinicPolicy(c);
        },
        energyPolicy, Rule::EnergyPerPulse);

    // 500 V across a measured 10 kΩ load: exactly 50 mA.
    add(
        "peak voltage 500 V at 10 kΩ",
        [](Program&, EffectiveLimits& l) {
            l.applyPlacement(1, PlacementCaps{kStandardPad, Ohms(10'000)});
        },
        50'000, Rule::PeakVoltage);

    // Power density on a 4 cm² pad, continuous sine: (I/√2)² · 500 Ω / 4 cm² < 0.25 W/cm².
    const auto powerSmallPad = largest(63'250, [](std::int64_t a) {
        const long double rms = static_cast<long double>(a) * 1e-6L / std::sqrt(2.0L);
        return rms * rms * 500.0L / 4.0L < 0.25L;
    });
    add(
        "power density below 0.25 W/cm² on 4 cm²",
        [](Program& p, EffectiveLimits& l) {
            l = standardLimits(4, SquareCentimetres(4.0));
            ch1(p).train = PulseTrain::sine(Hertz(4000.0), Microamps(0));
        },
        powerSmallPad, Rule::PowerDensity);

    // d.c. density: monophasic 150 µs at 100 Hz carries 1.5 % of the peak as d.c.; ≤ 0.2 mA/cm² × 4 cm².
    const auto dcDensity = largest(
        53'340, [](std::int64_t a) { return static_cast<long double>(a) * 150.0L * 100.0L * 1e-6L / 4.0L <= 200.0L; });
    REQUIRE(dcDensity == 53'333);
    add(
        "d.c. density 0.2 mA/cm², monophasic",
        [](Program& p, EffectiveLimits& l) {
            l = standardLimits(4, SquareCentimetres(4.0));
            setPulses(p, Waveform::monophasic(), 100.0, 150);
        },
        dcDensity, Rule::DcCurrentDensity);

    // A clinic d.c. cap of 1 mA on the same monophasic train (45 cm² pad, so the density does not bind).
    add(
        "d.c. cap from clinic policy, monophasic",
        [](Program& p, EffectiveLimits& l) {
            setPulses(p, Waveform::monophasic(), 100.0, 150);
            Caps c;
            c.meanCurrentMax = Microamps(1'000);
            l.applyClinicPolicy(c);
        },
        66'666, Rule::DcCurrent);

    // Charge balance: 300 µs then 50 % × 520 µs leaves 40 µs of net charge per pulse; at 47 Hz the residual
    // d.c. reaches 10 µA at 10 / (40 · 47 · 10⁻⁶) = 5.319 mA.
    const auto balance
        = largest(5'325, [](std::int64_t a) { return static_cast<long double>(a) * 40.0L * 47.0L * 1e-6L <= 10.0L; });
    REQUIRE(balance == 5'319);
    add(
        "charge balance of an asymmetric pulse",
        [](Program& p, EffectiveLimits&) {
            setPulses(p, Waveform::asymmetricBiphasic({Permille(500), Microseconds(520)}), 47.0, 300);
        },
        balance, Rule::ChargeBalance);

    // Calibration of channel 3 caps it at 40 mA.
    cases.push_back({"peak cap from calibration of channel 3",
        [](Program& p, EffectiveLimits& l) {
            p = programOf(baseChannel(3));
            p.channels.front().train.amplitude = Microamps(40'000);
            l.applyCalibration(3, CalibrationCaps{Microamps(40'000)});
        },
        [](Program& p, EffectiveLimits& l) {
            p = programOf(baseChannel(3));
            p.channels.front().train.amplitude = Microamps(40'001);
            l.applyCalibration(3, CalibrationCaps{Microamps(40'000)});
        },
        3, Field::Amplitude, Rule::PeakCurrent});
    return cases;
}

} // namespace

TEST_CASE("Amplitude limits: at the limit passes, 1 µA beyond fails", "[core][safety]")
{
    const auto cases = amplitudeCases();
    CHECK(cases.size() == 12);
    for (const auto& c : cases) {
        runCase(c);
    }
}
