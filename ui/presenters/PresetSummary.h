// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>

// What the setup page and the run screen show of a built-in preset (core::PresetCatalogue): its programme in one
// line, its advised duration and, for contraction presets, the on/off cycle the channel strips follow. The
// session runs each preset with its default values (app::SessionController), so these are read from the defaults.
// Plain functions; any thread. Units: times in ms, durations in whole minutes.
namespace galvani::ui::presenters {

struct ContractionCycle {
    qint64 rampUpMs = 0;
    qint64 onMs = 0;
    qint64 rampDownMs = 0;
    qint64 offMs = 0;
    [[nodiscard]] qint64 periodMs() const { return rampUpMs + onMs + rampDownMs + offMs; }
};

// Where a contraction cycle is at a time since output started (after the start ramp the envelope repeats).
struct CyclePhase {
    QString text; // "Contraction: ramp up", "Contraction: on", "Contraction: ramp down", "Rest"
    qint64 remainingMs = 0; // until this part of the cycle ends
};

// "100 Hz, 180 µs per phase, symmetric biphasic, continuous, start ramp 1.5 s"; empty for an unknown id.
[[nodiscard]] QString programmeSummary(const QString& presetId);
// "advised 30–99 min"; empty for an unknown id.
[[nodiscard]] QString advisedDuration(const QString& presetId);
// The preset's default session length in minutes (1 for an unknown id).
[[nodiscard]] int defaultDurationMinutes(const QString& presetId);
// The preset's largest amplitude in µA (0 for an unknown id).
[[nodiscard]] qint64 presetAmplitudeMaxUa(const QString& presetId);
// The on/off cycle of a contraction preset; empty for continuous ones.
[[nodiscard]] std::optional<ContractionCycle> contractionCycle(const QString& presetId);
[[nodiscard]] CyclePhase phaseAt(const ContractionCycle& cycle, qint64 sinceOutputStartMs);

} // namespace galvani::ui::presenters
