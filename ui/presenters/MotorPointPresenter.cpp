// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presenters/MotorPointPresenter.h"

#include "ui/presenters/PatientText.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace galvani::ui::presenters {

namespace {

QString stimulus(const app::MotorPointView& m)
{
    return QStringLiteral("%1 µs, %2 Hz")
        .arg(m.pulseWidthUs)
        .arg(static_cast<double>(m.frequencyMilliHz) / 1000.0, 0, 'f', 1);
}

QString sitePlace(const app::MotorPointView& m)
{
    return QStringLiteral("%1 on channel %2").arg(patienttext::site(m.muscle, m.side)).arg(m.channel);
}

} // namespace

MotorPointPresenter::MotorPointPresenter(app::RecordStore& store, app::SignedInUser user, QObject* parent)
    : QObject(parent), m_service(store), m_user(std::move(user))
{
}

QString MotorPointPresenter::setPatient(const QString& mrn, const QList<app::PlacementView>& placements)
{
    m_mrn = mrn;
    m_placements = mrn.isEmpty() ? QList<app::PlacementView>{} : placements;
    return reload();
}

QString MotorPointPresenter::reload()
{
    m_points.clear();
    m_remembered.clear();
    if (m_mrn.isEmpty()) {
        return QString();
    }
    QString problem;
    const auto current = m_service.current(m_user, m_mrn);
    if (current.ok()) {
        m_points = current.value();
    } else {
        problem = current.error().message;
    }
    const auto remembered = m_service.remembered(m_user, m_mrn);
    if (remembered.ok()) {
        for (const auto& m : remembered.value()) {
            const bool today = std::any_of(
                m_points.cbegin(), m_points.cend(), [&m](const app::MotorPointView& p) { return p.id == m.id; });
            if (!today) {
                m_remembered.append(m);
            }
        }
    } else if (problem.isEmpty()) {
        problem = remembered.error().message;
    }
    return problem;
}

QList<QStringList> MotorPointPresenter::pointRows() const
{
    QList<QStringList> rows;
    for (const auto& m : m_points) {
        rows.append({QString::number(m.channel), patienttext::site(m.muscle, m.side), patienttext::posture(m.posture),
            patienttext::milliamps(m.thresholdUa), stimulus(m), patienttext::localDateTime(m.measuredUtcMs), m.notes});
    }
    return rows;
}

QList<QStringList> MotorPointPresenter::rememberedRows() const
{
    QList<QStringList> rows;
    for (const auto& m : m_remembered) {
        rows.append(
            {patienttext::localDate(m.measuredUtcMs), QString::number(m.channel), patienttext::site(m.muscle, m.side),
                patienttext::posture(m.posture), patienttext::milliamps(m.thresholdUa), stimulus(m), m.notes});
    }
    return rows;
}

QString MotorPointPresenter::recordTip() const
{
    return m_placements.isEmpty() ? QStringLiteral("Record a placement first: a motor point belongs to a placement")
                                  : QStringLiteral("Record the motor point on the chosen placement (Alt+M)");
}

bool MotorPointPresenter::canSearch() const
{
    return !m_placements.isEmpty() && app::isAllowed(m_user.role, app::Action::RunSession);
}

QString MotorPointPresenter::searchTip() const
{
    if (!app::isAllowed(m_user.role, app::Action::RunSession)) {
        return QStringLiteral("Your role does not run sessions, and a search is one");
    }
    return m_placements.isEmpty()
        ? QStringLiteral("Record a placement first: the search runs on a placement's channel")
        : QStringLiteral("Search the motor point on the chosen placement with the probe: a recorded session at 2 Hz, "
                         "200 µs, raised in 0.5 mA steps up to 20 mA (Alt+G)");
}

MotorPointPresenter::Result MotorPointPresenter::record(const Input& input)
{
    const bool placed = std::any_of(m_placements.cbegin(), m_placements.cend(),
        [&](const app::PlacementView& p) { return p.id == input.placementId; });
    if (m_mrn.isEmpty() || !placed) {
        return Result::error(QStringLiteral("Record a placement first: a motor point belongs to a placement."));
    }
    app::MotorPointInput in;
    in.placementId = input.placementId;
    in.thresholdUa = std::llround(input.thresholdMa * 1000.0);
    in.pulseWidthUs = input.pulseWidthUs;
    in.frequencyMilliHz = std::llround(input.frequencyHz * 1000.0);
    in.notes = input.notes.trimmed();
    const auto recorded = m_service.record(m_user, m_mrn, in);
    if (!recorded.ok()) {
        return Result::error(recorded.error().message, Field::Form);
    }
    (void)reload();
    return Result::success(QStringLiteral("Motor point at %1 recorded, threshold %2.")
                               .arg(sitePlace(recorded.value()), patienttext::milliamps(recorded->thresholdUa)));
}

MotorPointPresenter::Result MotorPointPresenter::reuse()
{
    const auto copied = m_service.reuseOnCurrent(m_user, m_mrn);
    if (!copied.ok()) {
        return Result::error(copied.error().message);
    }
    (void)reload();
    return Result::success(copied->isEmpty()
            ? QStringLiteral("Nothing to carry over: each of today's placements has a point already, or no remembered "
                             "point matches its muscle, side and posture.")
            : QStringLiteral("%1 remembered motor point(s) recorded on today's placements.").arg(copied->size()));
}

MotorPointPresenter::Result MotorPointPresenter::checkWithdraw(int rememberedRow) const
{
    if (rememberedRow < 0 || rememberedRow >= m_remembered.size()) {
        return Result::error(QStringLiteral("Select the remembered point to withdraw first."));
    }
    return Result{};
}

MotorPointPresenter::Result MotorPointPresenter::withdraw(int rememberedRow, const QString& reason)
{
    if (Result check = checkWithdraw(rememberedRow); check.isError()) {
        return check;
    }
    const app::MotorPointView point = m_remembered.at(rememberedRow);
    const auto changed = m_service.setReusable(m_user, m_mrn, point.id, false, reason);
    if (!changed.ok()) {
        return Result::error(changed.error().message);
    }
    (void)reload();
    return Result::success(QStringLiteral("The motor point at %1 found %2 is no longer offered for reuse.")
                               .arg(sitePlace(point), patienttext::localDate(point.measuredUtcMs)));
}

std::optional<app::PlacementView> MotorPointPresenter::searchPlacement(int index, QString* problem) const
{
    if (m_mrn.isEmpty() || index < 0 || index >= m_placements.size()) {
        *problem = QStringLiteral("Record a placement first: the search runs on a placement's channel.");
        return std::nullopt;
    }
    return m_placements.at(index);
}

QString MotorPointPresenter::markedText(const app::MotorPointView& point)
{
    return QStringLiteral("Motor point at %1 recorded by the guided search, threshold %2.")
        .arg(sitePlace(point), patienttext::milliamps(point.thresholdUa));
}

} // namespace galvani::ui::presenters
