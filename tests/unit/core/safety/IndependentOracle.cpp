// SPDX-License-Identifier: GPL-3.0-or-later
// Over 400 lines on purpose: every rule of the kernel is restated here in one place, in the order of the
// specification, so that a reader can check the oracle against CLINICAL §1–2 in a single pass.
#include "IndependentOracle.h"

#include "core/safety/ClinicalLimits.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace galvani::core::safety::test {

namespace {

using LD = long double;

constexpr LD kRelTolerance = 1e-9L;

LD tolerance(LD cap)
{
    return kRelTolerance * std::max(std::fabs(cap), 1.0L);
}

// q ≤ cap required.
std::optional<Status> above(LD q, LD cap)
{
    if (q > cap + tolerance(cap)) {
        return Status::Broken;
    }
    if (q > cap - tolerance(cap)) {
        return Status::Borderline;
    }
    return std::nullopt;
}

// q < cap required (strict).
std::optional<Status> notBelow(LD q, LD cap)
{
    if (q >= cap + tolerance(cap)) {
        return Status::Broken;
    }
    if (q >= cap - tolerance(cap)) {
        return Status::Borderline;
    }
    return std::nullopt;
}

// q ≥ floor required.
std::optional<Status> below(LD q, LD floor)
{
    if (q < floor - tolerance(floor)) {
        return Status::Broken;
    }
    if (q < floor + tolerance(floor)) {
        return Status::Borderline;
    }
    return std::nullopt;
}

bool finitePositive(double v)
{
    return std::isfinite(v) && v > 0.0;
}

struct Phase {
    LD fraction; // of the peak amplitude
    LD widthUs;
    int sign;
};

std::vector<Phase> phasesOf(const PulseTrain& t)
{
    const LD t1 = static_cast<LD>(t.phaseWidth.value());
    switch (t.waveform.kind()) {
    case WaveformKind::Monophasic:
        return {{1.0L, t1, +1}};
    case WaveformKind::SymmetricBiphasic:
        return {{1.0L, t1, +1}, {1.0L, t1, -1}};
    case WaveformKind::AsymmetricBiphasic: {
        const auto s = t.waveform.secondPhase();
        return {{1.0L, t1, +1},
            {static_cast<LD>(s.amplitudeRatio.value()) / 1000.0L, static_cast<LD>(s.width.value()), -1}};
    }
    case WaveformKind::SineCarrier:
        break;
    }
    return {};
}

} // namespace
bool Oracle::wellFormed(const PulseTrain& t)
{
    if (!finitePositive(t.frequency.value())) {
        return false;
    }
    const auto* pb = t.pulseBurst();
    const auto* cb = t.carrierBurst();
    if (t.waveform.kind() == WaveformKind::SineCarrier) {
        if (pb != nullptr) {
            return false;
        }
        return cb == nullptr || (finitePositive(cb->rate.value()) && cb->duty.value() >= 0 && cb->duty.value() <= 1000);
    }
    if (cb != nullptr || t.phaseWidth.value() < 0 || t.interphaseGap.value() < 0) {
        return false;
    }
    if (t.waveform.kind() == WaveformKind::AsymmetricBiphasic) {
        const auto s = t.waveform.secondPhase();
        if (s.amplitudeRatio.value() < 0 || s.amplitudeRatio.value() > 1000 || s.width.value() < 0) {
            return false;
        }
    }
    return pb == nullptr || (finitePositive(pb->rate.value()) && pb->pulsesPerBurst >= 0);
}

OracleOutput Oracle::output(const PulseTrain& t, std::int64_t load)
{
    OracleOutput o;
    const LD peak = static_cast<LD>(t.amplitude.value());
    const LD r = static_cast<LD>(load);
    if (t.waveform.kind() == WaveformKind::SineCarrier) {
        const auto* cb = t.carrierBurst();
        const LD duty = cb != nullptr ? static_cast<LD>(cb->duty.value()) / 1000.0L : 1.0L;
        const LD burstSeconds
            = cb != nullptr ? duty / static_cast<LD>(cb->rate.value()) : 1.0L / static_cast<LD>(t.frequency.value());
        o.rms = peak / std::sqrt(2.0L) * std::sqrt(duty);
        o.mean = 0;
        const LD amps = peak * 1e-6L;
        o.energy = amps * amps / 2.0L * r * burstSeconds * 1e6L;
        o.chargePerSecond = peak * 2.0L / 3.14159265358979323846L * duty;
        return o;
    }
    // Pulses per second over the 1 s window (a slower rate still places one whole pulse in some window).
    const auto* pb = t.pulseBurst();
    const LD pps = pb != nullptr ? static_cast<LD>(pb->pulsesPerBurst) * std::max<LD>(pb->rate.value(), 1.0L)
                                 : std::max<LD>(t.frequency.value(), 1.0L);
    LD squares = 0; // A²·s per pulse
    LD signedCharge = 0; // µA·s per pulse
    LD absCharge = 0;
    for (const auto& ph : phasesOf(t)) {
        const LD amps = peak * ph.fraction * 1e-6L;
        const LD seconds = ph.widthUs * 1e-6L;
        squares += amps * amps * seconds;
        signedCharge += ph.sign * peak * ph.fraction * seconds;
        absCharge += peak * ph.fraction * seconds;
    }
    o.rms = std::sqrt(squares * pps) * 1e6L;
    o.energy = squares * r * 1e6L;
    o.mean = std::fabs(signedCharge) * pps;
    o.chargePerSecond = absCharge * pps;
    return o;
}

long double Oracle::activeSeconds(const ChannelProgram& cp)
{
    const LD duration = std::max<LD>(static_cast<LD>(cp.duration.value()), 0);
    const auto& e = cp.envelope;
    if (e.isContinuous()) {
        return duration * 1e-6L;
    }
    const LD parts[] = {static_cast<LD>(e.rampUp().value()), static_cast<LD>(e.on().value()),
        static_cast<LD>(e.rampDown().value()), static_cast<LD>(e.off().value())};
    const LD active = parts[0] + parts[1] + parts[2];
    const LD cycle = active + parts[3];
    const bool sane
        = std::all_of(std::begin(parts), std::end(parts), [](LD p) { return p >= 0; }) && cycle > 0 && cycle < 9.2e18L;
    if (!sane) {
        return duration * 1e-6L;
    }
    const LD whole = std::floor(duration / cycle);
    const LD rest = duration - whole * cycle;
    return (whole * active + std::min(rest, active)) * 1e-6L;
}

std::vector<Finding> Oracle::judge(const Program& program) const
{
    std::vector<Finding> out;
    std::vector<Finding> warn;
    if (m_limits.hasProblems()) {
        out.push_back({0, Field::Limits, Rule::InvalidLimits, Status::Broken});
    }
    if (program.channels.empty()) {
        out.push_back({0, Field::Program, Rule::Missing, Status::Broken});
    }
    std::set<int> seen;
    LD charge = 0;
    bool chargeKnown = true;
    for (const auto& cp : program.channels) {
        const int ch = cp.channel.index();
        const OracleCaps* c = caps(ch);
        if (c == nullptr) {
            out.push_back({ch, Field::Channel, Rule::Range, Status::Broken});
            chargeKnown = false;
            continue;
        }
        if (!seen.insert(ch).second) {
            out.push_back({ch, Field::Channel, Rule::Duplicate, Status::Broken});
            chargeKnown = false;
            continue;
        }
        judgeChannel(cp, *c, out, warn, charge, chargeKnown);
    }
    if (m_limits.dose() && chargeKnown) {
        if (const auto s = above(charge, static_cast<LD>(*m_limits.dose()))) {
            out.push_back({0, Field::TotalCharge, Rule::ChargeDose, *s});
        }
    }
    return out;
}

std::vector<Finding> Oracle::warnings(const Program& program) const
{
    std::vector<Finding> out;
    std::vector<Finding> warn;
    std::set<int> seen;
    LD charge = 0;
    bool known = true;
    for (const auto& cp : program.channels) {
        const OracleCaps* c = caps(cp.channel.index());
        if (c != nullptr && seen.insert(cp.channel.index()).second) {
            judgeChannel(cp, *c, out, warn, charge, known);
        }
    }
    return warn;
}

void Oracle::judgeChannel(const ChannelProgram& cp, const OracleCaps& c, std::vector<Finding>& out,
    std::vector<Finding>& warn, long double& charge, bool& chargeKnown) const
{
    const int ch = cp.channel.index();
    const PulseTrain& t = cp.train;
    const auto kind = t.waveform.kind();
    const auto add = [&](Field f, Rule r, Status s = Status::Broken) { out.push_back({ch, f, r, s}); };
    const auto addIf = [&](Field f, Rule r, std::optional<Status> s) {
        if (s) {
            add(f, r, *s);
        }
    };
    const std::int64_t amplitude = t.amplitude.value();

    if (!c.waveform[static_cast<std::size_t>(kind)]) {
        add(Field::Waveform, Rule::Unsupported);
    }
    const double f = t.frequency.value();
    if (kind != WaveformKind::SineCarrier) {
        bool rateInRange = true;
        if (!std::isfinite(f)) {
            add(Field::Frequency, Rule::NotFinite);
            rateInRange = false;
        } else if (f < c.fMin || f > c.fMax) {
            add(Field::Frequency, Rule::Range);
            rateInRange = false;
        }
        const auto width = t.phaseWidth.value();
        if (width < c.pwMin || width > c.pwMax) {
            add(Field::PhaseWidth, Rule::Range);
        }
        const auto gap = t.interphaseGap.value();
        if (kind == WaveformKind::Monophasic && gap != 0) {
            add(Field::InterphaseGap, Rule::NotApplicable);
        } else if (gap < 0) {
            add(Field::InterphaseGap, Rule::Range);
        }
        LD pulseUs = static_cast<LD>(width);
        bool partsOk = width >= 0;
        if (kind == WaveformKind::SymmetricBiphasic) {
            pulseUs += static_cast<LD>(width) + static_cast<LD>(gap);
            partsOk = partsOk && gap >= 0;
        }
        if (kind == WaveformKind::AsymmetricBiphasic) {
            const auto s = t.waveform.secondPhase();
            if (s.amplitudeRatio.value() < 1 || s.amplitudeRatio.value() > 1000) {
                add(Field::SecondPhaseRatio, Rule::Range);
            }
            if (s.width.value() < c.pwMin || s.width.value() > c.pwMax) {
                add(Field::SecondPhaseWidth, Rule::Range);
            }
            pulseUs += static_cast<LD>(gap) + static_cast<LD>(s.width.value());
            partsOk = partsOk && gap >= 0 && s.width.value() >= 0;
        }
        if (partsOk && pulseUs > 0 && pulseUs < 9.2e18L && finitePositive(f)) {
            if (const auto s = above(pulseUs * static_cast<LD>(f), 1e6L)) {
                add(rateInRange ? Field::Frequency : Field::PhaseWidth, Rule::PulseFitsPeriod, *s);
            }
        }
    } else {
        if (!std::isfinite(f)) {
            add(Field::CarrierFrequency, Rule::NotFinite);
        } else if (f < c.cMin || f > c.cMax) {
            add(Field::CarrierFrequency, Rule::Range);
        }
        if (t.phaseWidth.value() != 0) {
            add(Field::PhaseWidth, Rule::NotApplicable);
        }
        if (t.interphaseGap.value() != 0) {
            add(Field::InterphaseGap, Rule::NotApplicable);
        }
    }

    const auto checkBurstRate = [&](double rate) {
        if (!std::isfinite(rate)) {
            add(Field::BurstRate, Rule::NotFinite);
        } else if (rate < c.burstRateMin) {
            add(Field::BurstRate, Rule::Range);
        }
    };
    if (const auto* pb = t.pulseBurst()) {
        if (kind == WaveformKind::SineCarrier) {
            add(Field::Burst, Rule::NotApplicable);
        } else {
            if (!c.pulseBursts) {
                add(Field::Burst, Rule::Unsupported);
            }
            checkBurstRate(pb->rate.value());
            if (pb->pulsesPerBurst < 1) {
                add(Field::PulsesPerBurst, Rule::Range);
            } else if (finitePositive(pb->rate.value()) && finitePositive(f)) {
                addIf(Field::PulsesPerBurst, Rule::BurstFitsPeriod,
                    above(static_cast<LD>(pb->pulsesPerBurst) * static_cast<LD>(pb->rate.value()), static_cast<LD>(f)));
            }
        }
    } else if (const auto* cb = t.carrierBurst()) {
        if (kind != WaveformKind::SineCarrier) {
            add(Field::Burst, Rule::NotApplicable);
        } else {
            if (!c.carrierBursts) {
                add(Field::Burst, Rule::Unsupported);
            }
            checkBurstRate(cb->rate.value());
            if (cb->duty.value() < 1 || cb->duty.value() > 1000) {
                add(Field::BurstDuty, Rule::Range);
            } else if (finitePositive(cb->rate.value()) && finitePositive(f)) {
                addIf(Field::BurstDuty, Rule::BurstOnTime,
                    below(static_cast<LD>(cb->duty.value()) * static_cast<LD>(f),
                        1000.0L * static_cast<LD>(cb->rate.value())));
            }
        }
    }

    if (amplitude < 0) {
        add(Field::Amplitude, Rule::Range);
    } else if (amplitude > c.amplitudeMax) {
        add(Field::Amplitude, Rule::PeakCurrent);
    }

    // Ramps: length 0..max, and a rise no faster than the rate cap (amplitude · 1 s ≤ rate · ramp).
    const auto ramp = [&](Field field, std::int64_t us, bool rising) {
        if (us < 0 || us > c.rampTimeMax) {
            add(field, Rule::Range);
        }
        if (rising && us >= 0 && amplitude > 0
            && static_cast<LD>(amplitude) * 1e6L > static_cast<LD>(c.rampRateMax) * static_cast<LD>(us)) {
            add(field, Rule::RampRate);
        }
    };
    if (!cp.envelope.isContinuous()) {
        ramp(Field::RampUp, cp.envelope.rampUp().value(), true);
        ramp(Field::RampDown, cp.envelope.rampDown().value(), false);
        if (cp.envelope.on().value() < c.onMin) {
            add(Field::OnTime, Rule::ContractionOn);
        }
        if (cp.envelope.off().value() < c.offMin) {
            add(Field::OffTime, Rule::ContractionOff);
        }
    }
    ramp(Field::StartRamp, cp.startRamp.value(), true);
    if (cp.duration.value() < c.sessionMin || cp.duration.value() > c.sessionMax) {
        add(Field::Duration, Rule::SessionLength);
    }

    if (!wellFormed(t) || amplitude < 0) {
        chargeKnown = false;
        return;
    }
    const auto o = output(t, c.load);
    addIf(Field::Amplitude, Rule::RmsCurrent, above(o.rms, static_cast<LD>(c.rmsMax)));
    addIf(Field::Amplitude, Rule::EnergyPerPulse, above(o.energy, static_cast<LD>(c.energyMax)));
    if (static_cast<LD>(amplitude) * static_cast<LD>(c.load) > static_cast<LD>(c.voltageMax) * 1000.0L) {
        add(Field::Amplitude, Rule::PeakVoltage);
    }
    addIf(Field::Amplitude, Rule::DcCurrent, above(o.mean, static_cast<LD>(c.meanMax)));
    if (kind == WaveformKind::SymmetricBiphasic || kind == WaveformKind::AsymmetricBiphasic) {
        addIf(Field::Amplitude, Rule::ChargeBalance, above(o.mean, static_cast<LD>(c.residualMax)));
    }
    if (!c.area) {
        add(Field::ElectrodeArea, Rule::Missing);
    } else {
        const LD area = static_cast<LD>(*c.area);
        // I_rms² · R in mW: (µA · 10⁻⁶)² · Ω · 10³.
        const LD milliwatts = o.rms * o.rms * 1e-12L * static_cast<LD>(c.load) * 1e3L;
        addIf(Field::Amplitude, Rule::PowerDensity, notBelow(milliwatts / area, static_cast<LD>(c.powerMax)));
        addIf(Field::Amplitude, Rule::DcCurrentDensity, above(o.mean / area, static_cast<LD>(c.dcDensityMax)));
        if (const auto s = above(o.rms / area, static_cast<LD>(c.warnDensity))) {
            warn.push_back({ch, Field::ElectrodeArea, Rule::CurrentDensity, *s});
        }
    }
    charge += o.chargePerSecond * activeSeconds(cp);
}

std::string describe(const std::vector<Finding>& findings)
{
    std::string s;
    for (const auto& f : findings) {
        s += "  channel " + std::to_string(f.channel) + " " + std::string(toString(f.field)) + " / "
            + std::string(toString(f.rule)) + (f.status == Status::Broken ? " (broken)" : " (borderline)") + "\n";
    }
    return s;
}

} // namespace galvani::core::safety::test