// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/safety/EffectiveLimits.h"

#include "core/domain/Channel.h"
#include "core/units/UnitFormat.h"

#include <cmath>

namespace galvani::core::safety {

namespace {

// Upper bound: the smaller value wins.
template <typename T>
void takeMin(Bound<T>& b, const std::optional<T>& v, LimitSource s)
{
    if (v && *v < b.value) {
        b = {*v, s};
    }
}

// Lower bound (and the worst-case load): the larger value wins.
template <typename T>
void takeMax(Bound<T>& b, const std::optional<T>& v, LimitSource s)
{
    if (v && b.value < *v) {
        b = {*v, s};
    }
}

template <typename T>
void takeMinOptional(Bound<std::optional<T>>& b, const std::optional<T>& v, LimitSource s)
{
    if (v && (!b.value || *v < *b.value)) {
        b = {v, s};
    }
}

void takeAnd(Bound<bool>& b, const std::optional<bool>& v, LimitSource s)
{
    if (v && !*v && b.value) {
        b = {false, s};
    }
}

// Whether a cap value can be applied: integers must not be negative; reals must be finite and not negative.
template <typename Tag, typename Rep>
bool validCap(Quantity<Tag, Rep> q)
{
    if constexpr (std::is_floating_point_v<Rep>) {
        return std::isfinite(q.value()) && q.value() >= 0.0;
    } else {
        return q.value() >= 0;
    }
}

template <typename Tag, typename Rep>
std::string capText(Quantity<Tag, Rep> q)
{
    if constexpr (std::is_floating_point_v<Rep>) {
        return formatDecimal(q.value(), 6);
    } else {
        return std::to_string(q.value());
    }
}

ChannelLimits clinicalChannelLimits()
{
    const Caps c = clinicalCaps();
    const LimitSource s{LimitLayer::Clinical, 0};
    ChannelLimits l;
    l.amplitudeMax = {c.amplitudeMax.value_or(Microamps(0)), s};
    l.rmsCurrentMax = {c.rmsCurrentMax.value_or(Microamps(0)), s};
    l.meanCurrentMax = {c.meanCurrentMax.value_or(Microamps(0)), s};
    l.biphasicResidualDcMax = {c.biphasicResidualDcMax.value_or(Microamps(0)), s};
    l.energyPerPulseMax = {c.energyPerPulseMax.value_or(Microjoules(0.0)), s};
    l.peakVoltageMax = {c.peakVoltageMax.value_or(Millivolts(0)), s};
    l.loadResistance = {c.loadResistance.value_or(Ohms(0)), s};
    l.electrodeArea = {std::nullopt, s};
    l.powerDensityMax = {c.powerDensityMax.value_or(MilliwattsPerSquareCentimetre(0.0)), s};
    l.dcCurrentDensityMax = {c.dcCurrentDensityMax.value_or(MicroampsPerSquareCentimetre(0.0)), s};
    l.currentDensityWarning = {c.currentDensityWarning.value_or(MicroampsPerSquareCentimetre(0.0)), s};
    l.phaseWidthMin = {c.phaseWidthMin.value_or(Microseconds(0)), s};
    l.phaseWidthMax = {c.phaseWidthMax.value_or(Microseconds(0)), s};
    l.frequencyMin = {c.frequencyMin.value_or(Hertz(0.0)), s};
    l.frequencyMax = {c.frequencyMax.value_or(Hertz(0.0)), s};
    l.carrierFrequencyMin = {c.carrierFrequencyMin.value_or(Hertz(0.0)), s};
    l.carrierFrequencyMax = {c.carrierFrequencyMax.value_or(Hertz(0.0)), s};
    l.burstRateMin = {c.burstRateMin.value_or(Hertz(0.0)), s};
    l.rampTimeMax = {c.rampTimeMax.value_or(Microseconds(0)), s};
    l.rampRateMax = {c.rampRateMax.value_or(MicroampsPerSecond(0)), s};
    l.amplitudeStepMax = {c.amplitudeStepMax.value_or(Microamps(0)), s};
    l.sessionDurationMin = {c.sessionDurationMin.value_or(Microseconds(0)), s};
    l.sessionDurationMax = {c.sessionDurationMax.value_or(Microseconds(0)), s};
    l.contractionOnMin = {c.contractionOnMin.value_or(Microseconds(0)), s};
    l.contractionOffMin = {c.contractionOffMin.value_or(Microseconds(0)), s};
    const WaveformSet allowed = c.waveforms.value_or(WaveformSet{});
    for (auto k : kAllWaveformKinds) {
        l.waveformAllowed[static_cast<std::size_t>(k)] = {allowed.contains(k), s};
    }
    l.pulseBursts = {c.pulseBursts.value_or(false), s};
    l.carrierBursts = {c.carrierBursts.value_or(false), s};
    return l;
}

} // namespace

WaveformSet ChannelLimits::allowedWaveforms() const
{
    WaveformSet s;
    for (auto k : kAllWaveformKinds) {
        if (allows(k).value) {
            s.add(k);
        }
    }
    return s;
}

EffectiveLimits::EffectiveLimits(int channelCount)
    : m_channelCount{0, LimitSource{LimitLayer::Hardware, 0}}, m_chargeDoseMax{
                                                                   std::nullopt, LimitSource{LimitLayer::Clinical, 0}}
{
    if (channelCount < 1 || channelCount > kMaxChannelCount) {
        m_problems.push_back(
            "channel count " + std::to_string(channelCount) + " is outside 1–" + std::to_string(kMaxChannelCount));
        return;
    }
    m_channelCount.value = channelCount;
    m_channels.assign(static_cast<std::size_t>(channelCount), clinicalChannelLimits());
}

EffectiveLimits EffectiveLimits::forDevice(const HardwareCaps& hw)
{
    EffectiveLimits limits(hw.channels);
    limits.applyHardware(hw);
    return limits;
}

const ChannelLimits* EffectiveLimits::channel(int index) const
{
    if (index < 1 || index > m_channelCount.value || static_cast<std::size_t>(index) > m_channels.size()) {
        return nullptr;
    }
    return &m_channels[static_cast<std::size_t>(index - 1)];
}

void EffectiveLimits::tighten(LimitLayer layer, const Caps& caps)
{
    const LimitSource source{layer, 0};
    const Caps clean = sanitised(caps, source, false);
    takeMin(m_channelCount, clean.channelCount, source);
    takeMinOptional(m_chargeDoseMax, clean.chargeDoseMax, source);
    for (auto& ch : m_channels) {
        tightenChannel(ch, clean, source);
    }
}

void EffectiveLimits::tighten(LimitLayer layer, int channel, const Caps& caps)
{
    const LimitSource source{layer, channel};
    if (channel < 1 || static_cast<std::size_t>(channel) > m_channels.size()) {
        m_problems.push_back(source.describe() + ": there is no channel " + std::to_string(channel));
        return;
    }
    const Caps clean = sanitised(caps, source, true);
    tightenChannel(m_channels[static_cast<std::size_t>(channel - 1)], clean, source);
}

void EffectiveLimits::tightenChannel(ChannelLimits& l, const Caps& c, LimitSource s)
{
    takeMin(l.amplitudeMax, c.amplitudeMax, s);
    takeMin(l.rmsCurrentMax, c.rmsCurrentMax, s);
    takeMin(l.meanCurrentMax, c.meanCurrentMax, s);
    takeMin(l.biphasicResidualDcMax, c.biphasicResidualDcMax, s);
    takeMin(l.energyPerPulseMax, c.energyPerPulseMax, s);
    takeMin(l.peakVoltageMax, c.peakVoltageMax, s);
    takeMax(l.loadResistance, c.loadResistance, s);
    takeMinOptional(l.electrodeArea, c.electrodeArea, s);
    takeMin(l.powerDensityMax, c.powerDensityMax, s);
    takeMin(l.dcCurrentDensityMax, c.dcCurrentDensityMax, s);
    takeMin(l.currentDensityWarning, c.currentDensityWarning, s);
    takeMax(l.phaseWidthMin, c.phaseWidthMin, s);
    takeMin(l.phaseWidthMax, c.phaseWidthMax, s);
    takeMax(l.frequencyMin, c.frequencyMin, s);
    takeMin(l.frequencyMax, c.frequencyMax, s);
    takeMax(l.carrierFrequencyMin, c.carrierFrequencyMin, s);
    takeMin(l.carrierFrequencyMax, c.carrierFrequencyMax, s);
    takeMax(l.burstRateMin, c.burstRateMin, s);
    takeMin(l.rampTimeMax, c.rampTimeMax, s);
    takeMin(l.rampRateMax, c.rampRateMax, s);
    takeMin(l.amplitudeStepMax, c.amplitudeStepMax, s);
    takeMax(l.sessionDurationMin, c.sessionDurationMin, s);
    takeMin(l.sessionDurationMax, c.sessionDurationMax, s);
    takeMax(l.contractionOnMin, c.contractionOnMin, s);
    takeMax(l.contractionOffMin, c.contractionOffMin, s);
    if (c.waveforms) {
        for (auto k : kAllWaveformKinds) {
            takeAnd(l.waveformAllowed[static_cast<std::size_t>(k)], c.waveforms->contains(k), s);
        }
    }
    takeAnd(l.pulseBursts, c.pulseBursts, s);
    takeAnd(l.carrierBursts, c.carrierBursts, s);
}

Caps EffectiveLimits::sanitised(const Caps& caps, LimitSource source, bool perChannel)
{
    Caps c = caps;
    const auto reject = [this, &source](std::string_view field, const std::string& value, std::string_view why) {
        m_problems.push_back(source.describe() + ": " + std::string(field) + " " + value + " " + std::string(why));
    };
    const auto check = [&reject](std::string_view field, auto& opt) {
        if (opt && !validCap(*opt)) {
            reject(field, capText(*opt), "is not a valid limit (negative or not a finite number)");
            opt.reset();
        }
    };
    check("amplitude max", c.amplitudeMax);
    check("rms current max", c.rmsCurrentMax);
    check("mean current max", c.meanCurrentMax);
    check("biphasic residual d.c. max", c.biphasicResidualDcMax);
    check("energy per pulse max", c.energyPerPulseMax);
    check("peak voltage max", c.peakVoltageMax);
    check("load resistance", c.loadResistance);
    check("power density max", c.powerDensityMax);
    check("d.c. current density max", c.dcCurrentDensityMax);
    check("current density warning", c.currentDensityWarning);
    check("phase width min", c.phaseWidthMin);
    check("phase width max", c.phaseWidthMax);
    check("frequency min", c.frequencyMin);
    check("frequency max", c.frequencyMax);
    check("carrier frequency min", c.carrierFrequencyMin);
    check("carrier frequency max", c.carrierFrequencyMax);
    check("burst rate min", c.burstRateMin);
    check("ramp time max", c.rampTimeMax);
    check("ramp rate max", c.rampRateMax);
    check("amplitude step max", c.amplitudeStepMax);
    check("session duration min", c.sessionDurationMin);
    check("session duration max", c.sessionDurationMax);
    check("contraction on min", c.contractionOnMin);
    check("contraction off min", c.contractionOffMin);
    check("charge dose max", c.chargeDoseMax);
    check("electrode area", c.electrodeArea);
    // A pad of 0 cm² would make every density infinite: refuse it as a limit instead.
    if (c.electrodeArea && c.electrodeArea->value() <= 0.0) {
        reject("electrode area", capText(*c.electrodeArea), "is not a valid pad area (must be above 0 cm²)");
        c.electrodeArea.reset();
    }
    if (c.channelCount && (*c.channelCount < 0 || *c.channelCount > kMaxChannelCount)) {
        reject("channel count", std::to_string(*c.channelCount), "is outside 0–" + std::to_string(kMaxChannelCount));
        c.channelCount.reset();
    }
    if (perChannel && c.channelCount) {
        reject("channel count", std::to_string(*c.channelCount), "cannot be set by a per-channel layer");
        c.channelCount.reset();
    }
    if (perChannel && c.chargeDoseMax) {
        reject("charge dose max", capText(*c.chargeDoseMax), "cannot be set by a per-channel layer");
        c.chargeDoseMax.reset();
    }
    return c;
}

} // namespace galvani::core::safety
