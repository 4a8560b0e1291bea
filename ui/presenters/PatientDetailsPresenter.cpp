// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presenters/PatientDetailsPresenter.h"

#include "ui/presenters/PatientText.h"

#include <utility>

namespace galvani::ui::presenters {

PatientDetailsPresenter::PatientDetailsPresenter(app::RecordStore& store, app::SignedInUser user, QObject* parent)
    : QObject(parent), m_noteService(store), m_user(std::move(user))
{
}

bool PatientDetailsPresenter::canAddNotes() const
{
    return app::isAllowed(m_user.role, app::Action::EditPatients);
}

QString PatientDetailsPresenter::withheldText() const
{
    return QStringLiteral("Clinical notes are not shown to your role (%1): it has the demographics view only.")
        .arg(app::toString(m_user.role));
}

void PatientDetailsPresenter::setPatient(const app::PatientDetails& details)
{
    if (details.summary.mrn != m_details.summary.mrn) {
        Q_EMIT noteDraftDiscarded();
    }
    m_details = details;
    if (m_details.clinicalWithheld) {
        m_details.notes.clear();
    }
    Q_EMIT patientChanged();
}

void PatientDetailsPresenter::clear()
{
    m_details = {};
    Q_EMIT noteDraftDiscarded();
    Q_EMIT patientChanged();
}

QList<PatientDetailsPresenter::Item> PatientDetailsPresenter::demographics() const
{
    if (!hasPatient()) {
        return {};
    }
    const app::PatientSummary& p = m_details.summary;
    const auto item = [](const QString& name, const QString& value) {
        return Item{name, value.isEmpty() ? QStringLiteral("—") : value};
    };
    return {item(QStringLiteral("MRN"), p.mrn), item(QStringLiteral("Family name"), p.familyName),
        item(QStringLiteral("Given names"), p.givenNames),
        item(QStringLiteral("Date of birth"), patienttext::birth(p.birthDate)), item(QStringLiteral("Phone"), p.phone),
        item(QStringLiteral("E-mail"), p.email), item(QStringLiteral("Address"), p.address),
        item(QStringLiteral("Pseudonym (exports)"), p.pseudonym),
        item(QStringLiteral("On record since"), patienttext::localDate(p.createdUtcMs))};
}

QStringList PatientDetailsPresenter::noteLines() const
{
    if (!notesShown()) {
        return {};
    }
    QStringList lines;
    for (const auto& n : m_details.notes) {
        const QString by = n.authorId == m_user.id ? QStringLiteral("you") : QStringLiteral("user #%1").arg(n.authorId);
        lines.append(QStringLiteral("%1 (%2): %3").arg(patienttext::localDateTime(n.writtenUtcMs), by, n.body));
    }
    if (lines.isEmpty()) {
        lines.append(QStringLiteral("No notes yet."));
    }
    return lines;
}

PatientDetailsPresenter::Result PatientDetailsPresenter::addNote(const QString& text)
{
    if (!notesShown()) {
        return {};
    }
    const auto written = m_noteService.add(m_user, m_details.summary.mrn, text);
    if (!written.ok()) {
        return Result::error(written.error().message, Field::Note);
    }
    m_details.notes.append(written.value());
    Q_EMIT notesChanged();
    return Result::success(QStringLiteral("Note added."));
}

} // namespace galvani::ui::presenters
