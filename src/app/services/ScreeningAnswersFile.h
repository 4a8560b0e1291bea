// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppResult.h"
#include "app/services/ScreeningService.h"

#include <QByteArray>

namespace galvani::app {

// The answers file of a contraindication screening: UTF-8 JSON, at most kMaxBytes.
//   {
//     "answers":          { "<item id>": true | false | "unknown", … every checklist item exactly once },
//     "acknowledged":     [ "<item id>", … ]       items that apply and were taken into account (optional),
//     "details":          { "<item id>": "text" }   free text per item (optional),
//     "clearance_reason": "text"                    specialist clearance of clearable absolute items (optional),
//     "notes":            "text"                    (optional),
//     "valid_days":       90                        1–365 (optional, default ScreeningInput::kDefaultValidDays)
//   }
// Unknown keys, unknown or missing item ids, and acknowledgements or details of items that are not answered are
// refused with a message naming the key. Whether the answers allow treatment is not decided here: the record
// store derives the outcome. Thread affinity: stateless, any thread.
class ScreeningAnswersFile {
public:
    static constexpr qsizetype kMaxBytes = qsizetype{1024} * 1024;

    [[nodiscard]] static AppResult<ScreeningInput> parse(const QByteArray& json);
    // A file with every item answered false, as a template to edit.
    [[nodiscard]] static QByteArray noneApplyTemplate();
};

} // namespace galvani::app
