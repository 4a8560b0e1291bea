// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/patients/ScreeningPanel.h"

#include "ui/patients/ScreeningDialog.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace galvani::ui {

namespace {

using State = presenters::ScreeningPresenter::State;

QString statusStyle(const QString& background, const QString& colour, const QString& border)
{
    return QStringLiteral("QLabel { font-size: 15pt; font-weight: 700; padding: 10px; background: %1; color: %2; "
                          "border: 2px solid %3; border-radius: 4px; }")
        .arg(background, colour, border);
}

// Red for what blocks or could not be read, amber for what needs attention, green for clear; the words and the
// sign say the same, so colour is never the only signal.
QString statusStyle(State state)
{
    switch (state) {
    case State::NoPatient:
        return {};
    case State::Unreadable:
    case State::Blocked:
        return statusStyle(QStringLiteral("#fde7e9"), QStringLiteral("#8a0010"), QStringLiteral("#b00020"));
    case State::Missing:
    case State::Expired:
    case State::Precautions:
        return statusStyle(QStringLiteral("#fff4e0"), QStringLiteral("#6b4000"), QStringLiteral("#c77700"));
    case State::Clear:
        break;
    }
    return statusStyle(QStringLiteral("#e6f4ea"), QStringLiteral("#0b5d1e"), QStringLiteral("#1e7b34"));
}

} // namespace

ScreeningPanel::ScreeningPanel(app::ScreeningService& screenings, const app::SignedInUser& user, QWidget* parent)
    : QWidget(parent), m_screenings(screenings), m_user(user), m_presenter(screenings, user)
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
    m_new->setVisible(m_presenter.canRecord());
    actions->addWidget(m_new);
    actions->addStretch(1);
    layout->addLayout(actions);
    connect(m_new, &QPushButton::clicked, this, &ScreeningPanel::openNewScreening);
    connect(&m_presenter, &presenters::ScreeningPresenter::screeningRead, this, &ScreeningPanel::showScreening);
    setPatient(QString(), QString());
}

void ScreeningPanel::setPatient(const QString& mrn, const QString& patientLabel)
{
    if (m_dialog) {
        m_dialog->reject();
    }
    m_presenter.setPatient(mrn, patientLabel);
    setEnabled(!m_presenter.mrn().isEmpty());
}

ScreeningDialog* ScreeningPanel::dialog() const
{
    return m_dialog;
}

void ScreeningPanel::openNewScreening()
{
    if (m_presenter.mrn().isEmpty()) {
        return;
    }
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return;
    }
    m_dialog = new ScreeningDialog(m_screenings, m_user, m_presenter.mrn(), m_presenter.patientLabel(), this);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &ScreeningDialog::recorded, this, [this] {
        m_presenter.reload();
        Q_EMIT screeningChanged();
    });
    m_dialog->open();
}

void ScreeningPanel::showScreening()
{
    m_status->setText(m_presenter.statusText());
    m_status->setStyleSheet(statusStyle(m_presenter.state()));
    m_dates->setText(m_presenter.datesText());
    m_items->clear();
    m_items->addItems(m_presenter.itemLines());
    m_notes->setText(m_presenter.notesText());
}

} // namespace galvani::ui
