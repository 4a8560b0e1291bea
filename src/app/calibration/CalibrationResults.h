// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/calibration/SelfTestReport.h"

#include <QList>
#include <QString>

#include <optional>

namespace galvani::app {

// As found: the uncorrected channel, which the model is fitted to. As left: the same set values with the new
// correction applied, which must each land within tolerance for the channel to pass.
enum class PointPhase { AsFound, AsLeft };

[[nodiscard]] QString toString(PointPhase phase); // "as found", "as left"

// One measured point. Plain value. Units: currents in µA, width in µs, rate in Hz.
struct CalibrationPointResult {
    int channel = 0;
    PointPhase phase = PointPhase::AsFound;
    qint64 setUa = 0; // the current asked for
    qint64 commandedUa = 0; // what the device was commanded (as found: the set value; as left: corrected)
    double measuredUa = 0.0; // mean over the measured pulses, or the meter reading
    double toleranceUa = 0.0; // the acceptance band of setUa
    bool passed = false; // |measured − set| within the band (and width/rate, when read, within ±5 %)
    QString failure; // what was out of tolerance, for people; empty when it passed (not part of the record)
    int pulses = 0; // measured pulses averaged; 0 for a meter reading
    // Read from the meter (manual mode); the width also measured by the device where it samples its pulses
    // (ScienceMode4 low level, from the current samples).
    std::optional<double> measuredWidthUs;
    std::optional<double> measuredFrequencyHz;

    [[nodiscard]] double errorUa() const { return measuredUa - static_cast<double>(setUa); }
};

// One channel's outcome, as recorded. Plain value. Units: offset in µA, due date in UTC ms.
struct ChannelCalibrationResult {
    int channel = 0;
    bool passed = false;
    QString reason; // why it failed; empty when it passed
    std::optional<double> gain; // fitted I_out = gain · I_set + offset, when a fit was possible
    std::optional<double> offsetUa;
    QList<CalibrationPointResult> points; // as found, then as left
    qint64 calibrationId = 0; // the stored record
    QString recordHash;
    qint64 dueUtcMs = 0;
};

// The whole run. completed is false when it was aborted or the device failed; channels not finished then have
// only an "incomplete" record, which never changes a channel's state. Plain value.
struct CalibrationSummary {
    QString deviceSerial;
    QString firmware;
    QList<ChannelCalibrationResult> channels;
    std::optional<SelfTestReport> selfTest;
    bool completed = false;
    QString abortReason;
};

} // namespace galvani::app
