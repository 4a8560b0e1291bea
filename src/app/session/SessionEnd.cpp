// SPDX-License-Identifier: GPL-3.0-or-later
// SessionController: the stop path and the end of a session — output off first, then the record, then the
// acknowledgement — and what happens when the record cannot be written.
#include "app/session/SessionControllerImpl.h"
#include "app/store/RecordStore.h"
#include "device/worker/DeviceService.h"

namespace galvani::app {

using device::DeviceState;
using namespace std::chrono;

void SessionController::Impl::endWith(
    SessionEndReason reason, const QString& detail, std::optional<SessionEventRecord> event)
{
    if (device != nullptr) {
        device->stop(); // output first, whatever the reason; the record follows once the device confirms
    }
    if (ending) {
        return; // the first reason stands
    }
    ending = true;
    pausing = false;
    resuming = false;
    endReason = reason;
    endDetail = detail;
    endEvent = std::move(event);
    setState(SessionState::Stopping);
    if (!sessionId) {
        return; // the start is still being recorded: onSessionStarted() or the failure finishes this
    }
    checkSettled();
    if (!endPosted) {
        settleTimer.start();
    }
}

bool SessionController::Impl::outputSettled() const
{
    if (device == nullptr) {
        return true;
    }
    const DeviceState s = device->state();
    return !startInFlight && s != DeviceState::Stimulating && s != DeviceState::Stopping;
}

void SessionController::Impl::checkSettled()
{
    if (ending && !endPosted && sessionId && outputSettled()) {
        finalizeEnd();
    }
}

void SessionController::Impl::postEnd()
{
    closeSegment();
    postSummaries(accumulator.takeAllSeconds());
    if (endEvent) {
        post(*endEvent);
    }
    QMetaObject::invokeMethod(
        recorder, [r = recorder, reason = toString(endReason), detail = endDetail] { r->endSession(reason, detail); },
        Qt::QueuedConnection);
    endPosted = true;
}

void SessionController::Impl::finalizeEnd()
{
    settleTimer.stop();
    tickTimer.stop();
    postEnd();
    summary.sessionId = sessionId.value_or(0);
    summary.reason = endReason;
    summary.detail = endDetail;
    summary.elapsedMs = duration_cast<milliseconds>(elapsedBefore).count();
    summary.channels = accumulator.totals();
    summary.nprsBefore = request ? request->nprsBefore : std::nullopt;
    summary.outcomePrompt = QStringLiteral("Pain now, from 0 (no pain) to 10 (worst pain imaginable)?");
    publish(true);
}

void SessionController::Impl::onSessionEnded(bool recorded)
{
    summary.recorded = recorded;
    teardownDevice();
    if (lockHeld) {
        store.unlockSessions();
        lockHeld = false;
    }
    setState(SessionState::Ended);
    Q_EMIT q.ended(summary);
}

void SessionController::Impl::onRecorderFailed(const QString& operation, const QString& message)
{
    if (operation == QStringLiteral("outcome")) {
        outcomeTaken = false;
        Q_EMIT q.outcomeRecorded(AppError{AppError::Kind::Storage, QStringLiteral("outcome: ") + message});
        return;
    }
    if (operation == QStringLiteral("start")) {
        const AppError error{AppError::Kind::Storage, QStringLiteral("session record: ") + message};
        if (!ending && device != nullptr && device->state() == DeviceState::Armed) {
            setState(SessionState::Ready); // nothing was recorded and nothing ran: the plan still stands
        } else {
            teardownDevice();
            if (lockHeld) {
                store.unlockSessions();
                lockHeld = false;
            }
            resetSession();
            setState(SessionState::Idle);
        }
        Q_EMIT q.started(error);
        return;
    }
    Q_EMIT q.recordingFailed(message);
    if (operation == QStringLiteral("end")) {
        // The session stays open in the store; the next start on this workstation marks it interrupted.
        summary.detail += QStringLiteral(" (the end could not be recorded: %1)").arg(message);
        onSessionEnded(false);
        return;
    }
    if (!ending && (state == SessionState::Running || state == SessionState::Paused)) {
        // A treatment whose record cannot be kept does not go on.
        const QString why = QStringLiteral("the session record could not be written: ") + message;
        endWith(
            SessionEndReason::Fault, why, SessionEventRecord{SessionEventKind::Fault, std::nullopt, std::nullopt, why});
    }
}

} // namespace galvani::app
