// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presenters/PatientWorkspacePresenter.h"

#include "ui/presenters/PatientText.h"

#include <algorithm>
#include <utility>

namespace galvani::ui::presenters {

PatientWorkspacePresenter::PatientWorkspacePresenter(
    app::PatientService& patients, app::SignedInUser user, QObject* parent)
    : QObject(parent), m_patients(patients), m_user(std::move(user))
{
}

bool PatientWorkspacePresenter::canScreen() const
{
    return app::isAllowed(m_user.role, app::Action::ViewScreening);
}

bool PatientWorkspacePresenter::canPlace() const
{
    return app::isAllowed(m_user.role, app::Action::EditPlacements);
}

bool PatientWorkspacePresenter::canTreat() const
{
    return app::isAllowed(m_user.role, app::Action::RunSession);
}

bool PatientWorkspacePresenter::canAddPatients() const
{
    return app::isAllowed(m_user.role, app::Action::EditPatients);
}

QString PatientWorkspacePresenter::placeholder() const
{
    if (!app::isAllowed(m_user.role, app::Action::ViewPatients)) {
        return QStringLiteral("Your role (%1) does not give access to patient records.")
            .arg(app::toString(m_user.role));
    }
    return QStringLiteral("Find a patient on the left (Ctrl+F)%1.")
        .arg(canAddPatients() ? QStringLiteral(", or add one with New patient (Ctrl+N)") : QString());
}

QString PatientWorkspacePresenter::select(const QString& mrn)
{
    m_patient.reset();
    const QString wanted = mrn.trimmed();
    if (wanted.isEmpty()) {
        return QString();
    }
    auto found = m_patients.findByMrn(m_user, wanted);
    if (!found.ok()) {
        return found.error().message;
    }
    m_patient = std::move(found).value();
    return QString();
}

QString PatientWorkspacePresenter::mrn() const
{
    return m_patient ? m_patient->summary.mrn : QString();
}

QString PatientWorkspacePresenter::label() const
{
    if (!m_patient) {
        return QString();
    }
    const app::PatientSummary& p = m_patient->summary;
    return QStringLiteral("%1, %2, MRN %3").arg(patienttext::name(p), patienttext::birth(p.birthDate), p.mrn);
}

PatientWorkspacePresenter::Readiness PatientWorkspacePresenter::readiness(const QString& screeningBlockedBy,
    const std::optional<app::ScreeningView>& screening, const QList<app::PlacementView>& placements) const
{
    Readiness r;
    if (!m_patient) {
        return r;
    }
    QStringList missing;
    if (canScreen()) {
        if (screeningBlockedBy.isEmpty() && screening) {
            r.lines.append(QStringLiteral("✔ Screening %1, valid until %2")
                               .arg(screening->outcome == app::ScreeningOutcome::PrecautionsAcknowledged
                                       ? QStringLiteral("allows treatment with precautions")
                                       : QStringLiteral("clear"),
                                   patienttext::localDate(screening->expiresUtcMs)));
        } else {
            const QString why = screeningBlockedBy.isEmpty() ? QStringLiteral("no contraindication screening on record")
                                                             : screeningBlockedBy;
            r.lines.append(QStringLiteral("✖ ") + why.left(1).toUpper() + why.mid(1));
            missing.append(why);
        }
    }
    if (canPlace()) {
        if (placements.isEmpty()) {
            r.lines.append(QStringLiteral("✖ No electrode placement recorded"));
            missing.append(QStringLiteral("no electrode placement is recorded"));
        } else {
            QList<int> channels;
            for (const auto& p : placements) {
                if (!channels.contains(p.channel)) {
                    channels.append(p.channel);
                }
            }
            std::sort(channels.begin(), channels.end());
            QStringList names;
            for (const int c : channels) {
                names.append(QString::number(c));
            }
            r.lines.append(QStringLiteral("✔ %1 placement(s) on %2 %3")
                               .arg(placements.size())
                               .arg(channels.size() == 1 ? QStringLiteral("channel") : QStringLiteral("channels"),
                                   names.join(QStringLiteral(", "))));
        }
    }
    r.blocked = !missing.isEmpty();
    r.treatTip = missing.isEmpty()
        ? QStringLiteral("Open the session screen for %1 (Alt+T)").arg(patienttext::name(m_patient->summary))
        : QStringLiteral("Open the session screen (Alt+T). Stimulation cannot start until this is resolved:\n• ")
            + missing.join(QStringLiteral("\n• "));
    return r;
}

} // namespace galvani::ui::presenters
