// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/safety/Caps.h"

#include "core/safety/ClinicalLimits.h"

namespace galvani::core::safety {

std::string LimitSource::describe() const
{
    const std::string ch = std::to_string(channel);
    switch (layer) {
    case LimitLayer::Clinical:
        return "clinical limits";
    case LimitLayer::Hardware:
        return "hardware";
    case LimitLayer::Calibration:
        return channel > 0 ? "calibration of channel " + ch : "calibration";
    case LimitLayer::ClinicPolicy:
        return "clinic policy";
    case LimitLayer::Placement:
        return channel > 0 ? "placement on channel " + ch : "placement";
    }
    return "unknown limit layer";
}

Caps clinicalCaps()
{
    Caps c;
    c.amplitudeMax = kPeakCurrentDesignCap;
    c.rmsCurrentMax = kRmsCurrentLimit;
    c.meanCurrentMax = kDcCurrentStandardLimit;
    c.biphasicResidualDcMax = kBiphasicResidualDcLimit;
    c.energyPerPulseMax = kEnergyPerPulseLimit;
    c.peakVoltageMax = kPeakVoltageLimit;
    c.loadResistance = kReferenceLoad;
    c.powerDensityMax = kPowerDensityLimit;
    c.dcCurrentDensityMax = kDcCurrentDensityLimit;
    c.currentDensityWarning = kCurrentDensityWarning;
    c.phaseWidthMin = kPhaseWidthMin;
    c.phaseWidthMax = kPhaseWidthMax;
    c.frequencyMin = kPulseRateMin;
    c.frequencyMax = kPulseRateMax;
    c.carrierFrequencyMin = kCarrierFrequencyMin;
    c.carrierFrequencyMax = kCarrierFrequencyMax;
    c.burstRateMin = kBurstRateMin;
    c.rampTimeMax = kRampTimeMax;
    c.rampRateMax = kRampRateLimit;
    c.amplitudeStepMax = kAmplitudeStepLimit;
    c.sessionDurationMin = kSessionDurationMin;
    c.sessionDurationMax = kSessionDurationMax;
    c.contractionOnMin = kContractionOnMin;
    c.contractionOffMin = kContractionOffMin;
    c.waveforms = WaveformSet::all();
    c.pulseBursts = true;
    c.carrierBursts = true;
    return c;
}

Caps capsOf(const HardwareCaps& hw)
{
    Caps c;
    c.channelCount = hw.channels;
    c.amplitudeMax = hw.currentMax;
    c.phaseWidthMin = hw.pulseWidthMin;
    c.phaseWidthMax = hw.pulseWidthMax;
    c.frequencyMin = hw.frequencyMin;
    c.frequencyMax = hw.frequencyMax;
    if (hw.waveforms.contains(WaveformKind::SineCarrier)) {
        c.carrierFrequencyMin = hw.carrierFrequencyMin;
        c.carrierFrequencyMax = hw.carrierFrequencyMax;
    }
    c.waveforms = hw.waveforms;
    c.pulseBursts = hw.pulseBursts;
    c.carrierBursts = hw.carrierBursts;
    // A device cannot drive beyond its compliance voltage; asking it to is a "cannot deliver" fault.
    c.peakVoltageMax = hw.outputVoltageMax;
    return c;
}

Caps capsOf(const CalibrationCaps& cal)
{
    Caps c;
    c.amplitudeMax = cal.calibratedCurrentMax;
    return c;
}

Caps capsOf(const PlacementCaps& placement)
{
    Caps c;
    c.electrodeArea = placement.smallerPadArea;
    c.loadResistance = placement.measuredLoad;
    return c;
}

} // namespace galvani::core::safety
