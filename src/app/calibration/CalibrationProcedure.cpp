// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/calibration/CalibrationProcedure.h"

#include "app/calibration/CalibrationProcedureImpl.h"
#include "app/calibration/CalibrationService.h"
#include "app/calibration/CalibrationText.h"

#include <chrono>
#include <cmath>

namespace galvani::app {

namespace {

using namespace std::chrono_literals;

constexpr std::chrono::milliseconds kConnectTimeout = 8s;
// The largest meter reading accepted, µA (the record's own range check).
constexpr double kMaxReadingUa = 200'000.0;

} // namespace

QString toString(CalibrationProcedure::Step step)
{
    using S = CalibrationProcedure::Step;
    switch (step) {
    case S::NotStarted:
        return QStringLiteral("not started");
    case S::Connecting:
        return QStringLiteral("connecting");
    case S::SelfTest:
        return QStringLiteral("self-test");
    case S::ReadyForChannel:
        return QStringLiteral("ready for channel");
    case S::Measuring:
        return QStringLiteral("measuring");
    case S::AwaitingReading:
        return QStringLiteral("awaiting reading");
    case S::Finished:
        return QStringLiteral("finished");
    case S::Aborted:
        return QStringLiteral("aborted");
    }
    return QStringLiteral("unknown");
}

CalibrationProcedure::CalibrationProcedure(CalibrationService& service, std::unique_ptr<Impl> impl) : d(std::move(impl))
{
    d->service = &service;
    d->q = this;
    d->connectTimeout.setSingleShot(true);
    connect(&d->connectTimeout, &QTimer::timeout, this, [this] {
        d->fail(QStringLiteral("the stimulator did not connect within %1 s").arg(kConnectTimeout.count() / 1000));
    });
}

// Stops output and disconnects (the DeviceService's destructor); writes nothing, exactly like a crash would.
CalibrationProcedure::~CalibrationProcedure() = default;

void CalibrationProcedure::start()
{
    if (d->step != Step::NotStarted) {
        return;
    }
    d->device = std::make_unique<device::DeviceService>(d->address);
    d->driver = std::make_unique<calibration::PointDriver>(*d->device);
    connect(d->driver.get(), &calibration::PointDriver::finished, this,
        [this](const calibration::DriveOutcome& outcome) { d->onDriven(outcome); });
    connect(d->driver.get(), &calibration::PointDriver::holding, this, [this] { d->setStep(Step::AwaitingReading); });
    connect(d->device.get(), &device::DeviceService::stateChanged, this,
        [this](device::DeviceState state) { d->onDeviceState(state); });
    connect(
        d->device.get(), &device::DeviceService::identityChanged, this, [this](const device::DeviceIdentity& identity) {
            d->identity = identity;
            // The controller reports the identity just after it enters idle.
            if (d->step == Step::Connecting && d->device->state() == device::DeviceState::Idle) {
                d->connectTimeout.stop();
                d->onConnected();
            }
        });
    connect(d->device.get(), &device::DeviceService::connectFailed, this, [this](const QString& reason) {
        if (d->step == Step::Connecting) {
            d->fail(QStringLiteral("could not connect: ") + reason);
        }
    });
    connect(d->device.get(), &device::DeviceService::faultRaised, this, [this](const device::DeviceFault& fault) {
        if (d->step == Step::Connecting) {
            d->fail(QStringLiteral("could not connect: ") + fault.message);
        }
    });
    d->setStep(Step::Connecting);
    d->connectTimeout.start(kConnectTimeout);
    d->device->connectDevice();
}

void CalibrationProcedure::runChannel()
{
    if (d->step == Step::ReadyForChannel) {
        d->beginChannel();
    }
}

AppStatus CalibrationProcedure::submitReading(
    double measuredUa, std::optional<double> widthUs, std::optional<double> frequencyHz)
{
    if (d->step != Step::AwaitingReading || !d->pending) {
        return AppError{AppError::Kind::Invalid,
            QStringLiteral("no reading is expected now (the procedure is %1)").arg(toString(d->step))};
    }
    if (!std::isfinite(measuredUa) || measuredUa < 0.0 || measuredUa > kMaxReadingUa) {
        return AppError{AppError::Kind::Invalid,
            QStringLiteral("the measured current must be 0..%1 mA").arg(kMaxReadingUa / 1000.0, 0, 'f', 0)};
    }
    if (widthUs && (!std::isfinite(*widthUs) || *widthUs <= 0.0)) {
        return AppError{AppError::Kind::Invalid, QStringLiteral("the measured pulse width must be above 0 µs")};
    }
    if (frequencyHz && (!std::isfinite(*frequencyHz) || *frequencyHz <= 0.0)) {
        return AppError{AppError::Kind::Invalid, QStringLiteral("the measured rate must be above 0 Hz")};
    }
    d->reading = Impl::Reading{measuredUa, widthUs, frequencyHz};
    d->setStep(Step::Measuring);
    d->driver->release();
    return {};
}

void CalibrationProcedure::abort(const QString& reason)
{
    if (d->step == Step::Finished || d->step == Step::Aborted || !d->abortReason.isEmpty()) {
        return;
    }
    d->abortReason = reason.isEmpty() ? QStringLiteral("aborted by the technician") : reason;
    if (d->driver && d->driver->busy()) {
        // The driver reports back once the output has stopped; onDriven() then ends the run.
        d->driver->cancel(d->abortReason);
        return;
    }
    d->endRun(false);
}

CalibrationProcedure::Step CalibrationProcedure::step() const
{
    return d->step;
}

int CalibrationProcedure::currentChannel() const
{
    return d->step == Step::ReadyForChannel || d->step == Step::Measuring || d->step == Step::AwaitingReading
        ? d->channel()
        : 0;
}

std::optional<PendingReading> CalibrationProcedure::pendingReading() const
{
    return d->step == Step::AwaitingReading ? d->pending : std::nullopt;
}

const CalibrationSummary& CalibrationProcedure::summary() const
{
    return d->summary;
}

const CalibrationSetup& CalibrationProcedure::setup() const
{
    return d->setup;
}

QString CalibrationProcedure::prompt() const
{
    switch (d->step) {
    case Step::NotStarted:
        return QStringLiteral("Start to connect the stimulator.");
    case Step::Connecting:
        return QStringLiteral("Connecting to the stimulator...");
    case Step::SelfTest:
        return QStringLiteral("Running the power-on self-test...");
    case Step::ReadyForChannel:
        return QStringLiteral("Connect the %1 ohm reference load to channel %2, then continue.")
            .arg(d->setup.loadOhms)
            .arg(d->channel());
    case Step::Measuring:
        return QStringLiteral("Measuring channel %1 (%2)...").arg(d->channel()).arg(toString(d->phase));
    case Step::AwaitingReading:
        if (d->pending) {
            return QStringLiteral("Channel %1, %2: %3 set (device command %4). Enter the meter reading in mA.")
                .arg(d->pending->channel)
                .arg(toString(d->pending->phase), calibration::milliampsText(static_cast<double>(d->pending->setUa)),
                    calibration::milliampsText(static_cast<double>(d->pending->commandedUa)));
        }
        return QString();
    case Step::Finished:
        return QStringLiteral("Calibration finished.");
    case Step::Aborted:
        return QStringLiteral("Calibration stopped: %1").arg(d->summary.abortReason);
    }
    return QString();
}

} // namespace galvani::app
