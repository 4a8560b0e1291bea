// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/Result.h"
#include "db/records/Screening.h"

#include <QList>

#include <span>

namespace galvani::db::records {

// The contraindication checklist of CLINICAL.md §3 and the rule that turns answers into an outcome.
// Absolute items block treatment unless a specialist clearance with a reason is recorded, and then count as
// precautions; forbidden sites (front of neck, transthoracic, head, eyes, mouth) can never be cleared. Every
// precaution answered yes or unknown must be acknowledged item by item. "Unknown" counts as yes.
// Where sources disagree the stricter class is used (pregnancy with trunk pads and epilepsy are absolute).
// Pure data and functions; thread-safe.
class ContraindicationChecklist {
public:
    struct Item {
        const char* code;
        Severity severity;
        bool clearable; // false for forbidden sites
        const char* question;
    };

    [[nodiscard]] static std::span<const Item> items();
    [[nodiscard]] static const Item* find(const QString& code);
    // Every checklist item answered exactly once, with the checklist's severity, and nothing else.
    [[nodiscard]] static Status checkComplete(const QList<ScreeningItem>& answers);
    [[nodiscard]] static ScreeningOutcome derive(
        const QList<ScreeningItem>& answers, const std::optional<QString>& clearanceReason);
};

} // namespace galvani::db::records
