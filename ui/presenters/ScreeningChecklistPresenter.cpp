// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presenters/ScreeningChecklistPresenter.h"

#include <utility>

namespace galvani::ui::presenters {

namespace {

bool isAbsolute(const app::ChecklistItemInfo& item)
{
    return item.severity == app::ScreeningSeverity::Absolute;
}

QString kindText(const app::ChecklistItemInfo& item)
{
    if (!isAbsolute(item)) {
        return QStringLiteral("Precaution");
    }
    return item.clearable ? QStringLiteral("Absolute") : QStringLiteral("Forbidden site");
}

QList<ScreeningChecklistPresenter::Item> makeItems()
{
    QList<ScreeningChecklistPresenter::Item> items;
    QString kind;
    for (const app::ChecklistItemInfo& info : app::ScreeningService::checklist()) {
        ScreeningChecklistPresenter::Item item{info, kindText(info), QString()};
        if (item.kind != kind) {
            kind = item.kind;
            item.section = !isAbsolute(info) ? QStringLiteral("Precautions — allowed once taken into account")
                : info.clearable
                ? QStringLiteral("Absolute contraindications — block stimulation unless a specialist clears them")
                : QStringLiteral("Forbidden sites — no clearance can lift them");
        }
        items.append(item);
    }
    return items;
}

bool cleared(const ScreeningChecklistPresenter::Form& form)
{
    return !form.clearance.trimmed().isEmpty();
}

ScreeningChecklistPresenter::Answer answerAt(const ScreeningChecklistPresenter::Form& form, int index)
{
    return index < form.answers.size() ? form.answers.at(index) : ScreeningChecklistPresenter::Answer{};
}

} // namespace

ScreeningChecklistPresenter::ScreeningChecklistPresenter(
    app::ScreeningService& screenings, app::SignedInUser user, QString mrn, QObject* parent)
    : QObject(parent), m_screenings(screenings), m_user(std::move(user)), m_mrn(std::move(mrn))
{
}

const QList<ScreeningChecklistPresenter::Item>& ScreeningChecklistPresenter::items()
{
    static const QList<Item> kItems = makeItems();
    return kItems;
}

bool ScreeningChecklistPresenter::applies(const Answer& answer)
{
    return answer.answer == app::ScreeningAnswer::Yes || answer.answer == app::ScreeningAnswer::Unknown;
}

bool ScreeningChecklistPresenter::acknowledgeable(int item, const Answer& answer)
{
    if (item < 0 || item >= items().size() || !applies(answer)) {
        return false;
    }
    const app::ChecklistItemInfo& info = items().at(item).info;
    return !isAbsolute(info) || info.clearable;
}

ScreeningChecklistPresenter::Verdict ScreeningChecklistPresenter::verdict(const Form& form)
{
    int unanswered = 0;
    QStringList blocking;
    QStringList toAcknowledge;
    QStringList precautions;
    for (int i = 0; i < items().size(); ++i) {
        const app::ChecklistItemInfo& info = items().at(i).info;
        const Answer a = answerAt(form, i);
        if (!a.answer) {
            ++unanswered;
            continue;
        }
        if (!applies(a)) {
            continue;
        }
        if (isAbsolute(info) && !info.clearable) {
            blocking.append(QStringLiteral("%1 (forbidden site: no clearance lifts it)").arg(info.question));
        } else if (isAbsolute(info) && !cleared(form)) {
            blocking.append(QStringLiteral("%1 (absolute contraindication; only a specialist clearance with a reason "
                                           "can lift it)")
                                .arg(info.question));
        } else if (!a.acknowledged) {
            toAcknowledge.append(info.question);
        } else {
            precautions.append(info.question);
        }
    }
    const QString left = QStringLiteral("%1 of %2 questions still to answer.").arg(unanswered).arg(items().size());
    Verdict v;
    if (!blocking.isEmpty()) {
        v = {QStringLiteral("✖ STIMULATION BLOCKED by: ") + blocking.join(QStringLiteral("; ")), Tone::Blocked};
    } else if (!toAcknowledge.isEmpty()) {
        v = {QStringLiteral("⚠ Not yet allowed: tick “taken into account” for ")
                + toAcknowledge.join(QStringLiteral("; ")),
            Tone::Attention};
    } else if (unanswered > 0) {
        return {left, Tone::Pending};
    } else if (!precautions.isEmpty()) {
        v = {QStringLiteral("⚠ Treatment allowed with precautions taken into account: ")
                + precautions.join(QStringLiteral("; ")),
            Tone::Attention};
    } else {
        v = {QStringLiteral("✔ No contraindication or precaution applies: treatment allowed."), Tone::Allowed};
    }
    if (unanswered > 0) {
        v.text += QStringLiteral(" — ") + left;
    }
    return v;
}

std::optional<ScreeningChecklistPresenter::Problem> ScreeningChecklistPresenter::problem(const Form& form)
{
    // Unanswered questions come first, so the focus goes to the first of them and not to an earlier precaution
    // that only lacks its acknowledgement.
    Problem unanswered;
    Problem unacknowledged;
    QStringList unansweredQuestions;
    QStringList unacknowledgedQuestions;
    for (int i = 0; i < items().size(); ++i) {
        const app::ChecklistItemInfo& info = items().at(i).info;
        const Answer a = answerAt(form, i);
        if (!a.answer) {
            unansweredQuestions.append(info.question);
            unanswered.marked.append(i);
            continue;
        }
        const bool needsAcknowledgement = applies(a) && (!isAbsolute(info) || (info.clearable && cleared(form)));
        if (needsAcknowledgement && !a.acknowledged) {
            unacknowledgedQuestions.append(info.question);
            unacknowledged.marked.append(i);
        }
    }
    if (!unansweredQuestions.isEmpty()) {
        unanswered.message = QStringLiteral("Answer every question: %1 not answered yet (first: “%2”).")
                                 .arg(unansweredQuestions.size())
                                 .arg(unansweredQuestions.first());
        unanswered.marked.append(unacknowledged.marked);
        unanswered.focus = unanswered.marked.first();
        return unanswered;
    }
    if (!unacknowledgedQuestions.isEmpty()) {
        unacknowledged.message = QStringLiteral("Each precaution that applies must be acknowledged: tick “taken into "
                                                "account” for %1, or change the answer.")
                                     .arg(unacknowledgedQuestions.join(QStringLiteral("; ")));
        unacknowledged.focus = unacknowledged.marked.first();
        unacknowledged.focusAcknowledgement = true;
        return unacknowledged;
    }
    return std::nullopt;
}

app::ScreeningInput ScreeningChecklistPresenter::input(const Form& form)
{
    app::ScreeningInput in;
    for (int i = 0; i < items().size(); ++i) {
        const Answer a = answerAt(form, i);
        if (!a.answer) {
            continue;
        }
        in.answers.append(app::ScreeningAnswerInput{
            items().at(i).info.id, *a.answer, applies(a) && a.acknowledged, a.detail.trimmed()});
    }
    in.clearanceReason = form.clearance.trimmed();
    in.notes = form.notes.trimmed();
    in.validDays = form.validDays;
    return in;
}

app::AppResult<app::ScreeningView> ScreeningChecklistPresenter::record(const Form& form)
{
    if (const auto p = problem(form)) {
        return app::AppError{app::AppError::Kind::Invalid, p->message};
    }
    return m_screenings.record(m_user, m_mrn, input(form));
}

} // namespace galvani::ui::presenters
