// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to galvani_app: from a preset and a session request to the programme the safety kernel validates.

#include "app/AppResult.h"
#include "app/session/SessionInterlocks.h"
#include "app/session/SessionRecords.h"
#include "app/session/SessionTypes.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <chrono>
#include <map>
#include <vector>

#ifndef Q_MOC_RUN
#include "core/domain/HardwareCaps.h"
#include "core/domain/Preset.h"
#include "core/domain/Program.h"
#include "core/safety/EffectiveLimits.h"
#include "core/safety/Violation.h"
#endif

namespace galvani::app {

class RecordStore;

// The device's own timer runs this much longer than the session, so that in normal operation the controller
// ends the session (and records why) before the device's backstop timer cuts the output.
inline constexpr std::chrono::seconds kDeviceTimerMargin{2};

// The longest session (CLINICAL.md §2: timer 1–99 min), seconds.
inline constexpr qint64 kSessionDurationMaxS = qint64{99} * 60;

struct SessionProgram {
    core::Program program; // every requested channel at its target, the device timer applied
    ProgramVersionRecord version;
    QString summary; // "100 Hz, 180 µs, symmetric biphasic, continuous, start ramp 1.5 s"
    QStringList notices;
    std::map<int, double> phaseChargeTimeUs; // per channel, t₁ + r·t₂ (µs), for the delivered-charge total
};

// The programme of a preset with its default values changed by `settings`, each channel at its target amplitude
// (µA), and the device timer for a session of durationS seconds. A setting the preset does not have, or a value
// outside the preset's range, is refused (Invalid, naming the field and the range); so is a target outside the
// preset's amplitude range (naming the channel).
[[nodiscard]] AppResult<SessionProgram> buildSessionProgram(const core::Preset& preset,
    const QList<ChannelRequest>& channels, qint64 durationS, const QList<ProgramSetting>& settings = {});

// The request itself when its preset is a built-in one. For a clinic preset (ClinicPresetService): the request on
// the clinic preset's built-in preset, with the clinic preset's values as settings, each replaced by the request's
// own setting of the same field; *clinicPresetName gets the clinic preset's name. NotFound for an unknown or retired
// clinic preset.
[[nodiscard]] AppResult<SessionRequest> withClinicPreset(
    RecordStore& store, const SessionRequest& request, QString* clinicPresetName);

// The device timer for `remaining` of stimulation: remaining + kDeviceTimerMargin, within the preset's timer
// range (its minimum is the kernel's one minute).
[[nodiscard]] core::Microseconds deviceTimerFor(const core::Preset& preset, std::chrono::milliseconds remaining);

// The same programme with every channel's timer set to `timer` (for a resume, which starts from zero again).
[[nodiscard]] core::Program withTimer(core::Program program, core::Microseconds timer);

// Clinical ∩ hardware ∩ calibrated range ∩ clinic policy ∩ placement (smaller pad) limits for the session's channels.
[[nodiscard]] core::safety::EffectiveLimits sessionLimits(const core::HardwareCaps& hardware,
    const QList<PlacedChannel>& placed, const QList<ChannelCalibration>& calibrations,
    const core::safety::Caps& clinic);

// t₁ + r·t₂ of one pulse of the train (µs): the time that, multiplied by the peak current, gives the charge of a
// pulse with both phases counted as magnitudes. 0 for a sine carrier.
[[nodiscard]] double phaseChargeTimeUs(const core::PulseTrain& train);

// "12.5 mA" for 12 500 µA, for messages and event details.
[[nodiscard]] QString milliampsText(qint64 ua);

// The preset's display name ("Motor-point search (probe)").
[[nodiscard]] QString presetDisplayName(const core::Preset& preset);

// One line per violation, ready to show.
[[nodiscard]] QString violationsText(const std::vector<core::safety::Violation>& violations);

} // namespace galvani::app
