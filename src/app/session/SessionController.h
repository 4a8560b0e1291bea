// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppResult.h"
#include "app/session/SessionTypes.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace galvani::app {

class RecordStore;

// Runs and records one treatment at a time, for the GUI's session runner and `galvani-cli session run` alike.
//
// prepare() binds one patient and checks, in this order, that the user may run sessions (a refusal is audited),
// the request (channels, targets, duration, preset, device URL), the patient, the contraindication screening
// (recorded, not blocked, not expired: kScreeningValidity), a current placement at the requested site for every
// channel, and takes the workstation's session lock; then it connects to the device and, once the device has
// identified itself, runs the therapy self-test on the idle device (calibration::SelfTestRun, scope Therapy:
// handshake, battery and zero output on every channel — never the 2 mA check, the electrodes are on the patient),
// records it through CalibrationService::recordSelfTest, refuses (Interlock) when a check failed on a channel the
// session uses or on the whole device (a failure on another channel is only recorded) and carries a battery
// warning in the plan; then it checks each channel's calibration (failed or overdue: refused; none on record: allowed
// with a notice in the plan; any other lock CalibrationService reports, e.g. the clinic requires a record: refused),
// validates the programme with the safety kernel against hardware ∩ clinical ∩ calibration ∩ placement limits and
// arms the device. prepared() then carries the plan or the refusal. The plan and the record keep the target
// amplitudes; the device receives each channel's calibration-corrected command (also validated by the kernel),
// and live changes reach it in validated steps of at most 0.5 mA.
// start() checks that the device is still armed, records the session start (channels, programme version,
// placements, calibrations in force) and only then starts output: every channel ramps from zero to its target
// through the device's ramp-limited amplitude steps (≤ 0.5 mA each, within the kernel's ramp rate). The session
// runs for its duration of stimulation time (pauses do not count) and ends by itself as `completed`.
//
// STOP: stop() goes to the device first (an atomic flag plus a high-priority event; it never waits on the
// database); only once the device reports its output stopped is the stop recorded and the session ended as
// `stopped_by_therapist`. A device fault ends the session as `fault`, a lost or silent link as `link_lost`;
// nothing resumes by itself. pause() stops output and resume() restarts it from zero, ramped.
//
// Recording: a SessionRecorder on its own db thread writes every event in its own durable transaction; only
// after the commit is eventCommitted(seq, kind) emitted — that signal is the acknowledgement. Delivered current
// is drained from the device's telemetry ring at 30 Hz on this thread and recorded as per-second summaries and
// per-channel totals (maximum amplitude, delivered charge). ended() is emitted once the end is committed and
// carries the outcome prompt; recordOutcome() stores NPRS before/after.
//
// Thread affinity: the main (GUI) thread; every member and signal. Ownership: owns the device service (a child
// object), the db thread and its recorder; borrows the record store (opened on this thread with
// RecordStore::open), which must outlive it. Units: amplitudes in µA, durations as named.
class SessionController final : public QObject {
    Q_OBJECT
public:
    explicit SessionController(RecordStore& store, QObject* parent = nullptr);
    // Stops output first; a running session is then recorded as stopped (the application was closed).
    ~SessionController() override;
    SessionController(const SessionController&) = delete;
    SessionController& operator=(const SessionController&) = delete;

    [[nodiscard]] SessionState state() const;
    [[nodiscard]] std::optional<SessionPlan> plan() const;
    // The display name of the preset of the session being prepared, ready, running or ended ("" when idle): lets
    // a view tell its own sessions from others (a motor-point search) before the plan exists.
    [[nodiscard]] QString presetName() const;
    [[nodiscard]] std::optional<qint64> sessionId() const;
    [[nodiscard]] SessionProgress progress() const;

    // Idle or Ended only. Returns the first refusal found before the device is contacted; otherwise the rest
    // follows in prepared().
    AppStatus prepare(const SessionRequest& request);
    // Ready only; the result (the session id, or why not) follows in started().
    AppStatus start();
    // Running only: an absolute target for one channel, at most 0.5 mA from its setpoint, with the programme
    // re-validated at the new amplitude. The change is recorded as an amplitude event.
    AppStatus setAmplitude(int channel, qint64 targetUa);
    AppStatus pause();
    AppStatus resume();
    // STOP. Never refused: in any state it stops the device's output first. A prepared plan is dropped; a running
    // or paused session is recorded as stopped with this reason.
    void stop(const QString& reason);
    // Ended only, once per session: NPRS after (0–10) with the NPRS before of the request. The result follows in
    // outcomeRecorded().
    AppStatus recordOutcome(const OutcomeAnswer& answer);

Q_SIGNALS:
    void stateChanged(galvani::app::SessionState state);
    void prepared(const galvani::app::AppResult<galvani::app::SessionPlan>& plan);
    void started(const galvani::app::AppResult<qint64>& sessionId);
    void channelStatusChanged(const galvani::app::ChannelStatus& status);
    void progressChanged(const galvani::app::SessionProgress& progress);
    // Every delivered pulse drained from the device's telemetry since the last emission, in device order, at most
    // 30 times a second while a device is connected (for the live plot; the record keeps per-second summaries).
    void pulsesDrained(const QList<galvani::app::PulseSample>& pulses);
    void faultRaised(const galvani::app::SessionFault& fault);
    // The acknowledgement of a recorded event: emitted only after its transaction committed.
    void eventCommitted(int seq, const QString& kind);
    void recordingFailed(const QString& message);
    void ended(const galvani::app::SessionSummary& summary);
    void outcomeRecorded(const galvani::app::AppResult<qint64>& outcomeId);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace galvani::app
