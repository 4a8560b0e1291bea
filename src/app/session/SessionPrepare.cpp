// SPDX-License-Identifier: GPL-3.0-or-later
// SessionController: preparation — the request, the record interlocks, the device (connect, identity,
// calibrations, safety kernel, arming) — and the teardown of a plan that will not run.
#include "app/DeviceUrlCheck.h"
#include "app/access/AccessGuard.h"
#include "app/calibration/CalibrationService.h"
#include "app/calibration/CorrectedProgram.h"
#include "app/services/ServiceSupport.h"
#include "app/session/SessionControllerImpl.h"
#include "app/store/RecordStore.h"
#include "core/domain/PresetCatalogue.h"
#include "core/safety/SafetyGuard.h"
#include "db/TimeStamp.h"
#include "device/controller/DriverFactory.h"
#include "device/controller/StimulationPlan.h"
#include "device/worker/DeviceService.h"

#include <QSet>

#include <cmath>

namespace galvani::app {

namespace {

constexpr int kMaxSessionChannels = 8;
constexpr double kMaxPadAreaCm2 = 1000.0;
constexpr int kMaxMrnChars = 64; // the record store's limit

QString knownPresets()
{
    QStringList ids;
    for (const core::Preset& p : core::PresetCatalogue::all()) {
        ids.append(QString::fromUtf8(p.id.data(), static_cast<qsizetype>(p.id.size())));
    }
    return ids.join(QStringLiteral(", "));
}

} // namespace

void SessionController::Impl::setState(SessionState s)
{
    if (state != s) {
        state = s;
        if (s == SessionState::Idle || s == SessionState::Ended) {
            closeRecorder(); // queued after every write of the session, so it runs once they are done
        }
        Q_EMIT q.stateChanged(s);
    }
}

void SessionController::Impl::openRecorder()
{
    recorderError.clear();
    // Blocking: prepare() and recordOutcome() report a store that cannot be opened at once, as before a session
    // starts; opening takes milliseconds and no session is being written at these moments.
    QMetaObject::invokeMethod(recorder, &SessionRecorder::open, Qt::BlockingQueuedConnection);
}

void SessionController::Impl::closeRecorder()
{
    QMetaObject::invokeMethod(recorder, &SessionRecorder::closeConnection, Qt::QueuedConnection);
}

AppResult<SessionController::Impl::CheckedRequest> SessionController::Impl::validateRequest(const SessionRequest& r)
{
    // An MRN no patient can have is a bad value (the record store's limits), not an unknown patient.
    if (r.patientMrn.trimmed().isEmpty()) {
        return detail::invalidInput(QStringLiteral("patient: the MRN is required"));
    }
    if (r.patientMrn.size() > kMaxMrnChars || r.patientMrn.contains(QChar(u'\0'))) {
        return detail::invalidInput(QStringLiteral("patient: an MRN has 1 to %1 characters and no NUL; this one has %2")
                                        .arg(kMaxMrnChars)
                                        .arg(r.patientMrn.size()));
    }
    if (r.channels.isEmpty() || r.channels.size() > kMaxSessionChannels) {
        return detail::invalidInput(
            QStringLiteral("channels: give 1 to %1 channels, got %2").arg(kMaxSessionChannels).arg(r.channels.size()));
    }
    const core::Preset* found = core::PresetCatalogue::find(r.presetId.toStdString());
    if (found == nullptr) {
        return detail::invalidInput(
            QStringLiteral("preset: unknown id '%1'; known: %2").arg(r.presetId, knownPresets()));
    }
    QSet<int> seen;
    for (const ChannelRequest& c : r.channels) {
        if (c.channel < 1 || c.channel > kMaxSessionChannels) {
            return detail::invalidInput(
                QStringLiteral("channel: %1 is outside 1–%2").arg(c.channel).arg(kMaxSessionChannels));
        }
        if (seen.contains(c.channel)) {
            return detail::invalidInput(QStringLiteral("channel %1: given twice").arg(c.channel));
        }
        seen.insert(c.channel);
        if (c.siteId.trimmed().isEmpty()) {
            return detail::invalidInput(
                QStringLiteral("channel %1: the site id is empty (e.g. left-lumbar-multifidus)").arg(c.channel));
        }
        const qint64 maxUa = found->amplitude.max.value();
        if (c.targetUa <= 0 || c.targetUa > maxUa) {
            return detail::invalidInput(QStringLiteral("channel %1: target amplitude %2 is outside 0.001–%3")
                                            .arg(c.channel)
                                            .arg(milliampsText(c.targetUa), milliampsText(maxUa)));
        }
        if (c.padAreaCm2 && (!std::isfinite(*c.padAreaCm2) || *c.padAreaCm2 <= 0.0 || *c.padAreaCm2 > kMaxPadAreaCm2)) {
            return detail::invalidInput(QStringLiteral("channel %1: pad area %2 cm² is outside 0–%3 cm²")
                                            .arg(c.channel)
                                            .arg(*c.padAreaCm2)
                                            .arg(kMaxPadAreaCm2));
        }
    }
    if (r.durationS < 1 || r.durationS > kSessionDurationMaxS) {
        return detail::invalidInput(
            QStringLiteral("duration: %1 s is outside 1 s – %2 min").arg(r.durationS).arg(kSessionDurationMaxS / 60));
    }
    if (r.nprsBefore && (*r.nprsBefore < 0 || *r.nprsBefore > 10)) {
        return detail::invalidInput(QStringLiteral("NPRS before: %1 is outside 0–10").arg(*r.nprsBefore));
    }
    // Every part of the URL, the simulator's options included, before anything connects.
    auto checked = detail::checkDeviceUrl(r.deviceUrl);
    if (const auto* bad = std::get_if<QString>(&checked)) {
        return detail::invalidInput(*bad);
    }
    auto& urlDevice = std::get<detail::CheckedDevice>(checked);
    const auto& info = urlDevice.driver->info();
    const qint64 grid = std::max<qint64>(info.amplitudeGrid.value(), 1);
    for (const ChannelRequest& c : r.channels) {
        if (c.targetUa % grid != 0) {
            return detail::invalidInput(
                QStringLiteral("channel %1: target amplitude %2 µA is not a multiple of the device's "
                               "%3 µA step")
                    .arg(c.channel)
                    .arg(c.targetUa)
                    .arg(grid));
        }
    }
    return CheckedRequest{found, std::move(urlDevice.address), device::hardwareCaps(info.capabilities), grid};
}

void SessionController::Impl::createDevice()
{
    device = new device::DeviceService(*address, &q);
    const quint64 generation = ++deviceGeneration;
    auto current = [this, generation] { return generation == deviceGeneration; };
    QObject::connect(device, &device::DeviceService::stateChanged, &q, [this, current](device::DeviceState s) {
        if (current()) {
            onDeviceState(s);
        }
    });
    QObject::connect(device, &device::DeviceService::faultRaised, &q, [this, current](const device::DeviceFault& f) {
        if (current()) {
            onDeviceFault(f);
        }
    });
    QObject::connect(
        device, &device::DeviceService::identityChanged, &q, [this, current](const device::DeviceIdentity& id) {
            // Once only: a device that re-identifies during its self-test (clearing a fault) is not prepared twice.
            if (current() && state == SessionState::Preparing && !configureSent && !selfTestRunning
                && !selfTestReport) {
                continuePrepare(id);
            }
        });
    QObject::connect(device, &device::DeviceService::connectFailed, &q, [this, current](const QString& reason) {
        if (current() && state == SessionState::Preparing) {
            failPrepare(AppError{AppError::Kind::Device,
                QStringLiteral("device: %1 is not reachable: %2").arg(request->deviceUrl, reason)});
        }
    });
    QObject::connect(device, &device::DeviceService::requestRefused, &q, [this, current](const QString& reason) {
        if (current()) {
            onRequestRefused(reason);
        }
    });
    QObject::connect(device, &device::DeviceService::amplitudeCommanded, &q,
        [this, current](int channel, qint64 commandedUa, qint64) {
            if (current() && status.contains(channel)) {
                status[channel].commandedUa = commandedUa;
                accumulator.noteCommanded(channel, commandedUa);
            }
        });
}

void SessionController::Impl::continuePrepare(const device::DeviceIdentity& id)
{
    identity = id;
    // Calibrations and self-tests are checked under the same serial the technician's procedure records them under.
    auto serial = detail::deviceSerialOf(id, *address);
    if (!serial.ok()) {
        failPrepare(serial.error());
        return;
    }
    deviceId = std::move(serial).value();
    const auto unsupported = preset->unsupportedBy(hardware);
    if (!unsupported.empty()) {
        QStringList reasons;
        for (const auto& r : unsupported) {
            reasons.append(QString::fromStdString(r));
        }
        failPrepare(AppError{AppError::Kind::Device,
            QStringLiteral("device: %1 cannot deliver this preset: %2")
                .arg(deviceId, reasons.join(QStringLiteral("; ")))});
        return;
    }
    for (const ChannelRequest& c : request->channels) {
        if (c.channel > id.channels) {
            failPrepare(detail::invalidInput(
                QStringLiteral("channel %1: device %2 has %3 channels").arg(c.channel).arg(deviceId).arg(id.channels)));
            return;
        }
    }
    startSelfTest();
}

void SessionController::Impl::startSelfTest()
{
    // Every channel of the device, so a fault on one the session does not use is found and recorded as well.
    QList<int> channels;
    for (int ch = 1; ch <= identity->channels; ++ch) {
        channels.append(ch);
    }
    selfTest = std::make_unique<calibration::SelfTestRun>(*device, store.clock());
    selfTestRunning = true;
    QObject::connect(selfTest.get(), &calibration::SelfTestRun::finished, &q,
        [this](const SelfTestReport& report) { onSelfTest(report); });
    selfTest->start(*identity, hardware, channels, request->deviceUrl, SelfTestScope::Therapy);
}

void SessionController::Impl::discardSelfTest()
{
    selfTestRunning = false;
    if (selfTest) {
        // Possibly inside its own finished() signal: delete it from the event loop, not here, and hear no more.
        QObject::disconnect(selfTest.get(), nullptr, &q, nullptr);
        selfTest.release()->deleteLater();
    }
}

void SessionController::Impl::onSelfTest(const SelfTestReport& report)
{
    discardSelfTest();
    if (state != SessionState::Preparing || device == nullptr) {
        return;
    }
    SelfTestReport recorded = report;
    recorded.deviceSerial = deviceId;
    selfTestReport = recorded;
    // Recorded whatever it found, before anything is decided (audit row self_test, scope "therapy", run at
    // session start: the technician's self-test history).
    CalibrationService calibrationService(store);
    if (const auto written = calibrationService.recordSelfTest(request->user, recorded); !written.ok()) {
        failPrepare(AppError{AppError::Kind::Storage,
            QStringLiteral("self-test: the report could not be recorded: ") + written.error().message});
        return;
    }
    QSet<int> used;
    for (const ChannelRequest& c : request->channels) {
        used.insert(c.channel);
    }
    QStringList refusals;
    for (const SelfTestCheck& c : recorded.checks) {
        if (c.outcome != CheckOutcome::Failed) {
            continue;
        }
        if (c.channel == 0) {
            refusals.append(QStringLiteral("%1 check failed: %2").arg(c.name, c.detail));
        } else if (used.contains(c.channel)) {
            // A failed check on a channel the session does not use is only recorded (above).
            const QString check = c.name == QStringLiteral("zero output") ? QStringLiteral("zero-output") : c.name;
            refusals.append(QStringLiteral("channel %1: %2 check failed: %3").arg(c.channel).arg(check, c.detail));
        }
    }
    if (!refusals.isEmpty()) {
        failPrepare(AppError{AppError::Kind::Interlock,
            QStringLiteral("self-test of device %1: %2; no stimulation until a technician has checked the device")
                .arg(deviceId, refusals.join(QStringLiteral("; ")))});
        return;
    }
    if (device->state() != device::DeviceState::Idle) {
        failPrepare(AppError{AppError::Kind::Device,
            QStringLiteral("device: %1 did not return to idle after its self-test (it is %2)")
                .arg(deviceId, QString::fromUtf8(device::toString(device->state()).data()))});
        return;
    }
    continueAfterSelfTest();
}

void SessionController::Impl::continueAfterSelfTest()
{
    const device::DeviceIdentity& id = *identity;
    QList<int> channels;
    for (const ChannelRequest& c : request->channels) {
        channels.append(c.channel);
    }
    auto checked = checkCalibrations(store, request->user, deviceId, channels);
    if (!checked.ok()) {
        failPrepare(checked.error());
        return;
    }
    calibrations = std::move(checked).value();
    limits = sessionLimits(hardware, records->channels, calibrations, clinicCaps);
    const auto verdict = core::safety::SafetyGuard::validate(program->program, *limits);
    if (!verdict.accepted()) {
        failPrepare(detail::invalidInput(QStringLiteral("safety kernel: ") + violationsText(verdict.violations())));
        return;
    }
    running = *verdict.program();
    // The device gets the corrected commands (issue #8: the fitted gain/offset corrects commanded amplitude),
    // checked by the kernel as well; the calibration cap moves with them.
    QList<ChannelCalibration> deviceCaps = calibrations;
    for (ChannelCalibration& c : deviceCaps) {
        if (c.calibratedMaxUa) {
            c.calibratedMaxUa = std::max(*c.calibratedMaxUa, c.commandUa(*c.calibratedMaxUa, amplitudeGridUa));
        }
    }
    // The clinic's amplitude limit is about the current the patient receives, i.e. the target (checked above); the
    // device command through the calibration correction may lie above it, as it may above the calibrated top.
    core::safety::Caps clinicForDevice = clinicCaps;
    clinicForDevice.amplitudeMax.reset();
    deviceLimits = sessionLimits(hardware, records->channels, deviceCaps, clinicForDevice);
    const auto corrected
        = core::safety::SafetyGuard::validate(calibration::withDeviceCommands(running->program(),
                                                  [this](int ch, qint64 targetUa) { return commandFor(ch, targetUa); }),
            *deviceLimits);
    if (!corrected.accepted()) {
        failPrepare(detail::invalidInput(QStringLiteral("safety kernel (calibration-corrected commands): ")
            + violationsText(corrected.violations())));
        return;
    }
    deviceRunning = *corrected.program();
    for (const auto& [channel, chargeTime] : program->phaseChargeTimeUs) {
        accumulator.addChannel(channel, chargeTime);
    }

    SessionPlan p;
    p.patientId = records->patientId;
    p.patientMrn = records->mrn;
    p.patientName = records->name;
    p.patientBirthDate = records->birthDate;
    p.screeningId = records->screeningId;
    p.screeningValidUntilUtcMs = records->screeningValidUntilUtcMs;
    p.presetId = request->presetId;
    p.presetName = presetName();
    p.programSummary = program->summary;
    p.deviceUrl = request->deviceUrl;
    p.deviceId = deviceId;
    p.deviceModel = id.model;
    p.firmware = id.firmware;
    p.measuresDeliveredCurrent = id.measuresDeliveredCurrent;
    p.durationS = request->durationS;
    p.notices = program->notices;
    if (selfTestReport) {
        p.selfTestSummary = QStringLiteral("therapy self-test at session start: ") + selfTestReport->summary();
        for (const SelfTestCheck& c : selfTestReport->checks) {
            if (c.name == QStringLiteral("battery") && c.outcome == CheckOutcome::Warning) {
                p.batteryWarning = QStringLiteral("battery: ") + c.detail;
                p.notices.append(p.batteryWarning);
            }
        }
    }
    for (int i = 0; i < request->channels.size(); ++i) {
        const ChannelRequest& c = request->channels.at(i);
        const PlacedChannel& placed = records->channels.at(i);
        const ChannelCalibration& cal = calibrations.at(i);
        ChannelPlan cp;
        cp.channel = c.channel;
        cp.siteId = placed.siteId;
        cp.targetUa = c.targetUa;
        const auto* out = running->output(c.channel);
        cp.amplitudeMaxUa = out != nullptr ? out->amplitudeMax.value() : 0;
        cp.placementId = placed.placementId;
        cp.referencePlacementId = placed.referencePlacementId;
        cp.padAreaCm2 = placed.padAreaCm2;
        cp.calibrationId = cal.calibrationId;
        cp.calibrationNote = cal.note;
        if (!cal.calibrationId) {
            p.notices.append(
                QStringLiteral("channel %1: no calibration of device %2 is on record").arg(c.channel).arg(deviceId));
        }
        p.channels.append(cp);
    }
    for (const auto& w : verdict.warnings()) {
        p.notices.append(QString::fromStdString(w.message));
    }
    plan = p;
    configureSent = true;
    device->configure(*deviceRunning);
}

void SessionController::Impl::finishPrepare()
{
    prepareTimer.stop();
    setState(SessionState::Ready);
    Q_EMIT q.prepared(*plan);
}

void SessionController::Impl::failPrepare(const AppError& error)
{
    prepareTimer.stop();
    teardownDevice();
    if (lockHeld) {
        store.unlockSessions();
        lockHeld = false;
    }
    resetSession();
    setState(SessionState::Idle);
    Q_EMIT q.prepared(error);
}

void SessionController::Impl::dropPlan(const QString& why)
{
    Q_EMIT q.faultRaised(SessionFault{QStringLiteral("fault"), 0, why, QString()});
    teardownDevice();
    if (lockHeld) {
        store.unlockSessions();
        lockHeld = false;
    }
    resetSession();
    setState(SessionState::Idle);
}

void SessionController::Impl::teardownDevice()
{
    if (device == nullptr) {
        return;
    }
    ++deviceGeneration;
    // Closing the link stops any output first; the service joins its thread when it is deleted.
    device->disconnectDevice();
    device->deleteLater();
    device = nullptr;
}

QString SessionController::Impl::presetName() const
{
    if (preset == nullptr) {
        return QString();
    }
    return clinicPresetName.isEmpty()
        ? presetDisplayName(*preset)
        : QStringLiteral("%1 (clinic preset on %2)").arg(clinicPresetName, presetDisplayName(*preset));
}

void SessionController::Impl::resetSession()
{
    request.reset();
    preset = nullptr;
    clinicPresetName.clear();
    records.reset();
    program.reset();
    address.reset();
    identity.reset();
    deviceId.clear();
    calibrations.clear();
    clinicCaps = core::safety::Caps{};
    deviceLimits.reset();
    deviceRunning.reset();
    limits.reset();
    running.reset();
    plan.reset();
    discardSelfTest();
    selfTestReport.reset();
    configureSent = false;
    sessionId.reset();
    startInFlight = false;
    pausing = false;
    resuming = false;
    elapsedBefore = std::chrono::nanoseconds{0};
    segmentStart.reset();
    accumulator = TelemetryAccumulator{};
    status.clear();
    rampDoneAt.clear();
    ending = false;
    endPosted = false;
    endReason = SessionEndReason::Completed;
    endDetail.clear();
    endEvent.reset();
    summary = SessionSummary{};
    outcomeTaken = false;
}

} // namespace galvani::app
