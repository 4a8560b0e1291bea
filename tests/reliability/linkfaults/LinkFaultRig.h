// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/safety/EffectiveLimits.h"
#include "core/safety/ValidatedProgram.h"
#include "device/controller/DeviceCounters.h"
#include "device/controller/DeviceFault.h"
#include "device/discovery/DeviceAddress.h"
#include "device/sim/SimulatedStimulator.h"
#include "device/sim/SimulatorConfig.h"
#include "device/transport/PtyTransport.h"
#include "device/worker/DeviceService.h"
#include "protocols/sciencemode4/DeviceCodec.h"

#include <QString>
#include <QStringList>
#include <QThread>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <ctime>

// The link-fault rig: a ScienceMode4 stimulator on a real pseudo-terminal behind the seeded fault proxy, and a
// host (DeviceService, SerialTransport, QSerialPort) on the other end of that pseudo-terminal.
namespace galvani::test::linkfaults {

// One host-to-device frame as the host wrote it (read on the device end of the pty, before any damage).
struct WireFrame {
    enum class Kind : std::uint8_t { Amplitude, Stop, Unplug }; // Unplug: where the cable was pulled
    Kind kind = Kind::Amplitude;
    std::int64_t amplitudeUa = 0; // channel 1, peak |current|
    std::uint8_t packetNumber = 0;
    std::chrono::nanoseconds at{0}; // steady clock, when the device end read it (before any damage or delay)
};

// One amplitude command as the device received it (decoded after the damage), from its log.
struct ReceivedCommand {
    std::uint8_t packetNumber = 0;
    std::chrono::nanoseconds at{0}; // steady clock, just before the device acted on it
};

// The device end: galvani-sim's composition (a SimulatedStimulator on a PtyTransport; link faults from the
// configuration go through the stimulator's seeded FaultInjectingTransport) on a thread of this process, so the
// test can read the stimulator's applied-settings log, tap the host's undamaged bytes and time an unplug exactly.
// Thread affinity: create, use and destroy in the test thread; the stimulator and the pty live in their own thread.
class PtyDevice {
public:
    PtyDevice(const device::sim::SimulatorConfig& config, QString linkPath);
    ~PtyDevice();
    PtyDevice(const PtyDevice&) = delete;
    PtyDevice& operator=(const PtyDevice&) = delete;

    [[nodiscard]] bool started() const { return m_started; }
    [[nodiscard]] const QString& error() const { return m_error; }
    [[nodiscard]] const QString& linkPath() const { return m_linkPath; }
    [[nodiscard]] device::sim::SimulatedStimulator& stimulator() { return *m_sim; }

    // What the host wrote, decoded (amplitude frames for channel 1 and stop frames), in order.
    [[nodiscard]] std::vector<WireFrame> frames() const;
    [[nodiscard]] std::uint64_t amplitudeFrames() const { return m_amplitudeFrames.load(); }
    // The amplitude commands (Ml_update, Ll_channel_config) the device decoded, in order (the configuration must
    // log every command).
    [[nodiscard]] std::vector<ReceivedCommand> received() const;
    [[nodiscard]] std::uint64_t hostBytes() const { return m_hostBytes.load(); }

    // Cable pull while stimulating, the way galvani-sim does it: the stimulator's injected disconnect (output
    // off, pty closed, link removed). Returns the steady-clock time (ns) taken just before the pty was closed, or
    // nullopt if it did not happen in time (it only fires while the device stimulates).
    [[nodiscard]] std::optional<std::chrono::nanoseconds> unplug(std::chrono::milliseconds timeout);
    // Cable pull in any state: the pty is closed under the stimulator, which then hears that its host is gone.
    // Returns the steady-clock time (ns) taken just before the pty was closed.
    [[nodiscard]] std::chrono::nanoseconds pullCable();
    // Plugged in again: a new pty under the same link path.
    bool replug(QString* error);
    // CPU time the device thread has used so far (ns).
    [[nodiscard]] std::int64_t threadCpuNs() const;
    // The stimulator's last log lines, for failure messages.
    [[nodiscard]] QStringList recentLog() const;

private:
    void tap(const QByteArray& bytes);
    void onLog(const QString& line);
    void markUnplug(); // device thread

    QString m_linkPath;
    QThread m_thread;
    std::unique_ptr<device::PtyTransport> m_pty;
    std::unique_ptr<device::sim::SimulatedStimulator> m_sim;
    bool m_started = false;
    QString m_error;
    clockid_t m_threadClock{};
    proto::sm4::DeviceCodec m_tapCodec; // device thread only
    mutable std::mutex m_mutex;
    std::vector<WireFrame> m_frames;
    std::vector<ReceivedCommand> m_received;
    std::deque<QString> m_log;
    std::atomic<std::uint64_t> m_amplitudeFrames{0};
    std::atomic<std::uint64_t> m_hostBytes{0};
    std::atomic<std::int64_t> m_unpluggedAtNs{0};
};

// CPU use of this process over a window, with one thread (the simulated device's) left out.
struct CpuWindow {
    double hostPercent = 0.0; // process minus the device thread, % of one core
    double processPercent = 0.0; // the whole process, % of one core
    double seconds = 0.0;
};
// Lets the event loop run (no busy wait) for `window` and measures CPU use meanwhile.
[[nodiscard]] CpuWindow measureIdleCpu(std::chrono::milliseconds window, const PtyDevice& excluded);
// Runs the event loop for `time` without spinning.
void idle(std::chrono::milliseconds time);

// Totals of the host's counters across controllers (a reconnect starts a new controller at zero).
struct CounterTotals {
    std::uint64_t framesSent = 0;
    std::uint64_t framesRejected = 0;
    std::uint64_t retries = 0;
    std::uint64_t ackTimeouts = 0;
    std::uint64_t pulsesSent = 0;
    std::uint64_t pulsesLost = 0;
    std::uint64_t stopsSent = 0;
};

// The host: a DeviceService on a serial: URL, with what it reports recorded. Test thread.
class Host {
public:
    explicit Host(const device::DeviceAddress& address);

    [[nodiscard]] device::DeviceService& service() { return *m_service; }
    [[nodiscard]] device::DeviceState state() const { return m_service->state(); }
    [[nodiscard]] const std::vector<device::DeviceFault>& faults() const { return m_faults; }
    [[nodiscard]] const QStringList& refusals() const { return m_refusals; }
    [[nodiscard]] std::int64_t lastCommanded() const { return m_lastCommanded; }
    void resetCommanded() { m_lastCommanded = -1; }
    [[nodiscard]] CounterTotals counters() const;

    // Drives the service to `target` (Idle, Armed or Stimulating) with `program`: clears faults, reconnects,
    // configures, starts or stops as needed. Returns false if it did not get there within `attempts` steps.
    bool bringTo(device::DeviceState target, const core::safety::ValidatedProgram& program, int attempts, int* starts);
    bool bringToStimulating(const core::safety::ValidatedProgram& program, int attempts, int* starts)
    {
        return bringTo(device::DeviceState::Stimulating, program, attempts, starts);
    }

private:
    void onCounters(const device::DeviceCounters& counters);
    bool waitWhile(device::DeviceState state, std::chrono::milliseconds timeout);

    std::unique_ptr<device::DeviceService> m_service;
    std::vector<device::DeviceFault> m_faults;
    QStringList m_refusals;
    std::int64_t m_lastCommanded = -1;
    device::DeviceCounters m_current;
    CounterTotals m_finished; // controllers that are gone
};

// The device URL's capabilities, and clinical + hardware limits with 25 cm² pads on every channel.
[[nodiscard]] core::safety::EffectiveLimits limitsFor(const device::DeviceAddress& address);
// A continuous symmetric biphasic programme on channel 1 through the safety kernel (0.5 s start ramp).
[[nodiscard]] std::optional<core::safety::ValidatedProgram> programFor(
    const core::safety::EffectiveLimits& limits, double ma, double hz, std::string* why);

} // namespace galvani::test::linkfaults
