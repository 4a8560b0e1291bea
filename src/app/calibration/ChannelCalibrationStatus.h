// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace galvani::app {

// Where a channel stands with its calibration (issue #8 §3, CLINICAL.md §6).
enum class CalibrationState {
    None, // no completed calibration on record: the device's factory calibration
    Valid, // the latest completed calibration passed and is more than 30 days from due
    DueSoon, // passed, due within 30 days (a reminder; still usable)
    Overdue, // passed, but past its due date: locked
    Failed, // the latest completed calibration failed: locked
};

[[nodiscard]] QString toString(CalibrationState state); // "none", "valid", "due soon", "overdue", "failed"

// The calibration state of one device channel for the rest of the app: whether therapy may use it, why not,
// and the correction to apply. Plain value; copy freely.
// Units: gain dimensionless, currents in µA, times in UTC ms.
struct ChannelCalibrationStatus {
    QString deviceSerial;
    int channel = 0;
    CalibrationState state = CalibrationState::None;
    // No therapy on this channel: failed, overdue, a record that no longer matches its hash, a failed power-on
    // self-test of this connection, or no record while the clinic requires one. Only a technician's new passing
    // calibration (or, for a self-test, a passing self-test) lifts it.
    bool locked = false;
    QString reason; // why it is locked, or the notice to show (factory calibration, due soon); empty when valid
    bool factoryCalibration = true; // no record in force: commands go out uncorrected

    qint64 calibrationId = 0; // the record in force; 0 when none
    QString recordHash;
    qint64 performedUtcMs = 0;
    qint64 dueUtcMs = 0;
    double gain = 1.0; // the model in force (1 and 0 for the factory calibration)
    double offsetUa = 0.0;
    qint64 calibratedMinUa = 0; // the set values the calibration covered; 0 when none
    qint64 calibratedMaxUa = 0; // caps the channel's amplitude (core::safety::CalibrationCaps)

    [[nodiscard]] bool usable() const { return !locked; }
    // The device command (µA) that delivers targetUa on this channel, on the device's amplitude step gridUa;
    // bounded (see core/calibration/AmplitudeCorrection.h). nullopt while the channel is locked.
    [[nodiscard]] std::optional<qint64> commandUaFor(qint64 targetUa, qint64 gridUa) const;
};

// One calibration of a channel as the history and drift chart show it. Plain value.
struct CalibrationHistoryEntry {
    qint64 calibrationId = 0;
    QString deviceSerial;
    QString firmware;
    int channel = 0;
    QString status; // "passed", "failed", "incomplete"
    qint64 technicianId = 0;
    qint64 performedUtcMs = 0;
    qint64 dueUtcMs = 0;
    std::optional<double> gain; // fitted model, when the record has one
    std::optional<double> offsetUa;
    int points = 0;
    QString recordHash;
    QString notes;
};

// A channel's gain and offset over its passing calibrations, their linear trend, and whether the trend leaves
// the correction bound before the next due date (issue #8 §5). Plain value. Units: gain per 365.25 days, µA per
// 365.25 days, times in UTC ms.
struct DriftReport {
    QString deviceSerial;
    int channel = 0;
    QList<CalibrationHistoryEntry> history; // every record, oldest first (incomplete attempts included)
    bool trendKnown = false; // two or more passing calibrations at different times
    double gainPerYear = 0.0;
    double offsetUaPerYear = 0.0;
    double gainAtDue = 1.0; // the trend at the due date of the calibration in force
    double offsetUaAtDue = 0.0;
    qint64 dueUtcMs = 0;
    std::optional<qint64> leavesToleranceUtcMs; // the warning: first day the trend needs more than the bound
    QString message; // the warning text, or a short statement that the trend stays within tolerance

    [[nodiscard]] bool warning() const { return leavesToleranceUtcMs.has_value(); }
};

} // namespace galvani::app
