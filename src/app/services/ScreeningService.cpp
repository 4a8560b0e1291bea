// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/services/ScreeningService.h"

#include "app/access/AccessGuard.h"
#include "app/services/PatientLookup.h"
#include "app/services/ServiceSupport.h"
#include "app/store/RecordStoreImpl.h"
#include "db/TimeStamp.h"
#include "db/records/ContraindicationChecklist.h"
#include "db/records/ScreeningRepository.h"

#include <QSet>

#include <algorithm>

namespace galvani::app {

namespace {

using db::records::ContraindicationChecklist;
namespace rec = db::records;

constexpr qint64 kMsPerDay = 24LL * 60 * 60 * 1000;
constexpr qsizetype kMaxDetailChars = 1000; // ContraindicationChecklist::checkComplete's limit

ScreeningAnswer fromDb(rec::Answer a)
{
    switch (a) {
    case rec::Answer::No:
        return ScreeningAnswer::No;
    case rec::Answer::Yes:
        return ScreeningAnswer::Yes;
    case rec::Answer::Unknown:
        break;
    }
    return ScreeningAnswer::Unknown;
}

rec::Answer toDb(ScreeningAnswer a)
{
    switch (a) {
    case ScreeningAnswer::No:
        return rec::Answer::No;
    case ScreeningAnswer::Yes:
        return rec::Answer::Yes;
    case ScreeningAnswer::Unknown:
        break;
    }
    return rec::Answer::Unknown;
}

ScreeningOutcome fromDb(rec::ScreeningOutcome o)
{
    switch (o) {
    case rec::ScreeningOutcome::Clear:
        return ScreeningOutcome::Clear;
    case rec::ScreeningOutcome::PrecautionsAcknowledged:
        return ScreeningOutcome::PrecautionsAcknowledged;
    case rec::ScreeningOutcome::Blocked:
        break;
    }
    return ScreeningOutcome::Blocked;
}

// Why the answers lead to the stored outcome, item by item, in checklist order. Mirrors the rule of
// ContraindicationChecklist::derive, which alone decides the outcome.
QString explain(const rec::Screening& s, QStringList* applying)
{
    const bool cleared = s.clearanceReason.has_value() && !s.clearanceReason->trimmed().isEmpty();
    QStringList blocking;
    QStringList acknowledged;
    QStringList clearedItems;
    for (const rec::ScreeningItem& item : s.items) {
        if (item.answer == rec::Answer::No) {
            continue;
        }
        applying->append(item.code);
        const auto* info = ContraindicationChecklist::find(item.code);
        const bool absolute = info == nullptr || info->severity == rec::Severity::Absolute;
        if (absolute && (info == nullptr || !info->clearable)) {
            blocking.append(QStringLiteral("%1 (forbidden site: no clearance lifts it)").arg(item.code));
        } else if (absolute && !cleared) {
            blocking.append(QStringLiteral("%1 (absolute: needs a specialist clearance with a reason)").arg(item.code));
        } else if (!item.acknowledged) {
            blocking.append(QStringLiteral("%1 (applies but is not acknowledged)").arg(item.code));
        } else if (absolute) {
            clearedItems.append(item.code);
        } else {
            acknowledged.append(item.code);
        }
    }
    if (!blocking.isEmpty()) {
        return QStringLiteral("blocked by ") + blocking.join(QStringLiteral("; "));
    }
    if (applying->isEmpty()) {
        return QStringLiteral("no contraindication or precaution applies");
    }
    QStringList parts;
    if (!acknowledged.isEmpty()) {
        parts.append(QStringLiteral("precautions acknowledged: ") + acknowledged.join(QStringLiteral(", ")));
    }
    if (!clearedItems.isEmpty()) {
        parts.append(QStringLiteral("cleared by a specialist (%1): %2")
                         .arg(s.clearanceReason.value_or(QString()), clearedItems.join(QStringLiteral(", "))));
    }
    return parts.join(QStringLiteral("; "));
}

ScreeningView viewOf(const rec::Screening& s, qint64 nowUtcMs)
{
    ScreeningView v;
    v.id = s.id;
    v.patientId = s.patientId;
    v.screenedBy = s.screenedBy;
    v.screenedUtcMs = s.screenedUtcMs;
    v.expiresUtcMs = s.expiresUtcMs;
    v.outcome = fromDb(s.outcome);
    v.expired = nowUtcMs >= s.expiresUtcMs;
    v.permitsTreatment = s.permitsTreatmentAt(nowUtcMs);
    v.reason = explain(s, &v.itemsThatApply);
    if (v.expired) {
        v.reason += QStringLiteral("; expired, screen again before treatment");
    }
    v.clearanceReason = s.clearanceReason.value_or(QString());
    v.notes = s.notes;
    for (const rec::ScreeningItem& item : s.items) {
        v.answers.append(ScreeningAnswerInput{item.code, fromDb(item.answer), item.acknowledged, item.detail});
    }
    return v;
}

} // namespace

QString toString(ScreeningOutcome outcome)
{
    switch (outcome) {
    case ScreeningOutcome::Clear:
        return QStringLiteral("clear");
    case ScreeningOutcome::PrecautionsAcknowledged:
        return QStringLiteral("precautions acknowledged");
    case ScreeningOutcome::Blocked:
        break;
    }
    return QStringLiteral("blocked");
}

ScreeningInput ScreeningInput::noneApply()
{
    ScreeningInput input;
    for (const ChecklistItemInfo& item : ScreeningService::checklist()) {
        input.answers.append(ScreeningAnswerInput{item.id, ScreeningAnswer::No, false, QString()});
    }
    return input;
}

ScreeningService::ScreeningService(RecordStore& store) : m_store(store)
{
}

QList<ChecklistItemInfo> ScreeningService::checklist()
{
    QList<ChecklistItemInfo> out;
    for (const auto& item : ContraindicationChecklist::items()) {
        out.append(ChecklistItemInfo{QString::fromLatin1(item.code),
            item.severity == rec::Severity::Absolute ? ScreeningSeverity::Absolute : ScreeningSeverity::Precaution,
            item.clearable, QString::fromUtf8(item.question)});
    }
    return out;
}

AppResult<ScreeningView> ScreeningService::record(
    const SignedInUser& user, const QString& patientMrn, const ScreeningInput& input)
{
    if (auto denied = checkAccess(m_store, user, Action::RecordScreening, patientMrn)) {
        return *denied;
    }
    if (input.validDays < 1 || input.validDays > ScreeningInput::kMaxValidDays) {
        return detail::invalidInput(
            QStringLiteral("valid days = %1 is outside 1–%2").arg(input.validDays).arg(ScreeningInput::kMaxValidDays));
    }
    RecordStore::Impl& d = m_store.impl();
    rec::PatientRepository patients(d.context());
    const auto patient = detail::patientByMrn(patients, patientMrn);
    if (!patient.ok()) {
        return patient.error();
    }
    rec::NewScreening ns;
    ns.patientId = patient->id;
    for (const ScreeningAnswerInput& a : input.answers) {
        const auto* info = ContraindicationChecklist::find(a.itemId);
        if (info == nullptr) {
            return detail::invalidInput(
                QStringLiteral("screening item '%1' is not an item of the contraindication checklist").arg(a.itemId));
        }
        // Checked here too, so the message names the limit (the record store only says "too long").
        if (a.detail.size() > kMaxDetailChars) {
            return detail::invalidInput(
                QStringLiteral("detail of screening item '%1' has %2 characters; at most %3 are allowed")
                    .arg(a.itemId)
                    .arg(a.detail.size())
                    .arg(kMaxDetailChars));
        }
        if (a.detail.contains(QChar(u'\0'))) {
            return detail::invalidInput(
                QStringLiteral("detail of screening item '%1' contains a NUL character").arg(a.itemId));
        }
        // The severity comes from the checklist, never from the caller.
        ns.items.append(rec::ScreeningItem{a.itemId, info->severity, toDb(a.answer), a.acknowledged, a.detail});
    }
    if (!input.clearanceReason.isEmpty()) {
        ns.clearanceReason = input.clearanceReason;
    }
    ns.notes = input.notes;
    const qint64 now = db::utcMs(d.clock);
    ns.expiresUtcMs = now + input.validDays * kMsPerDay;
    const auto recorded = rec::ScreeningRepository(d.context()).record(ns, detail::actorOf(user));
    if (!recorded.ok()) {
        return detail::fromDb(recorded.error());
    }
    // The view as of the moment the store stamped the screening: the clock may have moved on since `now`, and a
    // screening is never "not yet valid" to the one who just recorded it.
    return viewOf(recorded.value(), std::max(now, recorded->screenedUtcMs));
}

AppResult<ScreeningView> ScreeningService::latest(const SignedInUser& user, const QString& patientMrn)
{
    if (auto denied = checkAccess(m_store, user, Action::ViewScreening, patientMrn)) {
        return *denied;
    }
    RecordStore::Impl& d = m_store.impl();
    rec::PatientRepository patients(d.context());
    const auto patient = detail::patientByMrn(patients, patientMrn);
    if (!patient.ok()) {
        return patient.error();
    }
    const auto found = rec::ScreeningRepository(d.context()).latest(patient->id);
    if (!found.ok()) {
        if (found.error().kind == db::DbError::Kind::NotFound) {
            return detail::notFound(QStringLiteral("the patient has no screening yet; record one before treatment"));
        }
        return detail::fromDb(found.error());
    }
    return viewOf(found.value(), db::utcMs(d.clock));
}

} // namespace galvani::app
