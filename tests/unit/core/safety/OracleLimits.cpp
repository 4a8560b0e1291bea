// SPDX-License-Identifier: GPL-3.0-or-later
// The oracle's own combination of the limit layers: the clinical constants, then each layer as specified
// (upper bounds take the minimum, lower bounds and the load the maximum, capabilities the intersection, invalid
// caps are skipped and flagged), written independently of EffectiveLimits.
#include "OracleLimits.h"

#include "core/domain/Channel.h"
#include "core/safety/ClinicalLimits.h"

#include <algorithm>
#include <cmath>

namespace galvani::core::safety::test {

namespace {

// Caps validity as specified: integers not negative, reals finite and not negative.
template <typename Tag, typename Rep>
bool valid(const std::optional<Quantity<Tag, Rep>>& v)
{
    if (!v) {
        return false;
    }
    if constexpr (std::is_floating_point_v<Rep>) {
        return std::isfinite(v->value()) && v->value() >= 0.0;
    } else {
        return v->value() >= 0;
    }
}

struct Applier {
    bool& problems;
    bool perChannel;

    template <typename Tag, typename Rep, typename T>
    void lower(const std::optional<Quantity<Tag, Rep>>& v, T& cap)
    {
        if (!v) {
            return;
        }
        if (!valid(v)) {
            problems = true;
            return;
        }
        cap = std::min(cap, static_cast<T>(v->value()));
    }
    template <typename Tag, typename Rep, typename T>
    void raise(const std::optional<Quantity<Tag, Rep>>& v, T& cap)
    {
        if (!v) {
            return;
        }
        if (!valid(v)) {
            problems = true;
            return;
        }
        cap = std::max(cap, static_cast<T>(v->value()));
    }

    void apply(const Caps& c, OracleCaps& o, LimitLayer layer, int channel)
    {
        if (c.amplitudeMax && valid(c.amplitudeMax) && c.amplitudeMax->value() < o.amplitudeMax) {
            o.amplitudeMaxLayer = layer;
            o.amplitudeMaxChannel = channel;
        }
        lower(c.amplitudeMax, o.amplitudeMax);
        lower(c.rmsCurrentMax, o.rmsMax);
        lower(c.meanCurrentMax, o.meanMax);
        lower(c.biphasicResidualDcMax, o.residualMax);
        lower(c.energyPerPulseMax, o.energyMax);
        lower(c.peakVoltageMax, o.voltageMax);
        raise(c.loadResistance, o.load);
        if (c.electrodeArea) {
            if (!valid(c.electrodeArea) || c.electrodeArea->value() <= 0.0) {
                problems = true;
            } else {
                o.area = o.area ? std::min(*o.area, c.electrodeArea->value()) : c.electrodeArea->value();
            }
        }
        lower(c.powerDensityMax, o.powerMax);
        lower(c.dcCurrentDensityMax, o.dcDensityMax);
        lower(c.currentDensityWarning, o.warnDensity);
        raise(c.phaseWidthMin, o.pwMin);
        lower(c.phaseWidthMax, o.pwMax);
        raise(c.frequencyMin, o.fMin);
        lower(c.frequencyMax, o.fMax);
        raise(c.carrierFrequencyMin, o.cMin);
        lower(c.carrierFrequencyMax, o.cMax);
        raise(c.burstRateMin, o.burstRateMin);
        lower(c.rampTimeMax, o.rampTimeMax);
        lower(c.rampRateMax, o.rampRateMax);
        lower(c.amplitudeStepMax, o.stepMax);
        raise(c.sessionDurationMin, o.sessionMin);
        lower(c.sessionDurationMax, o.sessionMax);
        raise(c.contractionOnMin, o.onMin);
        raise(c.contractionOffMin, o.offMin);
        if (c.waveforms) {
            for (auto k : kAllWaveformKinds) {
                o.waveform[static_cast<std::size_t>(k)]
                    = o.waveform[static_cast<std::size_t>(k)] && c.waveforms->contains(k);
            }
        }
        if (c.pulseBursts) {
            o.pulseBursts = o.pulseBursts && *c.pulseBursts;
        }
        if (c.carrierBursts) {
            o.carrierBursts = o.carrierBursts && *c.carrierBursts;
        }
    }
};

OracleCaps clinical()
{
    OracleCaps o;
    o.amplitudeMax = kPeakCurrentDesignCap.value();
    o.rmsMax = kRmsCurrentLimit.value();
    o.meanMax = kDcCurrentStandardLimit.value();
    o.residualMax = kBiphasicResidualDcLimit.value();
    o.energyMax = kEnergyPerPulseLimit.value();
    o.voltageMax = kPeakVoltageLimit.value();
    o.load = kReferenceLoad.value();
    o.powerMax = kPowerDensityLimit.value();
    o.dcDensityMax = kDcCurrentDensityLimit.value();
    o.warnDensity = kCurrentDensityWarning.value();
    o.pwMin = kPhaseWidthMin.value();
    o.pwMax = kPhaseWidthMax.value();
    o.fMin = kPulseRateMin.value();
    o.fMax = kPulseRateMax.value();
    o.cMin = kCarrierFrequencyMin.value();
    o.cMax = kCarrierFrequencyMax.value();
    o.burstRateMin = kBurstRateMin.value();
    o.rampTimeMax = kRampTimeMax.value();
    o.rampRateMax = kRampRateLimit.value();
    o.stepMax = kAmplitudeStepLimit.value();
    o.sessionMin = kSessionDurationMin.value();
    o.sessionMax = kSessionDurationMax.value();
    o.onMin = kContractionOnMin.value();
    o.offMin = kContractionOffMin.value();
    o.waveform = {true, true, true, true};
    o.pulseBursts = true;
    o.carrierBursts = true;
    return o;
}

Caps hardwareLayer(const HardwareCaps& hw)
{
    Caps c;
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
    c.peakVoltageMax = hw.outputVoltageMax;
    return c;
}

} // namespace

EffectiveLimits RawLayers::build() const
{
    EffectiveLimits l(constructedChannels);
    if (hardware) {
        l.applyHardware(*hardware);
    }
    for (const auto& [ch, cal] : calibration) {
        l.applyCalibration(ch, cal);
    }
    if (policy) {
        l.applyClinicPolicy(*policy);
    }
    for (const auto& [ch, p] : placements) {
        l.applyPlacement(ch, p);
    }
    return l;
}

OracleLimits::OracleLimits(const RawLayers& layers)
{
    const bool countValid = layers.constructedChannels >= 1 && layers.constructedChannels <= kMaxChannelCount;
    m_problems = !countValid;
    const int n = countValid ? layers.constructedChannels : 0;
    m_channelCount = n;
    m_caps.assign(static_cast<std::size_t>(n), clinical());
    Applier global{m_problems, false};
    if (layers.hardware) {
        const auto& hw = *layers.hardware;
        if (hw.channels < 0 || hw.channels > kMaxChannelCount) {
            m_problems = true;
        } else {
            m_channelCount = std::min(m_channelCount, hw.channels);
        }
        const Caps c = hardwareLayer(hw);
        for (auto& caps : m_caps) {
            global.apply(c, caps, LimitLayer::Hardware, 0);
        }
    }
    for (const auto& [ch, cal] : layers.calibration) {
        if (ch < 1 || ch > n) {
            m_problems = true;
            continue;
        }
        Caps c;
        c.amplitudeMax = cal.calibratedCurrentMax;
        Applier one{m_problems, true};
        one.apply(c, m_caps[static_cast<std::size_t>(ch - 1)], LimitLayer::Calibration, ch);
    }
    if (layers.policy) {
        const Caps& c = *layers.policy;
        if (c.channelCount) {
            if (*c.channelCount < 0 || *c.channelCount > kMaxChannelCount) {
                m_problems = true;
            } else {
                m_channelCount = std::min(m_channelCount, *c.channelCount);
            }
        }
        if (c.chargeDoseMax) {
            if (valid(c.chargeDoseMax)) {
                m_dose = m_dose ? std::min(*m_dose, c.chargeDoseMax->value()) : c.chargeDoseMax->value();
            } else {
                m_problems = true;
            }
        }
        for (auto& caps : m_caps) {
            global.apply(c, caps, LimitLayer::ClinicPolicy, 0);
        }
        // Applying to every channel reports each invalid field once per channel in the kernel; once is enough here.
    }
    for (const auto& [ch, p] : layers.placements) {
        if (ch < 1 || ch > n) {
            m_problems = true;
            continue;
        }
        Caps c;
        c.electrodeArea = p.smallerPadArea;
        c.loadResistance = p.measuredLoad;
        Applier one{m_problems, true};
        one.apply(c, m_caps[static_cast<std::size_t>(ch - 1)], LimitLayer::Placement, ch);
    }
}

const OracleCaps* OracleLimits::caps(int channel) const
{
    if (channel < 1 || channel > m_channelCount || channel > static_cast<int>(m_caps.size())) {
        return nullptr;
    }
    return &m_caps[static_cast<std::size_t>(channel - 1)];
}

} // namespace galvani::core::safety::test
