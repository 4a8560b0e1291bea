// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/patients/PatientDetailsPanel.h"

#include "app/services/PatientNoteService.h"
#include "ui/patients/FieldMessages.h"

#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace galvani::ui {

using presenters::PatientDetailsPresenter;

PatientDetailsPanel::PatientDetailsPanel(app::RecordStore& store, const app::SignedInUser& user, QWidget* parent)
    : QWidget(parent), m_presenter(store, user)
{
    auto* layout = new QVBoxLayout(this);
    auto* title = new QLabel(QStringLiteral("Demographics"), this);
    title->setStyleSheet(QStringLiteral("font-weight: 700;"));
    layout->addWidget(title);
    m_fields = new QLabel(this);
    m_fields->setObjectName(QStringLiteral("patientDemographics"));
    m_fields->setTextFormat(Qt::RichText);
    m_fields->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fields->setWordWrap(true);
    layout->addWidget(m_fields);

    m_withheld = new QLabel(m_presenter.withheldText(), this);
    m_withheld->setObjectName(QStringLiteral("notesWithheld"));
    m_withheld->setWordWrap(true);
    m_withheld->setVisible(false);
    layout->addWidget(m_withheld);

    m_notesBox = new QWidget(this);
    m_notesBox->setObjectName(QStringLiteral("patientNotesBox"));
    auto* notesLayout = new QVBoxLayout(m_notesBox);
    notesLayout->setContentsMargins(0, 0, 0, 0);
    auto* notesTitle = new QLabel(QStringLiteral("Clinical notes"), m_notesBox);
    notesTitle->setStyleSheet(QStringLiteral("font-weight: 700;"));
    notesLayout->addWidget(notesTitle);
    m_noteList = new QListWidget(m_notesBox);
    m_noteList->setObjectName(QStringLiteral("patientNotes"));
    m_noteList->setWordWrap(true);
    m_noteList->setAccessibleName(QStringLiteral("Clinical notes"));
    notesLayout->addWidget(m_noteList, 1);
    auto* noteLabel = new QLabel(
        QStringLiteral("&Clinical note (up to %1 characters):").arg(app::PatientNoteService::kMaxNoteChars),
        m_notesBox);
    m_newNote = new QPlainTextEdit(m_notesBox);
    m_newNote->setObjectName(QStringLiteral("newNoteText"));
    m_newNote->setTabChangesFocus(true);
    m_newNote->setFixedHeight(m_newNote->fontMetrics().lineSpacing() * 3 + 14);
    noteLabel->setBuddy(m_newNote);
    notesLayout->addWidget(noteLabel);
    notesLayout->addWidget(m_newNote);
    m_noteMessage = FieldMessages::makeLabel(QStringLiteral("noteError"), m_notesBox);
    notesLayout->addWidget(m_noteMessage);
    m_add = new QPushButton(QStringLiteral("&Add note"), m_notesBox);
    m_add->setObjectName(QStringLiteral("addNote"));
    m_add->setToolTip(QStringLiteral("Add the note to the patient's record (Alt+A); notes are never changed later"));
    const bool canWrite = m_presenter.canAddNotes();
    m_add->setVisible(canWrite);
    m_newNote->setVisible(canWrite);
    noteLabel->setVisible(canWrite);
    notesLayout->addWidget(m_add, 0, Qt::AlignLeft);
    layout->addWidget(m_notesBox, 100);
    layout->addStretch(1); // keeps the demographics at the top when the notes are withheld
    m_notesBox->setVisible(false);
    connect(m_add, &QPushButton::clicked, this, &PatientDetailsPanel::addNote);
    connect(&m_presenter, &PatientDetailsPresenter::noteDraftDiscarded, this, &PatientDetailsPanel::discardDraft);
    connect(&m_presenter, &PatientDetailsPresenter::patientChanged, this, &PatientDetailsPanel::showPatient);
    connect(&m_presenter, &PatientDetailsPresenter::notesChanged, this, &PatientDetailsPanel::showNotes);
}

void PatientDetailsPanel::discardDraft()
{
    m_newNote->clear();
    setErrorText(m_noteMessage, QString());
}

void PatientDetailsPanel::showPatient()
{
    QString table;
    for (const auto& item : m_presenter.demographics()) {
        table += QStringLiteral("<tr><td style='padding-right:12px; color:#555;'>%1</td><td>%2</td></tr>")
                     .arg(item.name, item.value.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")));
    }
    m_fields->setText(table.isEmpty() ? QString() : QStringLiteral("<table>") + table + QStringLiteral("</table>"));
    m_withheld->setVisible(m_presenter.notesWithheld());
    m_notesBox->setVisible(m_presenter.notesShown());
    showNotes();
}

void PatientDetailsPanel::showNotes()
{
    m_noteList->clear();
    m_noteList->addItems(m_presenter.noteLines());
}

void PatientDetailsPanel::offerNote(const QString& text, const QString& error)
{
    m_newNote->setPlainText(text);
    setErrorText(m_noteMessage, error);
}

void PatientDetailsPanel::addNote()
{
    const auto result = m_presenter.addNote(m_newNote->toPlainText());
    if (result.isError()) {
        setErrorText(m_noteMessage, result.text);
        m_newNote->setFocus();
        return;
    }
    if (result.kind != presenters::FeedbackKind::Success) {
        return;
    }
    m_newNote->clear();
    setOkText(m_noteMessage, result.text);
    Q_EMIT noteAdded();
}

} // namespace galvani::ui
