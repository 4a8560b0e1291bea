// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppResult.h"
#include "app/access/Access.h"
#include "app/services/PlacementService.h"

#include <QList>
#include <QString>
#include <QtGlobal>

#include <optional>

namespace galvani::app {

class RecordStore;

// A motor point found on one of the patient's placements in use: the spot that twitches at the least current
// (CLINICAL §4), with the stimulus it was searched with. Currents in µA, pulse width in µs, frequency in mHz
// (2 Hz = 2000). Plain value.
struct MotorPointInput {
    qint64 placementId = 0; // a current placement of the patient (PlacementView::id)
    qint64 thresholdUa = 0; // motor threshold, 1 µA – 100 mA
    int pulseWidthUs = 200; // search pulse width, 1–4000 µs (CLINICAL §4: 150–300 µs)
    qint64 frequencyMilliHz = 2000; // search rate, 1 mHz – 10 kHz (CLINICAL §4: 2–3 Hz, abdomen 0.5 Hz)
    std::optional<qint64> sensoryThresholdUa; // 1 µA – 100 mA when given
    std::optional<qint64> painThresholdUa;
    std::optional<qint64> mtiUa; // maximum tolerated intensity
    QString notes; // up to 250 characters
};

// A recorded motor point with the placement it was found on. Units as in MotorPointInput; times in UTC ms.
// Plain value.
struct MotorPointView {
    qint64 id = 0;
    qint64 placementId = 0;
    int channel = 0; // of that placement
    QString siteId; // catalogue site of that placement ("left-upper-trapezius"), empty when it has none
    QString muscle;
    QString side; // "left" or "right"
    PatientPosture posture = PatientPosture::Prone; // the posture the placement was recorded in
    qint64 thresholdUa = 0;
    int pulseWidthUs = 0;
    qint64 frequencyMilliHz = 0;
    std::optional<qint64> sensoryThresholdUa;
    std::optional<qint64> painThresholdUa;
    std::optional<qint64> mtiUa;
    QString notes;
    qint64 measuredBy = 0;
    qint64 measuredUtcMs = 0;
    bool reusable = true; // offered again at later visits
};

// Motor points per placement, remembered per patient for reuse (CLINICAL §4: "reuse stored points; re-search
// when posture differs"). Every method → EditPlacements (motor points are part of the placement record). Points
// are stored by the record store and audited there; a point is never changed, only withdrawn from reuse.
// Thread affinity: the RecordStore's thread. Ownership: borrows the store.
class MotorPointService {
public:
    explicit MotorPointService(RecordStore& store);

    // Records a point on a current placement of the patient.
    [[nodiscard]] AppResult<MotorPointView> record(
        const SignedInUser& user, const QString& patientMrn, const MotorPointInput& input);
    // The points recorded on the patient's current placements, by channel, newest first within a channel.
    [[nodiscard]] AppResult<QList<MotorPointView>> current(const SignedInUser& user, const QString& patientMrn);
    // The reusable points of every placement the patient ever had (replaced versions too), newest first.
    [[nodiscard]] AppResult<QList<MotorPointView>> remembered(const SignedInUser& user, const QString& patientMrn);
    // For each current placement without a point of its own: the newest reusable point found at the same muscle,
    // side and posture recorded again on it, dated now and signed by `user`, all or none. Returns the points
    // recorded (empty when nothing matched).
    [[nodiscard]] AppResult<QList<MotorPointView>> reuseOnCurrent(const SignedInUser& user, const QString& patientMrn);
    // Withdraws a point of this patient from reuse (e.g. a poor response), or offers it again. reason: 1–1000
    // characters.
    [[nodiscard]] AppResult<MotorPointView> setReusable(
        const SignedInUser& user, const QString& patientMrn, qint64 motorPointId, bool reusable, const QString& reason);

private:
    RecordStore& m_store;
};

} // namespace galvani::app
