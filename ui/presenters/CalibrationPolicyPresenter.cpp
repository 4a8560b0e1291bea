// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presenters/CalibrationPolicyPresenter.h"

#include "app/calibration/CalibrationService.h"
#include "ui/presenters/Format.h"

#include <utility>

namespace galvani::ui::presenters {

CalibrationPolicyPresenter::CalibrationPolicyPresenter(
    app::CalibrationService& calibration, app::ClinicPresetService& presets, app::SignedInUser user, QObject* parent)
    : QObject(parent), m_calibration(calibration), m_presets(presets), m_user(std::move(user))
{
}

std::optional<bool> CalibrationPolicyPresenter::refresh()
{
    const auto read = m_calibration.requiresCalibrationRecord(m_user);
    if (read.ok()) {
        m_required = read.value();
        m_readError.clear();
    } else {
        m_required.reset();
        m_readError = read.error().message;
    }
    Q_EMIT policyChanged();
    return m_required;
}

QString CalibrationPolicyPresenter::currentText() const
{
    if (!m_required) {
        return QStringLiteral("unknown");
    }
    return *m_required ? QStringLiteral("REQUIRED — uncalibrated channels are locked")
                       : QStringLiteral("not required — uncalibrated channels may be used");
}

bool CalibrationPolicyPresenter::canApply(bool wanted) const
{
    return m_required.has_value() && wanted != *m_required;
}

CalibrationPolicyPresenter::Result CalibrationPolicyPresenter::apply(bool wanted, const QString& reason)
{
    if (!canApply(wanted)) {
        return {};
    }
    const QString why = reason.trimmed();
    if (why.isEmpty()) {
        return Result::error(missingReasonMessage(QStringLiteral("the clinic changes this policy")), Field::Reason);
    }
    const auto set = m_calibration.setRequiresCalibrationRecord(m_user, wanted, why);
    if (!set.ok()) {
        return Result::error(set.error().message);
    }
    refresh();
    return Result::success(wanted ? QStringLiteral("a calibration record is now required for every channel.")
                                  : QStringLiteral("a calibration record is no longer required."));
}

QStringList CalibrationPolicyPresenter::presetColumnTitles()
{
    return {QStringLiteral("Name"), QStringLiteral("Built-in preset"), QStringLiteral("Values"),
        QStringLiteral("Session"), QStringLiteral("Version"), QStringLiteral("Saved")};
}

void CalibrationPolicyPresenter::refreshPresets()
{
    m_presetRows.clear();
    const auto listed = m_presets.list(m_user);
    if (!listed.ok()) {
        m_presetsFeedback = Result::error(listed.error().message);
        Q_EMIT presetsChanged();
        return;
    }
    for (const app::ClinicPreset& p : *listed) {
        QStringList values;
        for (const app::ClinicPresetValue& v : p.values) {
            values.append(QStringLiteral("%1 %2").arg(v.field, QString::number(v.value)));
        }
        m_presetRows.append({p.name, p.baseName, values.join(QStringLiteral(", ")),
            QStringLiteral("%1 min").arg(p.sessionMinutes), QString::number(p.version), formatLocalTime(p.savedUtcMs)});
    }
    m_presetsFeedback
        = Result::info(listed->isEmpty() ? QStringLiteral("No clinic presets yet: sessions use the built-in presets.")
                                         : QStringLiteral("%1 clinic preset(s).").arg(listed->size()));
    Q_EMIT presetsChanged();
}

} // namespace galvani::ui::presenters
