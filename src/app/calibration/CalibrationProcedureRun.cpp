// SPDX-License-Identifier: GPL-3.0-or-later
// CalibrationProcedure: the run itself — connect, self-test, per channel as found, fit, as left, record.
#include "app/DeviceUrlCheck.h"
#include "app/calibration/CalibrationProcedureImpl.h"
#include "app/calibration/CalibrationService.h"
#include "app/calibration/CalibrationText.h"
#include "app/calibration/ChannelEvaluation.h"
#include "app/calibration/TestLoadProgram.h"
#include "app/store/RecordStore.h"
#include "core/Clock.h"

#include <QDateTime>

#include <chrono>
#include <cmath>

namespace galvani::app {

namespace {

using namespace std::chrono_literals;

// Measured pulses averaged per point: 16 pulses of 20 µA noise give about 5 µA on the mean.
constexpr int kPulsesPerPoint = 16;
// From configure to the last pulse of a 50 mA point: ramp (≤ 1 s at 100 Hz in 0.5 mA steps) plus margin.
constexpr std::chrono::milliseconds kPointTimeout = 15s;
// The channel timer: the kernel's minimum for a measured point (stopped long before), longer when the technician
// reads a meter; the device ends the output by itself if a reading never comes.
constexpr core::Microseconds kMeasuredTimer{60'000'000};
constexpr core::Microseconds kManualTimer{600'000'000};

qint64 utcMs(const core::Clock& clock)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(clock.utcNow().time_since_epoch()).count();
}

} // namespace

void CalibrationProcedure::Impl::setStep(Step s)
{
    step = s;
    if (s == Step::AwaitingReading) {
        reading.reset();
    }
    Q_EMIT q->stepChanged(s);
}

void CalibrationProcedure::Impl::onDeviceState(device::DeviceState state)
{
    if (step == Step::Connecting && state == device::DeviceState::Idle && identity) {
        connectTimeout.stop();
        onConnected();
    }
}

void CalibrationProcedure::Impl::onConnected()
{
    const device::DeviceIdentity id = identity.value_or(device::DeviceIdentity{});
    // The same rule as the therapy session's, so this run's records are the ones a session checks. The serial typed
    // in the setup is in the address as its device-serial option (CalibrationService::begin).
    const QString reported = id.deviceId.trimmed();
    if (const QString typed = setup.deviceSerial.trimmed();
        !typed.isEmpty() && !reported.isEmpty() && typed != reported) {
        fail(QStringLiteral("the device reports serial %1, not %2 as given").arg(reported, typed));
        return;
    }
    auto serial = detail::deviceSerialOf(id, address);
    if (!serial.ok()) {
        fail(reported.isEmpty() ? serial.error().message + QStringLiteral(" (or give it as the device serial)")
                                : serial.error().message);
        return;
    }
    run.deviceSerial = std::move(serial).value();
    for (const int ch : setup.channels) {
        if (id.channels > 0 && ch > id.channels) {
            fail(QStringLiteral("channel %1 is outside 1..%2 on this device").arg(ch).arg(id.channels));
            return;
        }
    }
    run.firmware = id.firmware.isEmpty() ? QStringLiteral("not reported") : id.firmware;
    run.setup = setup;
    const auto& clock = service->store().clock();
    run.dueUtcMs
        = QDateTime::fromMSecsSinceEpoch(utcMs(clock), Qt::UTC).addMonths(setup.intervalMonths).toMSecsSinceEpoch();
    summary.deviceSerial = run.deviceSerial;
    summary.firmware = run.firmware;
    selfTest = std::make_unique<calibration::SelfTestRun>(*device, clock);
    QObject::connect(selfTest.get(), &calibration::SelfTestRun::finished, q,
        [this](const SelfTestReport& report) { onSelfTest(report); });
    setStep(Step::SelfTest);
    selfTest->start(id, hardware, setup.channels, QString::fromStdString(address.toUrl()));
}

void CalibrationProcedure::Impl::onSelfTest(const SelfTestReport& report)
{
    SelfTestReport recorded = report;
    recorded.deviceSerial = run.deviceSerial;
    summary.selfTest = recorded;
    if (const auto written = service->recordSelfTest(user, recorded); !written.ok()) {
        fail(QStringLiteral("the self-test could not be recorded: ") + written.error().message);
        return;
    }
    Q_EMIT q->selfTestFinished(recorded);
    if (!abortReason.isEmpty()) {
        endRun(false);
        return;
    }
    channelIndex = 0;
    setStep(Step::ReadyForChannel);
}

void CalibrationProcedure::Impl::beginChannel()
{
    points.clear();
    gain.reset();
    offsetUa.reset();
    correction.reset();
    phase = PointPhase::AsFound;
    pointIndex = 0;
    // Marked before any output: a crash from here on leaves this "incomplete" record, which changes nothing.
    const auto attempt = calibration::recordIncomplete(
        service->store(), user, run, channel(), {}, QStringLiteral("started; the completed record follows"));
    if (!attempt.ok()) {
        fail(QStringLiteral("the attempt could not be recorded: ") + attempt.error().message);
        return;
    }
    channelOpen = true;
    setStep(Step::Measuring);
    drivePoint();
}

void CalibrationProcedure::Impl::drivePoint()
{
    const qint64 set = setup.pointsUa[pointIndex];
    const qint64 command = phase == PointPhase::AsFound
        ? set
        : correction->command(core::Microamps(set), core::Microamps(gridUa)).value();
    calibration::TestLoadRequest request;
    request.channels = {channel()};
    request.amplitudes = {core::Microamps(command)};
    request.phaseWidth = core::Microseconds(setup.pulseWidthUs);
    request.frequency = core::Hertz(setup.frequencyHz);
    request.load = core::Ohms(setup.loadOhms);
    const bool manual = setup.mode == MeasurementMode::Manual;
    request.timer = manual ? kManualTimer : kMeasuredTimer;
    QString error;
    const auto program = calibration::testLoadProgram(hardware, request, &error);
    if (!program) {
        fail(QStringLiteral("channel %1 at %2: %3")
                 .arg(channel())
                 .arg(calibration::milliampsText(static_cast<double>(command)), error));
        return;
    }
    pending = PendingReading{channel(), phase, set, command};
    driver->run(*program, {{channel(), command}}, manual ? 0 : kPulsesPerPoint, kPointTimeout);
}

void CalibrationProcedure::Impl::onDriven(const calibration::DriveOutcome& outcome)
{
    if (!abortReason.isEmpty()) {
        endRun(false);
        return;
    }
    const int ch = channel();
    if (!outcome.completed) {
        const bool deviation = outcome.fault && outcome.fault->kind == device::FaultKind::DeliveryDeviation
            && (outcome.fault->channel == ch || outcome.fault->channel == 0)
            && device->state() == device::DeviceState::Idle;
        if (!deviation) {
            fail(outcome.error.isEmpty() ? QStringLiteral("the stimulator stopped the point") : outcome.error);
            return;
        }
        // The device's own monitor stopped a channel delivering far from what was commanded: that is a
        // measurement, and a failing one. Record the last pulse it measured.
        const auto it = outcome.readings.find(ch);
        const bool haveLast = it != outcome.readings.end() && it->second.lastMeasuredUa;
        const qint64 commanded = haveLast ? *it->second.lastCommandedUa : pending->commandedUa;
        const double measured = haveLast ? static_cast<double>(*it->second.lastMeasuredUa) : 0.0;
        auto point
            = calibration::evaluatePoint(setup, ch, phase, phase == PointPhase::AsFound ? commanded : pending->setUa,
                commanded, measured, haveLast ? 1 : 0, std::nullopt, std::nullopt);
        point.passed = false;
        points.append(point);
        Q_EMIT q->pointMeasured(point);
        finishChannel(
            false, QStringLiteral("the stimulator's delivery monitor stopped the output: ") + outcome.fault->message);
        return;
    }
    const bool manual = setup.mode == MeasurementMode::Manual;
    if (manual && !reading) {
        fail(QStringLiteral("the output stopped before a reading was entered"));
        return;
    }
    const auto it = outcome.readings.find(ch);
    const calibration::ChannelReading none;
    const calibration::ChannelReading& delivered = it != outcome.readings.end() ? it->second : none;
    const double measured = manual ? reading->measuredUa : delivered.meanUa();
    const int pulses = manual ? 0 : delivered.pulses;
    // Device mode: the width where the device samples its pulses. The rate is the host's in low level (each pulse
    // fires when its command arrives), so the device has none of its own to measure.
    const auto width = manual ? reading->widthUs : delivered.meanWidthUs();
    const auto rate = manual ? reading->frequencyHz : std::nullopt;
    const auto point = calibration::evaluatePoint(
        setup, ch, phase, pending->setUa, pending->commandedUa, measured, pulses, width, rate);
    points.append(point);
    pending.reset();
    Q_EMIT q->pointMeasured(point);
    if (++pointIndex < setup.pointsUa.size()) {
        setStep(Step::Measuring);
        drivePoint();
        return;
    }
    if (phase == PointPhase::AsFound) {
        afterAsFound();
        return;
    }
    const QString failure = calibration::firstFailure(points);
    finishChannel(failure.isEmpty(), failure);
}

void CalibrationProcedure::Impl::afterAsFound()
{
    const auto verdict = calibration::fitAsFound(points);
    gain = verdict.gain;
    offsetUa = verdict.offsetUa;
    if (!verdict.correction) {
        finishChannel(false, verdict.problem);
        return;
    }
    if (const QString failure = calibration::firstFailure(points); !failure.isEmpty()) {
        finishChannel(false, failure);
        return;
    }
    correction = verdict.correction;
    phase = PointPhase::AsLeft;
    pointIndex = 0;
    setStep(Step::Measuring);
    drivePoint();
}

void CalibrationProcedure::Impl::finishChannel(bool passed, const QString& reason)
{
    ChannelCalibrationResult result;
    result.channel = channel();
    result.passed = passed;
    result.reason = reason;
    result.gain = gain;
    result.offsetUa = offsetUa;
    result.points = points;
    if (const auto written = calibration::recordFinished(service->store(), user, run, result); !written.ok()) {
        fail(QStringLiteral("channel %1 could not be recorded: %2").arg(result.channel).arg(written.error().message));
        return;
    }
    channelOpen = false;
    summary.channels.append(result);
    Q_EMIT q->channelFinished(result);
    if (++channelIndex < setup.channels.size()) {
        setStep(Step::ReadyForChannel);
        return;
    }
    endRun(true);
}

void CalibrationProcedure::Impl::fail(const QString& reason)
{
    if (abortReason.isEmpty()) {
        abortReason = reason;
    }
    if (driver && driver->busy()) {
        driver->cancel(abortReason);
        return;
    }
    endRun(false);
}

void CalibrationProcedure::Impl::endRun(bool completed)
{
    if (step == Step::Finished || step == Step::Aborted) {
        return;
    }
    connectTimeout.stop();
    if (!completed && channelOpen) {
        // The channel under way keeps its attempt marked incomplete, now with the points measured and why.
        const auto written = calibration::recordIncomplete(service->store(), user, run, channel(), points, abortReason);
        if (!written.ok()) {
            abortReason
                += QStringLiteral(" (and the partial record could not be written: %1)").arg(written.error().message);
        }
        channelOpen = false;
    }
    if (selfTest) {
        // Possibly inside its own finished() signal: delete it from the event loop, not here, and hear no more.
        QObject::disconnect(selfTest.get(), nullptr, q, nullptr);
        selfTest.release()->deleteLater();
    }
    summary.completed = completed;
    summary.abortReason = completed ? QString() : abortReason;
    if (device) {
        device->disconnectDevice();
    }
    setStep(completed ? Step::Finished : Step::Aborted);
    Q_EMIT q->finished(summary);
}

} // namespace galvani::app
