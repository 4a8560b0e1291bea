// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>

namespace galvani::db::records {

// A motor point found on a placement: the spot that twitches at the least current (CLINICAL.md §4), with the
// stimulus it was found at. Currents in µA, pulse width in µs, frequency in millihertz (0.5 Hz = 500).
struct MotorPointFields {
    qint64 placementId = 0;
    qint64 thresholdUa = 0; // motor threshold, 1 µA – 100 mA
    qint64 pulseWidthUs = 0; // search pulse width, 1–4000 µs
    qint64 frequencyMilliHz = 0; // search rate, up to 10 kHz
    std::optional<qint64> sensoryThresholdUa;
    std::optional<qint64> painThresholdUa;
    std::optional<qint64> mtiUa; // maximum tolerated intensity
    QString notes; // up to 250 characters
};

// Stored motor point. reusable: offered again at later sessions (cleared when it should be searched afresh,
// e.g. after a change of posture or a poor response). Times in UTC ms.
struct MotorPoint {
    qint64 id = 0;
    MotorPointFields fields;
    qint64 measuredBy = 0;
    qint64 measuredUtcMs = 0;
    bool reusable = true;
};

} // namespace galvani::db::records
