// SPDX-License-Identifier: GPL-3.0-or-later
// SessionController: a running session — device states and faults, output, telemetry, pause. The stop path and
// the end are in SessionEnd.cpp.
#include "app/session/SessionControllerImpl.h"
#include "app/store/RecordStore.h"
#include "device/controller/TelemetrySample.h"
#include "device/worker/DeviceService.h"

namespace galvani::app {

namespace {

using device::DeviceState;
using namespace std::chrono;

// Channel strips and the session timer are refreshed at most this often.
constexpr milliseconds kPublishInterval{100};
// A stop the device makes by itself this close to the end of the timer it was given is that timer (the device
// started its clock a moment before this thread saw the output start).
constexpr milliseconds kDeviceTimerTolerance{500};

qint64 toUs(nanoseconds t)
{
    return duration_cast<microseconds>(t).count();
}

// A pause closes the summary of its partial second; the next run segment starts on the next whole second so
// no second is summarised twice.
qint64 roundUpToSecondUs(nanoseconds t)
{
    const qint64 us = toUs(t);
    return (us + 999'999) / 1'000'000 * 1'000'000;
}

} // namespace

nanoseconds SessionController::Impl::elapsed() const
{
    return elapsedBefore + (segmentStart ? clock.monotonic() - *segmentStart : nanoseconds{0});
}

bool SessionController::Impl::deviceTimerExpired() const
{
    // The timer the device runs for this segment (the same on every channel; a resume programs what is left).
    if (!segmentStart || !running || running->program().channels.empty()) {
        return false;
    }
    const auto timer = microseconds(running->program().channels.front().duration.value());
    return clock.monotonic() - *segmentStart + kDeviceTimerTolerance >= timer;
}

void SessionController::Impl::post(const SessionEventRecord& event)
{
    QMetaObject::invokeMethod(
        recorder, [r = recorder, event] { r->appendEvent(event); }, Qt::QueuedConnection);
}

void SessionController::Impl::postSummaries(const QList<SecondSummary>& summaries)
{
    QMetaObject::invokeMethod(
        recorder,
        [r = recorder, summaries, totals = accumulator.totalsRecords()] { r->appendSummaries(summaries, totals); },
        Qt::QueuedConnection);
}

void SessionController::Impl::onDeviceState(DeviceState s)
{
    switch (state) {
    case SessionState::Preparing:
        if (selfTestRunning) {
            return; // the self-test drives the device meanwhile (and reports a disconnection itself)
        }
        if (s == DeviceState::Armed && configureSent) {
            finishPrepare();
        } else if (s == DeviceState::Disconnected && identity) {
            failPrepare(AppError{AppError::Kind::Device,
                QStringLiteral("device: %1 closed the connection while the session was prepared").arg(deviceId)});
        }
        return;
    case SessionState::Ready:
        if (s != DeviceState::Armed) {
            dropPlan(QStringLiteral("device %1 left the armed state (it is %2); prepare the session again")
                         .arg(deviceId, QString::fromUtf8(device::toString(s).data())));
        }
        return;
    case SessionState::Starting:
    case SessionState::Running:
    case SessionState::Paused:
    case SessionState::Stopping:
        break;
    case SessionState::Idle:
    case SessionState::Ended:
        return;
    }
    switch (s) {
    case DeviceState::Stimulating:
        startInFlight = false;
        if (ending) {
            device->stop(); // a start overtook the stop: stop again
            return;
        }
        if (!segmentStart) {
            beginSegment();
        }
        if (resuming) {
            resuming = false;
            setState(SessionState::Running);
        }
        return;
    case DeviceState::Armed:
        if (resuming && !ending && !startInFlight) {
            beginOutput(QStringLiteral("resume"));
        }
        checkSettled();
        return;
    case DeviceState::Idle:
        if (ending) {
            checkSettled();
        } else if (pausing) {
            onPaused();
        } else if (state == SessionState::Running) {
            // Output ended without a request from this controller: the device's own timer at the end of the
            // session, or a global STOP (keyboard, signal handler) that went straight to the device.
            if (deviceTimerExpired()) {
                endWith(
                    SessionEndReason::Completed, QStringLiteral("the device's timer ended the output"), std::nullopt);
            } else {
                const QString why = QStringLiteral("output stopped by a global STOP");
                endWith(SessionEndReason::StoppedByTherapist, why,
                    SessionEventRecord{SessionEventKind::Stop, std::nullopt, std::nullopt, why});
            }
        }
        return;
    case DeviceState::Fault:
        if (!ending) {
            const QString why = QStringLiteral("the stimulator entered its fault state");
            endWith(SessionEndReason::Fault, why,
                SessionEventRecord{SessionEventKind::Fault, std::nullopt, std::nullopt, why});
        }
        checkSettled();
        return;
    case DeviceState::Disconnected:
        if (!ending) {
            const QString why = QStringLiteral("the stimulator was disconnected");
            endWith(SessionEndReason::LinkLost, why,
                SessionEventRecord{SessionEventKind::LinkLost, std::nullopt, std::nullopt, why});
        }
        checkSettled();
        return;
    case DeviceState::Handshaking:
    case DeviceState::Stopping:
        return;
    }
}

void SessionController::Impl::onDeviceFault(const device::DeviceFault& f)
{
    if (state == SessionState::Preparing) {
        if (selfTestRunning) {
            return; // the self-test stops the output, clears the fault and reports it in its checks
        }
        failPrepare(AppError{AppError::Kind::Device, QStringLiteral("device: %1 %2").arg(f.message, f.whatToCheck)});
        return;
    }
    if (state == SessionState::Ready) {
        dropPlan(f.message);
        return;
    }
    if (state != SessionState::Starting && state != SessionState::Running && state != SessionState::Paused
        && state != SessionState::Stopping) {
        return;
    }
    SessionEndReason reason = SessionEndReason::Fault;
    SessionEventKind kind = SessionEventKind::Fault;
    QString kindText = QStringLiteral("fault");
    if (f.kind == device::FaultKind::LinkLost || f.kind == device::FaultKind::DeviceSilent) {
        reason = SessionEndReason::LinkLost;
        kind = SessionEventKind::LinkLost;
        kindText = QStringLiteral("link_lost");
    } else if (f.kind == device::FaultKind::ElectrodeError) {
        kind = SessionEventKind::Electrode;
        kindText = QStringLiteral("electrode");
    }
    // Q_EMIT expands to nothing, so clang-tidy 14 measures this statement from the column after it, where the
    // else-if above starts, and takes it for that branch's body (readability-misleading-indentation false positive).
    // NOLINTNEXTLINE(readability-misleading-indentation)
    Q_EMIT q.faultRaised(SessionFault{kindText, f.channel, f.message, f.whatToCheck});
    const QString detail = QStringLiteral("%1 (%2)").arg(f.message, QString::fromUtf8(device::toString(f.kind).data()));
    endWith(reason, detail,
        SessionEventRecord{kind, f.channel > 0 ? std::optional<int>(f.channel) : std::nullopt, std::nullopt, detail});
}

void SessionController::Impl::onRequestRefused(const QString& reason)
{
    if (state == SessionState::Preparing) {
        if (selfTestRunning) {
            return; // the self-test's own programme: it records the refusal as a failed check
        }
        failPrepare(AppError{
            AppError::Kind::Device, QStringLiteral("device: %1 refused the programme: %2").arg(deviceId, reason)});
        return;
    }
    if (ending) {
        startInFlight = false; // a start that the stop overtook was refused: nothing runs
        checkSettled();
        return;
    }
    if (state == SessionState::Running || state == SessionState::Paused || state == SessionState::Starting) {
        // The device and this controller no longer agree on what runs (CLINICAL §1.3: mismatch ⇒ stop).
        const QString why = QStringLiteral("the stimulator refused a request: ") + reason;
        endWith(
            SessionEndReason::Fault, why, SessionEventRecord{SessionEventKind::Fault, std::nullopt, std::nullopt, why});
    }
}

void SessionController::Impl::onSessionStarted(qint64 id)
{
    sessionId = id;
    summary.sessionId = id;
    Q_EMIT q.started(id);
    if (ending) {
        checkSettled(); // stopped (or faulted) while the start was being recorded: output never began
        if (!endPosted) {
            settleTimer.start();
        }
        return;
    }
    if (device == nullptr || device->state() != DeviceState::Armed) {
        const QString why = QStringLiteral("the device left the armed state before output began");
        endWith(
            SessionEndReason::Fault, why, SessionEventRecord{SessionEventKind::Fault, std::nullopt, std::nullopt, why});
        return;
    }
    setState(SessionState::Running);
    tickTimer.start();
    beginOutput(QStringLiteral("start"));
}

void SessionController::Impl::beginOutput(const QString& why)
{
    startInFlight = true;
    device->start();
    if (why == QStringLiteral("resume")) {
        post(SessionEventRecord{SessionEventKind::Resume, std::nullopt, std::nullopt,
            QStringLiteral("resumed by %1").arg(request->user.username)});
    }
    for (const core::ChannelProgram& c : running->program().channels) {
        const int ch = c.channel.index();
        const qint64 setpoint = c.train.amplitude.value();
        status[ch].channel = ch;
        status[ch].setpointUa = setpoint;
        post(SessionEventRecord{SessionEventKind::Amplitude, ch, setpoint,
            QStringLiteral("%1: ramp from 0 to %2 over %3 s")
                .arg(why, milliampsText(setpoint), QString::number(core::toSeconds(c.startRamp), 'g', 3))});
    }
}

void SessionController::Impl::beginSegment()
{
    const nanoseconds now = clock.monotonic();
    segmentStart = now;
    accumulator.beginSegment(toUs(now), roundUpToSecondUs(elapsedBefore));
    rampDoneAt.clear();
    for (const core::ChannelProgram& c : running->program().channels) {
        rampDoneAt[c.channel.index()] = now + duration_cast<nanoseconds>(microseconds(c.startRamp.value()));
    }
    if (!tickTimer.isActive()) {
        tickTimer.start();
    }
}

void SessionController::Impl::closeSegment()
{
    drainTelemetry();
    if (segmentStart) {
        elapsedBefore += clock.monotonic() - *segmentStart;
        segmentStart.reset();
    }
    rampDoneAt.clear();
}

void SessionController::Impl::drainTelemetry(bool publish)
{
    if (device == nullptr) {
        return;
    }
    device::TelemetrySample s;
    QList<PulseSample> drained;
    while (device->telemetry().tryPop(s)) {
        const bool measured = (s.flags & device::kTelemetryMeasured) != 0;
        const std::optional<qint64> measuredUa = measured ? std::optional<qint64>(s.measuredUa) : std::nullopt;
        const PulseSample pulse{s.timeUs, s.channel, s.commandedUa, measuredUa};
        accumulator.add(pulse);
        drained.append(pulse);
        const auto found = status.find(s.channel);
        if (found == status.end()) {
            continue;
        }
        ChannelStatus& st = found->second;
        st.commandedUa = s.commandedUa;
        st.measuredUa = measuredUa;
        st.ramping = (s.flags & device::kTelemetryRamping) != 0;
        st.electrodeError = (s.flags & device::kTelemetryElectrodeError) != 0;
        st.deviating = (s.flags & device::kTelemetryDeviation) != 0;
        st.outputPresent = measuredUa.value_or(s.commandedUa) > 0;
    }
    if (publish && !drained.isEmpty()) {
        Q_EMIT q.pulsesDrained(drained);
    }
}

void SessionController::Impl::tick()
{
    drainTelemetry();
    if (segmentStart && !ending && !pausing) {
        const nanoseconds now = clock.monotonic();
        const auto settled = accumulator.takeSettledSeconds(toUs(now));
        if (!settled.isEmpty()) {
            postSummaries(settled);
        }
        for (auto it = rampDoneAt.begin(); it != rampDoneAt.end();) {
            if (now < it->second) {
                ++it;
                continue;
            }
            const ChannelStatus& st = status[it->first];
            post(SessionEventRecord{SessionEventKind::Amplitude, it->first, st.setpointUa,
                QStringLiteral("start ramp complete at %1 (commanded now %2)")
                    .arg(milliampsText(st.setpointUa), milliampsText(st.commandedUa))});
            it = rampDoneAt.erase(it);
        }
        if (elapsed() >= milliseconds(durationMs())) {
            endWith(SessionEndReason::Completed, QString(), std::nullopt);
        }
    }
    publish(false);
}

void SessionController::Impl::publish(bool force)
{
    const nanoseconds now = clock.monotonic();
    if (!force && now - lastPublish < kPublishInterval) {
        return;
    }
    lastPublish = now;
    const bool delivering = device != nullptr && device::mayDeliver(device->state());
    for (auto& [channel, st] : status) {
        if (!delivering) {
            st.outputPresent = false;
            st.ramping = false;
        }
        Q_EMIT q.channelStatusChanged(st);
    }
    Q_EMIT q.progressChanged(q.progress());
}

void SessionController::Impl::onPaused()
{
    pausing = false;
    closeSegment();
    postSummaries(accumulator.takeAllSeconds());
    post(SessionEventRecord{SessionEventKind::Pause, std::nullopt, std::nullopt,
        QStringLiteral("paused by %1").arg(request->user.username)});
    setState(SessionState::Paused);
    publish(true);
}

} // namespace galvani::app
