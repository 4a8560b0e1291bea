// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/Channel.h"
#include "core/domain/HardwareCaps.h"
#include "core/domain/Program.h"
#include "core/domain/Waveform.h"
#include "core/units/Units.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace galvani::core {

enum class Modality : std::uint8_t {
    ConventionalTens,
    BurstTens,
    AcupunctureLikeTens,
    NmesStabilisation,
    NmesStrengthening,
    Russian,
    Interferential,
};
[[nodiscard]] std::string_view toString(Modality m);

// Which burst structure a preset's trains carry.
enum class BurstKind : std::uint8_t { None, Pulse, Carrier };

// Default value and editable range of one preset field (inclusive). A field a preset does not use is {0, 0, 0}.
template <typename T>
struct PresetRange {
    T defaultValue{};
    T min{};
    T max{};
    // False for NaN and anything outside [min, max].
    [[nodiscard]] constexpr bool contains(T v) const { return min <= v && v <= max; }
    [[nodiscard]] constexpr bool isSane() const { return min <= max && contains(defaultValue); }
};

// Every editable value of a preset, in the units of the fields of Preset. Fields a preset does not use are ignored.
struct PresetValues {
    Microamps amplitude{0};
    Hertz frequency{0.0}; // pulse rate, or the (first) sine carrier
    Microseconds phaseWidth{0};
    Microseconds interphaseGap{0};
    Hertz burstRate{0.0};
    std::int64_t pulsesPerBurst = 0;
    Permille burstDuty{0};
    Hertz beatFrequency{0.0}; // interferential: the second carrier is frequency + beat
    Microseconds rampUp{0};
    Microseconds on{0};
    Microseconds rampDown{0};
    Microseconds off{0};
    Microseconds startRamp{0};
    Microseconds duration{0};
};

// One value of a preset a therapist may edit, in the unit an editor shows: "Hz" (pulse rate, carrier, burst rate,
// beat), "µs" (phase width, interphase gap), "s" (ramps, on/off times, start ramp), "‰" (burst duty), "" (counts).
// step is the editor's increment. Amplitude (per channel, ramped live) and duration (the session's) are not here.
// No editable value comes near this magnitude in its editor unit; larger ones are refused before conversion.
inline constexpr double kMaxEditorMagnitude = 1e9;

struct PresetFieldSpec {
    std::string_view name; // as in Preset messages: "pulse rate", "phase width", "on time", …
    std::string_view unit;
    double min = 0.0;
    double defaultValue = 0.0;
    double max = 0.0;
    double step = 1.0;
};

// A programme made from a preset, or why not.
struct PresetProgram {
    std::optional<Program> program;
    std::vector<std::string> errors;
};

// A named modality with default values and editable ranges (CLINICAL §2), and what a device needs to deliver it.
// Presets are static data (see PresetCatalogue); their ranges keep the editors to clinically sensible values,
// while the safety kernel independently enforces the limits of CLINICAL §1 on whatever is finally asked for.
// Units: as in PresetValues (µA, Hz, µs, ‰). Thread affinity: immutable data, any thread.
struct Preset {
    std::string_view id; // stable identifier, e.g. "conventional-tens"
    std::string_view name; // display name
    Modality modality = Modality::ConventionalTens;
    std::string_view source; // where the values come from
    Waveform waveform = Waveform::symmetricBiphasic();
    BurstKind burst = BurstKind::None;
    int channelsPerProgram = 1; // 2 for a 4-pole interferential pair (two crossing carriers)
    bool continuous = true; // false: contraction cycles (rampUp/on/rampDown/off are used)

    PresetRange<Microamps> amplitude;
    PresetRange<Hertz> frequency;
    PresetRange<Microseconds> phaseWidth;
    PresetRange<Microseconds> interphaseGap;
    PresetRange<Hertz> burstRate;
    PresetRange<std::int64_t> pulsesPerBurst;
    PresetRange<Permille> burstDuty;
    PresetRange<Hertz> beatFrequency;
    PresetRange<Microseconds> rampUp;
    PresetRange<Microseconds> on;
    PresetRange<Microseconds> rampDown;
    PresetRange<Microseconds> off;
    PresetRange<Microseconds> startRamp;
    PresetRange<Microseconds> duration;
    // Session length clinicians are advised to use; outside it the UI warns but does not block (CLINICAL §2).
    Microseconds recommendedDurationMin{0};
    Microseconds recommendedDurationMax{0};

    [[nodiscard]] PresetValues defaults() const;
    // One message per used field whose value is outside this preset's editable range.
    [[nodiscard]] std::vector<std::string> outOfRange(const PresetValues& v) const;
    // Why a device cannot deliver this preset (empty: it can). Checks output mode, burst support, channel count and
    // that the default rate, width and carrier lie in the device's ranges.
    [[nodiscard]] std::vector<std::string> unsupportedBy(const HardwareCaps& hw) const;
    // The programme for these values on these channels (exactly channelsPerProgram channels for a pair, else one
    // or more distinct channels, all with the same train). Values outside the preset's ranges are refused.
    [[nodiscard]] PresetProgram program(const PresetValues& v, std::span<const Channel> channels) const;
    [[nodiscard]] bool isDurationRecommended(Microseconds d) const;
    // The fields a therapist may edit, with their ranges in editor units, in a stable order.
    [[nodiscard]] std::vector<PresetFieldSpec> editableFields() const;
    // Sets one editable field from a value in its editor unit. False when the preset has no such editable field
    // or the value is not finite or beyond ±kMaxEditorMagnitude (no field's range comes near it, and the
    // conversion to whole units must not overflow); a value outside the range is set and then refused by
    // outOfRange()/program().
    [[nodiscard]] bool setField(PresetValues& v, std::string_view fieldName, double value) const;
    // The names of the fields this preset uses, for editors ("amplitude", "frequency", ...).
    [[nodiscard]] std::vector<std::string_view> usedFields() const;
};

} // namespace galvani::core
