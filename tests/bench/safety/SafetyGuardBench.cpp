// SPDX-License-Identifier: GPL-3.0-or-later
// Cost of the safety kernel on the paths the application takes: building the effective limits of a device,
// validating a 4-channel programme that passes, validating one that breaks several limits (message text
// included), and validating a live amplitude step (which re-validates the whole programme). Prints mean time per
// call and calls per second. Figures only; never fails on time.
// Usage: bench_safety_guard [iterations]   (default 200'000)
#include "core/domain/PresetCatalogue.h"
#include "core/safety/SafetyGuard.h"

#include "bench/support/Figure.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

using namespace galvani::core;
using namespace galvani::core::safety;
using Clock = std::chrono::steady_clock;

HardwareCaps eightChannelDevice()
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

EffectiveLimits limitsFor(const HardwareCaps& hw)
{
    EffectiveLimits limits = EffectiveLimits::forDevice(hw);
    Caps policy;
    policy.amplitudeMax = Microamps(90'000);
    policy.chargeDoseMax = Microcoulombs(5.0e6);
    limits.applyClinicPolicy(policy);
    for (int ch = 1; ch <= hw.channels; ++ch) {
        limits.applyCalibration(ch, CalibrationCaps{Microamps(95'000)});
        limits.applyPlacement(ch, PlacementCaps{SquareCentimetres(45.0), std::nullopt});
    }
    return limits;
}

// Keeps the optimiser from discarding results.
volatile std::size_t g_sink = 0;

template <typename F>
void measure(const char* what, std::uint64_t iterations, F&& f)
{
    f(); // warm up
    const auto start = Clock::now();
    for (std::uint64_t i = 0; i < iterations; ++i) {
        f();
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    const double perCallUs = seconds * 1.0e6 / static_cast<double>(iterations);
    std::printf("%-58s %10.3f µs/call %12.0f calls/s\n", what, perCallUs,
        seconds > 0.0 ? static_cast<double>(iterations) / seconds : 0.0);
    // Every amplitude key press is checked once; 30 presses a second is a therapist holding a key.
    galvani::bench::figure("Safety kernel", what, galvani::bench::format("%.2f µs per call", perCallUs),
        galvani::bench::format(
            "%.4f %% of a 33 ms frame; n=%llu", perCallUs / 333.33, static_cast<unsigned long long>(iterations)));
}

} // namespace

int main(int argc, char** argv)
{
    const std::uint64_t iterations = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 200'000;
    const HardwareCaps hw = eightChannelDevice();
    const EffectiveLimits limits = limitsFor(hw);

    std::vector<Channel> four;
    for (int i = 1; i <= 4; ++i) {
        four.push_back(*Channel::make(i, hw.channels));
    }
    const Preset& nmes = *PresetCatalogue::find("nmes-strengthening");
    auto values = nmes.defaults();
    values.amplitude = Microamps(45'000);
    const Program good = *nmes.program(values, four).program;

    Program bad = good;
    for (auto& cp : bad.channels) {
        cp.train.amplitude = Microamps(120'000); // peak cap
        cp.train.frequency = Hertz(200.0); // rate range
        cp.envelope = Envelope::cycling(Microseconds(100'000), Microseconds(500'000), Microseconds(0), Microseconds(0));
    }

    std::printf("safety kernel, %llu iterations per figure\n", static_cast<unsigned long long>(iterations));
    measure("EffectiveLimits: clinical + hardware + 8 calibrations/placements", iterations,
        [&] { g_sink = g_sink + static_cast<std::size_t>(limitsFor(hw).channelCount().value); });
    measure("validate: 4-channel NMES programme, accepted", iterations,
        [&] { g_sink = g_sink + SafetyGuard::validate(good, limits).program()->outputs().size(); });
    const auto rejected = SafetyGuard::validate(bad, limits);
    measure("validate: 4 channels, each breaking several limits", iterations,
        [&] { g_sink = g_sink + SafetyGuard::validate(bad, limits).violations().size(); });
    const auto running = *SafetyGuard::validate(good, limits).program();
    measure("validateAmplitudeChange: +0.5 mA on channel 2", iterations, [&] {
        g_sink = g_sink
            + (SafetyGuard::validateAmplitudeChange(running, 2, Microamps(45'500), limits).accepted() ? 1U : 0U);
    });
    std::printf("(the rejected programme lists %zu violations)\n", rejected.violations().size());
    return 0;
}
