// SPDX-License-Identifier: GPL-3.0-or-later
// The rules that bound a channel's amplitude once its timing is known: rms current, energy per pulse, peak
// voltage, d.c. current and charge balance, power density and d.c. current density, and the current-density
// warning. Each limit on a derived quantity is reported as the amplitude range that would satisfy it, so the
// message tells the clinician what to set: "amplitude 62.0 mA is outside 0.0–57.735 mA (rms ...)".
#include "core/safety/GuardChecks.h"

#include "core/safety/OutputIndicator.h"
#include "core/units/UnitConversions.h"

namespace galvani::core::safety::detail {

namespace {

// The largest amplitude in [0, above) for which ok() holds, given that ok(above) does not; nullopt when not even
// 0 µA passes. Every rule here is monotone (true up to some amplitude, false beyond), so bisection is exact.
template <typename Ok>
std::optional<std::int64_t> largestAllowed(const Ok& ok, std::int64_t above)
{
    if (!ok(0)) {
        return std::nullopt;
    }
    std::int64_t lo = 0;
    std::int64_t hi = above;
    while (hi - lo > 1) {
        const std::int64_t mid = lo + (hi - lo) / 2;
        (ok(mid) ? lo : hi) = mid;
    }
    return lo;
}

// Reports the channel's amplitude if ok() fails for it; reason() is only built when needed.
template <typename Ok, typename Reason>
void amplitudeRule(Reporter& r, const ChannelProgram& cp, Rule rule, std::optional<LimitSource> source, const Ok& ok,
    const Reason& reason)
{
    const std::int64_t a = cp.train.amplitude.value();
    if (ok(a)) {
        return;
    }
    Allowed allowed;
    if (const auto best = largestAllowed(ok, a)) {
        allowed.min = 0.0;
        allowed.max = static_cast<double>(*best);
        allowed.text = formatRange(Microamps(0), Microamps(*best));
    } else {
        allowed.empty = true;
    }
    r.add(makeViolation(cp.channel.index(), Field::Amplitude, rule, static_cast<double>(a),
        formatValue(cp.train.amplitude), allowed, source, reason()));
}

} // namespace

void checkAmplitudeRules(Reporter& r, const ChannelProgram& cp, const ChannelLimits& l, const TrainFactors& f)
{
    const PulseTrain& t = cp.train;
    const Ohms load = l.loadResistance.value;
    const auto at = [](std::int64_t a) { return Microamps(a); };

    const double rmsMax = static_cast<double>(l.rmsCurrentMax.value.value());
    amplitudeRule(
        r, cp, Rule::RmsCurrent, l.rmsCurrentMax.source,
        [&](std::int64_t a) { return rmsCurrentAt(f, at(a)).value() <= rmsMax; },
        [&] {
            return "rms " + formatValue(rmsCurrentAt(f, t.amplitude)) + " exceeds the rms limit "
                + formatValue(l.rmsCurrentMax.value) + " at " + t.describeTiming();
        });

    const Microjoules energyMax = l.energyPerPulseMax.value;
    amplitudeRule(
        r, cp, Rule::EnergyPerPulse, l.energyPerPulseMax.source,
        [&](std::int64_t a) { return energyPerPulseAt(f, at(a), load) <= energyMax; },
        [&] {
            return "energy per pulse " + formatValue(energyPerPulseAt(f, t.amplitude, load)) + " into "
                + formatValue(load) + " exceeds " + formatValue(energyMax);
        });

    const Millivolts voltageMax = l.peakVoltageMax.value;
    amplitudeRule(
        r, cp, Rule::PeakVoltage, l.peakVoltageMax.source,
        [&](std::int64_t a) {
            const auto v = voltageAcross(at(a), load);
            return v && v.value() <= voltageMax;
        },
        [&] {
            const auto v = voltageAcross(t.amplitude, load);
            return "peak voltage " + (v ? formatValue(v.value()) : std::string("beyond range")) + " across "
                + formatValue(load) + " exceeds " + formatValue(voltageMax);
        });

    const double meanMax = static_cast<double>(l.meanCurrentMax.value.value());
    amplitudeRule(
        r, cp, Rule::DcCurrent, l.meanCurrentMax.source,
        [&](std::int64_t a) { return meanCurrentAt(f, at(a)).value() <= meanMax; },
        [&] {
            return "mean (d.c.) current " + formatValue(meanCurrentAt(f, t.amplitude)) + " exceeds "
                + formatValue(l.meanCurrentMax.value);
        });

    if (t.waveform.isBiphasic()) {
        const double residualMax = static_cast<double>(l.biphasicResidualDcMax.value.value());
        amplitudeRule(
            r, cp, Rule::ChargeBalance, l.biphasicResidualDcMax.source,
            [&](std::int64_t a) { return meanCurrentAt(f, at(a)).value() <= residualMax; },
            [&] {
                return "biphasic output must be charge-balanced: " + t.waveform.describe() + " after a "
                    + formatValue(t.phaseWidth, TimeStyle::InMicroseconds) + " first phase leaves "
                    + formatValue(meanCurrentAt(f, t.amplitude)) + " d.c., above "
                    + formatValue(l.biphasicResidualDcMax.value);
            });
    }

    if (!l.electrodeArea.value) {
        r.add(makeViolation(cp.channel.index(), Field::ElectrodeArea, Rule::Missing,
            std::numeric_limits<double>::quiet_NaN(), "", Allowed{{}, {}, "the area of the smaller pad"}, std::nullopt,
            "record the placement: the power-density and d.c. density limits depend on it"));
        return;
    }
    const SquareCentimetres area = *l.electrodeArea.value;
    const std::string areaNote = "over " + formatValue(area) + " (" + l.electrodeArea.source.describe() + ")";

    const MilliwattsPerSquareCentimetre powerMax = l.powerDensityMax.value;
    amplitudeRule(
        r, cp, Rule::PowerDensity, l.powerDensityMax.source,
        [&](std::int64_t a) {
            const auto d = powerDensity(rmsCurrentAt(f, at(a)), load, area);
            return d && d.value() < powerMax; // FDA: strictly below
        },
        [&] {
            const auto d = powerDensity(rmsCurrentAt(f, t.amplitude), load, area);
            return "power density " + (d ? formatValue(d.value()) : std::string("beyond range")) + " into "
                + formatValue(load) + " " + areaNote + " must stay below " + formatValue(powerMax);
        });

    const MicroampsPerSquareCentimetre dcDensityMax = l.dcCurrentDensityMax.value;
    amplitudeRule(
        r, cp, Rule::DcCurrentDensity, l.dcCurrentDensityMax.source,
        [&](std::int64_t a) {
            const auto d = currentDensity(meanCurrentAt(f, at(a)), area);
            return d && d.value() <= dcDensityMax;
        },
        [&] {
            const auto d = currentDensity(meanCurrentAt(f, t.amplitude), area);
            return "d.c. current density " + (d ? formatValue(d.value()) : std::string("beyond range")) + " " + areaNote
                + " exceeds " + formatValue(dcDensityMax);
        });

    const auto density = currentDensity(rmsCurrentAt(f, t.amplitude), area);
    if (density && density.value() > l.currentDensityWarning.value) {
        Warning w;
        w.channel = cp.channel.index();
        w.field = Field::ElectrodeArea;
        w.rule = Rule::CurrentDensity;
        w.source = l.currentDensityWarning.source;
        w.value = density.value().value();
        w.threshold = l.currentDensityWarning.value.value();
        w.message = "channel " + std::to_string(w.channel) + " current density " + formatValue(density.value())
            + " rms " + areaNote + " is above " + formatValue(l.currentDensityWarning.value)
            + ": consider larger pads or a lower amplitude";
        r.warn(std::move(w));
    }
}

ChannelOutput outputOf(const ChannelProgram& cp, const ChannelLimits& l, const TrainFactors& f)
{
    const PulseTrain& t = cp.train;
    ChannelOutput o;
    o.channel = cp.channel.index();
    o.load = l.loadResistance.value;
    o.rmsCurrent = rmsCurrentAt(f, t.amplitude);
    o.meanCurrent = meanCurrentAt(f, t.amplitude);
    o.energyPerPulse = energyPerPulseAt(f, t.amplitude, o.load);
    o.peakVoltage = voltageAcross(t.amplitude, o.load).value();
    if (l.electrodeArea.value) {
        const auto cd = currentDensity(o.rmsCurrent, *l.electrodeArea.value);
        const auto pd = powerDensity(o.rmsCurrent, o.load, *l.electrodeArea.value);
        if (cd) {
            o.rmsCurrentDensity = cd.value();
        }
        if (pd) {
            o.powerDensity = pd.value();
        }
    }
    o.charge = Microcoulombs(chargePerSecondAt(f, t.amplitude).value() * toSeconds(activeTime(cp)));
    o.amplitudeMax = l.amplitudeMax.value;
    o.rampRateMax = l.rampRateMax.value;
    o.amplitudeStepMax = l.amplitudeStepMax.value;
    o.outputIndicatorRequired = outputIndicatorRequired(t);
    return o;
}

} // namespace galvani::core::safety::detail
