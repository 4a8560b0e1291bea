// SPDX-License-Identifier: GPL-3.0-or-later
#include "RandomCases.h"

#include "core/domain/Channel.h"

#include <algorithm>
#include <limits>
#include <vector>

namespace galvani::core::safety::test {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double up(double v)
{
    return std::nextafter(v, std::numeric_limits<double>::infinity());
}
double down(double v)
{
    return std::nextafter(v, -std::numeric_limits<double>::infinity());
}

WaveformSet someWaveforms(Gen& g, double p)
{
    WaveformSet s;
    for (auto k : kAllWaveformKinds) {
        if (g.chance(p)) {
            s.add(k);
        }
    }
    return s;
}

Caps randomPolicy(Gen& g)
{
    Caps c;
    const double p = 0.12;
    if (g.chance(p)) {
        c.amplitudeMax = Microamps(g.integer(10'000, 110'000));
    }
    if (g.chance(p)) {
        c.rmsCurrentMax = Microamps(g.integer(5'000, 60'000));
    }
    if (g.chance(p)) {
        c.meanCurrentMax = Microamps(g.integer(100, 5'000));
    }
    if (g.chance(p)) {
        c.biphasicResidualDcMax = Microamps(g.integer(0, 20));
    }
    if (g.chance(p)) {
        c.energyPerPulseMax = Microjoules(g.logReal(200.0, 400'000.0));
    }
    if (g.chance(p)) {
        c.peakVoltageMax = Millivolts(g.integer(20'000, 600'000));
    }
    if (g.chance(p)) {
        c.loadResistance = Ohms(g.integer(300, 3'000));
    }
    if (g.chance(p)) {
        c.powerDensityMax = MilliwattsPerSquareCentimetre(g.real(5.0, 300.0));
    }
    if (g.chance(p)) {
        c.dcCurrentDensityMax = MicroampsPerSquareCentimetre(g.real(10.0, 300.0));
    }
    if (g.chance(p)) {
        c.currentDensityWarning = MicroampsPerSquareCentimetre(g.real(300.0, 3'000.0));
    }
    if (g.chance(p)) {
        c.phaseWidthMin = Microseconds(g.integer(5, 200));
    }
    if (g.chance(p)) {
        c.phaseWidthMax = Microseconds(g.integer(100, 5'000));
    }
    if (g.chance(p)) {
        c.frequencyMin = Hertz(g.real(0.1, 10.0));
    }
    if (g.chance(p)) {
        c.frequencyMax = Hertz(g.real(20.0, 200.0));
    }
    if (g.chance(p)) {
        c.carrierFrequencyMin = Hertz(g.real(2'000.0, 3'000.0));
    }
    if (g.chance(p)) {
        c.carrierFrequencyMax = Hertz(g.real(3'000.0, 5'000.0));
    }
    if (g.chance(p)) {
        c.burstRateMin = Hertz(g.real(0.5, 3.0));
    }
    if (g.chance(p)) {
        c.rampTimeMax = Microseconds(g.integer(1'000'000, 12'000'000));
    }
    if (g.chance(p)) {
        c.rampRateMax = MicroampsPerSecond(g.integer(20'000, 300'000));
    }
    if (g.chance(p)) {
        c.sessionDurationMin = Microseconds(g.integer(30'000'000, 600'000'000));
    }
    if (g.chance(p)) {
        c.sessionDurationMax = Microseconds(g.integer(300'000'000, 7'200'000'000));
    }
    if (g.chance(p)) {
        c.contractionOnMin = Microseconds(g.integer(500'000, 3'000'000));
    }
    if (g.chance(p)) {
        c.contractionOffMin = Microseconds(g.integer(500'000, 3'000'000));
    }
    if (g.chance(p)) {
        c.waveforms = someWaveforms(g, 0.8);
    }
    if (g.chance(p)) {
        c.pulseBursts = g.chance(0.5);
    }
    if (g.chance(p)) {
        c.carrierBursts = g.chance(0.5);
    }
    if (g.chance(0.05)) {
        c.channelCount = static_cast<int>(g.integer(0, 5));
    }
    if (g.chance(0.2)) {
        c.chargeDoseMax = Microcoulombs(g.logReal(1.0e4, 5.0e6));
    }
    if (g.chance(0.01)) {
        // An invalid cap: the kernel must refuse everything while it stands.
        if (g.chance(0.5)) {
            c.rmsCurrentMax = Microamps(-g.integer(1, 1000));
        } else {
            c.frequencyMax = Hertz(kNaN);
        }
    }
    return c;
}

} // namespace

RawLayers randomLayers(Gen& g)
{
    RawLayers l;
    l.constructedChannels
        = g.chance(0.01) ? static_cast<int>(g.pick<std::int64_t>({-1, 0, 17})) : static_cast<int>(g.integer(1, 4));
    const int n = std::max(l.constructedChannels, 1);
    if (g.chance(0.7)) {
        HardwareCaps hw;
        hw.channels = g.chance(0.03) ? 0 : static_cast<int>(g.integer(1, 4));
        hw.currentMax = Microamps(g.integer(20'000, 130'000));
        hw.pulseWidthMin = Microseconds(g.integer(0, 50));
        hw.pulseWidthMax = Microseconds(g.integer(500, 5'000));
        hw.frequencyMin = Hertz(g.chance(0.8) ? g.real(0.0, 1.0) : g.real(0.0, 5.0));
        hw.frequencyMax = Hertz(g.chance(0.8) ? g.real(100.0, 1'000.0) : g.real(20.0, 300.0));
        hw.carrierFrequencyMin = Hertz(g.real(1'000.0, 2'700.0));
        hw.carrierFrequencyMax = Hertz(g.real(3'800.0, 5'000.0));
        hw.waveforms = someWaveforms(g, 0.85);
        hw.pulseBursts = g.chance(0.8);
        hw.carrierBursts = g.chance(0.8);
        if (g.chance(0.4)) {
            hw.outputVoltageMax = Millivolts(g.integer(10'000, 600'000));
        }
        l.hardware = hw;
    }
    for (int ch = 1; ch <= n; ++ch) {
        if (g.chance(0.4)) {
            l.calibration.emplace_back(ch, CalibrationCaps{Microamps(g.integer(10'000, 120'000))});
        }
    }
    if (g.chance(0.01)) {
        l.calibration.emplace_back(n + 1, CalibrationCaps{Microamps(50'000)});
    }
    if (g.chance(0.5)) {
        l.policy = randomPolicy(g);
    }
    for (int ch = 1; ch <= n; ++ch) {
        if (g.chance(0.95)) {
            PlacementCaps p;
            p.smallerPadArea = SquareCentimetres(g.chance(0.005) ? g.pick({0.0, kNaN}) : g.logReal(1.0, 100.0));
            if (g.chance(0.3)) {
                p.measuredLoad = Ohms(g.integer(200, 12'000));
            }
            l.placements.emplace_back(ch, p);
        }
    }
    return l;
}

namespace {

ChannelProgram randomChannel(Gen& g, int index)
{
    ChannelProgram cp{*Channel::make(index, kMaxChannelCount), PulseTrain{}, Envelope::continuous(), Microseconds(0),
        Microseconds(0)};
    auto& t = cp.train;
    const auto kind = static_cast<WaveformKind>(g.integer(0, 3));
    if (g.chance(0.01)) {
        t.amplitude = Microamps(-g.integer(1, 1'000));
    } else if (g.chance(0.05)) {
        t.amplitude = Microamps(g.pick<std::int64_t>({100'000, 100'001, 50'000, 50'001, 70'710, 70'711, 0}));
    } else {
        t.amplitude = Microamps(g.chance(0.7) ? g.integer(0, 40'000) : g.integer(0, 110'000));
    }
    if (kind != WaveformKind::SineCarrier) {
        const std::int64_t width = g.chance(0.03) ? g.pick<std::int64_t>({9, 10, 4'000, 4'001, -1})
            : g.chance(0.9)                       ? g.integer(10, 1'200)
                                                  : g.integer(0, 5'000);
        switch (kind) {
        case WaveformKind::Monophasic:
            t.waveform = Waveform::monophasic();
            break;
        case WaveformKind::SymmetricBiphasic:
            t.waveform = Waveform::symmetricBiphasic();
            break;
        default: {
            const std::int64_t ratio = g.chance(0.9) ? g.integer(1, 1'000) : g.integer(-5, 1'100);
            const std::int64_t balanced = ratio > 0 ? (width * 1'000 + ratio / 2) / ratio : width;
            const std::int64_t w2 = g.chance(0.7) ? balanced : g.integer(10, 5'000);
            t.waveform = Waveform::asymmetricBiphasic({Permille(ratio), Microseconds(w2)});
            break;
        }
        }
        t.frequency = Hertz(g.chance(0.03) ? g.pick({kNaN, 0.0, -1.0, 0.5, down(0.5), 150.0, up(150.0), 400.0})
                                           : g.logReal(0.4, 180.0));
        t.phaseWidth = Microseconds(width);
        if (kind == WaveformKind::Monophasic) {
            t.interphaseGap = Microseconds(g.chance(0.95) ? 0 : g.integer(1, 50));
        } else {
            t.interphaseGap = Microseconds(g.chance(0.7) ? 0 : (g.chance(0.02) ? -1 : g.integer(0, 300)));
        }
        if (g.chance(0.15)) {
            t.burst = PulseBurst{Hertz(g.chance(0.05) ? g.pick({1.0, down(1.0)}) : g.real(0.8, 10.0)),
                g.chance(0.9) ? g.integer(1, 12) : g.integer(0, 60)};
        } else if (g.chance(0.02)) {
            t.burst = CarrierBurst{Hertz(50.0), Permille(500)};
        }
    } else {
        t.waveform = Waveform::sineCarrier();
        t.frequency = Hertz(
            g.chance(0.03) ? g.pick({kNaN, 2'500.0, down(2'500.0), 4'250.0, up(4'250.0)}) : g.real(2'450.0, 4'300.0));
        t.phaseWidth = Microseconds(g.chance(0.03) ? g.integer(1, 100) : 0);
        t.interphaseGap = Microseconds(g.chance(0.03) ? g.integer(1, 100) : 0);
        if (g.chance(0.6)) {
            const std::int64_t duty = g.chance(0.05) ? g.pick<std::int64_t>({0, 1, 1'000, 1'001}) : g.integer(1, 1'000);
            t.burst = CarrierBurst{Hertz(g.real(0.8, 120.0)), Permille(duty)};
        } else if (g.chance(0.02)) {
            t.burst = PulseBurst{Hertz(2.0), 5};
        }
    }
    if (!g.chance(0.4)) {
        const auto on = g.chance(0.03) ? g.pick<std::int64_t>({1'000'000, 999'999}) : g.integer(500'000, 30'000'000);
        const auto off = g.chance(0.03) ? g.pick<std::int64_t>({1'000'000, 999'999}) : g.integer(500'000, 60'000'000);
        cp.envelope = Envelope::cycling(Microseconds(g.integer(0, 10'200'000)), Microseconds(on),
            Microseconds(g.integer(0, 10'200'000)), Microseconds(off));
    }
    cp.startRamp = Microseconds(
        g.chance(0.03) ? g.pick<std::int64_t>({0, -1, 10'000'000, 10'000'001}) : g.integer(0, 10'200'000));
    cp.duration
        = Microseconds(g.chance(0.03) ? g.pick<std::int64_t>({60'000'000, 59'999'999, 5'940'000'000, 5'940'000'001})
                                      : g.integer(48'000'000, 6'000'000'000));
    return cp;
}

} // namespace

Program randomProgram(Gen& g, const RawLayers& layers)
{
    int available = std::clamp(layers.constructedChannels, 1, 4);
    if (layers.hardware) {
        available = std::min(available, std::max(layers.hardware->channels, 1));
    }
    if (layers.policy && layers.policy->channelCount) {
        available = std::min(available, std::max(*layers.policy->channelCount, 1));
    }
    Program p;
    const auto n = g.chance(0.01) ? 0 : std::min<std::int64_t>(g.integer(1, 3), available);
    std::vector<int> used;
    for (std::int64_t i = 0; i < n; ++i) {
        int index = static_cast<int>(g.integer(1, available));
        if (g.chance(0.97)) {
            for (int tries = 0; tries < 8 && std::find(used.begin(), used.end(), index) != used.end(); ++tries) {
                index = static_cast<int>(g.integer(1, available));
            }
        } else {
            index = static_cast<int>(g.integer(1, available + 2));
        }
        used.push_back(index);
        p.channels.push_back(randomChannel(g, index));
    }
    return p;
}

} // namespace galvani::core::safety::test
