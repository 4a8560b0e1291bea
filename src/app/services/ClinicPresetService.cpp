// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/services/ClinicPresetService.h"

#include "app/access/AccessGuard.h"
#include "app/services/ClinicLimitsService.h"
#include "app/services/PresetService.h"
#include "app/services/ServiceSupport.h"
#include "app/store/RecordStoreImpl.h"
#include "core/domain/PresetCatalogue.h"
#include "db/records/ProgramRepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QUuid>

#include <algorithm>
#include <cmath>
#include <string>

namespace galvani::app {

namespace {

using db::records::Program;
using db::records::ProgramFields;
using db::records::ProgramRepository;

const QString kBaseKey = QStringLiteral("clinic_preset_of");
const QString kValuesKey = QStringLiteral("values");
const QString kMinutesKey = QStringLiteral("session_minutes");

const core::Preset* therapyPreset(const QString& id)
{
    const std::string wanted = id.toStdString();
    const auto all = core::PresetCatalogue::all();
    const auto it = std::find_if(all.begin(), all.end(), [&](const core::Preset& p) { return p.id == wanted; });
    return it == all.end() ? nullptr : &*it;
}

QString toJson(const QString& base, const QList<ClinicPresetValue>& values, int minutes)
{
    QJsonArray list;
    for (const ClinicPresetValue& v : values) {
        list.append(QJsonObject{{QStringLiteral("field"), v.field}, {QStringLiteral("value"), v.value}});
    }
    const QJsonObject o{{kBaseKey, base}, {kValuesKey, list}, {kMinutesKey, minutes}};
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// A stored version as a clinic preset; nullopt when it is not one of ours or cannot be read.
std::optional<ClinicPreset> fromProgram(const Program& p)
{
    if (!ClinicPresetService::isClinicPresetId(p.key)) {
        return std::nullopt;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(p.fields.parametersJson.toUtf8());
    const QJsonObject o = doc.object();
    ClinicPreset out;
    out.id = p.key;
    out.name = p.fields.name;
    out.basePresetId = o.value(kBaseKey).toString();
    const core::Preset* base = therapyPreset(out.basePresetId);
    if (base == nullptr || !o.value(kValuesKey).isArray()) {
        return std::nullopt;
    }
    out.baseName = detail::fromUtf8(base->name);
    const QJsonArray values = o.value(kValuesKey).toArray();
    for (const auto& item : values) {
        const QJsonObject v = item.toObject();
        out.values.append(ClinicPresetValue{
            v.value(QStringLiteral("field")).toString(), v.value(QStringLiteral("value")).toDouble(std::nan(""))});
    }
    out.sessionMinutes = o.value(kMinutesKey).toInt(0);
    out.version = p.version;
    out.savedUtcMs = p.createdUtcMs;
    out.savedBy = p.createdBy;
    return out;
}

AppError unreadable(const QString& id)
{
    return AppError{AppError::Kind::Storage,
        QStringLiteral("clinic preset %1: the stored version cannot be read (verify the audit trail)").arg(id)};
}

} // namespace

ClinicPresetService::ClinicPresetService(RecordStore& store) : m_store(store)
{
}

AppResult<QList<ClinicPreset>> ClinicPresetService::list(const SignedInUser& user)
{
    if (auto denied = checkAccess(m_store, user, Action::ViewPresets, QStringLiteral("clinic presets"))) {
        return *denied;
    }
    const auto current = ProgramRepository(m_store.impl().context()).listCurrent();
    if (!current.ok()) {
        return detail::fromDb(current.error());
    }
    QList<ClinicPreset> out;
    for (const Program& p : *current) {
        if (!isClinicPresetId(p.key)) {
            continue; // the versions sessions recorded under the built-in presets' keys
        }
        auto preset = fromProgram(p);
        if (!preset) {
            return unreadable(p.key);
        }
        out.append(*preset);
    }
    return out;
}

AppResult<ClinicPreset> ClinicPresetService::find(const SignedInUser& user, const QString& id)
{
    if (auto denied = checkAccess(m_store, user, Action::ViewPresets, id.left(detail::kMaxUsernameChars))) {
        return *denied;
    }
    return resolve(id);
}

AppResult<ClinicPreset> ClinicPresetService::resolve(const QString& id)
{
    if (!isClinicPresetId(id) || id.size() > 64 || id.contains(QChar(u'\0'))) {
        return detail::notFound(QStringLiteral("preset: no clinic preset with id '%1'").arg(id.left(64)));
    }
    const auto latest = ProgramRepository(m_store.impl().context()).latest(id);
    if (!latest.ok()) {
        if (latest.error().kind == db::DbError::Kind::NotFound) {
            return detail::notFound(QStringLiteral("preset: no clinic preset with id '%1'").arg(id));
        }
        return detail::fromDb(latest.error());
    }
    if (latest->retired) {
        return detail::notFound(
            QStringLiteral("preset: the clinic preset '%1' (%2) was retired").arg(latest->fields.name, id));
    }
    auto preset = fromProgram(*latest);
    if (!preset) {
        return unreadable(id);
    }
    return *preset;
}

AppResult<ClinicPreset> ClinicPresetService::save(
    const SignedInUser& user, const QString& id, const ClinicPresetDraft& draft, const QString& reason)
{
    if (auto denied = checkAccess(m_store, user, Action::EditPresets, draft.name.left(kMaxNameChars))) {
        return *denied;
    }
    const QString name = draft.name.trimmed();
    if (name.isEmpty()) {
        return detail::invalidInput(
            QStringLiteral("name: a clinic preset needs a name (1–%1 characters)").arg(kMaxNameChars));
    }
    if (auto bad = detail::checkText(name, QStringLiteral("name"), kMaxNameChars)) {
        return *bad;
    }
    if (reason.trimmed().isEmpty()) {
        return detail::invalidInput(QStringLiteral("reason: saving a clinic preset needs a reason"));
    }
    if (auto bad = detail::checkText(reason, QStringLiteral("reason"), detail::kMaxReasonChars)) {
        return *bad;
    }
    const core::Preset* base = therapyPreset(draft.basePresetId);
    if (base == nullptr) {
        return detail::invalidInput(
            QStringLiteral("built-in preset: '%1' is not a therapy preset").arg(draft.basePresetId.left(64)));
    }
    // The editors' ranges: the built-in preset's, lowered to the clinic's limits.
    const auto fields = PresetService(m_store).fields(user, draft.basePresetId);
    if (!fields.ok()) {
        return fields.error();
    }
    const auto clinic = ClinicLimitsService(m_store).limitsUnchecked();
    if (!clinic.ok()) {
        return clinic.error();
    }
    const int maxMinutes = clinic->sessionMinutesMax.value_or(99);
    if (draft.sessionMinutes < 1 || draft.sessionMinutes > maxMinutes) {
        return detail::invalidInput(
            QStringLiteral("session length: %1 min is outside 1–%2 min%3")
                .arg(draft.sessionMinutes)
                .arg(maxMinutes)
                .arg(clinic->sessionMinutesMax ? QStringLiteral(" (the clinic's limit)") : QString()));
    }
    core::PresetValues values = base->defaults();
    QSet<QString> seen;
    for (const ClinicPresetValue& v : draft.values) {
        const auto field
            = std::find_if(fields->begin(), fields->end(), [&](const PresetField& f) { return f.name == v.field; });
        if (field == fields->end()) {
            QStringList editable;
            for (const PresetField& f : *fields) {
                editable.append(f.name);
            }
            return detail::invalidInput(
                QStringLiteral("'%1' is not an editable value of %2 (editable: %3)")
                    .arg(v.field.left(64), detail::fromUtf8(base->name), editable.join(QStringLiteral(", "))));
        }
        if (seen.contains(v.field)) {
            return detail::invalidInput(QStringLiteral("%1: given twice").arg(v.field));
        }
        seen.insert(v.field);
        if (!std::isfinite(v.value) || v.value < field->min || v.value > field->max) {
            return detail::invalidInput(QStringLiteral("%1: %2 %3 is outside %4–%5 %3")
                                            .arg(field->name, QString::number(v.value), field->unit,
                                                QString::number(field->min), QString::number(field->max)));
        }
        if (!base->setField(values, v.field.toStdString(), v.value)) {
            return detail::invalidInput(
                QStringLiteral("%1: %2 cannot be set").arg(field->name, QString::number(v.value)));
        }
    }
    if (const auto problems = base->outOfRange(values); !problems.empty()) {
        QStringList messages;
        for (const std::string& p : problems) {
            messages.append(QString::fromStdString(p));
        }
        return detail::invalidInput(messages.join(QStringLiteral("; ")));
    }

    ProgramRepository programs(m_store.impl().context());
    const auto current = list(user);
    if (!current.ok()) {
        return current.error();
    }
    for (const ClinicPreset& other : *current) {
        if (other.id != id && other.name.compare(name, Qt::CaseInsensitive) == 0) {
            return AppError{AppError::Kind::Conflict,
                QStringLiteral("name: the clinic preset '%1' already exists (%2)").arg(other.name, other.id)};
        }
    }
    ProgramFields f;
    f.name = name;
    f.modality = detail::fromUtf8(base->id);
    f.waveform = detail::fromUtf8(core::toString(base->waveform.kind())).replace(QLatin1Char(' '), QLatin1Char('-'));
    f.frequencyMilliHz = std::llround(values.frequency.value() * 1000.0);
    f.pulseWidthUs = values.phaseWidth.value();
    f.durationS = qint64{draft.sessionMinutes} * 60;
    f.maxAmplitudeUa = base->amplitude.max.value();
    f.parametersJson = toJson(draft.basePresetId, draft.values, draft.sessionMinutes);
    const auto actor = detail::actorOf(user);
    if (!id.isEmpty()) {
        if (const auto existing = resolve(id); !existing.ok()) {
            return existing.error(); // unknown or retired: a new version needs a preset in use
        }
    }
    const db::Result<Program> saved = id.isEmpty()
        ? programs.create(QString::fromLatin1(kIdPrefix) + QUuid::createUuid().toString(QUuid::Id128).left(16), f,
            actor, reason.trimmed())
        : programs.saveVersion(id, f, actor, reason.trimmed());
    if (!saved.ok()) {
        return detail::fromDb(saved.error());
    }
    auto out = fromProgram(*saved);
    if (!out) {
        return unreadable(saved->key);
    }
    return *out;
}

AppStatus ClinicPresetService::retire(const SignedInUser& user, const QString& id, const QString& reason)
{
    if (auto denied = checkAccess(m_store, user, Action::EditPresets, id.left(64))) {
        return *denied;
    }
    if (reason.trimmed().isEmpty()) {
        return detail::invalidInput(QStringLiteral("reason: retiring a clinic preset needs a reason"));
    }
    if (auto bad = detail::checkText(reason, QStringLiteral("reason"), detail::kMaxReasonChars)) {
        return *bad;
    }
    if (const auto existing = resolve(id); !existing.ok()) {
        return existing.error();
    }
    const auto retired
        = ProgramRepository(m_store.impl().context()).retire(id, detail::actorOf(user), reason.trimmed());
    if (!retired.ok()) {
        return detail::fromDb(retired.error());
    }
    return {};
}

} // namespace galvani::app
