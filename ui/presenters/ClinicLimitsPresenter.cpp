// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presenters/ClinicLimitsPresenter.h"

#include <utility>

namespace galvani::ui::presenters {

ClinicLimitsPresenter::ClinicLimitsPresenter(app::ClinicLimitsService& service, app::SignedInUser user, QObject* parent)
    : QObject(parent), m_service(service), m_user(std::move(user))
{
}

std::optional<app::ClinicLimits> ClinicLimitsPresenter::refresh()
{
    const auto read = m_service.limits(m_user);
    if (read.ok()) {
        m_current = read.value();
        m_readError.clear();
    } else {
        m_current.reset();
        m_readError = read.error().message;
    }
    Q_EMIT limitsChanged();
    return m_current;
}

QString ClinicLimitsPresenter::currentText() const
{
    return m_current ? app::ClinicLimitsService::describe(*m_current) : QStringLiteral("unknown");
}

bool ClinicLimitsPresenter::canApply(const app::ClinicLimits& edited) const
{
    return m_current.has_value() && edited != *m_current;
}

ClinicLimitsPresenter::Result ClinicLimitsPresenter::apply(const app::ClinicLimits& edited, const QString& reason)
{
    if (!canApply(edited)) {
        return {};
    }
    const QString why = reason.trimmed();
    if (why.isEmpty()) {
        return Result::error(missingReasonMessage(QStringLiteral("the clinic changes its limits")), Field::Reason);
    }
    const auto set = m_service.setLimits(m_user, edited, why);
    if (!set.ok()) {
        return Result::error(set.error().message);
    }
    refresh();
    return Result::success(
        QStringLiteral("clinic limits in force: %1.").arg(app::ClinicLimitsService::describe(edited)));
}

} // namespace galvani::ui::presenters
