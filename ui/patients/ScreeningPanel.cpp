// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/patients/ScreeningPanel.h"

#include "ui/patients/PatientText.h"
#include "ui/patients/ScreeningDialog.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace galvani::ui {

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
QStringList itemLines(const app::ScreeningView& s)
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

QString statusStyle(const QString& background, const QString& colour, const QString& border)
{
    return QStringLiteral("QLabel { font-size: 15pt; font-weight: 700; padding: 10px; background: %1; color: %2; "
                          "border: 2px solid %3; border-radius: 4px; }")
        .arg(background, colour, border);
}

} // namespace

QString screeningQuestion(const QString& itemId)
{
    const auto info = itemInfo(itemId);
    return info ? info->question : itemId;
}

ScreeningPanel::ScreeningPanel(app::ScreeningService& screenings, const app::SignedInUser& user, QWidget* parent)
    : QWidget(parent), m_screenings(screenings), m_user(user)
{
    auto* layout = new QVBoxLayout(this);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("screeningStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    m_dates = new QLabel(this);
    m_dates->setObjectName(QStringLiteral("screeningDates"));
    m_dates->setWordWrap(true);
    layout->addWidget(m_dates);
    auto* itemsTitle = new QLabel(QStringLiteral("Items that apply, one by one:"), this);
    itemsTitle->setStyleSheet(QStringLiteral("font-weight: 700;"));
    layout->addWidget(itemsTitle);
    m_items = new QListWidget(this);
    m_items->setObjectName(QStringLiteral("screeningItems"));
    m_items->setWordWrap(true);
    m_items->setAccessibleName(QStringLiteral("Screening items that apply"));
    QFont larger = m_items->font();
    larger.setPointSizeF(larger.pointSizeF() * 1.15);
    m_items->setFont(larger);
    layout->addWidget(m_items, 1);
    m_notes = new QLabel(this);
    m_notes->setObjectName(QStringLiteral("screeningNotesView"));
    m_notes->setWordWrap(true);
    m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_notes);
    auto* actions = new QHBoxLayout;
    m_new = new QPushButton(QStringLiteral("New &screening…"), this);
    m_new->setObjectName(QStringLiteral("newScreening"));
    m_new->setToolTip(QStringLiteral("Go through the contraindication checklist again (Alt+S): before the first "
                                     "treatment and whenever the patient's health changes"));
    m_new->setVisible(app::isAllowed(m_user.role, app::Action::RecordScreening));
    actions->addWidget(m_new);
    actions->addStretch(1);
    layout->addLayout(actions);
    connect(m_new, &QPushButton::clicked, this, &ScreeningPanel::openNewScreening);
    setPatient(QString(), QString());
}

void ScreeningPanel::setPatient(const QString& mrn, const QString& patientLabel)
{
    m_mrn = mrn;
    m_patientLabel = patientLabel;
    if (m_dialog) {
        m_dialog->reject();
    }
    setEnabled(!mrn.isEmpty());
    reload();
}

QString ScreeningPanel::blockingReason() const
{
    if (!m_latest) {
        return m_loadError.isEmpty() ? QStringLiteral("no contraindication screening on record") : m_loadError;
    }
    if (m_latest->outcome == app::ScreeningOutcome::Blocked) {
        QStringList blocking;
        for (const QString& line : itemLines(*m_latest)) {
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

ScreeningDialog* ScreeningPanel::dialog() const
{
    return m_dialog;
}

void ScreeningPanel::openNewScreening()
{
    if (m_mrn.isEmpty()) {
        return;
    }
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return;
    }
    m_dialog = new ScreeningDialog(m_screenings, m_user, m_mrn, m_patientLabel, this);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &ScreeningDialog::recorded, this, [this] {
        reload();
        Q_EMIT screeningChanged();
    });
    m_dialog->open();
}

void ScreeningPanel::reload()
{
    m_latest.reset();
    m_loadError.clear();
    m_items->clear();
    m_notes->clear();
    m_dates->clear();
    if (m_mrn.isEmpty()) {
        m_status->clear();
        m_status->setStyleSheet(QString());
        return;
    }
    const auto latest = m_screenings.latest(m_user, m_mrn);
    if (!latest.ok()) {
        if (latest.error().kind == app::AppError::Kind::NotFound) {
            m_status->setText(
                QStringLiteral("No screening on record — screen the patient before the first treatment."));
            m_status->setStyleSheet(
                statusStyle(QStringLiteral("#fff4e0"), QStringLiteral("#6b4000"), QStringLiteral("#c77700")));
        } else {
            m_loadError = latest.error().message;
            m_status->setText(QStringLiteral("⚠ ") + latest.error().message);
            m_status->setStyleSheet(
                statusStyle(QStringLiteral("#fde7e9"), QStringLiteral("#8a0010"), QStringLiteral("#b00020")));
        }
        return;
    }
    m_latest = latest.value();
    const app::ScreeningView& s = *m_latest;
    if (s.outcome == app::ScreeningOutcome::Blocked) {
        m_status->setText(QStringLiteral("✖ STIMULATION BLOCKED — see the items below"));
        m_status->setStyleSheet(
            statusStyle(QStringLiteral("#fde7e9"), QStringLiteral("#8a0010"), QStringLiteral("#b00020")));
    } else if (s.expired) {
        m_status->setText(QStringLiteral("⚠ Screening expired on %1 — screen the patient again before treatment")
                              .arg(patienttext::localDate(s.expiresUtcMs)));
        m_status->setStyleSheet(
            statusStyle(QStringLiteral("#fff4e0"), QStringLiteral("#6b4000"), QStringLiteral("#c77700")));
    } else if (s.outcome == app::ScreeningOutcome::PrecautionsAcknowledged) {
        m_status->setText(QStringLiteral("⚠ Treatment allowed — precautions taken into account"));
        m_status->setStyleSheet(
            statusStyle(QStringLiteral("#fff4e0"), QStringLiteral("#6b4000"), QStringLiteral("#c77700")));
    } else {
        m_status->setText(QStringLiteral("✔ Screening clear — treatment allowed"));
        m_status->setStyleSheet(
            statusStyle(QStringLiteral("#e6f4ea"), QStringLiteral("#0b5d1e"), QStringLiteral("#1e7b34")));
    }
    const QString by = s.screenedBy == m_user.id ? QStringLiteral("you") : QStringLiteral("user #%1").arg(s.screenedBy);
    m_dates->setText(QStringLiteral("Screened %1 by %2 · %3 %4")
                         .arg(patienttext::localDateTime(s.screenedUtcMs), by,
                             s.expired ? QStringLiteral("expired") : QStringLiteral("valid until"),
                             patienttext::localDate(s.expiresUtcMs)));
    const QStringList lines = itemLines(s);
    if (lines.isEmpty()) {
        m_items->addItem(QStringLiteral("✔ Nothing on the checklist applies."));
    }
    for (const QString& line : lines) {
        m_items->addItem(line);
    }
    if (!s.notes.isEmpty()) {
        m_notes->setText(QStringLiteral("Notes: ") + s.notes);
    }
}

} // namespace galvani::ui
