// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/access/Access.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <optional>

// The values a SessionController takes and reports. Plain values: copy them freely, across threads too.

namespace galvani::app {

// One channel of a session request. Units: targetUa in µA (peak of the first phase, the amplitude the channel
// ramps to from zero); padAreaCm2 in cm² (the smaller pad of the pair; it can only tighten the recorded area).
struct ChannelRequest {
    int channel = 1; // 1–8, as on the device's front panel
    QString siteId; // "<side>-<muscle>", e.g. "left-lumbar-multifidus"; must match the recorded placement
    qint64 targetUa = 0;
    std::optional<double> padAreaCm2;
};

// A therapist's change to one of a preset's editable values (PresetService::fields lists them with their ranges),
// in that field's unit: Hz, µs for phase width and gap, s for ramps and on/off times, ‰, or a count.
struct ProgramSetting {
    QString field; // "pulse rate", "phase width", "on time", …
    double value = 0.0;
};

// What the therapist asks for. Units: durationS in seconds (1 s – 99 min; the preset's timer minimum of one
// minute binds only the device's own timer, which is a backstop: the controller ends the session itself).
struct SessionRequest {
    SignedInUser user;
    QString patientMrn;
    QString deviceUrl; // e.g. "sim:sciencemode4?channels=8", "serial:/dev/ttyUSB0?protocol=sciencemode4"
    QString presetId; // a core::PresetCatalogue id, e.g. "conventional-tens"
    QList<ChannelRequest> channels;
    qint64 durationS = 0;
    std::optional<int> nprsBefore; // pain before the treatment, 0–10; recorded with the outcome at the end
    QList<ProgramSetting> settings; // changes to the preset's defaults (empty: the defaults); recorded as the
                                    // programme version the session ran
};

// One channel as prepare() found it. Units: µA, cm².
struct ChannelPlan {
    int channel = 1;
    QString siteId;
    qint64 targetUa = 0;
    qint64 amplitudeMaxUa = 0; // the effective peak cap of the channel (the most restrictive limit layer)
    qint64 placementId = 0; // the active (or symmetric) electrode as recorded
    std::optional<qint64> referencePlacementId;
    double padAreaCm2 = 0.0; // the area the density limits were computed with
    std::optional<qint64> calibrationId; // the calibration in force, empty when none is on record
    QString calibrationNote; // "valid until 2027-01-31" or "no calibration on record"
};

// A session ready to start: the patient, programme, device and channels after every interlock passed and the
// device was armed. notices lists what the therapist must see before starting (channels without a calibration
// record, a duration outside the preset's recommendation, kernel warnings such as current density).
struct SessionPlan {
    qint64 patientId = 0;
    QString patientMrn;
    QString patientName; // "Family, Given" for the run screen (the patient is identified twice over)
    QString patientBirthDate; // YYYY-MM-DD
    qint64 screeningId = 0;
    qint64 screeningValidUntilUtcMs = 0; // the earlier of the screening's own expiry and its validity period
    QString presetId;
    QString presetName;
    QString programSummary; // e.g. "100 Hz, 180 µs, symmetric biphasic, continuous, start ramp 1.5 s"
    QString deviceUrl;
    QString deviceId; // serial as reported, or the URL when the device reports none
    QString deviceModel;
    QString firmware;
    bool measuresDeliveredCurrent = false;
    qint64 durationS = 0;
    QList<ChannelPlan> channels;
    QStringList notices;
    // The therapy self-test run when the device connected (handshake, battery, zero output; recorded as an audit
    // row self_test): its one-line summary, and the battery warning for the treatment screen ("battery: 12 %,
    // below 20 %: charge before a session"; empty when the level is fine or not reported; also a notice).
    QString selfTestSummary;
    QString batteryWarning;
};

// Idle → Preparing → Ready → Starting → Running ⇄ Paused → Stopping → Ended (→ Preparing for the next one).
// A failed prepare or a cancelled plan returns to Idle.
enum class SessionState { Idle, Preparing, Ready, Starting, Running, Paused, Stopping, Ended };
[[nodiscard]] QString toString(SessionState state); // "idle", "preparing", …
// True for preparing, ready, starting, running, paused and stopping: a session holds the stimulator.
[[nodiscard]] bool isActive(SessionState state);

// Live state of one channel, at most ten times a second. Units: µA. measuredUa is empty when the device does not
// measure delivered current (the strip then labels the value "commanded").
struct ChannelStatus {
    int channel = 1;
    qint64 setpointUa = 0; // the amplitude the channel runs at once ramped
    qint64 commandedUa = 0; // what the device was last told (ramps and contraction cycles move it)
    std::optional<qint64> measuredUa;
    bool ramping = false;
    bool outputPresent = false; // delivering now (the amber indicator)
    bool electrodeError = false;
    bool deviating = false; // measured differs from commanded beyond tolerance
};

// One delivered pulse as the device reported it. Units: timeUs monotonic µs (the device service's clock, the
// same steady clock the controller uses); currents in µA; measuredUa empty when the device does not measure.
struct PulseSample {
    qint64 timeUs = 0;
    int channel = 1;
    qint64 commandedUa = 0;
    std::optional<qint64> measuredUa;
};

// Units: ms of stimulation (time paused does not count).
struct SessionProgress {
    qint64 elapsedMs = 0;
    qint64 durationMs = 0;
};

// A device fault as the operator sees it. kind: "link_lost", "electrode" or "fault" (the event kind recorded).
struct SessionFault {
    QString kind;
    int channel = 0; // 0 = the whole device
    QString message;
    QString whatToCheck;
};

enum class SessionEndReason { Completed, StoppedByTherapist, Fault, LinkLost };
[[nodiscard]] QString toString(SessionEndReason reason); // as stored: "completed", "stopped_by_therapist", …

// What a channel delivered over the session. Units: maxAmplitudeUa in µA (largest commanded peak);
// chargeUc in µC, Σ over delivered pulses of |I| · (t₁ + r·t₂) (see TelemetryAccumulator).
struct ChannelTotal {
    int channel = 1;
    qint64 maxAmplitudeUa = 0;
    double chargeUc = 0.0;
};

// The end of a session, with the outcome prompt: the caller must now ask the patient for pain after the
// treatment (NPRS 0–10) and pass the answer to SessionController::recordOutcome().
struct SessionSummary {
    qint64 sessionId = 0;
    SessionEndReason reason = SessionEndReason::Completed;
    QString detail;
    qint64 elapsedMs = 0;
    QList<ChannelTotal> channels;
    bool recorded = true; // false: the end could not be written; the next start marks the session interrupted
    std::optional<int> nprsBefore;
    QString outcomePrompt; // "Pain now, 0 (none) to 10 (worst imaginable)?"
};

// The patient's answer to the outcome prompt.
struct OutcomeAnswer {
    std::optional<int> nprsAfter; // 0–10; empty when the patient declined
    QString notes; // up to 1000 characters
};

} // namespace galvani::app
