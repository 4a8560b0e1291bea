// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to galvani_app: the state behind a CalibrationProcedure. Only app .cpp files include this header.

#include "app/access/Access.h"
#include "app/calibration/CalibrationProcedure.h"
#include "app/calibration/CalibrationRecords.h"
#include "app/calibration/PointDriver.h"
#include "app/calibration/SelfTestRun.h"
#include "core/calibration/AmplitudeCorrection.h"
#include "core/domain/HardwareCaps.h"
#include "device/controller/DeviceIdentity.h"
#include "device/discovery/DeviceAddress.h"
#include "device/worker/DeviceService.h"

#include <QTimer>

#include <memory>
#include <optional>

namespace galvani::app {

struct CalibrationProcedure::Impl {
    // What begin() checked and learnt from the driver before anything connects.
    SignedInUser user;
    CalibrationSetup setup;
    device::DeviceAddress address;
    core::HardwareCaps hardware;
    qint64 gridUa = 500; // the device's amplitude step
    bool measures = false; // the device measures delivered current

    CalibrationService* service = nullptr;
    CalibrationProcedure* q = nullptr;

    // Declared before the objects that borrow it, so it is destroyed after them.
    std::unique_ptr<device::DeviceService> device;
    std::unique_ptr<calibration::PointDriver> driver;
    std::unique_ptr<calibration::SelfTestRun> selfTest;
    QTimer connectTimeout;

    Step step = Step::NotStarted;
    std::optional<device::DeviceIdentity> identity;
    calibration::RunContext run;
    CalibrationSummary summary;
    QString abortReason; // set once an abort is under way

    // The channel under way.
    qsizetype channelIndex = 0;
    bool channelOpen = false; // its "incomplete" record is written and its result is not
    PointPhase phase = PointPhase::AsFound;
    qsizetype pointIndex = 0;
    QList<CalibrationPointResult> points;
    std::optional<double> gain;
    std::optional<double> offsetUa;
    std::optional<core::calibration::AmplitudeCorrection> correction;
    std::optional<PendingReading> pending;
    struct Reading {
        double measuredUa = 0.0;
        std::optional<double> widthUs;
        std::optional<double> frequencyHz;
    };
    std::optional<Reading> reading;

    [[nodiscard]] int channel() const { return setup.channels.value(channelIndex, 0); }
    void setStep(Step s);
    void onDeviceState(device::DeviceState state);
    void onConnected();
    void onSelfTest(const SelfTestReport& report);
    void beginChannel();
    void drivePoint();
    void onDriven(const calibration::DriveOutcome& outcome);
    void afterAsFound();
    void finishChannel(bool passed, const QString& reason);
    void fail(const QString& reason);
    void endRun(bool completed);
};

} // namespace galvani::app
