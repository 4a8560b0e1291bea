// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/records/ContraindicationChecklist.h"

#include <QSet>

#include <array>

namespace galvani::db::records {

namespace {

using Item = ContraindicationChecklist::Item;
constexpr Severity A = Severity::Absolute;
constexpr Severity P = Severity::Precaution;

// CLINICAL.md §3, one row per question.
constexpr std::array<Item, 25> kItems{{
    {"implanted_device", A, true, "Demand pacemaker, ICD, or any implanted electronic or neurostimulating device"},
    {"body_worn_device", A, true, "Body-worn electromechanical device (e.g. insulin pump)"},
    {"mri_ct_room", A, true, "Treatment in or near an MRI or CT room"},
    {"pregnancy_trunk", A, true, "Pregnancy, with pads on the abdomen, lumbar region or pelvis"},
    {"malignancy_at_site", A, true, "Malignancy at or near the treatment site"},
    {"skin_at_site", A, true,
        "Swollen, infected or inflamed skin, eruptions, (thrombo)phlebitis or varicose veins at the site"},
    {"epilepsy", A, true, "Epilepsy"},
    {"fes_fracture_or_metal", A, true, "FES: unhealed fracture in the segment, or a metal implant under a pad"},
    {"site_anterior_neck", A, false, "Pads on the front of the neck or over the carotid sinus"},
    {"site_transthoracic", A, false, "Transthoracic path (chest and upper back, any path across the heart)"},
    {"site_head", A, false, "Current path across the head"},
    {"site_eyes", A, false, "Pads over or near the eyes"},
    {"site_mouth", A, false, "Pads over the mouth"},
    {"heart_disease", P, true, "Known or suspected heart disease"},
    {"bleeding_tendency", P, true, "Bleeding tendency after trauma or fracture"},
    {"recent_surgery", P, true, "Recent surgery (contraction may disrupt healing)"},
    {"menstruating_uterus", P, true, "Menstruating uterus, with abdominal or lumbar pads"},
    {"reduced_sensation", P, true, "Reduced sensation at the site"},
    {"skin_hypersensitivity", P, true, "Skin or gel hypersensitivity"},
    {"hernia", P, true, "Abdominal or inguinal hernia"},
    {"leg_arterial_disease", P, true, "Serious arterial disease of the legs"},
    {"first_treatment", P, true, "First treatment: patient seated or lying (vagal reaction)"},
    {"hf_surgical_equipment", P, true, "HF surgical equipment attached (burns)"},
    {"diathermy_nearby", P, true, "Shortwave or microwave equipment within about 1 m"},
    {"ecg_monitor_nearby", P, true, "ECG monitors nearby"},
}};

bool isHit(Answer a)
{
    return a != Answer::No;
}

} // namespace

std::span<const ContraindicationChecklist::Item> ContraindicationChecklist::items()
{
    return kItems;
}

const ContraindicationChecklist::Item* ContraindicationChecklist::find(const QString& code)
{
    for (const Item& i : kItems) {
        if (code == QLatin1String(i.code)) {
            return &i;
        }
    }
    return nullptr;
}

Status ContraindicationChecklist::checkComplete(const QList<ScreeningItem>& answers)
{
    QSet<QString> seen;
    for (const ScreeningItem& a : answers) {
        const Item* item = find(a.code);
        if (item == nullptr) {
            return invalid(QStringLiteral("'%1' is not an item of the contraindication checklist").arg(a.code));
        }
        if (item->severity != a.severity) {
            return invalid(QStringLiteral("checklist item '%1' is %2, not %3")
                               .arg(a.code, toText(item->severity), toText(a.severity)));
        }
        if (seen.contains(a.code)) {
            return invalid(QStringLiteral("checklist item '%1' is answered twice").arg(a.code));
        }
        if (a.detail.size() > 1000 || a.detail.contains(QChar(u'\0'))) {
            return invalid(QStringLiteral("the detail of checklist item '%1' is too long or has a NUL").arg(a.code));
        }
        seen.insert(a.code);
    }
    for (const Item& i : kItems) {
        if (!seen.contains(QLatin1String(i.code))) {
            return invalid(QStringLiteral("checklist item '%1' is not answered").arg(QLatin1String(i.code)));
        }
    }
    return {};
}

ScreeningOutcome ContraindicationChecklist::derive(
    const QList<ScreeningItem>& answers, const std::optional<QString>& clearanceReason)
{
    const bool cleared = clearanceReason.has_value() && !clearanceReason->trimmed().isEmpty();
    bool anyHit = false;
    for (const ScreeningItem& a : answers) {
        if (!isHit(a.answer)) {
            continue;
        }
        const Item* item = find(a.code);
        if (item == nullptr) {
            return ScreeningOutcome::Blocked;
        }
        if (item->severity == Severity::Absolute && (!item->clearable || !cleared)) {
            return ScreeningOutcome::Blocked;
        }
        if (!a.acknowledged) {
            return ScreeningOutcome::Blocked;
        }
        anyHit = true;
    }
    return anyHit ? ScreeningOutcome::PrecautionsAcknowledged : ScreeningOutcome::Clear;
}

} // namespace galvani::db::records
