// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/records/RecordEnums.h"

#include <QList>
#include <QString>
#include <QtGlobal>

#include <optional>

namespace galvani::db::records {

// A reference instrument used for a calibration (CLINICAL.md §6): description, serial, and the date its own
// calibration falls due ("YYYY-MM-DD"). An instrument past due cannot support a passing calibration.
struct CalibrationInstrument {
    QString description;
    QString serial;
    QString dueDate;
};

// One measured point: commanded vs measured current into a precision load at a stated width and rate.
// Currents in µA, load in Ω, width in µs, rate in millihertz. passed: within the acceptance band the technician's
// procedure applied (CLINICAL.md §6: ±10 % or ±1 mA, whichever is larger).
struct CalibrationPoint {
    qint64 loadOhms = 500;
    qint64 pulseWidthUs = 200;
    qint64 frequencyMilliHz = 50'000;
    qint64 commandedUa = 0;
    qint64 measuredUa = 0;
    bool passed = false;

    [[nodiscard]] qint64 errorUa() const { return measuredUa - commandedUa; }
};

// A calibration of one channel of one device. Gains in parts per million (1.0 = 1 000 000), offsets in µA,
// of the model I_out = gain · I_set + offset, before and after adjustment. Times in UTC ms.
struct NewCalibration {
    QString deviceSerial;
    QString firmware;
    int channel = 1; // 1–8
    qint64 dueUtcMs = 0; // next calibration due
    CalibrationStatus status = CalibrationStatus::Incomplete;
    std::optional<qint64> gainBeforePpm;
    std::optional<qint64> offsetBeforeUa;
    std::optional<qint64> gainAfterPpm;
    std::optional<qint64> offsetAfterUa;
    QString notes;
    QList<CalibrationInstrument> instruments;
    QList<CalibrationPoint> points;
};

// A stored calibration record; immutable. recordHash (SHA-256, hex) identifies it exactly: the device keeps it
// and the host refuses to run when they differ.
struct Calibration {
    qint64 id = 0;
    qint64 technicianId = 0;
    qint64 performedUtcMs = 0;
    NewCalibration record;
    QString recordHash;
};

// Whether a channel may be used for therapy, from its calibration history.
enum class CalibrationState {
    NotCalibrated, // no completed calibration on record
    Valid, // the latest completed calibration passed and is not due
    Overdue, // the latest completed calibration passed but is past due
    Failed, // the latest completed calibration failed
};

struct CalibrationInForce {
    CalibrationState state = CalibrationState::NotCalibrated;
    std::optional<Calibration> latest; // the latest completed (passed or failed) calibration
};

} // namespace galvani::db::records
