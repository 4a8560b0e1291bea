// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "device/transport/FaultInjectingTransport.h"

#include <QObject>
#include <QString>
#include <QTimer>

#ifndef Q_MOC_RUN // moc cannot parse the C++20 headers the core unit types and <random> include
#include "core/Clock.h"
#include "device/sim/FaultSpec.h"
#include "device/sim/SimTypes.h"
#include "device/sim/SimulatorConfig.h"
#include "device/sim/StimulatorModel.h"

#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <vector>
#endif

namespace galvani::device {
class Transport;
}

namespace galvani::device::sim {

class CommandLog;
class DeviceSide;
class OutgoingQueue;
struct SimContext;

// A simulated clinical stimulator on the far end of any Transport. It speaks the real device side of
// its protocol (ScienceMode2, ScienceMode3 or ScienceMode4, see Sm2DeviceSide / Sm4DeviceSide),
// models each channel's output into its electrode-skin load (ChannelModel), enforces the device's
// own limits and watchdog, injects faults on request and records, as an oracle, every command that
// was beyond the device's limits. A host cannot tell it from the hardware: there is no special path.
//
// Life cycle: construct (any thread), move to the thread it will run in if needed, then call start()
// in that thread: it wraps the link in a FaultInjectingTransport (link faults), opens it and begins
// (ScienceMode2 beacons). Destroy it in the thread it runs in.
// Thread affinity: start(), hostLinkClosed(), reconnectLink() and destruction in the simulator's
// thread. Every observer (state(), outputs(), deliveredCurrent(), lastStop(), oracle(), ...) and
// injectFault()/clearFaults() may be called from any thread.
// Ownership: does not own the link; the link must outlive this object.
// Units: currents in µA, times in ms (faults, watchdog) or monotonic ns (events).
class SimulatedStimulator : public QObject {
    Q_OBJECT
public:
    SimulatedStimulator(Transport& link, const SimulatorConfig& config, QObject* parent = nullptr);
    SimulatedStimulator(
        Transport& link, const SimulatorConfig& config, const core::Clock& clock, QObject* parent = nullptr);
    ~SimulatedStimulator() override;

    // Opens the link and starts; returns false and sets *error when the link does not open.
    bool start(QString* error);
    // The host closed the link (galvani-sim: the last host closed the pseudo-terminal). Output stops
    // with cause LinkClosed; the simulator waits for the next host.
    void hostLinkClosed();
    // A host opened the link again (galvani-sim: the pseudo-terminal), or the link was re-created
    // after an injected disconnect: begin again (ScienceMode2 beacons).
    void hostLinkOpened();
    // The simulator is shutting down: output stops (cause LinkClosed) and the link is closed.
    void shutDown();

    // ---- any thread ----
    [[nodiscard]] const SimulatorConfig& config() const { return m_config; }
    [[nodiscard]] QString serialNumber() const { return QString::fromStdString(m_config.serial); }
    [[nodiscard]] SimState state() const { return m_model.state(); }
    [[nodiscard]] std::vector<ChannelOutput> outputs() const { return m_model.outputs(); }
    [[nodiscard]] ChannelOutput output(int channel) const { return m_model.output(channel); }
    // Delivered peak current of channel (1-based) now, µA; 0 when off.
    [[nodiscard]] core::Microamps deliveredCurrent(int channel) const { return m_model.delivered(channel); }
    [[nodiscard]] std::optional<StopEvent> lastStop() const { return m_model.lastStop(); }
    [[nodiscard]] std::optional<StopEvent> lastChannelStop(int channel) const
    {
        return m_model.lastChannelStop(channel);
    }
    [[nodiscard]] std::vector<OracleEntry> oracle() const { return m_model.oracle(); }
    [[nodiscard]] std::size_t oracleCount() const { return m_model.oracleCount(); }
    [[nodiscard]] std::vector<AppliedSetting> appliedLog() const { return m_model.appliedLog(); }
    [[nodiscard]] FaultInjectingTransport::Stats linkFaultStats() const;
    [[nodiscard]] std::vector<FaultSpec> activeFaults() const;

    // Applies a fault now (or after spec.startAfter). From another thread the call waits until the
    // simulator's thread has taken it, so the fault is in force (or scheduled) on return.
    void injectFault(const FaultSpec& spec);
    // Clears every fault (channel, link, reply delay, pending disconnect).
    void clearFaults();

Q_SIGNALS:
    // One log line: a command, a state change, a fault, "output stopped (...)". Emitted in the
    // simulator's thread.
    void logLine(const QString& line);
    // An injected disconnect closed the link. galvani-sim re-creates its pseudo-terminal.
    void linkDropped();

private:
    void build();
    void applyFault(const FaultSpec& spec);
    void activate(const FaultSpec& spec);
    void clearFaultsHere();
    void updateLinkProfiles();
    void onStateChanged(SimState state);
    void disconnectNow();
    void onBytes(const QByteArray& bytes);
    void onLinkLost(const QString& reason);
    template <typename Fn>
    void runInThread(Fn&& fn);

    SimulatorConfig m_config;
    StimulatorModel m_model;
    Transport& m_rawLink;
    std::mt19937_64 m_rng;
    std::unique_ptr<FaultInjectingTransport> m_link;
    std::unique_ptr<OutgoingQueue> m_out;
    std::unique_ptr<CommandLog> m_commands;
    std::unique_ptr<DeviceSide> m_side;
    std::unique_ptr<SimContext> m_context;
    QTimer m_disconnectTimer;
    std::vector<FaultSpec> m_faults; // active faults (guarded by m_faultMutex for readers)
    mutable std::mutex m_faultMutex;
    std::vector<FaultSpec> m_pendingFaults; // injected before start()
    std::optional<std::chrono::milliseconds> m_disconnectAfter;
    std::uint64_t m_faultGeneration = 0; // clearFaults() cancels faults scheduled with @MS
    bool m_started = false;
};

} // namespace galvani::device::sim
