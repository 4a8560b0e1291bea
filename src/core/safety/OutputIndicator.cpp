// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/safety/OutputIndicator.h"

#include "core/safety/ClinicalLimits.h"
#include "core/safety/OutputMetrics.h"

#include <algorithm>

namespace galvani::core::safety {

OutputLevel outputLevelInto(const PulseTrain& train, Ohms load)
{
    const auto f = factorsOf(train);
    OutputLevel level;
    level.rmsCurrent = rmsCurrentAt(f, train.amplitude);
    // µA · Ω = µV; / 1000 → mV.
    level.rmsVoltage = MillivoltsReal(level.rmsCurrent.value() * static_cast<double>(load.value()) / 1000.0);
    level.energyPerPulse = energyPerPulseAt(f, train.amplitude, load);
    return level;
}

bool exceedsIndicatorThreshold(const OutputLevel& level)
{
    return level.rmsCurrent > toReal(kIndicatorCurrentRms)
        || level.rmsVoltage.value() > static_cast<double>(kIndicatorVoltageRms.value())
        || level.energyPerPulse > kIndicatorEnergyPerPulse;
}

bool outputIndicatorRequired(const PulseTrain& train)
{
    return exceedsIndicatorThreshold(outputLevelInto(train, kIndicatorLoad));
}

bool channelCanExceedIndicatorThreshold(const ChannelLimits& limits)
{
    const double peak = static_cast<double>(limits.amplitudeMax.value.value());
    const double rms = std::min(static_cast<double>(limits.rmsCurrentMax.value.value()), peak);
    const double load = static_cast<double>(limits.loadResistance.value.value());
    const double indicatorLoad = static_cast<double>(kIndicatorLoad.value());
    double energy = load > 0.0 ? limits.energyPerPulseMax.value.value() * indicatorLoad / load
                               : limits.energyPerPulseMax.value.value();
    if (!limits.allows(WaveformKind::SineCarrier).value) {
        const double widest = 2.0 * static_cast<double>(limits.phaseWidthMax.value.value());
        energy = std::min(energy, peak * peak * indicatorLoad * widest * 1.0e-12);
    }
    OutputLevel level;
    level.rmsCurrent = MicroampsReal(rms);
    level.rmsVoltage = MillivoltsReal(rms * indicatorLoad / 1000.0);
    level.energyPerPulse = Microjoules(energy);
    return exceedsIndicatorThreshold(level);
}

} // namespace galvani::core::safety
