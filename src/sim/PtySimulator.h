// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "device/transport/PtyTransport.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <chrono>
#include <memory>

#ifndef Q_MOC_RUN // moc cannot parse the C++20 headers the simulator's value types include
#include "device/sim/SimulatorConfig.h"
#endif

namespace galvani::device::sim {
class SimulatedStimulator;
}

namespace galvani::sim {

// galvani-sim's composition: a SimulatedStimulator on a PtyTransport, every log line on stderr with
// the time since start, hosts coming and going on the pseudo-terminal, and a new pseudo-terminal
// (same link path) a moment after an injected disconnect, as if the device were plugged in again.
// Thread affinity: the main thread. Ownership: owns the transport and the stimulator.
class PtySimulator final : public QObject {
    Q_OBJECT
public:
    static constexpr std::chrono::milliseconds kReplugDelay{1000};

    PtySimulator(const device::sim::SimulatorConfig& config, const QString& linkPath, QObject* parent = nullptr);
    ~PtySimulator() override;

    bool start(QString* error);
    // Output off (logged), link removed. Called on SIGTERM/SIGINT before the process exits.
    void shutDown(int signalNumber);

private:
    void log(const QString& line);
    void replug();

    QElapsedTimer m_clock;
    device::PtyTransport m_pty;
    std::unique_ptr<device::sim::SimulatedStimulator> m_stimulator;
};

} // namespace galvani::sim
