// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/domain/Preset.h"

#include "core/units/UnitFormat.h"

#include <algorithm>
#include <cmath>

namespace galvani::core {

namespace {

std::string text(Microamps v)
{
    return formatValue(v);
}
std::string text(Hertz v)
{
    return formatValue(v);
}
std::string text(Permille v)
{
    return formatValue(v);
}
std::string text(std::int64_t v)
{
    return std::to_string(v);
}
std::string text(Microseconds v)
{
    return formatValue(v, v.value() < 10'000 ? TimeStyle::InMicroseconds : TimeStyle::InSeconds);
}
template <typename T>
std::string rangeText(const PresetRange<T>& r)
{
    return text(r.min) + "–" + text(r.max);
}

// Calls f(name, range, value) for every field the preset uses. V is PresetValues or const PresetValues.
template <typename V, typename F>
void forEachUsedField(const Preset& p, V& v, F&& f)
{
    f("amplitude", p.amplitude, v.amplitude);
    f(p.waveform.isPulsed() ? "pulse rate" : "carrier frequency", p.frequency, v.frequency);
    if (p.waveform.isPulsed()) {
        f("phase width", p.phaseWidth, v.phaseWidth);
        f("interphase gap", p.interphaseGap, v.interphaseGap);
    }
    if (p.burst != BurstKind::None) {
        f("burst rate", p.burstRate, v.burstRate);
    }
    if (p.burst == BurstKind::Pulse) {
        f("pulses per burst", p.pulsesPerBurst, v.pulsesPerBurst);
    }
    if (p.burst == BurstKind::Carrier) {
        f("burst duty", p.burstDuty, v.burstDuty);
    }
    if (p.channelsPerProgram == 2) {
        f("beat frequency", p.beatFrequency, v.beatFrequency);
    }
    if (!p.continuous) {
        f("ramp up", p.rampUp, v.rampUp);
        f("on time", p.on, v.on);
        f("ramp down", p.rampDown, v.rampDown);
        f("off time", p.off, v.off);
    }
    f("start ramp", p.startRamp, v.startRamp);
    f("duration", p.duration, v.duration);
}

// Editor units: Hz, µs for phase width and gap, seconds for the other times, ‰, counts.
bool isPulseTime(std::string_view field)
{
    return field == "phase width" || field == "interphase gap";
}
double toEditor(std::string_view, Hertz v)
{
    return v.value();
}
double toEditor(std::string_view, Permille v)
{
    return static_cast<double>(v.value());
}
double toEditor(std::string_view, std::int64_t v)
{
    return static_cast<double>(v);
}
double toEditor(std::string_view field, Microseconds v)
{
    return isPulseTime(field) ? static_cast<double>(v.value()) : static_cast<double>(v.value()) / 1e6;
}
double toEditor(std::string_view, Microamps v)
{
    return static_cast<double>(v.value());
}
void fromEditor(std::string_view, double x, Hertz& out)
{
    out = Hertz(x);
}
void fromEditor(std::string_view, double x, Permille& out)
{
    out = Permille(std::llround(x));
}
void fromEditor(std::string_view, double x, std::int64_t& out)
{
    out = std::llround(x);
}
void fromEditor(std::string_view field, double x, Microseconds& out)
{
    out = Microseconds(std::llround(isPulseTime(field) ? x : x * 1e6));
}
void fromEditor(std::string_view, double x, Microamps& out)
{
    out = Microamps(std::llround(x));
}
std::string_view editorUnit(std::string_view, const PresetRange<Hertz>&)
{
    return "Hz";
}
std::string_view editorUnit(std::string_view, const PresetRange<Permille>&)
{
    return "‰";
}
std::string_view editorUnit(std::string_view, const PresetRange<std::int64_t>&)
{
    return "";
}
std::string_view editorUnit(std::string_view field, const PresetRange<Microseconds>&)
{
    return isPulseTime(field) ? "µs" : "s";
}
std::string_view editorUnit(std::string_view, const PresetRange<Microamps>&)
{
    return "µA";
}
bool editable(std::string_view field)
{
    // Amplitude is set per channel and ramped live; the duration is the session's.
    return field != "amplitude" && field != "duration";
}

} // namespace

std::string_view toString(Modality m)
{
    switch (m) {
    case Modality::ConventionalTens:
        return "conventional TENS";
    case Modality::BurstTens:
        return "burst TENS";
    case Modality::AcupunctureLikeTens:
        return "acupuncture-like TENS";
    case Modality::NmesStabilisation:
        return "NMES stabilisation";
    case Modality::NmesStrengthening:
        return "NMES strengthening";
    case Modality::Russian:
        return "Russian current";
    case Modality::Interferential:
        return "interferential";
    }
    return "unknown modality";
}

PresetValues Preset::defaults() const
{
    PresetValues v;
    v.amplitude = amplitude.defaultValue;
    v.frequency = frequency.defaultValue;
    v.phaseWidth = phaseWidth.defaultValue;
    v.interphaseGap = interphaseGap.defaultValue;
    v.burstRate = burstRate.defaultValue;
    v.pulsesPerBurst = pulsesPerBurst.defaultValue;
    v.burstDuty = burstDuty.defaultValue;
    v.beatFrequency = beatFrequency.defaultValue;
    v.rampUp = rampUp.defaultValue;
    v.on = on.defaultValue;
    v.rampDown = rampDown.defaultValue;
    v.off = off.defaultValue;
    v.startRamp = startRamp.defaultValue;
    v.duration = duration.defaultValue;
    return v;
}

std::vector<std::string> Preset::outOfRange(const PresetValues& v) const
{
    std::vector<std::string> out;
    forEachUsedField(*this, v, [&out](std::string_view field, const auto& range, const auto& value) {
        if (!range.contains(value)) {
            out.push_back(std::string(field) + " " + text(value) + " is outside the preset range " + rangeText(range));
        }
    });
    return out;
}

std::vector<PresetFieldSpec> Preset::editableFields() const
{
    std::vector<PresetFieldSpec> out;
    const PresetValues d = defaults();
    forEachUsedField(*this, d, [&out](std::string_view field, const auto& range, const auto&) {
        if (!editable(field)) {
            return;
        }
        PresetFieldSpec spec;
        spec.name = field;
        spec.unit = editorUnit(field, range);
        spec.min = toEditor(field, range.min);
        spec.defaultValue = toEditor(field, range.defaultValue);
        spec.max = toEditor(field, range.max);
        if (spec.unit == "s" || (spec.unit == "Hz" && spec.max <= 20.0)) {
            spec.step = 0.1;
        } else if (spec.unit == "µs" || spec.unit == "‰") {
            spec.step = 10.0;
        } else {
            spec.step = 1.0;
        }
        out.push_back(spec);
    });
    return out;
}

bool Preset::setField(PresetValues& v, std::string_view fieldName, double value) const
{
    // Beyond kMaxEditorMagnitude the conversion to whole µs or ‰ would overflow (std::llround's result is then
    // unspecified and was seen as INT64_MIN, shown to the user as the value typed).
    if (!std::isfinite(value) || std::fabs(value) > kMaxEditorMagnitude || !editable(fieldName)) {
        return false;
    }
    bool found = false;
    forEachUsedField(*this, v, [&](std::string_view field, const auto&, auto& target) {
        if (field == fieldName) {
            fromEditor(field, value, target);
            found = true;
        }
    });
    return found;
}

std::vector<std::string_view> Preset::usedFields() const
{
    std::vector<std::string_view> names;
    const PresetValues d = defaults();
    forEachUsedField(*this, d, [&names](std::string_view field, const auto&, const auto&) { names.push_back(field); });
    return names;
}

std::vector<std::string> Preset::unsupportedBy(const HardwareCaps& hw) const
{
    std::vector<std::string> out;
    const auto kind = waveform.kind();
    if (!hw.waveforms.contains(kind)) {
        out.push_back("needs " + std::string(toString(kind)) + " output; the device offers " + hw.waveforms.describe());
    }
    if (burst == BurstKind::Pulse && !hw.pulseBursts) {
        out.emplace_back("needs pulse bursts; the device cannot group pulses into bursts");
    }
    if (burst == BurstKind::Carrier && !hw.carrierBursts) {
        out.emplace_back("needs carrier bursts; the device cannot gate a sine carrier");
    }
    if (hw.channels < channelsPerProgram) {
        out.push_back(
            "needs " + std::to_string(channelsPerProgram) + " channels; the device has " + std::to_string(hw.channels));
    }
    if (waveform.isPulsed()) {
        const auto f = frequency.defaultValue;
        if (!(hw.frequencyMin <= f && f <= hw.frequencyMax)) {
            out.push_back("pulse rate " + text(f) + " is outside the device range "
                + formatRange(hw.frequencyMin, hw.frequencyMax));
        }
        const auto w = phaseWidth.defaultValue;
        if (!(hw.pulseWidthMin <= w && w <= hw.pulseWidthMax)) {
            out.push_back("phase width " + text(w) + " is outside the device range "
                + formatRange(hw.pulseWidthMin, hw.pulseWidthMax, TimeStyle::InMicroseconds));
        }
    } else {
        const Hertz low = frequency.defaultValue;
        const Hertz high = channelsPerProgram == 2 ? low + beatFrequency.defaultValue : low;
        if (!(hw.carrierFrequencyMin <= low && high <= hw.carrierFrequencyMax)) {
            out.push_back("carrier " + formatRange(low, high) + " is outside the device range "
                + formatRange(hw.carrierFrequencyMin, hw.carrierFrequencyMax));
        }
    }
    return out;
}

PresetProgram Preset::program(const PresetValues& v, std::span<const Channel> channels) const
{
    PresetProgram result;
    result.errors = outOfRange(v);
    if (channelsPerProgram == 2 && channels.size() != 2) {
        result.errors.push_back(
            std::string(name) + " needs exactly 2 channels, got " + std::to_string(channels.size()));
    } else if (channels.empty()) {
        result.errors.emplace_back("no channel selected");
    }
    for (std::size_t i = 0; i < channels.size(); ++i) {
        if (std::count(channels.begin(), channels.end(), channels[i]) > 1) {
            result.errors.push_back("channel " + std::to_string(channels[i].index()) + " selected twice");
            break;
        }
    }
    if (!result.errors.empty()) {
        return result;
    }

    Program prog;
    prog.name = std::string(name);
    prog.presetId = std::string(id);
    const Envelope envelope
        = continuous ? Envelope::continuous() : Envelope::cycling(v.rampUp, v.on, v.rampDown, v.off);
    for (std::size_t i = 0; i < channels.size(); ++i) {
        PulseTrain train;
        if (waveform.isPulsed()) {
            train = PulseTrain::pulses(waveform, v.frequency, v.phaseWidth, v.interphaseGap, v.amplitude);
            if (burst == BurstKind::Pulse) {
                train.burst = PulseBurst{v.burstRate, v.pulsesPerBurst};
            }
        } else {
            // A 4-pole pair: the second carrier sits one beat above the first, so the currents interfere at the beat.
            const Hertz carrier = (channelsPerProgram == 2 && i == 1) ? v.frequency + v.beatFrequency : v.frequency;
            train = burst == BurstKind::Carrier
                ? PulseTrain::sine(carrier, v.amplitude, CarrierBurst{v.burstRate, v.burstDuty})
                : PulseTrain::sine(carrier, v.amplitude);
        }
        prog.channels.push_back(ChannelProgram{channels[i], train, envelope, v.startRamp, v.duration});
    }
    result.program = std::move(prog);
    return result;
}

bool Preset::isDurationRecommended(Microseconds d) const
{
    return recommendedDurationMin <= d && d <= recommendedDurationMax;
}

} // namespace galvani::core
