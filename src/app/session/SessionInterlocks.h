// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to galvani_app: the record-based session interlocks (CLINICAL.md §3, §4, §6).

#include "app/AppResult.h"
#include "app/calibration/ChannelCalibrationStatus.h"
#include "app/session/SessionTypes.h"

#include <QList>
#include <QString>
#include <QtGlobal>

#include <chrono>
#include <optional>

namespace galvani::app {

class RecordStore;

// The longest a signed screening permits treatment, whatever expiry it states. CLINICAL.md §3 asks for a
// re-confirmation "when health changes" and sets no period; each screening carries its own expiry, chosen when it
// is recorded (ScreeningService: 90 days by default, 365 at most), and that expiry is checked first. The session
// interlock does not trust a stated expiry blindly (defence in depth: a record written by an older version or
// another tool may state any date), so it also refuses any screening older than this ceiling — the recording
// maximum, so the two rules never disagree about a screening recorded through the service.
inline constexpr std::chrono::milliseconds kScreeningValidity = std::chrono::hours(24 * 365);

// A channel's electrodes as recorded. Units: cm².
struct PlacedChannel {
    int channel = 1;
    QString siteId;
    qint64 placementId = 0;
    std::optional<qint64> referencePlacementId;
    double padAreaCm2 = 0.0; // smaller pad of the pair, tightened by the request's pad area if given
};

// What the records say about the patient of a request, once every record interlock passed.
struct PatientRecords {
    qint64 patientId = 0;
    QString mrn;
    QString name;
    QString birthDate;
    qint64 screeningId = 0;
    qint64 screeningValidUntilUtcMs = 0;
    QList<PlacedChannel> channels;
};

// The calibration in force on one channel of the device. Units: µA.
struct ChannelCalibration {
    int channel = 1;
    std::optional<qint64> calibrationId; // empty: no calibration on record (allowed, with a notice)
    std::optional<qint64> calibratedMaxUa; // top of the calibrated range, caps the amplitude
    QString note;
    // The channel's state from CalibrationService (lock, correction in force); commandUa() applies the correction.
    std::optional<ChannelCalibrationStatus> status;

    // The device command that delivers targetUa on this channel (the target itself without a status).
    [[nodiscard]] qint64 commandUa(qint64 targetUa, qint64 gridUa) const
    {
        return status ? status->commandUaFor(targetUa, gridUa).value_or(targetUa) : targetUa;
    }
};

// The site id of a recorded placement: "<side>-<muscle>", lower case, words joined by '-'
// (right + "lumbar erector spinae" → "right-lumbar-erector-spinae").
[[nodiscard]] QString siteIdOf(const QString& side, const QString& muscle);

// Patient by MRN, screening recorded, not blocked and not expired (kScreeningValidity), and a current placement
// at the requested site for every requested channel. Errors name what is missing (NotFound for an unknown
// patient, Interlock for the rest). Thread affinity: the store's thread.
[[nodiscard]] AppResult<PatientRecords> checkPatientRecords(
    RecordStore& store, const SessionRequest& request, qint64 nowUtcMs);

// The calibration state of each channel on the device: failed or overdue → Interlock error naming the channel
// and device; none on record → allowed, with a note; any other lock CalibrationService::status() reports (the
// clinic requires a record, a record that fails its hash) → Interlock with its reason. Thread affinity: the
// store's thread.
[[nodiscard]] AppResult<QList<ChannelCalibration>> checkCalibrations(
    RecordStore& store, const SignedInUser& user, const QString& deviceId, const QList<int>& channels);

} // namespace galvani::app
