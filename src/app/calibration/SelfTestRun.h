// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to galvani_app: the power-on self-test on a connected DeviceService. Whoever connects a device for
// calibration or therapy runs it once the device is idle, and hands the report to
// CalibrationService::recordSelfTest().

#include "app/calibration/SelfTestReport.h"

#include <QList>
#include <QObject>

#ifndef Q_MOC_RUN // moc cannot parse the C++20 headers the core types include
#include "core/domain/HardwareCaps.h"
#include "device/controller/DeviceIdentity.h"
#endif

#include <memory>

namespace galvani::core {
class Clock;
}
namespace galvani::device {
class DeviceService;
}

namespace galvani::app::calibration {

class PointDriver;
struct DriveOutcome;

// The checks, in order (issue #8 §4, CLINICAL.md §6):
//  1. handshake: the device identified itself (protocol, drive level, firmware, serial);
//  2. battery: reported level at or above 20 % (a warning below, never a lock: mains units report none);
//  3. zero output (measuring devices): every channel driven at 0 mA must measure below 0.25 mA;
//  4. low-current check (measuring devices): each channel in turn at 2 mA must measure within ±1 mA. A channel
//     through which no current flows at all (below 0.5 mA: no load, electrode off) is a warning, not a failure: a
//     device is often connected before the pads, and a dead output is no hazard (calibration finds it).
// A failed check 3 or 4 locks its channel until a self-test passes it (CalibrationService keeps the report).
//
// Scope (SelfTestScope): Full, for a technician's connection (calibration), runs every check above. Therapy, run
// each time a therapy session connects the device (SessionController::prepare, before arming), runs checks 1–3
// only: at that moment the electrodes are on the patient, and check 4 would drive 2 mA into the patient, which is
// stimulation, not a self-test. Check 3 commands 0 mA, so it delivers nothing unless the output stage itself is
// faulty — which is what it is there to find. On a device that measures nothing a therapy self-test reports the
// handshake and the battery only.
// Thread affinity: the DeviceService's thread. Ownership: borrows the service and clock; both outlive it.
class SelfTestRun final : public QObject {
    Q_OBJECT
public:
    SelfTestRun(device::DeviceService& service, const core::Clock& clock, QObject* parent = nullptr);
    ~SelfTestRun() override;

    // Starts on an idle, connected device. channels: those to check (1-based); empty = every channel.
    void start(const device::DeviceIdentity& identity, const core::HardwareCaps& hardware, QList<int> channels,
        const QString& deviceUrl, SelfTestScope scope = SelfTestScope::Full);
    [[nodiscard]] const SelfTestReport& report() const { return m_report; }

Q_SIGNALS:
    void finished(const galvani::app::SelfTestReport& report);

private:
    void onDriven(const DriveOutcome& outcome);
    void driveZero();
    void driveNextChannel();
    void complete();

    device::DeviceService& m_service;
    const core::Clock& m_clock;
    std::unique_ptr<PointDriver> m_driver;
    core::HardwareCaps m_hardware;
    QList<int> m_channels;
    qsizetype m_next = 0; // index into m_channels of the low-current check running; -1 during zero output
    bool m_zeroPhase = false;
    SelfTestReport m_report;
};

} // namespace galvani::app::calibration
