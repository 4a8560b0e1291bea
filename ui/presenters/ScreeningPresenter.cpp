// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/presenters/ScreeningPresenter.h"

#include "ui/presenters/PatientText.h"

#include <QList>

#include <utility>

namespace galvani::ui::presenters {

namespace {

std::optional<app::ChecklistItemInfo> itemInfo(const QString& id)
{
    for (const auto& item : app::ScreeningService::checklist()) {
        if (item.id == id) {
            return item;
        }
    }
    return std::nullopt;
}

// One line per item that applies: what it is and what it means for stimulation.
QStringList linesOf(const app::ScreeningView& s)
{
    const bool cleared = !s.clearanceReason.trimmed().isEmpty();
    // In checklist order (the store keeps answers in its own order).
    QList<app::ScreeningAnswerInput> answers;
    for (const auto& item : app::ScreeningService::checklist()) {
        for (const auto& a : s.answers) {
            if (a.itemId == item.id) {
                answers.append(a);
            }
        }
    }
    for (const auto& a : s.answers) {
        if (!itemInfo(a.itemId)) {
            answers.append(a);
        }
    }
    QStringList lines;
    for (const auto& a : answers) {
        if (a.answer == app::ScreeningAnswer::No) {
            continue;
        }
        const auto info = itemInfo(a.itemId);
        const QString question = info ? info->question : a.itemId;
        const bool absolute = !info || info->severity == app::ScreeningSeverity::Absolute;
        QString line;
        if (absolute && (!info || !info->clearable)) {
            line = QStringLiteral("✖ %1 — forbidden site: blocks stimulation; no clearance can lift it").arg(question);
        } else if (absolute && !cleared) {
            line = QStringLiteral("✖ %1 — absolute contraindication: blocks stimulation").arg(question);
        } else if (!a.acknowledged) {
            line = QStringLiteral("✖ %1 — applies but was not acknowledged: blocks stimulation").arg(question);
        } else if (absolute) {
            line = QStringLiteral("✔ %1 — absolute, cleared by a specialist (%2) and taken into account")
                       .arg(question, s.clearanceReason);
        } else {
            line = QStringLiteral("⚠ %1 — precaution, taken into account").arg(question);
        }
        if (a.answer == app::ScreeningAnswer::Unknown) {
            line += QStringLiteral(" (answered “not sure”, counted as yes)");
        }
        if (!a.detail.isEmpty()) {
            line += QStringLiteral(" — detail: ") + a.detail;
        }
        lines.append(line);
    }
    return lines;
}

} // namespace

ScreeningPresenter::ScreeningPresenter(app::ScreeningService& screenings, app::SignedInUser user, QObject* parent)
    : QObject(parent), m_screenings(screenings), m_user(std::move(user))
{
}

bool ScreeningPresenter::canRecord() const
{
    return app::isAllowed(m_user.role, app::Action::RecordScreening);
}

QString ScreeningPresenter::question(const QString& itemId)
{
    const auto info = itemInfo(itemId);
    return info ? info->question : itemId;
}

void ScreeningPresenter::setPatient(const QString& mrn, const QString& patientLabel)
{
    m_mrn = mrn;
    m_patientLabel = patientLabel;
    reload();
}

void ScreeningPresenter::reload()
{
    m_latest.reset();
    m_missing = false;
    m_loadError.clear();
    if (!m_mrn.isEmpty()) {
        const auto latest = m_screenings.latest(m_user, m_mrn);
        if (latest.ok()) {
            m_latest = latest.value();
        } else if (latest.error().kind == app::AppError::Kind::NotFound) {
            m_missing = true;
        } else {
            m_loadError = latest.error().message;
        }
    }
    Q_EMIT screeningRead();
}

ScreeningPresenter::State ScreeningPresenter::state() const
{
    if (m_latest) {
        if (m_latest->outcome == app::ScreeningOutcome::Blocked) {
            return State::Blocked;
        }
        if (m_latest->expired) {
            return State::Expired;
        }
        return m_latest->outcome == app::ScreeningOutcome::PrecautionsAcknowledged ? State::Precautions : State::Clear;
    }
    if (m_missing) {
        return State::Missing;
    }
    return m_mrn.isEmpty() ? State::NoPatient : State::Unreadable;
}

QString ScreeningPresenter::statusText() const
{
    switch (state()) {
    case State::NoPatient:
        return {};
    case State::Missing:
        return QStringLiteral("No screening on record — screen the patient before the first treatment.");
    case State::Unreadable:
        return QStringLiteral("⚠ ") + m_loadError;
    case State::Blocked:
        return QStringLiteral("✖ STIMULATION BLOCKED — see the items below");
    case State::Expired:
        return QStringLiteral("⚠ Screening expired on %1 — screen the patient again before treatment")
            .arg(patienttext::localDate(m_latest->expiresUtcMs));
    case State::Precautions:
        return QStringLiteral("⚠ Treatment allowed — precautions taken into account");
    case State::Clear:
        break;
    }
    return QStringLiteral("✔ Screening clear — treatment allowed");
}

QString ScreeningPresenter::datesText() const
{
    if (!m_latest) {
        return {};
    }
    const app::ScreeningView& s = *m_latest;
    const QString by = s.screenedBy == m_user.id ? QStringLiteral("you") : QStringLiteral("user #%1").arg(s.screenedBy);
    return QStringLiteral("Screened %1 by %2 · %3 %4")
        .arg(patienttext::localDateTime(s.screenedUtcMs), by,
            s.expired ? QStringLiteral("expired") : QStringLiteral("valid until"),
            patienttext::localDate(s.expiresUtcMs));
}

QStringList ScreeningPresenter::itemLines() const
{
    if (!m_latest) {
        return {};
    }
    const QStringList lines = linesOf(*m_latest);
    return lines.isEmpty() ? QStringList{QStringLiteral("✔ Nothing on the checklist applies.")} : lines;
}

QString ScreeningPresenter::notesText() const
{
    return m_latest && !m_latest->notes.isEmpty() ? QStringLiteral("Notes: ") + m_latest->notes : QString();
}

QString ScreeningPresenter::blockingReason() const
{
    if (!m_latest) {
        return m_loadError.isEmpty() ? QStringLiteral("no contraindication screening on record") : m_loadError;
    }
    if (m_latest->outcome == app::ScreeningOutcome::Blocked) {
        QStringList blocking;
        for (const QString& line : linesOf(*m_latest)) {
            if (line.startsWith(QStringLiteral("✖"))) {
                blocking.append(line.mid(2));
            }
        }
        return QStringLiteral("the screening blocks stimulation: ") + blocking.join(QStringLiteral("; "));
    }
    if (m_latest->expired) {
        return QStringLiteral("the screening expired on %1").arg(patienttext::localDate(m_latest->expiresUtcMs));
    }
    return {};
}

} // namespace galvani::ui::presenters
