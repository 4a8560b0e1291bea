// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "device/controller/DeviceCounters.h"
#include "device/controller/DeviceFault.h"
#include "device/controller/DeviceIdentity.h"
#include "device/controller/DeviceState.h"

#include <QObject>
#include <QString>
#include <QThread>

#ifndef Q_MOC_RUN // moc cannot parse the C++20 headers the core types include
#include "core/Clock.h"
#include "device/controller/ControllerSettings.h"
#include "device/controller/StopSignal.h"
#include "device/controller/TelemetrySample.h"
#include "device/discovery/DeviceAddress.h"
#endif

#include <atomic>
#include <cstddef>
#include <memory>

namespace galvani::core::safety {
class ValidatedProgram;
class ValidatedAmplitude;
} // namespace galvani::core::safety

namespace galvani::device {

class DeviceWorker;
namespace sim {
class SimulatedStimulator;
}

// The thread-safe facade of one stimulator for the application (and galvani-cli). It starts a device
// thread running a DeviceWorker and forwards requests to it queued; results come back as signals with
// value types, delivered in the thread this object lives in.
//  - The device API takes only what the safety kernel produced: a core::safety::ValidatedProgram to load
//    and core::safety::ValidatedAmplitude commands to adjust a running channel.
//  - stop() and the static stopAll() work from any thread and never touch the GUI or a database: an atomic
//    StopSignal the controller checks before every write plus a high-priority event posted to the worker.
//  - Telemetry (commanded / measured current per pulse) arrives in telemetry(), a lock-free SPSC ring;
//    exactly one consumer thread may pop from it.
//  - Destruction stops output, closes the link and joins the device thread (bounded: about 1.5 s at worst).
// Thread affinity: create and destroy in one thread (normally the GUI's); every public member may be
// called from any thread (stopAll() even from a signal handler). Ownership: owns the device thread, the
// worker and the telemetry ring. Units: amplitudes in µA.
class DeviceService final : public QObject {
    Q_OBJECT
public:
    explicit DeviceService(DeviceAddress address, QObject* parent = nullptr);
    DeviceService(
        DeviceAddress address, const core::Clock& clock, const ControllerSettings& settings, QObject* parent = nullptr);
    ~DeviceService() override;

    [[nodiscard]] const DeviceAddress& address() const { return m_address; }
    [[nodiscard]] DeviceState state() const { return m_state.load(); }

    void connectDevice();
    // Idle → Armed once the stimulator acknowledges the programme.
    void configure(const core::safety::ValidatedProgram& program);
    // Armed → Stimulating, from zero, ramped.
    void start();
    // An accepted live change (absolute target) for one running channel.
    void setAmplitude(const core::safety::ValidatedAmplitude& amplitude);
    // Stop this device's output now.
    void stop();
    void clearFault();
    void disconnectDevice();

    // Stops every channel of every connected device, from any thread.
    static void stopAll();
    // How many services exist now, each with its device thread (for shutdown checks and tests).
    [[nodiscard]] static std::size_t liveCount();

    // Telemetry of this device: consumer side, one consumer thread only.
    [[nodiscard]] TelemetryRing& telemetry() { return *m_telemetry; }
    // The simulator behind a sim: address while connected, for tests and benchmarks; nullptr otherwise.
    [[nodiscard]] sim::SimulatedStimulator* simulatedStimulator() const;

Q_SIGNALS:
    void stateChanged(galvani::device::DeviceState state);
    void faultRaised(const galvani::device::DeviceFault& fault);
    void identityChanged(const galvani::device::DeviceIdentity& identity);
    void countersChanged(const galvani::device::DeviceCounters& counters);
    void amplitudeCommanded(int channel, qint64 commandedUa, qint64 targetUa);
    // A stop frame was written at monotonic time atNs of the service's clock (for audit and latency figures).
    void stopSent(qint64 atNs, int attempt);
    void requestRefused(const QString& reason);
    void connectFailed(const QString& reason);

private:
    void postStop();

    DeviceAddress m_address;
    std::shared_ptr<StopSignal> m_stop;
    std::shared_ptr<TelemetryRing> m_telemetry;
    std::atomic<DeviceState> m_state{DeviceState::Disconnected};
    QThread m_thread;
    DeviceWorker* m_worker = nullptr; // lives in m_thread; deleted after the thread has finished
};

} // namespace galvani::device
