// SPDX-License-Identifier: GPL-3.0-or-later
// Structural and timing checks of one channel: waveform support, pulse or carrier timing, bursts, envelope,
// ramps and timer. The amplitude-bounding rules are in AmplitudeChecks.cpp.
#include "core/safety/GuardChecks.h"

#include "core/units/UnitConversions.h"

#include <algorithm>
#include <limits>

namespace galvani::core::safety::detail {

Violation makeViolation(int channel, Field field, Rule rule, double value, std::string valueText, Allowed allowed,
    std::optional<LimitSource> source, std::string reason)
{
    Violation v;
    v.channel = channel;
    v.field = field;
    v.rule = rule;
    v.source = source;
    v.value = value;
    v.allowedMin = allowed.min;
    v.allowedMax = allowed.max;
    v.allowedEmpty = allowed.empty;
    v.valueText = std::move(valueText);
    v.allowedText = std::move(allowed.text);
    v.reason = std::move(reason);
    return v;
}

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::int64_t kMicrosecondsPerSecond = 1'000'000;

bool positiveFinite(Hertz f)
{
    return std::isfinite(f.value()) && f.value() > 0.0;
}

void notApplicable(
    Reporter& r, int ch, Field field, double value, std::string valueText, std::string expected, std::string reason)
{
    r.add(makeViolation(ch, field, Rule::NotApplicable, value, std::move(valueText),
        Allowed{{}, {}, std::move(expected), false}, std::nullopt, std::move(reason)));
}

// Rising from 0 to `amplitude` within `ramp` must not exceed the ramp-rate limit, i.e. amplitude · 1 s ≤ rate · ramp.
bool rampRateHolds(std::int64_t amplitude, std::int64_t rate, std::int64_t ramp)
{
    const auto lhs = checkedMultiply(amplitude, kMicrosecondsPerSecond);
    const auto rhs = checkedMultiply(rate, ramp);
    if (lhs && rhs) {
        return lhs.value() <= rhs.value();
    }
    if (!rhs && lhs) {
        return true; // rate · ramp beyond int64: larger than any amplitude · 1 s that fits
    }
    // Only reachable with absurd amplitudes, which the peak cap rejects anyway.
    return static_cast<double>(amplitude) * 1.0e6 <= static_cast<double>(rate) * static_cast<double>(ramp);
}

void checkRamp(Reporter& r, int ch, Field field, Microseconds ramp, Microamps amplitude, const ChannelLimits& l)
{
    checkRange(r, ch, field, Rule::Range, ramp, definedAs(Microseconds(0)), limitOf(l.rampTimeMax),
        timeShow(TimeStyle::InSeconds), "");
    const std::int64_t rate = l.rampRateMax.value.value();
    if (ramp.value() < 0 || amplitude.value() <= 0 || rampRateHolds(amplitude.value(), rate, ramp.value())) {
        return;
    }
    Allowed allowed;
    if (rate <= 0) {
        allowed.empty = true;
    } else {
        // Shortest ramp that keeps the rise within the rate: ceil(amplitude · 1 s / rate).
        const auto scaled = checkedMultiply(amplitude.value(), kMicrosecondsPerSecond);
        const std::int64_t shortest = scaled ? scaled.value() / rate + (scaled.value() % rate != 0 ? 1 : 0)
                                             : std::numeric_limits<std::int64_t>::max();
        if (shortest > l.rampTimeMax.value.value()) {
            allowed.empty = true;
        } else {
            allowed.min = static_cast<double>(shortest);
            allowed.max = static_cast<double>(l.rampTimeMax.value.value());
            allowed.text = formatRange(Microseconds(shortest), l.rampTimeMax.value, TimeStyle::InSeconds);
        }
    }
    const std::string riseRate = ramp.value() == 0
        ? std::string("an instant rise")
        : formatDecimal(toMilliamps(amplitude) / toSeconds(ramp), 3) + " mA/s";
    const std::string reason = "rising to " + formatValue(amplitude) + " in " + formatValue(ramp, TimeStyle::InSeconds)
        + " is " + riseRate + ", above the ramp-rate limit " + formatValue(l.rampRateMax.value);
    r.add(makeViolation(ch, field, Rule::RampRate, static_cast<double>(ramp.value()),
        formatValue(ramp, TimeStyle::InSeconds), allowed, l.rampRateMax.source, reason));
}

void checkPulseTiming(Reporter& r, int ch, const PulseTrain& t, const ChannelLimits& l)
{
    const bool rateOk = checkRange(r, ch, Field::Frequency, Rule::Range, t.frequency, limitOf(l.frequencyMin),
        limitOf(l.frequencyMax), plainShow(), "");
    checkRange(r, ch, Field::PhaseWidth, Rule::Range, t.phaseWidth, limitOf(l.phaseWidthMin), limitOf(l.phaseWidthMax),
        timeShow(TimeStyle::InMicroseconds), "");
    if (t.waveform.kind() == WaveformKind::Monophasic && t.interphaseGap.value() != 0) {
        notApplicable(r, ch, Field::InterphaseGap, static_cast<double>(t.interphaseGap.value()),
            formatValue(t.interphaseGap, TimeStyle::InMicroseconds), "0 µs", "a monophasic pulse has no second phase");
    } else {
        checkRange(r, ch, Field::InterphaseGap, Rule::Range, t.interphaseGap, definedAs(Microseconds(0)), {},
            timeShow(TimeStyle::InMicroseconds), "a gap cannot be negative");
    }
    if (t.waveform.kind() == WaveformKind::AsymmetricBiphasic) {
        const auto second = t.waveform.secondPhase();
        checkRange(r, ch, Field::SecondPhaseRatio, Rule::Range, second.amplitudeRatio, definedAs(Permille(1)),
            definedAs(Permille(1000)), plainShow(), "the second phase is a fraction of the first phase's amplitude");
        checkRange(r, ch, Field::SecondPhaseWidth, Rule::Range, second.width, limitOf(l.phaseWidthMin),
            limitOf(l.phaseWidthMax), timeShow(TimeStyle::InMicroseconds), "");
    }
    // The whole pulse must fit in one period of the pulse rate.
    const auto duration = pulseDuration(t);
    if (!positiveFinite(t.frequency) || !duration || duration.value().value() <= 0) {
        return;
    }
    const double pulseUs = static_cast<double>(duration.value().value());
    if (pulseUs * t.frequency.value() <= 1.0e6) {
        return;
    }
    const double fastest = 1.0e6 / pulseUs;
    Allowed allowed;
    allowed.min = l.frequencyMin.value.value();
    allowed.max = std::min(fastest, l.frequencyMax.value.value());
    allowed.empty = *allowed.max < *allowed.min;
    allowed.text = formatDecimal(*allowed.min, 3, 0) + "–" + formatDecimal(*allowed.max, 3, 0) + " Hz";
    const std::string reason = "a " + formatValue(duration.value(), TimeStyle::InMicroseconds)
        + " pulse (phases and gap) does not fit in a period of " + formatDecimal(1.0e6 / t.frequency.value(), 3, 0)
        + " µs";
    if (rateOk) {
        r.add(makeViolation(ch, Field::Frequency, Rule::PulseFitsPeriod, t.frequency.value(), formatValue(t.frequency),
            allowed, std::nullopt, reason));
    } else {
        // The rate is already reported out of range; still name the period problem so that every rule is listed.
        r.add(makeViolation(ch, Field::PhaseWidth, Rule::PulseFitsPeriod, static_cast<double>(t.phaseWidth.value()),
            formatValue(t.phaseWidth, TimeStyle::InMicroseconds), Allowed{{}, {}, "a pulse shorter than its period"},
            std::nullopt, reason));
    }
}

void checkCarrierTiming(Reporter& r, int ch, const PulseTrain& t, const ChannelLimits& l)
{
    checkRange(r, ch, Field::CarrierFrequency, Rule::Range, t.frequency, limitOf(l.carrierFrequencyMin),
        limitOf(l.carrierFrequencyMax), plainShow(), "");
    if (t.phaseWidth.value() != 0) {
        notApplicable(r, ch, Field::PhaseWidth, static_cast<double>(t.phaseWidth.value()),
            formatValue(t.phaseWidth, TimeStyle::InMicroseconds), "0 µs", "a sine carrier has no phase width");
    }
    if (t.interphaseGap.value() != 0) {
        notApplicable(r, ch, Field::InterphaseGap, static_cast<double>(t.interphaseGap.value()),
            formatValue(t.interphaseGap, TimeStyle::InMicroseconds), "0 µs", "a sine carrier has no interphase gap");
    }
}

void checkPulseBurst(Reporter& r, int ch, const PulseTrain& t, const PulseBurst& b, const ChannelLimits& l)
{
    if (!l.pulseBursts.value) {
        r.add(makeViolation(ch, Field::Burst, Rule::Unsupported, kNaN, "pulse bursts", Allowed{{}, {}, "no bursts"},
            l.pulseBursts.source, ""));
    }
    checkRange(r, ch, Field::BurstRate, Rule::Range, b.rate, limitOf(l.burstRateMin), {}, plainShow(),
        "a burst repeats at least once per 1 s averaging window");
    const bool countOk = checkRange(
        r, ch, Field::PulsesPerBurst, Rule::Range, b.pulsesPerBurst, definedAs(std::int64_t{1}), {}, countShow(), "");
    if (!countOk || !positiveFinite(b.rate) || !positiveFinite(t.frequency)) {
        return;
    }
    // The burst (pulsesPerBurst pulses at the pulse rate) must fit in the burst period: n / f ≤ 1 / rate.
    const auto fits = [&](std::int64_t n) { return static_cast<double>(n) * b.rate.value() <= t.frequency.value(); };
    if (fits(b.pulsesPerBurst)) {
        return;
    }
    double most = std::floor(t.frequency.value() / b.rate.value());
    while (most >= 1.0 && !fits(static_cast<std::int64_t>(most))) {
        most -= 1.0;
    }
    Allowed allowed;
    allowed.min = 1.0;
    allowed.max = most;
    allowed.empty = most < 1.0;
    allowed.text = "1–" + formatDecimal(most, 0, 0);
    const std::string reason = std::to_string(b.pulsesPerBurst) + " pulses at " + formatValue(t.frequency)
        + " last longer than the burst period at " + formatValue(b.rate);
    r.add(makeViolation(ch, Field::PulsesPerBurst, Rule::BurstFitsPeriod, static_cast<double>(b.pulsesPerBurst),
        std::to_string(b.pulsesPerBurst), allowed, std::nullopt, reason));
}

void checkCarrierBurst(Reporter& r, int ch, const PulseTrain& t, const CarrierBurst& b, const ChannelLimits& l)
{
    if (!l.carrierBursts.value) {
        r.add(makeViolation(ch, Field::Burst, Rule::Unsupported, kNaN, "carrier bursts", Allowed{{}, {}, "no bursts"},
            l.carrierBursts.source, ""));
    }
    checkRange(r, ch, Field::BurstRate, Rule::Range, b.rate, limitOf(l.burstRateMin), {}, plainShow(),
        "a burst repeats at least once per 1 s averaging window");
    const bool dutyOk = checkRange(r, ch, Field::BurstDuty, Rule::Range, b.duty, definedAs(Permille(1)),
        definedAs(Permille(1000)), plainShow(), "");
    if (!dutyOk || !positiveFinite(b.rate) || !positiveFinite(t.frequency)) {
        return;
    }
    // Each burst holds at least one whole carrier cycle: duty/1000 / rate ≥ 1 / carrier.
    const auto holdsCycle
        = [&](std::int64_t d) { return static_cast<double>(d) * t.frequency.value() >= 1000.0 * b.rate.value(); };
    if (holdsCycle(b.duty.value())) {
        return;
    }
    double least = std::ceil(1000.0 * b.rate.value() / t.frequency.value());
    while (least <= 1000.0 && !holdsCycle(static_cast<std::int64_t>(least))) {
        least += 1.0;
    }
    Allowed allowed;
    allowed.min = least;
    allowed.max = 1000.0;
    allowed.empty = least > 1000.0;
    allowed.text
        = allowed.empty ? std::string() : formatRange(Permille(static_cast<std::int64_t>(least)), Permille(1000));
    const std::string reason
        = "a burst must hold at least one " + formatValue(t.frequency) + " carrier cycle at " + formatValue(b.rate);
    r.add(makeViolation(ch, Field::BurstDuty, Rule::BurstOnTime, static_cast<double>(b.duty.value()),
        formatValue(b.duty), allowed, std::nullopt, reason));
}

void checkEnvelope(Reporter& r, int ch, const ChannelProgram& cp, const ChannelLimits& l)
{
    const Envelope& e = cp.envelope;
    if (e.isContinuous()) {
        return;
    }
    checkRamp(r, ch, Field::RampUp, e.rampUp(), cp.train.amplitude, l);
    // Falling is always allowed at any rate; only the length of the ramp is bounded.
    checkRange(r, ch, Field::RampDown, Rule::Range, e.rampDown(), definedAs(Microseconds(0)), limitOf(l.rampTimeMax),
        timeShow(TimeStyle::InSeconds), "");
    checkRange(r, ch, Field::OnTime, Rule::ContractionOn, e.on(), limitOf(l.contractionOnMin), {},
        timeShow(TimeStyle::InSeconds), "FDA: each contraction holds its full-amplitude plateau at least 1 s");
    checkRange(r, ch, Field::OffTime, Rule::ContractionOff, e.off(), limitOf(l.contractionOffMin), {},
        timeShow(TimeStyle::InSeconds), "FDA: each rest lasts at least 1 s");
}

} // namespace

void checkChannelStructure(Reporter& r, const ChannelProgram& cp, const ChannelLimits& l)
{
    const int ch = cp.channel.index();
    const PulseTrain& t = cp.train;
    const auto kind = t.waveform.kind();
    if (!l.allows(kind).value) {
        r.add(makeViolation(ch, Field::Waveform, Rule::Unsupported, static_cast<double>(kind),
            std::string(toString(kind)), Allowed{{}, {}, l.allowedWaveforms().describe()}, l.allows(kind).source, ""));
    }
    if (t.waveform.isPulsed()) {
        checkPulseTiming(r, ch, t, l);
    } else {
        checkCarrierTiming(r, ch, t, l);
    }

    if (const auto* b = t.pulseBurst()) {
        if (t.waveform.isPulsed()) {
            checkPulseBurst(r, ch, t, *b, l);
        } else {
            notApplicable(r, ch, Field::Burst, kNaN, "pulse bursts", "carrier bursts or none",
                "a sine carrier is gated by carrier bursts");
        }
    } else if (const auto* c = t.carrierBurst()) {
        if (!t.waveform.isPulsed()) {
            checkCarrierBurst(r, ch, t, *c, l);
        } else {
            notApplicable(r, ch, Field::Burst, kNaN, "carrier bursts", "pulse bursts or none",
                "carrier bursts gate a sine carrier");
        }
    }

    // Amplitude: a magnitude, at most the peak cap. The rules that depend on timing follow in checkAmplitudeRules.
    if (t.amplitude.value() < 0) {
        checkRange(r, ch, Field::Amplitude, Rule::Range, t.amplitude, definedAs(Microamps(0)), limitOf(l.amplitudeMax),
            plainShow(), "an amplitude is a magnitude; polarity is part of the waveform");
    } else {
        checkRange(r, ch, Field::Amplitude, Rule::PeakCurrent, t.amplitude, definedAs(Microamps(0)),
            limitOf(l.amplitudeMax), plainShow(), "peak current cap " + formatValue(l.amplitudeMax.value));
    }

    checkEnvelope(r, ch, cp, l);
    checkRamp(r, ch, Field::StartRamp, cp.startRamp, t.amplitude, l);
    checkRange(r, ch, Field::Duration, Rule::SessionLength, cp.duration, limitOf(l.sessionDurationMin),
        limitOf(l.sessionDurationMax), timeShow(TimeStyle::InMinutes), "channel timer");
}

Microseconds activeTime(const ChannelProgram& cp)
{
    const Microseconds duration(std::max<std::int64_t>(cp.duration.value(), 0));
    if (cp.envelope.isContinuous()) {
        return duration;
    }
    const auto cycle = cp.envelope.cycle();
    const auto active = cp.envelope.activePerCycle();
    if (!cycle || !active || cycle.value().value() <= 0) {
        return duration; // a malformed envelope (already reported): count the whole timer
    }
    const std::int64_t c = cycle.value().value();
    const std::int64_t a = active.value().value();
    const std::int64_t whole = duration.value() / c;
    const std::int64_t rest = duration.value() % c;
    // whole · a ≤ whole · c ≤ duration: no overflow.
    return Microseconds(whole * a + std::min(rest, a));
}

} // namespace galvani::core::safety::detail
