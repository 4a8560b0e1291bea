// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/safety/OutputMetrics.h"

#include "core/safety/ClinicalLimits.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace galvani::core::safety {

namespace {

bool positiveFinite(Hertz f)
{
    return std::isfinite(f.value()) && f.value() > 0.0;
}

bool ratioInRange(Permille p)
{
    return p.value() >= 0 && p.value() <= 1000;
}

double windowRate(double hz)
{
    // A rate below one per averaging window still puts a whole pulse into some 1 s window.
    const double floorRate = 1.0e6 / static_cast<double>(kAveragingWindow.value());
    return std::max(hz, floorRate);
}

} // namespace

bool isWellFormed(const PulseTrain& t)
{
    if (!positiveFinite(t.frequency)) {
        return false;
    }
    if (t.waveform.isPulsed()) {
        if (t.phaseWidth.value() < 0 || t.interphaseGap.value() < 0) {
            return false;
        }
        if (t.waveform.kind() == WaveformKind::AsymmetricBiphasic) {
            const auto s = t.waveform.secondPhase();
            if (!ratioInRange(s.amplitudeRatio) || s.width.value() < 0) {
                return false;
            }
        }
        if (t.carrierBurst() != nullptr) {
            return false;
        }
        if (const auto* b = t.pulseBurst()) {
            return positiveFinite(b->rate) && b->pulsesPerBurst >= 0;
        }
        return true;
    }
    if (t.pulseBurst() != nullptr) {
        return false;
    }
    if (const auto* c = t.carrierBurst()) {
        return positiveFinite(c->rate) && ratioInRange(c->duty);
    }
    return true;
}

TrainFactors factorsOf(const PulseTrain& t)
{
    TrainFactors f;
    if (!t.waveform.isPulsed()) {
        const auto* c = t.carrierBurst();
        const double duty = c != nullptr ? toFraction(c->duty) : 1.0;
        // One burst, or one carrier cycle when continuous, is the "pulse" of a sine output.
        const double pulseSeconds = c != nullptr ? duty / c->rate.value() : 1.0 / t.frequency.value();
        f.rmsPerPeak = std::sqrt(0.5 * duty);
        f.meanPerPeak = 0.0;
        f.absoluteMeanPerPeak = 2.0 / std::numbers::pi * duty;
        f.squaredTimePerPulse = 0.5 * pulseSeconds * 1.0e6;
        return f;
    }

    const auto* b = t.pulseBurst();
    f.averagedRate = b != nullptr ? static_cast<double>(b->pulsesPerBurst) * windowRate(b->rate.value())
                                  : windowRate(t.frequency.value());
    const double t1 = static_cast<double>(t.phaseWidth.value());
    double squared = t1; // Σ r_k² t_k, µs
    double absolute = t1; // Σ r_k t_k, µs
    double net = t1; // Σ ± r_k t_k, µs
    switch (t.waveform.kind()) {
    case WaveformKind::Monophasic:
        break;
    case WaveformKind::SymmetricBiphasic:
        squared = 2.0 * t1;
        absolute = 2.0 * t1;
        net = 0.0;
        break;
    case WaveformKind::AsymmetricBiphasic: {
        const auto s = t.waveform.secondPhase();
        const double r = toFraction(s.amplitudeRatio);
        const double t2 = static_cast<double>(s.width.value());
        squared = t1 + r * r * t2;
        absolute = t1 + r * t2;
        net = t1 - r * t2;
        break;
    }
    case WaveformKind::SineCarrier:
        break; // handled above
    }
    const double perSecond = f.averagedRate * 1.0e-6; // µs of each pulse → fraction of a second
    f.rmsPerPeak = std::sqrt(squared * perSecond);
    f.meanPerPeak = std::abs(net) * perSecond;
    f.absoluteMeanPerPeak = absolute * perSecond;
    f.squaredTimePerPulse = squared;
    return f;
}

MicroampsReal rmsCurrentAt(const TrainFactors& f, Microamps peak)
{
    return MicroampsReal(static_cast<double>(peak.value()) * f.rmsPerPeak);
}

MicroampsReal meanCurrentAt(const TrainFactors& f, Microamps peak)
{
    return MicroampsReal(static_cast<double>(peak.value()) * f.meanPerPeak);
}

Microjoules energyPerPulseAt(const TrainFactors& f, Microamps peak, Ohms load)
{
    const double i = static_cast<double>(peak.value());
    return Microjoules(i * i * static_cast<double>(load.value()) * f.squaredTimePerPulse * 1.0e-12);
}

Microcoulombs chargePerSecondAt(const TrainFactors& f, Microamps peak)
{
    // A mean current of 1 µA delivers 1 µC each second.
    return Microcoulombs(static_cast<double>(peak.value()) * f.absoluteMeanPerPeak);
}

MicroampsReal rmsCurrent(const PulseTrain& t)
{
    return rmsCurrentAt(factorsOf(t), t.amplitude);
}

MicroampsReal meanCurrent(const PulseTrain& t)
{
    return meanCurrentAt(factorsOf(t), t.amplitude);
}

Microjoules energyPerPulse(const PulseTrain& t, Ohms load)
{
    return energyPerPulseAt(factorsOf(t), t.amplitude, load);
}

Checked<Millivolts> peakVoltage(const PulseTrain& t, Ohms load)
{
    // The first phase carries the peak: an asymmetric second phase is at most 1000 ‰ of it.
    return voltageAcross(t.amplitude, load);
}

Checked<Microseconds> pulseDuration(const PulseTrain& t)
{
    if (!t.waveform.isPulsed()) {
        return Checked<Microseconds>::success(Microseconds(0));
    }
    switch (t.waveform.kind()) {
    case WaveformKind::Monophasic:
        return checkedSum(t.phaseWidth, Microseconds(0));
    case WaveformKind::SymmetricBiphasic: {
        const auto two = checkedSum(t.phaseWidth, t.phaseWidth);
        return two ? checkedSum(two.value(), t.interphaseGap) : two;
    }
    case WaveformKind::AsymmetricBiphasic: {
        const auto first = checkedSum(t.phaseWidth, t.interphaseGap);
        return first ? checkedSum(first.value(), t.waveform.secondPhase().width) : first;
    }
    case WaveformKind::SineCarrier:
        break;
    }
    return Checked<Microseconds>::success(Microseconds(0));
}

} // namespace galvani::core::safety
