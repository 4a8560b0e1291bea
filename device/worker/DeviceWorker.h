// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "device/controller/DeviceCounters.h"
#include "device/controller/DeviceFault.h"
#include "device/controller/DeviceIdentity.h"
#include "device/controller/DeviceState.h"

#include <QEvent>
#include <QObject>
#include <QString>

#ifndef Q_MOC_RUN // moc cannot parse the C++20 headers the core types include
#include "core/Clock.h"
#include "device/controller/ControllerSettings.h"
#include "device/controller/StimulationPlan.h"
#include "device/controller/StopSignal.h"
#include "device/controller/TelemetrySample.h"
#include "device/discovery/DeviceAddress.h"
#endif

#include <atomic>
#include <memory>

class QTimer;

namespace galvani::device {

class DeviceController;
class DeviceLink;
class ProtocolDriver;
namespace sim {
class SimulatedStimulator;
}

// The device thread's side of one stimulator: owns the link (transport, and the simulator for sim:), the
// protocol driver and the DeviceController, and drives the controller from a 2 ms precise timer (stopped while
// the controller is Disconnected or in Fault, where it has nothing to drive).
// A STOP arrives as a high-priority event (stopEventType()) posted by DeviceService, and the controller
// also checks the shared StopSignal before every write, so a STOP overtakes everything queued.
// Thread affinity: created in the service's thread, then moved to the device thread; every slot runs in
// the device thread (DeviceService invokes them queued). Ownership: owned by DeviceService; everything it
// creates is created and destroyed in the device thread (shutdown()). Units: amplitudes in µA.
class DeviceWorker final : public QObject {
    Q_OBJECT
public:
    DeviceWorker(DeviceAddress address, const core::Clock& clock, std::shared_ptr<StopSignal> stop,
        std::shared_ptr<TelemetryRing> telemetry, const ControllerSettings& settings);
    ~DeviceWorker() override;

    // The registered event type of the high-priority STOP event.
    [[nodiscard]] static QEvent::Type stopEventType();

    // ---- device thread ----
    void connectDevice();
    void configure(const galvani::device::StimulationPlan& plan);
    void startOutput();
    void setAmplitude(int channel, qint64 amplitudeUa);
    void stopOutput();
    void clearFault();
    void disconnectDevice();
    // Stops output, closes the link, destroys what it created and quits the device thread.
    void shutdown();

    // The simulator behind a sim: link while connected (thread-safe observers), else nullptr. Any thread.
    [[nodiscard]] sim::SimulatedStimulator* simulatedStimulator() const { return m_simulated.load(); }

Q_SIGNALS:
    void stateChanged(galvani::device::DeviceState state);
    void faultRaised(const galvani::device::DeviceFault& fault);
    void identityChanged(const galvani::device::DeviceIdentity& identity);
    void countersChanged(const galvani::device::DeviceCounters& counters);
    void amplitudeCommanded(int channel, qint64 commandedUa, qint64 targetUa);
    void stopSent(qint64 atNs, int attempt);
    // A request could not be carried out (wrong state, programme not runnable on this device...).
    void requestRefused(const QString& reason);
    // connectDevice() failed before any handshake (bad option, port cannot be opened).
    void connectFailed(const QString& reason);
    void shutdownComplete();

protected:
    bool event(QEvent* event) override;

private:
    void tearDown();
    void finishShutdown();
    void refuse(const std::optional<QString>& reason);
    // Runs the tick timer while the controller has something to drive, stops it in Disconnected and Fault.
    void followState();

    DeviceAddress m_address;
    const core::Clock& m_clock;
    std::shared_ptr<StopSignal> m_stop;
    std::shared_ptr<TelemetryRing> m_telemetry;
    ControllerSettings m_settings;
    std::unique_ptr<DeviceLink> m_link;
    std::unique_ptr<ProtocolDriver> m_driver;
    std::unique_ptr<DeviceController> m_controller;
    QTimer* m_tick = nullptr;
    QTimer* m_shutdownDeadline = nullptr;
    std::atomic<sim::SimulatedStimulator*> m_simulated{nullptr};
    bool m_shuttingDown = false;
    bool m_shutdownFinished = false;
};

} // namespace galvani::device
