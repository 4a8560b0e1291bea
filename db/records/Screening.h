// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/records/RecordEnums.h"

#include <QList>
#include <QString>
#include <QtGlobal>

#include <optional>

namespace galvani::db::records {

// One answered question of the contraindication checklist (ContraindicationChecklist.h). A precaution answered
// yes/unknown needs acknowledged = true; detail holds free text (which implant, which site).
struct ScreeningItem {
    QString code;
    Severity severity = Severity::Absolute;
    Answer answer = Answer::Unknown;
    bool acknowledged = false;
    QString detail;
};

// A screening as signed by the therapist: every checklist item answered. The outcome is derived by the
// repository (ContraindicationChecklist::derive), never taken from the caller. Times in UTC ms.
struct NewScreening {
    qint64 patientId = 0;
    QList<ScreeningItem> items;
    std::optional<QString> clearanceReason; // specialist clearance for an absolute item (who cleared, why)
    qint64 expiresUtcMs = 0; // re-screen after this, or sooner when health changes
    QString notes;
};

struct Screening {
    qint64 id = 0;
    qint64 patientId = 0;
    qint64 screenedBy = 0;
    qint64 screenedUtcMs = 0;
    ScreeningOutcome outcome = ScreeningOutcome::Blocked;
    qint64 expiresUtcMs = 0;
    std::optional<QString> clearanceReason;
    QString notes;
    QList<ScreeningItem> items;

    // Allows treatment at utcMs: not blocked and not expired.
    [[nodiscard]] bool permitsTreatmentAt(qint64 utcMs) const
    {
        return outcome != ScreeningOutcome::Blocked && utcMs < expiresUtcMs && utcMs >= screenedUtcMs;
    }
};

} // namespace galvani::db::records
