// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppResult.h"
#include "app/access/Access.h"
#include "app/services/ScreeningService.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace galvani::ui::presenters {

// The contraindication checklist's decisions (CLINICAL §3), for ScreeningDialog: the items in their sections with
// their kind in words; for the answers as they stand, whether an item applies ("not sure" counts as yes), whether
// its "taken into account" box can be ticked, and the live verdict in words (blocked, not yet allowed, questions
// left, allowed with precautions, allowed); before saving, the first problem (an unanswered question, then a
// precaution not acknowledged) with the items to mark and the one to focus; the input recorded and the record.
// The record store derives the outcome: the presenter only explains it.
// Thread affinity: GUI thread. Ownership: borrows the service, which must outlive it.
class ScreeningChecklistPresenter : public QObject {
    Q_OBJECT
public:
    struct Item {
        app::ChecklistItemInfo info;
        QString kind; // "Absolute", "Forbidden site" or "Precaution"
        QString section; // the heading of the section this item opens; empty when it continues one
    };

    // One row of the form as it stands.
    struct Answer {
        std::optional<app::ScreeningAnswer> answer; // empty: not answered yet
        bool acknowledged = false;
        QString detail;
    };

    struct Form {
        QList<Answer> answers; // in the order of items()
        QString clearance; // the specialist clearance's reason; empty: none
        QString notes;
        int validDays = app::ScreeningInput::kDefaultValidDays;
    };

    enum class Tone { Blocked, Attention, Pending, Allowed };
    struct Verdict {
        QString text;
        Tone tone = Tone::Pending;
    };

    // What stops a save: the message, the items to mark (indices into items()) and the one to focus, and whether
    // the focus goes to its acknowledgement (else to its answer).
    struct Problem {
        QString message;
        QList<int> marked;
        int focus = -1;
        bool focusAcknowledgement = false;
    };

    ScreeningChecklistPresenter(
        app::ScreeningService& screenings, app::SignedInUser user, QString mrn, QObject* parent = nullptr);

    [[nodiscard]] static const QList<Item>& items();
    [[nodiscard]] static bool applies(const Answer& answer);
    // Whether the item's "taken into account" box can be ticked: it applies and is a precaution or an absolute
    // item a clearance can lift.
    [[nodiscard]] static bool acknowledgeable(int item, const Answer& answer);
    [[nodiscard]] static Verdict verdict(const Form& form);
    // The first thing that stops a save, or nullopt when the form can be recorded.
    [[nodiscard]] static std::optional<Problem> problem(const Form& form);
    // The input as the form stands (unanswered items left out; an acknowledgement only where the item applies).
    [[nodiscard]] static app::ScreeningInput input(const Form& form);
    // Records the form after checking it: a Problem's message or the service's refusal, verbatim, as the error.
    [[nodiscard]] app::AppResult<app::ScreeningView> record(const Form& form);

private:
    app::ScreeningService& m_screenings;
    app::SignedInUser m_user;
    QString m_mrn;
};

} // namespace galvani::ui::presenters
