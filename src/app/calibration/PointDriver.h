// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to galvani_app (calibration and self-test): drives one validated programme on a connected device and
// reads back what the channels delivered.

#include <QObject>
#include <QString>
#include <QTimer>

#ifndef Q_MOC_RUN // moc cannot parse the C++20 headers the core types include
#include "core/safety/ValidatedProgram.h"
#include "device/controller/DeviceFault.h"
#include "device/controller/DeviceState.h"
#endif

#include <chrono>
#include <map>
#include <optional>

namespace galvani::device {
class DeviceService;
}

namespace galvani::app::calibration {

// What one channel delivered while a PointDriver ran. Units: µA, µs, Hz.
struct ChannelReading {
    int pulses = 0; // measured pulses at the commanded value, after settling
    double sumUa = 0.0;
    std::optional<qint64> lastCommandedUa; // the last measured pulse of any amplitude (for a fault report)
    std::optional<qint64> lastMeasuredUa;
    // Where the device samples its pulses: the first phase's width of each of those pulses.
    int widths = 0;
    double widthSumUs = 0.0;

    [[nodiscard]] double meanUa() const { return pulses > 0 ? sumUa / pulses : 0.0; }
    // Mean first-phase width; nullopt unless every measured pulse had one.
    [[nodiscard]] std::optional<double> meanWidthUs() const
    {
        return widths > 0 && widths == pulses ? std::optional<double>(widthSumUs / widths) : std::nullopt;
    }
};

struct DriveOutcome {
    bool completed = false; // every channel measured (or, when holding, released) and the device back to idle
    std::map<int, ChannelReading> readings;
    std::optional<device::DeviceFault> fault; // a fault the device raised meanwhile (it is cleared again)
    QString error; // why it did not complete, for people
};

// Idle → configure → armed → start (ramped from zero) → at the commanded amplitude: either average `pulses`
// measured pulses per channel, or (pulses = 0) emit holding() and keep the output on until release() → stop →
// idle → finished(). A fault is cleared (the device re-handshakes to idle) before finished() reports it; a
// device that does not come back, a refusal, a timeout or the output ending early completes nothing.
// Thread affinity: the thread the DeviceService lives in (its signals arrive there; it is the one telemetry
// consumer meanwhile). Ownership: borrows the service, which must outlive it.
class PointDriver final : public QObject {
    Q_OBJECT
public:
    explicit PointDriver(device::DeviceService& service, QObject* parent = nullptr);
    ~PointDriver() override;

    // commandedUa: the amplitude every channel of the programme was validated at, per channel.
    // timeout: for the measured case, from start until every channel is measured; the held case has none while
    // holding (the programme's own timer ends a forgotten point).
    void run(const core::safety::ValidatedProgram& program, std::map<int, qint64> commandedUa, int pulses,
        std::chrono::milliseconds timeout);
    void release(); // only while holding
    // Ends the run early: stops the output and reports `reason` as the error (not completed).
    void cancel(const QString& reason);
    [[nodiscard]] bool busy() const { return m_phase != Phase::Done; }

Q_SIGNALS:
    void holding();
    void finished(const galvani::app::calibration::DriveOutcome& outcome);

private:
    enum class Phase { Done, Configuring, Starting, Ramping, Holding, Stopping, Recovering };

    void onState(device::DeviceState state);
    void onFault(const device::DeviceFault& fault);
    void onCommanded(int channel, qint64 commandedUa);
    void onRefused(const QString& reason);
    void drain();
    void stopWith(const QString& error);
    void finish(bool completed);

    device::DeviceService& m_service;
    Phase m_phase = Phase::Done;
    std::map<int, qint64> m_commanded;
    std::map<int, bool> m_reached; // held case: the channel's command reached its amplitude
    std::map<int, int> m_seenAtValue; // measured pulses at the commanded value, settling ones included
    int m_pulses = 0;
    DriveOutcome m_outcome;
    QTimer m_poll;
    QTimer m_deadline;
    std::optional<core::safety::ValidatedProgram> m_program;
};

} // namespace galvani::app::calibration
