// SPDX-License-Identifier: GPL-3.0-or-later
// SessionController: construction, teardown and the public operations. Preparation is in SessionPrepare.cpp,
// the running session in SessionRun.cpp.
#include "app/session/SessionController.h"

#include "app/access/AccessGuard.h"
#include "app/calibration/CorrectedProgram.h"
#include "app/services/ClinicLimitsService.h"
#include "app/services/ServiceSupport.h"
#include "app/session/SessionControllerImpl.h"
#include "app/session/SessionProgram.h"
#include "app/store/RecordStore.h"
#include "core/safety/SafetyGuard.h"
#include "db/TimeStamp.h"
#include "device/worker/DeviceService.h"

namespace galvani::app {

namespace {

// Handshake (3 s), a ScienceMode2 beacon wait (1.2 s), the therapy self-test's zero-output check (its drive
// times out after 4 s; a healthy device takes well under 1 s, and a fault it raises is cleared by a new handshake)
// and arming, with room to spare.
constexpr std::chrono::milliseconds kPrepareTimeout{15'000};
// The telemetry ring is drained at 30 Hz (DESIGN: GUI ≤ 30 Hz).
constexpr std::chrono::milliseconds kTickInterval{33};
// Longest wait for the device to confirm a stop before the stop is recorded anyway (the device controller
// itself gives up after five unanswered stop frames, about 200 ms, and closes the link).
constexpr std::chrono::milliseconds kSettleTimeout{1500};

const core::Clock& steadyClock()
{
    static const core::SystemClock clock;
    return clock;
}

AppError conflict(QString message)
{
    return AppError{AppError::Kind::Conflict, std::move(message)};
}

// A target amplitude or a duration beyond the clinic's limits, named before anything connects (the safety kernel
// holds the amplitude, phase width and pulse rate to them as well, through the clinic-policy layer).
std::optional<AppError> beyondClinicLimits(const SessionRequest& request, const ClinicLimits& clinic)
{
    if (clinic.amplitudeMaxUa) {
        for (const ChannelRequest& c : request.channels) {
            if (c.targetUa > *clinic.amplitudeMaxUa) {
                return detail::invalidInput(
                    QStringLiteral("channel %1: target amplitude %2 is above the clinic's limit of %3")
                        .arg(c.channel)
                        .arg(milliampsText(c.targetUa), milliampsText(*clinic.amplitudeMaxUa)));
            }
        }
    }
    if (clinic.sessionMinutesMax && request.durationS > qint64{*clinic.sessionMinutesMax} * 60) {
        return detail::invalidInput(QStringLiteral("duration: %1 min is above the clinic's limit of %2 min")
                                        .arg(static_cast<double>(request.durationS) / 60.0, 0, 'f', 1)
                                        .arg(*clinic.sessionMinutesMax));
    }
    return std::nullopt;
}

} // namespace

SessionController::Impl::Impl(SessionController& owner, RecordStore& recordStore)
    : q(owner), store(recordStore), clock(steadyClock())
{
}

SessionController::SessionController(RecordStore& store, QObject* parent)
    : QObject(parent), d(std::make_unique<Impl>(*this, store))
{
    d->dbThread.setObjectName(QStringLiteral("session recorder"));
    d->recorder = new SessionRecorder(store.config(), store.clock());
    d->recorder->moveToThread(&d->dbThread);
    connect(d->recorder, &SessionRecorder::openFailed, this, [this](const QString& m) { d->recorderError = m; });
    connect(
        d->recorder, &SessionRecorder::sessionStarted, this, [this](qint64 id, qint64) { d->onSessionStarted(id); });
    connect(d->recorder, &SessionRecorder::eventCommitted, this, &SessionController::eventCommitted);
    connect(d->recorder, &SessionRecorder::sessionEnded, this, [this] { d->onSessionEnded(true); });
    connect(d->recorder, &SessionRecorder::outcomeRecorded, this, [this](qint64 id) { Q_EMIT outcomeRecorded(id); });
    connect(d->recorder, &SessionRecorder::failed, this,
        [this](const QString& operation, const QString& message) { d->onRecorderFailed(operation, message); });
    // The recorder's connection is open only while a session is prepared, runs or takes its outcome (openRecorder,
    // closeRecorder), so that between sessions nothing but the main connection holds the store.
    d->dbThread.start();

    d->prepareTimer.setSingleShot(true);
    d->prepareTimer.setInterval(kPrepareTimeout);
    connect(&d->prepareTimer, &QTimer::timeout, this, [this] {
        d->failPrepare(AppError{AppError::Kind::Device,
            QStringLiteral("device: %1 did not become ready within %2 s; check that it is switched on and connected")
                .arg(d->request ? d->request->deviceUrl : QString())
                .arg(kPrepareTimeout.count() / 1000)});
    });
    d->tickTimer.setInterval(kTickInterval);
    connect(&d->tickTimer, &QTimer::timeout, this, [this] { d->tick(); });
    d->settleTimer.setSingleShot(true);
    d->settleTimer.setInterval(kSettleTimeout);
    connect(&d->settleTimer, &QTimer::timeout, this, [this] {
        if (d->ending && !d->endPosted) {
            d->endDetail += QStringLiteral(" (the device did not confirm the stop in time)");
            d->finalizeEnd();
        }
    });
}

SessionController::~SessionController()
{
    // Output first: the service's destructor stops every channel, closes the link and joins the device thread.
    if (d->device != nullptr) {
        d->device->stop();
        d->drainTelemetry(false); // for the totals only: nobody listens any more
        ++d->deviceGeneration;
        delete d->device;
        d->device = nullptr;
    }
    d->tickTimer.stop();
    d->settleTimer.stop();
    d->prepareTimer.stop();
    // A session on record (or being recorded: the recorder starts it before anything posted now) is ended.
    const bool recorded = d->sessionId.has_value() || d->state == SessionState::Starting;
    if (recorded && !d->endPosted) {
        if (!d->ending) {
            const QString why = QStringLiteral("the application was closed during the session");
            d->endReason = SessionEndReason::StoppedByTherapist;
            d->endDetail = why;
            d->endEvent = SessionEventRecord{SessionEventKind::Stop, std::nullopt, std::nullopt, why};
        }
        d->postEnd();
    }
    // Whatever is queued is written before the connection closes; the record matters more than a fast exit.
    QMetaObject::invokeMethod(d->recorder, &SessionRecorder::close, Qt::QueuedConnection);
    d->dbThread.wait();
    delete d->recorder;
    if (d->lockHeld) {
        d->store.unlockSessions();
    }
}

SessionState SessionController::state() const
{
    return d->state;
}

std::optional<SessionPlan> SessionController::plan() const
{
    return d->plan;
}

QString SessionController::presetName() const
{
    if (d->preset == nullptr || d->state == SessionState::Idle) {
        return {};
    }
    return d->presetName();
}

std::optional<qint64> SessionController::sessionId() const
{
    return d->sessionId;
}

SessionProgress SessionController::progress() const
{
    return SessionProgress{
        std::chrono::duration_cast<std::chrono::milliseconds>(d->elapsed()).count(), d->durationMs()};
}

AppStatus SessionController::prepare(const SessionRequest& asked)
{
    if (d->state != SessionState::Idle && d->state != SessionState::Ended) {
        return conflict(QStringLiteral("prepare: a session is %1; stop it first").arg(toString(d->state)));
    }
    // The request is checked before anything of the previous session is let go: a refused request leaves an ended
    // session as it was, its outcome still to be recorded.
    if (auto denied = checkAccess(
            d->store, asked.user, Action::RunSession, QStringLiteral("session for patient %1").arg(asked.patientMrn))) {
        return *denied;
    }
    // A clinic preset is its built-in preset with the clinic's values; the request's own settings change those.
    QString clinicPresetName;
    auto resolved = withClinicPreset(d->store, asked, &clinicPresetName);
    if (!resolved.ok()) {
        return resolved.error();
    }
    const SessionRequest& request = *resolved;
    auto checked = Impl::validateRequest(request);
    if (!checked.ok()) {
        return checked.error();
    }
    auto records = checkPatientRecords(d->store, request, db::utcMs(d->store.clock()));
    if (!records.ok()) {
        return records.error();
    }
    auto built = buildSessionProgram(*checked->preset, request.channels, request.durationS, request.settings);
    if (!built.ok()) {
        return built.error();
    }
    auto clinic = ClinicLimitsService(d->store).limitsUnchecked();
    if (!clinic.ok()) {
        return clinic.error();
    }
    if (auto beyond = beyondClinicLimits(request, *clinic)) {
        return *beyond;
    }
    // Accepted: the previous session gives way.
    d->teardownDevice();
    d->resetSession();
    d->preset = checked->preset;
    d->clinicPresetName = clinicPresetName;
    d->address = checked->address;
    d->hardware = checked->hardware;
    d->amplitudeGridUa = checked->amplitudeGridUa;
    d->clinicCaps = ClinicLimitsService::caps(*clinic);
    QString lockError;
    if (!d->store.tryLockSessions(&lockError)) {
        return AppError{AppError::Kind::Interlock, QStringLiteral("session lock: ") + lockError};
    }
    d->openRecorder();
    if (!d->recorderError.isEmpty()) {
        d->closeRecorder();
        d->store.unlockSessions();
        return AppError{AppError::Kind::Storage, QStringLiteral("session recorder: ") + d->recorderError};
    }
    d->lockHeld = true;
    d->request = request;
    d->records = std::move(records).value();
    d->program = std::move(built).value();
    d->setState(SessionState::Preparing);
    d->createDevice();
    d->prepareTimer.start();
    d->device->connectDevice();
    return {};
}

AppStatus SessionController::start()
{
    if (d->state != SessionState::Ready) {
        return conflict(QStringLiteral("start: no prepared session (the controller is %1)").arg(toString(d->state)));
    }
    if (d->device == nullptr || d->device->state() != device::DeviceState::Armed) {
        const QString deviceState = d->device != nullptr
            ? QString::fromUtf8(device::toString(d->device->state()).data())
            : QStringLiteral("disconnected");
        return AppError{AppError::Kind::Interlock,
            QStringLiteral("device: %1 is not armed (it is %2); prepare the session again")
                .arg(d->deviceId, deviceState)};
    }
    SessionStartRecord record;
    record.user = d->request->user;
    record.patientId = d->records->patientId;
    record.screeningId = d->records->screeningId;
    record.workstation = d->store.config().workstation;
    record.deviceId = d->deviceId;
    record.firmware = d->identity ? d->identity->firmware : QString();
    record.program = d->program->version;
    for (int i = 0; i < d->records->channels.size(); ++i) {
        const PlacedChannel& placed = d->records->channels.at(i);
        record.channels.append(SessionChannelRecord{
            placed.channel, placed.placementId, placed.referencePlacementId, d->calibrations.at(i).calibrationId});
    }
    d->setState(SessionState::Starting);
    QMetaObject::invokeMethod(
        d->recorder, [r = d->recorder, record] { r->startSession(record); }, Qt::QueuedConnection);
    return {};
}

AppStatus SessionController::setAmplitude(int channel, qint64 targetUa)
{
    if (d->state != SessionState::Running || d->pausing || d->ending || !d->running || !d->limits || !d->deviceRunning
        || !d->deviceLimits) {
        return conflict(QStringLiteral("amplitude: changes are possible only while output runs (the session is %1)")
                            .arg(toString(d->state)));
    }
    if (d->running->program().find(channel) == nullptr) {
        return detail::invalidInput(QStringLiteral("channel %1: not a channel of this session").arg(channel));
    }
    if (targetUa < 0 || targetUa % d->amplitudeGridUa != 0) {
        return detail::invalidInput(
            QStringLiteral("channel %1: amplitude %2 µA must be a multiple of the device's %3 µA step")
                .arg(channel)
                .arg(targetUa)
                .arg(d->amplitudeGridUa));
    }
    // The preset's own cap holds for every change, as it did for the target the session started at (the motor-point
    // probe stops at 20 mA, CLINICAL §4); the safety kernel's limits are checked next.
    const qint64 presetMaxUa = d->preset->amplitude.max.value();
    if (targetUa > presetMaxUa) {
        return detail::invalidInput(
            QStringLiteral("channel %1: amplitude %2 is outside 0–%3, the range of %4")
                .arg(channel)
                .arg(milliampsText(targetUa), milliampsText(presetMaxUa), presetDisplayName(*d->preset)));
    }
    const auto verdict = core::safety::SafetyGuard::validateAmplitudeChange(
        *d->running, channel, core::Microamps(targetUa), *d->limits);
    if (!verdict.accepted()) {
        return detail::invalidInput(QStringLiteral("channel %1: ").arg(channel) + violationsText(verdict.violations()));
    }
    // The device's copy moves to the corrected command, one validated step (≤ 0.5 mA) at a time.
    const auto* current = d->deviceRunning->program().find(channel);
    const core::safety::ChannelLimits* channelLimits = d->deviceLimits->channel(channel);
    if (current == nullptr || channelLimits == nullptr) {
        return detail::invalidInput(QStringLiteral("channel %1: not a channel of this session").arg(channel));
    }
    auto deviceProgram = *d->deviceRunning;
    std::vector<core::safety::ValidatedAmplitude> commands;
    for (const qint64 step : calibration::amplitudeSteps(current->train.amplitude.value(),
             d->commandFor(channel, targetUa), channelLimits->amplitudeStepMax.value.value())) {
        const auto deviceVerdict = core::safety::SafetyGuard::validateAmplitudeChange(
            deviceProgram, channel, core::Microamps(step), *d->deviceLimits);
        if (!deviceVerdict.accepted()) {
            return detail::invalidInput(QStringLiteral("channel %1 (calibration-corrected command): ").arg(channel)
                + violationsText(deviceVerdict.violations()));
        }
        commands.push_back(*deviceVerdict.command());
        deviceProgram = *deviceVerdict.program();
    }
    for (const auto& command : commands) {
        d->device->setAmplitude(command);
    }
    d->deviceRunning = deviceProgram;
    d->running = *verdict.program();
    d->status[channel].setpointUa = targetUa;
    d->post(SessionEventRecord{SessionEventKind::Amplitude, channel, targetUa,
        QStringLiteral("set to %1 by %2").arg(milliampsText(targetUa), d->request->user.username)});
    return {};
}

AppStatus SessionController::pause()
{
    if (d->state != SessionState::Running || d->pausing || d->ending) {
        return conflict(
            QStringLiteral("pause: only a running session can pause (the session is %1)").arg(toString(d->state)));
    }
    // Output off first; the pause is recorded once the device confirms it (Impl::onPaused).
    d->pausing = true;
    d->device->stop();
    return {};
}

AppStatus SessionController::resume()
{
    if (d->state != SessionState::Paused || d->resuming || d->ending) {
        return conflict(
            QStringLiteral("resume: only a paused session can resume (the session is %1)").arg(toString(d->state)));
    }
    if (d->device == nullptr || d->device->state() != device::DeviceState::Idle) {
        return AppError{AppError::Kind::Interlock,
            QStringLiteral("device: %1 is not ready to resume (it is %2)")
                .arg(d->deviceId,
                    d->device != nullptr ? QString::fromUtf8(device::toString(d->device->state()).data())
                                         : QStringLiteral("disconnected"))};
    }
    // Every resume starts from zero and ramps again; the device's timer covers what is left of the session.
    const auto remaining = std::chrono::milliseconds(d->durationMs())
        - std::chrono::duration_cast<std::chrono::milliseconds>(d->elapsedBefore);
    const auto program = withTimer(d->running->program(), deviceTimerFor(*d->preset, remaining));
    const auto verdict = core::safety::SafetyGuard::validate(program, *d->limits);
    if (!verdict.accepted()) {
        return detail::invalidInput(QStringLiteral("safety kernel: ") + violationsText(verdict.violations()));
    }
    const auto deviceVerdict = core::safety::SafetyGuard::validate(
        withTimer(d->deviceRunning->program(), deviceTimerFor(*d->preset, remaining)), *d->deviceLimits);
    if (!deviceVerdict.accepted()) {
        return detail::invalidInput(QStringLiteral("safety kernel (calibration-corrected commands): ")
            + violationsText(deviceVerdict.violations()));
    }
    d->running = *verdict.program();
    d->deviceRunning = *deviceVerdict.program();
    d->resuming = true;
    d->device->configure(*d->deviceRunning);
    return {};
}

void SessionController::stop(const QString& reason)
{
    // STOP reaches the device before anything else happens, whatever the state.
    if (d->device != nullptr) {
        d->device->stop();
    }
    switch (d->state) {
    case SessionState::Preparing:
    case SessionState::Ready:
        d->prepareTimer.stop();
        d->teardownDevice();
        if (d->lockHeld) {
            d->store.unlockSessions();
            d->lockHeld = false;
        }
        d->resetSession();
        d->setState(SessionState::Idle);
        return;
    case SessionState::Starting:
    case SessionState::Running:
    case SessionState::Paused:
        d->endWith(SessionEndReason::StoppedByTherapist, reason,
            SessionEventRecord{SessionEventKind::Stop, std::nullopt, std::nullopt, reason});
        return;
    case SessionState::Idle:
    case SessionState::Stopping:
    case SessionState::Ended:
        return;
    }
}

AppStatus SessionController::recordOutcome(const OutcomeAnswer& answer)
{
    if (d->state != SessionState::Ended || !d->sessionId || !d->summary.recorded) {
        return conflict(QStringLiteral("outcome: only after a recorded session has ended (the controller is %1)")
                            .arg(toString(d->state)));
    }
    if (d->outcomeTaken) {
        return conflict(QStringLiteral("outcome: already recorded for session %1").arg(*d->sessionId));
    }
    if (answer.nprsAfter && (*answer.nprsAfter < 0 || *answer.nprsAfter > 10)) {
        return detail::invalidInput(QStringLiteral("NPRS after: %1 is outside 0–10").arg(*answer.nprsAfter));
    }
    if (answer.notes.size() > 1000) {
        return detail::invalidInput(
            QStringLiteral("outcome notes: %1 characters, at most 1000").arg(answer.notes.size()));
    }
    // Refused here, not by the write on the db thread: by then the outcome would count as taken and be lost.
    if (answer.notes.contains(QChar(u'\0'))) {
        return detail::invalidInput(QStringLiteral("outcome notes: contains a NUL character"));
    }
    const std::optional<int> before = d->summary.nprsBefore;
    if (!before && !answer.nprsAfter) {
        return detail::invalidInput(
            QStringLiteral("outcome: no score to record (NPRS before and after are both missing)"));
    }
    d->openRecorder();
    if (!d->recorderError.isEmpty()) {
        d->closeRecorder();
        return AppError{AppError::Kind::Storage, QStringLiteral("session recorder: ") + d->recorderError};
    }
    d->outcomeTaken = true;
    QMetaObject::invokeMethod(
        d->recorder,
        [r = d->recorder, before, after = answer.nprsAfter, notes = answer.notes] {
            r->recordOutcome(before, after, notes);
        },
        Qt::QueuedConnection);
    d->closeRecorder();
    return {};
}

} // namespace galvani::app
