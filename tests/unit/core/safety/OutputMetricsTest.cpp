// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/safety/OutputMetrics.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <numbers>

using namespace galvani::core;
using namespace galvani::core::safety;

namespace {

PulseTrain pulses(Waveform w, double hz, std::int64_t widthUs, std::int64_t amplitudeUa, std::int64_t gapUs = 0)
{
    return PulseTrain::pulses(w, Hertz(hz), Microseconds(widthUs), Microseconds(gapUs), Microamps(amplitudeUa));
}

} // namespace

TEST_CASE("rms current per waveform", "[core][safety]")
{
    // monophasic: I·√(t·f)
    CHECK(rmsCurrent(pulses(Waveform::monophasic(), 100.0, 200, 80'000)).value()
        == Approx(80'000.0 * std::sqrt(200e-6 * 100.0)));
    // symmetric biphasic: I·√(2t·f)
    CHECK(rmsCurrent(pulses(Waveform::symmetricBiphasic(), 50.0, 300, 80'000)).value()
        == Approx(80'000.0 * std::sqrt(600e-6 * 50.0)));
    // asymmetric: √(Σ I_k² t_k · f): 40 mA × 250 µs then 10 mA (25 %) × 1000 µs at 40 Hz
    const auto asym = pulses(Waveform::asymmetricBiphasic({Permille(250), Microseconds(1000)}), 40.0, 250, 40'000);
    const double sumSq = 0.040 * 0.040 * 250e-6 + 0.010 * 0.010 * 1000e-6; // A²·s per pulse
    CHECK(rmsCurrent(asym).value() == Approx(std::sqrt(sumSq * 40.0) * 1e6));
    // continuous sine: I/√2; burst sine: I/√2·√duty
    CHECK(rmsCurrent(PulseTrain::sine(Hertz(4000.0), Microamps(70'000))).value() == Approx(70'000.0 / std::sqrt(2.0)));
    CHECK(
        rmsCurrent(PulseTrain::sine(Hertz(2500.0), Microamps(60'000), CarrierBurst{Hertz(50.0), Permille(200)})).value()
        == Approx(60'000.0 / std::sqrt(2.0) * std::sqrt(0.2)));
}

TEST_CASE(
    "Pulse bursts average pulses per burst × burst rate, and slow rates count one pulse per second", "[core][safety]")
{
    auto burst = pulses(Waveform::symmetricBiphasic(), 100.0, 200, 30'000);
    burst.burst = PulseBurst{Hertz(2.0), 7};
    const auto f = factorsOf(burst);
    CHECK(f.averagedRate == Approx(14.0));
    CHECK(rmsCurrent(burst).value() == Approx(30'000.0 * std::sqrt(400e-6 * 14.0)));

    // 0.5 Hz: a 1 s window can still hold a whole pulse, so it counts as 1 Hz (conservative).
    const auto slow = pulses(Waveform::symmetricBiphasic(), 0.5, 200, 30'000);
    const auto oneHz = pulses(Waveform::symmetricBiphasic(), 1.0, 200, 30'000);
    CHECK(factorsOf(slow).averagedRate == 1.0);
    CHECK(rmsCurrent(slow) == rmsCurrent(oneHz));
}

TEST_CASE("Energy per pulse", "[core][safety]")
{
    // Σ I_k² R t_k: 80 mA, 2 × 300 µs, 500 Ω → 1.92 mJ
    CHECK(
        energyPerPulse(pulses(Waveform::symmetricBiphasic(), 50.0, 300, 80'000), Ohms(500)).value() == Approx(1'920.0));
    CHECK(energyPerPulse(pulses(Waveform::monophasic(), 50.0, 300, 80'000), Ohms(500)).value() == Approx(960.0));
    const auto asym = pulses(Waveform::asymmetricBiphasic({Permille(250), Microseconds(1000)}), 40.0, 250, 40'000);
    CHECK(
        energyPerPulse(asym, Ohms(1000)).value() == Approx((0.04 * 0.04 * 250e-6 + 0.01 * 0.01 * 1e-3) * 1000.0 * 1e6));
    // A sine burst is one "pulse": I²/2 · R · (duty / rate). Russian 100 mA: 0.01/2 · 500 · 0.01 s = 25 mJ.
    const auto russian = PulseTrain::sine(Hertz(2500.0), Microamps(100'000), CarrierBurst{Hertz(50.0), Permille(500)});
    CHECK(energyPerPulse(russian, Ohms(500)).value() == Approx(25'000.0));
    // A continuous sine: one carrier cycle. 70 mA at 4 kHz: 0.0049/2 · 500 · 250 µs.
    CHECK(energyPerPulse(PulseTrain::sine(Hertz(4000.0), Microamps(70'000)), Ohms(500)).value()
        == Approx(0.0049 / 2.0 * 500.0 * 250e-6 * 1e6));
}

TEST_CASE("Mean (d.c.) current and delivered charge", "[core][safety]")
{
    CHECK(meanCurrent(pulses(Waveform::symmetricBiphasic(), 50.0, 300, 80'000)).value() == 0.0);
    CHECK(meanCurrent(pulses(Waveform::monophasic(), 100.0, 200, 80'000)).value() == Approx(1'600.0));
    // Balanced asymmetric (25 % × 4 × width): no d.c.
    const auto balanced = pulses(Waveform::asymmetricBiphasic({Permille(250), Microseconds(1000)}), 40.0, 250, 40'000);
    CHECK(meanCurrent(balanced).value() == Approx(0.0).margin(1e-9));
    // Unbalanced: 40 mA × (250 − 0.5 × 300) µs × 40 Hz = 160 µA
    const auto unbalanced = pulses(Waveform::asymmetricBiphasic({Permille(500), Microseconds(300)}), 40.0, 250, 40'000);
    CHECK(meanCurrent(unbalanced).value() == Approx(160.0));
    // Charge per second counts both phases as magnitudes: 80 mA × 600 µs × 50 Hz = 2.4 mC/s.
    const auto f = factorsOf(pulses(Waveform::symmetricBiphasic(), 50.0, 300, 80'000));
    CHECK(chargePerSecondAt(f, Microamps(80'000)).value() == Approx(2'400.0));
    // A sine: mean |i| = 2/π · I · duty.
    const auto fs = factorsOf(PulseTrain::sine(Hertz(2500.0), Microamps(1), CarrierBurst{Hertz(50.0), Permille(500)}));
    CHECK(chargePerSecondAt(fs, Microamps(100'000)).value() == Approx(2.0 / std::numbers::pi * 100'000.0 * 0.5));
}

TEST_CASE("Quantities scale monotonically with the amplitude", "[core][safety]")
{
    const auto f = factorsOf(pulses(Waveform::asymmetricBiphasic({Permille(333), Microseconds(900)}), 37.0, 300, 1));
    for (std::int64_t a = 0; a < 200'000; a += 997) {
        CHECK(rmsCurrentAt(f, Microamps(a)) <= rmsCurrentAt(f, Microamps(a + 1)));
        CHECK(meanCurrentAt(f, Microamps(a)) <= meanCurrentAt(f, Microamps(a + 1)));
        CHECK(energyPerPulseAt(f, Microamps(a), Ohms(500)) <= energyPerPulseAt(f, Microamps(a + 1), Ohms(500)));
    }
}

TEST_CASE("Pulse duration and peak voltage", "[core][safety]")
{
    CHECK(pulseDuration(pulses(Waveform::monophasic(), 50.0, 300, 1)).value() == Microseconds(300));
    CHECK(pulseDuration(pulses(Waveform::symmetricBiphasic(), 50.0, 300, 1, 50)).value() == Microseconds(650));
    CHECK(pulseDuration(pulses(Waveform::asymmetricBiphasic({Permille(250), Microseconds(1200)}), 50.0, 300, 1, 20))
              .value()
        == Microseconds(1520));
    CHECK(pulseDuration(PulseTrain::sine(Hertz(4000.0), Microamps(1))).value() == Microseconds(0));
    CHECK_FALSE(
        pulseDuration(pulses(Waveform::symmetricBiphasic(), 50.0, std::numeric_limits<std::int64_t>::max(), 1)).ok());
    CHECK(peakVoltage(pulses(Waveform::symmetricBiphasic(), 50.0, 300, 100'000), Ohms(500)).value()
        == Millivolts(50'000));
}

TEST_CASE("Well-formed trains", "[core][safety]")
{
    auto t = pulses(Waveform::symmetricBiphasic(), 50.0, 300, 1);
    CHECK(isWellFormed(t));
    for (double bad : {0.0, -1.0, std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()}) {
        auto b = t;
        b.frequency = Hertz(bad);
        CHECK_FALSE(isWellFormed(b));
    }
    auto negWidth = t;
    negWidth.phaseWidth = Microseconds(-1);
    CHECK_FALSE(isWellFormed(negWidth));
    auto negGap = t;
    negGap.interphaseGap = Microseconds(-1);
    CHECK_FALSE(isWellFormed(negGap));
    CHECK_FALSE(isWellFormed(pulses(Waveform::asymmetricBiphasic({Permille(1001), Microseconds(1)}), 50.0, 300, 1)));
    CHECK_FALSE(isWellFormed(pulses(Waveform::asymmetricBiphasic({Permille(-1), Microseconds(1)}), 50.0, 300, 1)));
    CHECK_FALSE(isWellFormed(pulses(Waveform::asymmetricBiphasic({Permille(500), Microseconds(-1)}), 50.0, 300, 1)));
    auto carrierOnPulses = t;
    carrierOnPulses.burst = CarrierBurst{Hertz(50.0), Permille(500)};
    CHECK_FALSE(isWellFormed(carrierOnPulses));
    auto badBurst = t;
    badBurst.burst = PulseBurst{Hertz(0.0), 5};
    CHECK_FALSE(isWellFormed(badBurst));
    badBurst.burst = PulseBurst{Hertz(2.0), -1};
    CHECK_FALSE(isWellFormed(badBurst));
    auto sine = PulseTrain::sine(Hertz(2500.0), Microamps(1), CarrierBurst{Hertz(50.0), Permille(1001)});
    CHECK_FALSE(isWellFormed(sine));
    sine.burst = PulseBurst{Hertz(2.0), 3};
    CHECK_FALSE(isWellFormed(sine));
    sine.burst = CarrierBurst{Hertz(std::numeric_limits<double>::quiet_NaN()), Permille(500)};
    CHECK_FALSE(isWellFormed(sine));
    sine.burst = CarrierBurst{Hertz(50.0), Permille(500)};
    CHECK(isWellFormed(sine));
}
