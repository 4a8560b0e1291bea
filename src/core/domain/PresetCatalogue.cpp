// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/domain/PresetCatalogue.h"

#include "core/safety/ClinicalLimits.h"

#include <algorithm>
#include <array>

// Preset data. Values are from CLINICAL §2 (modality table and the notes below it) unless a comment says
// otherwise; limits common to all presets (timer, start ramp, peak current) are the named constants of
// ClinicalLimits.h. Amplitudes default to 0: every treatment starts from zero and the therapist ramps up
// (CLINICAL §1.3). The interphase gap is not given in CLINICAL; presets default to none and allow up to 100 µs,
// a range common to the devices in scope.

namespace galvani::core {

namespace {

using safety::kPeakCurrentDesignCap;
using safety::kRampTimeMax;
using safety::kSessionDurationMax;
using safety::kSessionDurationMin;
using safety::kStartRampDefault;

constexpr Microseconds us(std::int64_t v)
{
    return Microseconds(v);
}
constexpr Microseconds ms(std::int64_t v)
{
    return milliseconds(v);
}
constexpr Microseconds min(std::int64_t v)
{
    return minutes(v);
}

// Start ramp: 1–2 s by default (1.5 s), editable up to the 10 s maximum. The editable minimum is 0.5 s rather
// than 0 s: a 0 s ramp only passes the ramp-rate limit at 0 mA, and 0.5 s is where 100 mA meets it exactly.
constexpr PresetRange<Microseconds> kStartRamp{kStartRampDefault, ms(500), kRampTimeMax};
// Gap between the phases of a biphasic pulse (see the note at the top).
constexpr PresetRange<Microseconds> kGap{us(0), us(0), us(100)};
// Pulsed presets may be driven up to the peak design cap; the kernel then bounds rms, energy and density.
constexpr PresetRange<Microamps> kPulsedAmplitude{Microamps(0), Microamps(0), kPeakCurrentDesignCap};
constexpr PresetRange<Microseconds> kNoTime{};

constexpr Microseconds timer(std::int64_t minutesDefault)
{
    return min(minutesDefault);
}

const std::array<Preset, 7> kPresets{{
    {
        .id = "conventional-tens",
        .name = "Conventional TENS",
        .modality = Modality::ConventionalTens,
        .source = "CLINICAL §2: biphasic balanced, 80–150 Hz, 50–250 µs (180), continuous, ≥ 30 min",
        .waveform = Waveform::symmetricBiphasic(),
        .burst = BurstKind::None,
        .channelsPerProgram = 1,
        .continuous = true,
        .amplitude = kPulsedAmplitude,
        .frequency = {Hertz(100.0), Hertz(80.0), Hertz(150.0)},
        .phaseWidth = {us(180), us(50), us(250)},
        .interphaseGap = kGap,
        .burstRate = {},
        .pulsesPerBurst = {},
        .burstDuty = {},
        .beatFrequency = {},
        .rampUp = kNoTime,
        .on = kNoTime,
        .rampDown = kNoTime,
        .off = kNoTime,
        .startRamp = kStartRamp,
        .duration = {timer(30), kSessionDurationMin, kSessionDurationMax},
        .recommendedDurationMin = min(30),
        .recommendedDurationMax = kSessionDurationMax,
    },
    {
        .id = "burst-tens",
        .name = "Burst TENS",
        .modality = Modality::BurstTens,
        // Pulses per burst are not given in CLINICAL; 7 (70 ms at 100 Hz) by default, 2–10 editable.
        .source = "CLINICAL §2: ~100 Hz trains, 2 bursts/s, 180–250 µs, continuous, 20–45 min",
        .waveform = Waveform::symmetricBiphasic(),
        .burst = BurstKind::Pulse,
        .channelsPerProgram = 1,
        .continuous = true,
        .amplitude = kPulsedAmplitude,
        .frequency = {Hertz(100.0), Hertz(80.0), Hertz(150.0)},
        .phaseWidth = {us(200), us(180), us(250)},
        .interphaseGap = kGap,
        .burstRate = {Hertz(2.0), Hertz(1.0), Hertz(5.0)},
        .pulsesPerBurst = {7, 2, 10},
        .burstDuty = {},
        .beatFrequency = {},
        .rampUp = kNoTime,
        .on = kNoTime,
        .rampDown = kNoTime,
        .off = kNoTime,
        .startRamp = kStartRamp,
        .duration = {timer(30), kSessionDurationMin, kSessionDurationMax},
        .recommendedDurationMin = min(20),
        .recommendedDurationMax = min(45),
    },
    {
        .id = "acupuncture-like-tens",
        .name = "Acupuncture-like TENS",
        .modality = Modality::AcupunctureLikeTens,
        .source = "CLINICAL §2: biphasic, 1–5 Hz (2–4), 200–250 µs (≤ 500), continuous, 20–45 min",
        .waveform = Waveform::symmetricBiphasic(),
        .burst = BurstKind::None,
        .channelsPerProgram = 1,
        .continuous = true,
        .amplitude = kPulsedAmplitude,
        .frequency = {Hertz(2.0), Hertz(1.0), Hertz(5.0)},
        .phaseWidth = {us(250), us(200), us(500)},
        .interphaseGap = kGap,
        .burstRate = {},
        .pulsesPerBurst = {},
        .burstDuty = {},
        .beatFrequency = {},
        .rampUp = kNoTime,
        .on = kNoTime,
        .rampDown = kNoTime,
        .off = kNoTime,
        .startRamp = kStartRamp,
        .duration = {timer(30), kSessionDurationMin, kSessionDurationMax},
        .recommendedDurationMin = min(20),
        .recommendedDurationMax = min(45),
    },
    {
        .id = "spinal-stabilisation",
        .name = "NMES spinal stabilisation",
        .modality = Modality::NmesStabilisation,
        // Width "not reported; NMES range"; ramps "1–2 s assumed"; the on/off editable spans are a design choice.
        .source = "CLINICAL §2: biphasic, 50 Hz (outdid 20 and 80 Hz), 250–400 µs, 10 s : 10 s, 10–20 min",
        .waveform = Waveform::symmetricBiphasic(),
        .burst = BurstKind::None,
        .channelsPerProgram = 1,
        .continuous = false,
        .amplitude = kPulsedAmplitude,
        .frequency = {Hertz(50.0), Hertz(20.0), Hertz(80.0)},
        .phaseWidth = {us(300), us(250), us(400)},
        .interphaseGap = kGap,
        .burstRate = {},
        .pulsesPerBurst = {},
        .burstDuty = {},
        .beatFrequency = {},
        .rampUp = {ms(1500), ms(1000), ms(2000)},
        .on = {ms(10'000), ms(5'000), ms(15'000)},
        .rampDown = {ms(1500), ms(1000), ms(2000)},
        .off = {ms(10'000), ms(5'000), ms(30'000)},
        .startRamp = kStartRamp,
        .duration = {timer(15), kSessionDurationMin, kSessionDurationMax},
        .recommendedDurationMin = min(10),
        .recommendedDurationMax = min(20),
    },
    {
        .id = "nmes-strengthening",
        .name = "NMES strengthening",
        .modality = Modality::NmesStrengthening,
        // On:off 1:2–1:5 (10/30, 10/50, 15/45 s): on 10–15 s, off 20–75 s (so 15 s : 75 s, 1:5, is possible).
        .source = "CLINICAL §2: symmetric biphasic, 30–50 Hz, 250–400 µs (≤ 600), up 0.5–3.5 s, down ~1 s, 10–20 min",
        .waveform = Waveform::symmetricBiphasic(),
        .burst = BurstKind::None,
        .channelsPerProgram = 1,
        .continuous = false,
        .amplitude = kPulsedAmplitude,
        .frequency = {Hertz(50.0), Hertz(30.0), Hertz(50.0)},
        .phaseWidth = {us(300), us(250), us(600)},
        .interphaseGap = kGap,
        .burstRate = {},
        .pulsesPerBurst = {},
        .burstDuty = {},
        .beatFrequency = {},
        .rampUp = {ms(2000), ms(500), ms(3500)},
        .on = {ms(10'000), ms(10'000), ms(15'000)},
        .rampDown = {ms(1000), ms(500), ms(2000)},
        .off = {ms(30'000), ms(20'000), ms(75'000)},
        .startRamp = kStartRamp,
        .duration = {timer(15), kSessionDurationMin, kSessionDurationMax},
        .recommendedDurationMin = min(10),
        .recommendedDurationMax = min(20),
    },
    {
        .id = "russian",
        .name = "Russian current",
        .modality = Modality::Russian,
        // 100 mA peak at 50 % bursts is 50 mA rms, exactly the rms limit (CLINICAL §1.2).
        .source = "CLINICAL §2: 2.5 kHz sine, 50 bursts/s, 10 ms on/off, 10 s : 50 s, ramp 1–2 s, 10 min",
        .waveform = Waveform::sineCarrier(),
        .burst = BurstKind::Carrier,
        .channelsPerProgram = 1,
        .continuous = false,
        .amplitude = kPulsedAmplitude,
        .frequency = {Hertz(2500.0), Hertz(2500.0), Hertz(2500.0)},
        .phaseWidth = {},
        .interphaseGap = {},
        .burstRate = {Hertz(50.0), Hertz(50.0), Hertz(50.0)},
        .pulsesPerBurst = {},
        .burstDuty = {Permille(500), Permille(500), Permille(500)},
        .beatFrequency = {},
        .rampUp = {ms(1500), ms(1000), ms(2000)},
        .on = {ms(10'000), ms(5'000), ms(15'000)},
        .rampDown = {ms(1500), ms(1000), ms(2000)},
        .off = {ms(50'000), ms(20'000), ms(60'000)},
        .startRamp = kStartRamp,
        .duration = {timer(10), kSessionDurationMin, kSessionDurationMax},
        .recommendedDurationMin = min(5),
        .recommendedDurationMax = min(15),
    },
    {
        .id = "interferential-4-pole",
        .name = "Interferential, 4-pole",
        .modality = Modality::Interferential,
        // Two channels, 4 kHz and 4 kHz + beat; the beat (0–250 Hz, 100 Hz by default) forms in the tissue.
        // A continuous sine is peak/√2 rms, so 70 mA peak (49.5 mA rms) is the largest whole-mA peak under
        // 50 mA rms. Sweeps are not modelled (CLINICAL: "sweep: weak source").
        .source = "CLINICAL §2: 4 kHz + 4.0–4.25 kHz sines, beat 0–250 Hz, continuous, 10–20 min",
        .waveform = Waveform::sineCarrier(),
        .burst = BurstKind::None,
        .channelsPerProgram = 2,
        .continuous = true,
        .amplitude = {Microamps(0), Microamps(0), Microamps(70'000)},
        .frequency = {Hertz(4000.0), Hertz(4000.0), Hertz(4000.0)},
        .phaseWidth = {},
        .interphaseGap = {},
        .burstRate = {},
        .pulsesPerBurst = {},
        .burstDuty = {},
        .beatFrequency = {Hertz(100.0), Hertz(0.0), Hertz(250.0)},
        .rampUp = kNoTime,
        .on = kNoTime,
        .rampDown = kNoTime,
        .off = kNoTime,
        .startRamp = kStartRamp,
        .duration = {timer(15), kSessionDurationMin, kSessionDurationMax},
        .recommendedDurationMin = min(10),
        .recommendedDurationMax = min(20),
    },
}};

// Procedures (not treatments, not in all()). The motor-point search of CLINICAL §4: a pen or probe as the active
// pole, a large reference on the same segment; 2–3 Hz (abdomen 0.5 Hz), 150–300 µs; start under 10 mA, raise only
// if nothing twitches, cap 20 mA. The cap is the amplitude range, so a target above it is refused by the preset
// ("amplitude 20.5 mA is outside the preset range 0.0 mA–20.0 mA"). Modality has no search value; the probe is a
// low-rate biphasic train like acupuncture-like TENS, which is what it is listed as. The timer (1–15 min, 5 by default;
// advised up to 10 min) is a backstop: a search ends when the therapist marks the point or stops.
const std::array<Preset, 1> kProcedures{{
    {
        .id = PresetCatalogue::kMotorPointSearchId,
        .name = "Motor-point search (probe)",
        .modality = Modality::AcupunctureLikeTens,
        .source = "CLINICAL §4: probe search, 2–3 Hz (abdomen 0.5 Hz), 150–300 µs, start under 10 mA, cap 20 mA",
        .waveform = Waveform::symmetricBiphasic(),
        .burst = BurstKind::None,
        .channelsPerProgram = 1,
        .continuous = true,
        .amplitude = {Microamps(0), Microamps(0), Microamps(20'000)},
        .frequency = {Hertz(2.0), Hertz(0.5), Hertz(3.0)},
        .phaseWidth = {us(200), us(150), us(300)},
        .interphaseGap = kGap,
        .burstRate = {},
        .pulsesPerBurst = {},
        .burstDuty = {},
        .beatFrequency = {},
        .rampUp = kNoTime,
        .on = kNoTime,
        .rampDown = kNoTime,
        .off = kNoTime,
        .startRamp = kStartRamp,
        .duration = {timer(5), kSessionDurationMin, min(15)},
        .recommendedDurationMin = kSessionDurationMin,
        .recommendedDurationMax = min(10),
    },
}};

template <std::size_t N>
const Preset* findIn(const std::array<Preset, N>& presets, std::string_view id)
{
    const auto it = std::find_if(presets.begin(), presets.end(), [id](const Preset& p) { return p.id == id; });
    return it == presets.end() ? nullptr : &*it;
}

} // namespace

std::span<const Preset> PresetCatalogue::all()
{
    return kPresets;
}

std::span<const Preset> PresetCatalogue::procedures()
{
    return kProcedures;
}

const Preset* PresetCatalogue::find(std::string_view id)
{
    const Preset* preset = findIn(kPresets, id);
    return preset != nullptr ? preset : findIn(kProcedures, id);
}

} // namespace galvani::core
