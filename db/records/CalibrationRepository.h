// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/Actor.h"
#include "db/Result.h"
#include "db/StoreContext.h"
#include "db/records/Calibration.h"

#include <QList>

namespace galvani::db::records {

// Calibration records (CLINICAL.md §6): append-only (the database refuses UPDATE and DELETE), each with its
// instruments and points, written in one transaction together with a "calibration" audit row.
// A record marked passed must have at least three points, all passed, at least one instrument, every instrument
// within its own due date, and the fitted gain/offset; the error of each point is computed here, not taken from
// the caller. inForce() gives the channel's therapy state from the latest completed record (incomplete attempts
// change nothing). Thread affinity: the Database's thread. Ownership: borrows the context.
class CalibrationRepository {
public:
    static constexpr int kMinPointsToPass = 3;

    explicit CalibrationRepository(const StoreContext& ctx);

    [[nodiscard]] Result<Calibration> record(const NewCalibration& calibration, const Actor& technician);
    [[nodiscard]] Result<Calibration> byId(qint64 id);
    [[nodiscard]] Result<QList<Calibration>> history(const QString& deviceSerial, int channel);
    [[nodiscard]] Result<CalibrationInForce> inForce(const QString& deviceSerial, int channel);

    // SHA-256 (hex) over every field of the record, in a fixed length-prefixed layout.
    [[nodiscard]] static QString recordHash(const Calibration& c);
    [[nodiscard]] static Status validate(const NewCalibration& c, qint64 performedUtcMs);

private:
    [[nodiscard]] Status loadDetails(Calibration& c);
    StoreContext m_ctx;
};

} // namespace galvani::db::records
