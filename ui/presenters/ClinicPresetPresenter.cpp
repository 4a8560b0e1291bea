// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presenters/ClinicPresetPresenter.h"

#include "app/services/ClinicPresetService.h"

#include <utility>

namespace galvani::ui::presenters {

ClinicPresetPresenter::ClinicPresetPresenter(app::ClinicPresetService& presets, app::SignedInUser user, QObject* parent)
    : QObject(parent), m_presets(presets), m_user(std::move(user))
{
}

void ClinicPresetPresenter::setChosen(const QString& presetId)
{
    m_chosen = presetId;
}

bool ClinicPresetPresenter::canRetire() const
{
    return app::ClinicPresetService::isClinicPresetId(m_chosen);
}

ClinicPresetPresenter::Result ClinicPresetPresenter::save(
    const Source& source, const QString& name, const QString& reason)
{
    app::ClinicPresetDraft draft;
    draft.name = name;
    draft.basePresetId = source.basePresetId;
    for (const app::ProgramSetting& s : source.values) {
        draft.values.append(app::ClinicPresetValue{s.field, s.value});
    }
    draft.sessionMinutes = source.sessionMinutes;
    const auto saved = m_presets.save(m_user, QString(), draft, reason);
    if (!saved.ok()) {
        return Result::error(saved.error().message);
    }
    m_changedId = saved->id;
    return Result::success(QStringLiteral("Saved \"%1\" (on %2, version %3): every therapist can now choose it.")
                               .arg(saved->name, saved->baseName)
                               .arg(saved->version));
}

ClinicPresetPresenter::Result ClinicPresetPresenter::retire(const Source& source, const QString& reason)
{
    const auto retired = m_presets.retire(m_user, m_chosen, reason);
    if (!retired.ok()) {
        return Result::error(retired.error().message);
    }
    m_changedId.clear();
    return Result::success(
        QStringLiteral("Retired \"%1\": it is no longer offered (sessions that used it keep their record).")
            .arg(source.presetName));
}

} // namespace galvani::ui::presenters
