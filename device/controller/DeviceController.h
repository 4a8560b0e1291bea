// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

// moc cannot parse the C++20 standard headers (<concepts> via <compare>) that the core types pull in; it
// needs none of them to generate this class's meta-object.
#ifndef Q_MOC_RUN
#include "core/Clock.h"
#include "device/controller/ControllerSettings.h"
#include "device/controller/DeviceCounters.h"
#include "device/controller/DeviceFault.h"
#include "device/controller/DeviceIdentity.h"
#include "device/controller/DeviceState.h"
#include "device/controller/OutputChannel.h"
#include "device/controller/ProtocolDriver.h"
#include "device/controller/StopSignal.h"
#include "device/controller/TelemetrySample.h"
#endif

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

namespace galvani::device {

class Transport;

// The state machine of one stimulator connection (DESIGN.md "Devices and protocols"):
//   Disconnected → Handshaking → Idle → Armed → Stimulating → Stopping → Idle, and Fault from anywhere.
// It owns no thread and no timer: the DeviceWorker calls tick() every few milliseconds (not while Disconnected or
// in Fault, where a tick does nothing but look at the StopSignal) and forwards the transport's bytes and link loss;
// tests drive it the same way with a FakeClock.
//  - Commands (handshake queries, configure, amplitudes, stop) go one at a time with an ack timeout and
//    bounded retries; heartbeats and low-level pulses are sent alongside them.
//  - Heartbeat: a keep-alive frame every keepAliveInterval in every connected state; silence from the
//    device for silenceTimeout while connected = link loss (stop frame, port closed, Fault). The controller's
//    own loop not running for silenceTimeout while stimulating (the process was stopped or suspended, the
//    device thread starved or blocked) is the same loss seen from this side: the stimulator may have stopped
//    meanwhile (host-paced pulses stop coming, a device watchdog latches), so the session is stopped and
//    faulted (DeviceSilent) instead of carrying on, whatever replies were waiting in the port when it woke.
//  - STOP: the StopSignal is checked before every write and in every tick; a STOP empties the queue, the
//    stop frame is the next thing written, it is re-sent until acknowledged, and after stopMaxAttempts
//    the port is closed. Every path that ends a session (operator, fault, session end, disconnect,
//    shutdown, heartbeat loss) goes through it. Nothing ever resumes by itself: after any interruption the
//    controller lands in Idle or Fault, and only start() from Armed delivers current again.
//  - Amplitude is the only thing that changes while running; every change is ramp-limited (OutputChannel).
//  - Runtime monitors: per-channel device reports, measured vs commanded current (low level), the
//    device's own status vs ours.
// Thread affinity: the device thread only (the StopSignal is the one thing other threads touch).
// Ownership: uses, but does not own, the transport, the driver, the clock and the telemetry ring; all must
// outlive it. Units: currents µA, times from core::Clock (ns), settings as documented there.
class DeviceController final : public QObject {
    Q_OBJECT
public:
    DeviceController(Transport& transport, ProtocolDriver& driver, const core::Clock& clock,
        std::shared_ptr<StopSignal> stop, TelemetryRing* telemetry = nullptr, const ControllerSettings& settings = {},
        QObject* parent = nullptr);
    ~DeviceController() override;

    // The transport has just been opened: identify the device and stop whatever it is doing.
    void linkOpened();
    // Bytes from the transport, in order.
    void bytesReceived(const QByteArray& bytes);
    // The transport closed itself (cable, peer, I/O error).
    void linkLost(const QString& reason);
    // Timers: call every few milliseconds (the worker uses 2 ms) and whenever convenient.
    void tick();

    // Operator requests. Each returns nullopt when accepted, else the reason in plain words.
    // configure: Idle or Armed; the plan is re-checked against the device. Armed once acknowledged.
    std::optional<QString> configure(const StimulationPlan& plan);
    // start: Armed only. Output starts at zero and ramps to the programme's amplitudes.
    std::optional<QString> start();
    // setAmplitude: Armed or Stimulating; a new absolute peak (µA) for one programmed channel, ramped.
    std::optional<QString> setAmplitude(int channel, core::Microamps amplitude);
    // Stop all output now (also what a StopSignal request does). Lands in Idle (or stays in Fault).
    void stop();
    // Leave Fault: a new handshake if the link is still open (→ Idle), else Disconnected.
    void clearFault();
    // Stop output (if any), then close the transport (→ Disconnected).
    void disconnect();

    [[nodiscard]] DeviceState state() const { return m_state; }
    [[nodiscard]] const std::optional<DeviceFault>& fault() const { return m_fault; }
    [[nodiscard]] const DeviceIdentity& identity() const { return m_identity; }
    [[nodiscard]] const DeviceCounters& counters() const { return m_counters; }
    [[nodiscard]] const ControllerSettings& settings() const { return m_settings; }
    // Commanded amplitude of a running channel (µA; 0 when not running).
    [[nodiscard]] core::Microamps commanded(int channel) const;

Q_SIGNALS:
    void stateChanged(galvani::device::DeviceState state);
    void faultRaised(const galvani::device::DeviceFault& fault);
    void identityChanged(const galvani::device::DeviceIdentity& identity);
    void countersChanged(const galvani::device::DeviceCounters& counters);
    // A channel's commanded amplitude moved (µA): for the session strip, not per pulse.
    void amplitudeCommanded(int channel, qint64 commandedUa, qint64 targetUa);
    // A stop frame went to the transport at monotonic time atNs (Clock::monotonic()); attempt counts from 1.
    void stopSent(qint64 atNs, int attempt);

private:
    enum class Purpose : std::uint8_t { Command, Poll, Pulse, Verify, Stop };
    enum class AfterStop : std::uint8_t { Idle, Fault, Handshake, Disconnect };
    enum class HandshakePhase : std::uint8_t { WaitBeacon, Queries, Done };
    struct Queued {
        Operation operation;
        int attempt = 1;
    };
    struct InFlight {
        std::uint32_t key = 0;
        Purpose purpose = Purpose::Command;
        Operation operation;
        std::chrono::nanoseconds sentAt{0};
        std::chrono::nanoseconds deadline{0};
        int attempt = 1;
        int channel = 0; // pulses
        core::Microamps amplitude{0}; // pulses
        // A pulse whose ack is overdue: counted lost, but it may still wait in the device's queue, so it keeps its
        // place among the pulses in flight until the device answers it or a pulse sent after it (the queue is
        // first in, first out), or until a second wait as long as the first has passed.
        bool overdue = false;
    };

    // State and stop path (DeviceController.cpp).
    void setState(DeviceState state);
    void raiseFault(FaultKind kind, int channel, QString message, QString whatToCheck);
    void requestStop(AfterStop after);
    void sendStopFrame();
    void finishStop();
    void enterFault(const DeviceFault& fault);
    void abandonLink(FaultKind kind, const QString& message, const QString& whatToCheck);
    bool pollStopSignal();
    bool write(const Outgoing& frame, bool isStop);
    void clearSession();
    // Sending and the command queue (DeviceControllerQueue.cpp).
    void enqueue(Operation operation, int attempt = 1, bool front = false);
    void pumpQueue();
    void enqueueHandshakeQueries();
    bool sendCommand(Operation operation, int attempt);
    void commandDone(const Operation& operation);
    void commandFailed(const InFlight& request, FaultKind kind, const QString& detail);
    void retry(const InFlight& request);
    void checkTimeouts(std::chrono::nanoseconds now);
    [[nodiscard]] bool commandInFlight() const;
    [[nodiscard]] QString describe(const Operation& operation) const;
    // Device events (DeviceControllerEvents.cpp).
    void handle(const DriverEvent& event);
    void onAck(const ev::Ack& ack);
    void onStatus(const ev::Status& status);
    void onMeasurement(const ev::Measurement& measurement);
    void onChannelIssue(const ev::ChannelIssue& issue);
    void onDeviceError(const ev::DeviceError& error);
    void onBeacon(const ev::Beacon& beacon);
    [[nodiscard]] std::vector<InFlight>::iterator findInFlight(std::uint32_t key);
    // Drops the overdue pulses sent no later than a pulse the device has just answered.
    void releaseOverduePulses(std::chrono::nanoseconds answeredSentAt);
    // Periodic work (DeviceControllerRun.cpp).
    void beginHandshake();
    void runHandshake(std::chrono::nanoseconds now);
    void finishHandshake();
    void sendKeepAlive(std::chrono::nanoseconds now);
    // True (and the session stopped with a DeviceSilent fault) if stimulating and the last tick is at least
    // silenceTimeout before now: this loop did not run for a whole heartbeat timeout.
    bool stalled(std::chrono::nanoseconds now);
    void runStimulation(std::chrono::nanoseconds now);
    void streamPulses(std::chrono::nanoseconds now);
    void rampRepeatingOutput(std::chrono::nanoseconds now);
    void publish(int channel, std::chrono::nanoseconds at, core::Microamps commanded,
        std::optional<core::Microamps> measured, std::uint8_t flags);
    void publish(const TelemetrySample& sample);
    [[nodiscard]] static TelemetrySample telemetrySample(int channel, std::chrono::nanoseconds at,
        core::Microamps commanded, std::optional<core::Microamps> measured, std::uint8_t flags);
    void publishCounters(std::chrono::nanoseconds now, bool force);
    [[nodiscard]] OutputChannel* outputChannel(int channel);
    [[nodiscard]] std::chrono::nanoseconds now() const { return m_clock.monotonic(); }

    Transport& m_transport;
    ProtocolDriver& m_driver;
    const core::Clock& m_clock;
    std::shared_ptr<StopSignal> m_stopSignal;
    TelemetryRing* m_telemetry;
    ControllerSettings m_settings;

    DeviceState m_state = DeviceState::Disconnected;
    std::optional<DeviceFault> m_fault;
    DeviceIdentity m_identity;
    DeviceCounters m_counters;
    std::uint64_t m_seenStopGeneration = 0;
    std::uint64_t m_seenGlobalStopGeneration = 0;

    std::deque<Queued> m_queue;
    std::vector<InFlight> m_inFlight;
    std::chrono::nanoseconds m_holdQueueUntil{0}; // busy backoff

    HandshakePhase m_handshakePhase = HandshakePhase::Done;
    std::chrono::nanoseconds m_handshakeStarted{0};
    bool m_handshakeStopQueued = false;

    std::optional<StimulationPlan> m_plan;
    std::vector<OutputChannel> m_channels;
    bool m_outputConfirmed = false; // the device acknowledged the first amplitude command
    std::chrono::nanoseconds m_stimulationStarted{0};
    std::chrono::nanoseconds m_lastStateChange{0}; // last ack that changed the device's state

    AfterStop m_afterStop = AfterStop::Idle;
    std::optional<DeviceFault> m_pendingFault; // raised once the stop is acknowledged
    std::vector<std::uint32_t> m_stopKeys;
    int m_stopAttempts = 0;
    std::chrono::nanoseconds m_lastStopSent{0};

    std::optional<std::chrono::nanoseconds> m_lastTick; // start of the last tick()
    std::chrono::nanoseconds m_lastReceived{0};
    std::chrono::nanoseconds m_lastKeepAlive{0};
    std::chrono::nanoseconds m_lastCounters{0};
    DeviceCounters m_reportedCounters;
    std::vector<DriverEvent> m_events; // scratch
};

} // namespace galvani::device
