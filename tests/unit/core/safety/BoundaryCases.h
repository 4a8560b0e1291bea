// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared pieces of the table-driven boundary tests: for every limit, a programme exactly at the limit (or one step
// inside) passes and the same programme one least significant step beyond (1 µA, 1 µs, 1 ‰, 1 Ω or the next
// double) fails, naming the expected field and rule and nothing else.

#include "SafetyTestSupport.h"

#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace galvani::core::safety::test {

using Setup = std::function<void(Program&, EffectiveLimits&)>;

struct Case {
    std::string name;
    Setup inside;
    Setup outside;
    int channel;
    Field field;
    Rule rule;
};

inline double up(double v)
{
    return std::nextafter(v, std::numeric_limits<double>::infinity());
}
inline double down(double v)
{
    return std::nextafter(v, -std::numeric_limits<double>::infinity());
}

inline ChannelProgram& ch1(Program& p)
{
    return p.channels.front();
}

// Largest integer amplitude (µA) for which ok() holds, found by an independent linear scan around an estimate.
template <typename Ok>
std::int64_t largest(std::int64_t estimate, const Ok& ok)
{
    std::int64_t a = estimate;
    while (!ok(a)) {
        --a;
    }
    while (ok(a + 1)) {
        ++a;
    }
    return a;
}

inline HardwareCaps fullDevice(int channels)
{
    HardwareCaps hw;
    hw.channels = channels;
    hw.currentMax = Microamps(100'000);
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

inline EffectiveLimits placedDevice(const HardwareCaps& hw)
{
    auto l = EffectiveLimits::forDevice(hw);
    for (int c = 1; c <= hw.channels; ++c) {
        l.applyPlacement(c, PlacementCaps{kStandardPad, std::nullopt});
    }
    return l;
}

inline void setAmplitude(Program& p, std::int64_t ua)
{
    ch1(p).train.amplitude = Microamps(ua);
}

inline void setPulses(Program& p, Waveform w, double hz, std::int64_t widthUs)
{
    auto& t = ch1(p).train;
    t = PulseTrain::pulses(w, Hertz(hz), Microseconds(widthUs), Microseconds(0), t.amplitude);
}

inline void setCycling(Program& p, std::int64_t up, std::int64_t on, std::int64_t downUs, std::int64_t off)
{
    ch1(p).envelope = Envelope::cycling(Microseconds(up), Microseconds(on), Microseconds(downUs), Microseconds(off));
}

inline Setup amplitudeCase(std::function<void(Program&, EffectiveLimits&)> setup, std::int64_t ua)
{
    return [setup, ua](Program& p, EffectiveLimits& l) {
        setup(p, l);
        setAmplitude(p, ua);
    };
}

// Runs both halves of a case: inside must be accepted with no violation; outside must be refused with exactly
// one violation on the expected channel, field and rule, whose message names the field.
void runCase(const Case& c);

} // namespace galvani::core::safety::test
