// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/Actor.h"
#include "db/Result.h"
#include "db/StoreContext.h"
#include "db/records/MotorPoint.h"

#include <QList>

namespace galvani::db::records {

// Motor points per placement, remembered per patient for reuse. Recording and the reusable flag are audited in
// the same transaction. Thread affinity: the Database's thread. Ownership: borrows the context.
class MotorPointRepository {
public:
    explicit MotorPointRepository(const StoreContext& ctx);

    [[nodiscard]] Result<MotorPoint> record(const MotorPointFields& fields, const Actor& actor);
    [[nodiscard]] Result<MotorPoint> byId(qint64 id);
    [[nodiscard]] Result<QList<MotorPoint>> forPlacement(qint64 placementId);
    // Reusable points of all of a patient's placements (including superseded versions: the caller matches
    // muscle, side and posture), newest first.
    [[nodiscard]] Result<QList<MotorPoint>> reusableForPatient(qint64 patientId);
    [[nodiscard]] Result<MotorPoint> setReusable(
        qint64 id, bool reusable, const Actor& actor, const std::optional<QString>& reason);

    [[nodiscard]] static Status validate(const MotorPointFields& fields);

private:
    StoreContext m_ctx;
};

} // namespace galvani::db::records
