// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to galvani_app: turning calibration results into records of db::records::CalibrationRepository.
// Only app .cpp files include this header.

#include "app/AppResult.h"
#include "app/access/Access.h"
#include "app/calibration/CalibrationResults.h"
#include "app/calibration/CalibrationSetup.h"
#include "app/calibration/ChannelCalibrationStatus.h"
#include "db/Result.h"
#include "db/records/Calibration.h"

#include <QList>
#include <QString>

#include <optional>

namespace galvani::app {
class RecordStore;
}

namespace galvani::app::calibration {

[[nodiscard]] AppError fromDb(const db::DbError& error);

// The most characters of a result reason a record's notes keep; a longer one (a device's error text, say) is cut
// there and ends in "…" (the procedure reports it in full).
inline constexpr qsizetype kMaxRecordedReasonChars = 500;

// The longest the procedure's own description of a run with this setup can be in a record's notes (the conditions,
// every point as found and as left with the longest figures, the fit, a reason of kMaxRecordedReasonChars), with the
// separator before the technician's notes. A record's notes are that description and the technician's notes
// together, within kMaxCalibrationNotesChars: CalibrationService::begin() keeps the setup's notes and number of
// points within what is left, so a run never connects only to fail at its first record.
[[nodiscard]] qsizetype describedLengthBound(const CalibrationSetup& setup);

// A device serial no record can have (over kMaxDeviceSerialChars, or with a NUL) as Invalid naming the limit, so
// that it is refused rather than looked up (or connected to); nullopt otherwise. Blank is the caller's rule.
[[nodiscard]] std::optional<AppError> checkDeviceSerial(const QString& serial);

// What every record of one run shares.
struct RunContext {
    QString deviceSerial;
    QString firmware; // "not reported" when the device has none
    CalibrationSetup setup;
    qint64 dueUtcMs = 0;
};

// The model the channel's calibration in force applied (the "before" of the next record), if any.
[[nodiscard]] AppResult<std::optional<db::records::Calibration>> passedInForce(
    RecordStore& store, const QString& deviceSerial, int channel);

// The "incomplete" record written before a channel is driven, or when a run stops part-way; never applied.
[[nodiscard]] AppResult<qint64> recordIncomplete(RecordStore& store, const SignedInUser& technician,
    const RunContext& run, int channel, const QList<CalibrationPointResult>& points, const QString& why);

// The passed or failed record of a finished channel; fills in calibrationId, recordHash and dueUtcMs.
[[nodiscard]] AppStatus recordFinished(
    RecordStore& store, const SignedInUser& technician, const RunContext& run, ChannelCalibrationResult& result);

// A stored record as the history shows it.
[[nodiscard]] CalibrationHistoryEntry historyEntry(const db::records::Calibration& c);

// The set values of a record's points (its calibrated range), smallest and largest; 0, 0 without points.
[[nodiscard]] std::pair<qint64, qint64> calibratedRange(const db::records::Calibration& c);

} // namespace galvani::app::calibration
