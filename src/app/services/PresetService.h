// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppResult.h"
#include "app/access/Access.h"
#include "core/domain/HardwareCaps.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace galvani::app {

class RecordStore;

// One preset (built in, or one of the clinic's own) and whether a given device can deliver it. Plain value.
struct PresetAvailability {
    QString id; // "conventional-tens", …; a clinic preset's id ("clinic-…")
    QString name;
    QString modality;
    QString source; // where the preset's values come from
    int channelsPerProgram = 1; // 2: a 4-pole interferential pair
    bool deliverable = false;
    QStringList reasons; // why not (empty when deliverable): missing output mode, bursts, channels, ranges, limits
    QString basePresetId; // a clinic preset's built-in preset; empty for a built-in one
    std::optional<int> sessionMinutes; // the session length a clinic preset suggests
};

// One value of a preset a therapist may change before a session (SessionRequest::settings), with its range in the
// unit shown: "Hz", "µs" (phase width, gap), "s" (ramps, on/off times, start ramp), "‰" (burst duty), "" (a count).
// Plain value.
struct PresetField {
    QString name; // "pulse rate", "phase width", "on time", …
    QString unit;
    double min = 0.0;
    double defaultValue = 0.0;
    double max = 0.0;
    double step = 1.0; // the editor's increment
};

// The built-in presets (core::PresetCatalogue), then the clinic's own (ClinicPresetService), against a device's
// capabilities. list → ViewPresets. A preset is deliverable when the device offers what it needs
// (Preset::unsupportedBy) and its default programme (a clinic preset's: with its values), on channels
// 1…channelsPerProgram with a nominal 25 cm² pad, passes the safety kernel (SafetyGuard::validate against
// EffectiveLimits::forDevice). Defaults start at 0 mA, so a refusal here is about output mode, timing or channels,
// never about the amplitude a therapist will choose. Thread affinity: the RecordStore's thread. Ownership: borrows the
// store.
class PresetService {
public:
    // The device the listing assumes when none is named: the simulated 8-channel ScienceMode4 stimulator.
    static constexpr const char* kDefaultDeviceUrl = "sim:sciencemode4?channels=8";

    explicit PresetService(RecordStore& store);

    [[nodiscard]] AppResult<QList<PresetAvailability>> list(const SignedInUser& user, const core::HardwareCaps& device);
    // The editable values of one preset (ViewPresets); NotFound naming the id when there is no such preset. The
    // clinic's pulse-rate and phase-width limits (ClinicLimitsService) lower a range's top, never below its bottom.
    [[nodiscard]] AppResult<QList<PresetField>> fields(const SignedInUser& user, const QString& presetId);

    // What the driver for a device URL can do, known before connecting (sim: URLs honour their `channels`
    // option). Invalid with a message naming the URL part at fault. Touches no record, so it checks no action.
    [[nodiscard]] static AppResult<core::HardwareCaps> deviceCaps(const QString& deviceUrl);

private:
    RecordStore& m_store;
};

} // namespace galvani::app
