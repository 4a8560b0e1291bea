// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presenters/PatientFinderPresenter.h"

#include "ui/presenters/PatientText.h"

#include <utility>

namespace galvani::ui::presenters {

PatientFinderPresenter::PatientFinderPresenter(app::PatientService& patients, app::SignedInUser user, QObject* parent)
    : QObject(parent), m_patients(patients), m_user(std::move(user)),
      m_allowed(app::isAllowed(m_user.role, app::Action::ViewPatients))
{
    if (!m_allowed) {
        m_status = Result::info(
            QStringLiteral("Your role (%1) does not give access to patient records.").arg(app::toString(m_user.role)));
    }
}

bool PatientFinderPresenter::canAddPatients() const
{
    return app::isAllowed(m_user.role, app::Action::EditPatients);
}

void PatientFinderPresenter::search(const QString& text)
{
    if (!m_allowed) {
        Q_EMIT resultsChanged();
        return;
    }
    m_text = text.trimmed();
    // Names from the record store's own search; MRNs from the full list (at most PatientService::kListLimit),
    // plus an exact MRN look-up so a patient beyond that limit is still found by MRN.
    const auto byName = m_patients.list(m_user, m_text);
    if (!byName.ok()) {
        m_results.clear();
        m_status = Result::error(byName.error().message);
        Q_EMIT resultsChanged();
        return;
    }
    QList<app::PatientSummary> found;
    QList<qint64> seen;
    const auto take = [&found, &seen](const app::PatientSummary& p) {
        if (!seen.contains(p.id)) {
            seen.append(p.id);
            found.append(p);
        }
    };
    if (!m_text.isEmpty()) {
        if (const auto exact = m_patients.findByMrn(m_user, m_text); exact.ok()) {
            take(exact->summary);
        }
        if (const auto all = m_patients.list(m_user); all.ok()) {
            for (const auto& p : all.value()) {
                if (p.mrn.contains(m_text, Qt::CaseInsensitive)) {
                    take(p);
                }
            }
        }
    }
    for (const auto& p : byName.value()) {
        take(p);
    }
    m_results = std::move(found);
    if (m_results.isEmpty()) {
        m_status = Result::info(m_text.isEmpty() ? QStringLiteral("No patients on record yet.")
                                                 : QStringLiteral("No patient matches “%1”.").arg(m_text));
    } else {
        m_status = Result::info(
            m_results.size() == 1 ? QStringLiteral("1 patient") : QStringLiteral("%1 patients").arg(m_results.size()));
    }
    Q_EMIT resultsChanged();
}

int PatientFinderPresenter::rowOf(const QString& mrn) const
{
    for (qsizetype i = 0; i < m_results.size(); ++i) {
        if (m_results.at(i).mrn == mrn) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

QString PatientFinderPresenter::mrnAt(int row) const
{
    return row >= 0 && row < m_results.size() ? m_results.at(row).mrn : QString();
}

void PatientFinderPresenter::showCurrent(const QString& mrn)
{
    if (mrn == m_current) {
        return;
    }
    m_current = mrn;
    Q_EMIT currentChanged();
}

void PatientFinderPresenter::choose(int row)
{
    const QString mrn = mrnAt(row);
    if (mrn.isEmpty()) {
        return;
    }
    showCurrent(mrn);
    Q_EMIT patientChosen(mrn);
}

QString PatientFinderPresenter::resultText(const app::PatientSummary& patient)
{
    return patienttext::name(patient) + QLatin1Char('\n') + patienttext::birth(patient.birthDate)
        + QStringLiteral(" · MRN ") + patient.mrn;
}

QString PatientFinderPresenter::resultDescription(const app::PatientSummary& patient)
{
    return QStringLiteral("%1, %2, MRN %3")
        .arg(patienttext::name(patient), patienttext::birth(patient.birthDate), patient.mrn);
}

} // namespace galvani::ui::presenters
