// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to galvani_app: the state behind a SessionController. Only the controller's .cpp files include it.

#include "app/calibration/SelfTestRun.h"
#include "app/session/SessionController.h"
#include "app/session/SessionInterlocks.h"
#include "app/session/SessionProgram.h"
#include "app/session/SessionRecorder.h"
#include "app/session/TelemetryAccumulator.h"

#include "core/Clock.h"
#include "core/domain/Preset.h"
#include "core/safety/EffectiveLimits.h"
#include "core/safety/ValidatedProgram.h"
#include "device/controller/DeviceFault.h"
#include "device/controller/DeviceIdentity.h"
#include "device/controller/DeviceState.h"
#include "device/discovery/DeviceAddress.h"

#include <QThread>
#include <QTimer>

#include <chrono>
#include <map>
#include <optional>

namespace galvani::device {
class DeviceService;
}

namespace galvani::app {

class RecordStore;

struct SessionController::Impl {
    Impl(SessionController& owner, RecordStore& recordStore);

    // ---- preparation (SessionController.cpp) ----
    // What validateRequest() found: the preset and the device the URL names, as the session keeps them.
    struct CheckedRequest {
        const core::Preset* preset = nullptr;
        device::DeviceAddress address;
        core::HardwareCaps hardware;
        qint64 amplitudeGridUa = 1;
    };
    // The request's own fields and its device URL, before anything connects; touches no session state.
    [[nodiscard]] static AppResult<CheckedRequest> validateRequest(const SessionRequest& r);
    void createDevice();
    void continuePrepare(const device::DeviceIdentity& id);
    // The therapy self-test (SelfTestRun, scope Therapy) on the connected, idle device, before anything is armed.
    void startSelfTest();
    void onSelfTest(const SelfTestReport& report);
    void discardSelfTest();
    void continueAfterSelfTest();
    void finishPrepare();
    void failPrepare(const AppError& error);
    void dropPlan(const QString& why);
    void teardownDevice();
    void resetSession();
    // "Neck NMES (clinic preset on NMES – spinal stabilisation)" or the built-in preset's name.
    [[nodiscard]] QString presetName() const;
    void setState(SessionState s);

    // ---- running (SessionRun.cpp) ----
    void onDeviceState(device::DeviceState s);
    void onDeviceFault(const device::DeviceFault& fault);
    void onRequestRefused(const QString& reason);
    void onSessionStarted(qint64 id);
    void onRecorderFailed(const QString& operation, const QString& message);
    void onSessionEnded(bool recorded);
    void beginOutput(const QString& why);
    void beginSegment();
    void closeSegment();
    void tick();
    void openRecorder(); // the recorder's connection, opened now (recorderError says why not)
    void closeRecorder(); // queued behind whatever the recorder still has to write
    void drainTelemetry(bool publish = true); // publish: emit pulsesDrained (not from the destructor)
    void publish(bool force);
    void onPaused();
    void endWith(SessionEndReason reason, const QString& detail, std::optional<SessionEventRecord> event);
    void checkSettled();
    void finalizeEnd();
    void postEnd(); // the last summaries, the end event and the end, to the recorder (no signals)
    [[nodiscard]] bool outputSettled() const;
    [[nodiscard]] bool deviceTimerExpired() const;
    [[nodiscard]] std::chrono::nanoseconds elapsed() const;
    [[nodiscard]] qint64 durationMs() const { return request ? request->durationS * 1000 : 0; }
    void post(const SessionEventRecord& event);
    void postSummaries(const QList<SecondSummary>& summaries);

    SessionController& q;
    RecordStore& store;
    // The steady clock the device service stamps telemetry with, so session time and sample times agree.
    const core::Clock& clock;
    SessionState state = SessionState::Idle;

    QThread dbThread;
    SessionRecorder* recorder = nullptr; // lives in dbThread
    QString recorderError;

    // What prepare() found.
    std::optional<SessionRequest> request;
    const core::Preset* preset = nullptr;
    QString clinicPresetName; // the clinic preset the request named, empty for a built-in one
    std::optional<PatientRecords> records;
    std::optional<SessionProgram> program;
    std::optional<device::DeviceAddress> address;
    core::HardwareCaps hardware;
    qint64 amplitudeGridUa = 1;
    device::DeviceService* device = nullptr; // child of q
    quint64 deviceGeneration = 0; // signals of a device service already torn down are ignored
    std::optional<device::DeviceIdentity> identity;
    QString deviceId;
    QList<ChannelCalibration> calibrations;
    core::safety::Caps clinicCaps; // the clinic's limits (ClinicLimitsService) as the kernel's clinic-policy layer
    std::optional<core::safety::EffectiveLimits> limits;
    std::optional<core::safety::ValidatedProgram> running; // the programme in force (after live changes)
    // The device's copy of `running`: each amplitude through its channel's calibration correction, validated
    // against deviceLimits (the session limits with each calibration cap at the command of its calibrated top).
    std::optional<core::safety::EffectiveLimits> deviceLimits;
    std::optional<core::safety::ValidatedProgram> deviceRunning;
    [[nodiscard]] qint64 commandFor(int channel, qint64 targetUa) const
    {
        for (const ChannelCalibration& c : calibrations) {
            if (c.channel == channel) {
                return c.commandUa(targetUa, amplitudeGridUa);
            }
        }
        return targetUa;
    }
    std::optional<SessionPlan> plan;
    QTimer prepareTimer;
    // The therapy self-test: running from identification until its report is recorded (meanwhile the device's
    // states, faults and refusals are the self-test's, not the preparation's).
    std::unique_ptr<calibration::SelfTestRun> selfTest;
    bool selfTestRunning = false;
    std::optional<SelfTestReport> selfTestReport;
    bool configureSent = false;
    bool lockHeld = false; // the workstation's session lock, from prepare() until the session's end is recorded

    // The session.
    std::optional<qint64> sessionId;
    bool startInFlight = false; // DeviceService::start() posted, Stimulating not yet seen
    bool pausing = false;
    bool resuming = false;
    std::chrono::nanoseconds elapsedBefore{0}; // stimulation time of the finished segments
    std::optional<std::chrono::nanoseconds> segmentStart;
    TelemetryAccumulator accumulator;
    QTimer tickTimer;
    std::chrono::nanoseconds lastPublish{0};
    std::map<int, ChannelStatus> status;
    std::map<int, std::chrono::nanoseconds> rampDoneAt; // channels whose start ramp is not yet recorded as done

    // The end.
    bool ending = false;
    bool endPosted = false;
    SessionEndReason endReason = SessionEndReason::Completed;
    QString endDetail;
    std::optional<SessionEventRecord> endEvent;
    QTimer settleTimer;
    SessionSummary summary;
    bool outcomeTaken = false;
};

} // namespace galvani::app
