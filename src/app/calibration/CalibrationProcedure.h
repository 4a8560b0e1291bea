// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppResult.h"
#include "app/calibration/CalibrationResults.h"
#include "app/calibration/CalibrationSetup.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace galvani::app {

class CalibrationService;

// The point the procedure is waiting on in manual mode: the output is on at commandedUa and the technician reads
// the meter. Units: µA.
struct PendingReading {
    int channel = 0;
    PointPhase phase = PointPhase::AsFound;
    qint64 setUa = 0;
    qint64 commandedUa = 0;
};

// One technician calibration run, step by step, so a wizard (or the CLI) can drive it:
//   NotStarted --start()--> Connecting --> SelfTest --> ReadyForChannel(ch) --runChannel()--> Measuring
//   Measuring --(manual: output on at a point)--> AwaitingReading --submitReading()--> Measuring ...
//   after a channel --> ReadyForChannel(next) or Finished;   abort() or a device failure --> Aborted.
// Per channel: an "incomplete" record is written before any output (so a crash mid-channel leaves it marked and
// never applied), the set points are driven one at a time with every other channel off (as found), the line is
// fitted and checked against the correction bound, the same set points are driven again through the new
// correction (as left), and the passed or failed record is written with the technician as signatory. A channel
// whose output the device's monitor stops (delivered far from commanded) is recorded as failed.
// Destroying the procedure stops the output and disconnects; it writes nothing, exactly like a crash.
// Thread affinity: the RecordStore's thread, which must run a Qt event loop. Ownership: borrows the service
// (which must outlive it); owns its own connection to the device (do not hold another one meanwhile).
class CalibrationProcedure final : public QObject {
    Q_OBJECT
public:
    enum class Step {
        NotStarted,
        Connecting,
        SelfTest,
        ReadyForChannel,
        Measuring,
        AwaitingReading,
        Finished,
        Aborted
    };

    ~CalibrationProcedure() override;

    void start();
    // ReadyForChannel: measure the channel currentChannel() (the reference load must be on it).
    void runChannel();
    // AwaitingReading: the meter's reading for pendingReading(), µA; width (µs) and rate (Hz) when measured.
    [[nodiscard]] AppStatus submitReading(double measuredUa, std::optional<double> widthUs = std::nullopt,
        std::optional<double> frequencyHz = std::nullopt);
    // Stops output; the channel under way keeps its "incomplete" record (with the points so far and the reason).
    void abort(const QString& reason);

    [[nodiscard]] Step step() const;
    [[nodiscard]] int currentChannel() const; // the channel ready or being measured; 0 otherwise
    [[nodiscard]] std::optional<PendingReading> pendingReading() const;
    [[nodiscard]] const CalibrationSummary& summary() const;
    [[nodiscard]] const CalibrationSetup& setup() const;
    // What the technician should do now, in words (for the wizard page and the CLI prompt).
    [[nodiscard]] QString prompt() const;

Q_SIGNALS:
    void stepChanged(galvani::app::CalibrationProcedure::Step step);
    void pointMeasured(const galvani::app::CalibrationPointResult& point);
    void channelFinished(const galvani::app::ChannelCalibrationResult& result);
    void selfTestFinished(const galvani::app::SelfTestReport& report);
    void finished(const galvani::app::CalibrationSummary& summary);

private:
    friend class CalibrationService;
    struct Impl;
    CalibrationProcedure(CalibrationService& service, std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

[[nodiscard]] QString toString(CalibrationProcedure::Step step);

} // namespace galvani::app
