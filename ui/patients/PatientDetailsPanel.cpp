// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/patients/PatientDetailsPanel.h"

#include "app/services/PatientNoteService.h"
#include "ui/patients/FieldMessages.h"
#include "ui/patients/PatientText.h"

#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace galvani::ui {

PatientDetailsPanel::PatientDetailsPanel(app::RecordStore& store, const app::SignedInUser& user, QWidget* parent)
    : QWidget(parent), m_store(store), m_user(user)
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

    m_withheld = new QLabel(QStringLiteral("Clinical notes are not shown to your role (%1): it has the demographics "
                                           "view only.")
                                .arg(app::toString(m_user.role)),
        this);
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
    const bool canWrite = app::isAllowed(m_user.role, app::Action::EditPatients);
    m_add->setVisible(canWrite);
    m_newNote->setVisible(canWrite);
    noteLabel->setVisible(canWrite);
    notesLayout->addWidget(m_add, 0, Qt::AlignLeft);
    layout->addWidget(m_notesBox, 100);
    layout->addStretch(1); // keeps the demographics at the top when the notes are withheld
    m_notesBox->setVisible(false);
    connect(m_add, &QPushButton::clicked, this, &PatientDetailsPanel::addNote);
}

void PatientDetailsPanel::clear()
{
    m_mrn.clear();
    m_notes.clear();
    m_fields->clear();
    m_noteList->clear();
    m_newNote->clear();
    setErrorText(m_noteMessage, QString());
    m_notesBox->setVisible(false);
    m_withheld->setVisible(false);
}

void PatientDetailsPanel::setPatient(const app::PatientDetails& details)
{
    if (details.summary.mrn != m_mrn) {
        m_newNote->clear();
        setErrorText(m_noteMessage, QString());
    }
    m_mrn = details.summary.mrn;
    const app::PatientSummary& p = details.summary;
    const auto row = [](const QString& name, const QString& value) {
        return QStringLiteral("<tr><td style='padding-right:12px; color:#555;'>%1</td><td>%2</td></tr>")
            .arg(name,
                value.isEmpty() ? QStringLiteral("—")
                                : value.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")));
    };
    m_fields->setText(QStringLiteral("<table>") + row(QStringLiteral("MRN"), p.mrn)
        + row(QStringLiteral("Family name"), p.familyName) + row(QStringLiteral("Given names"), p.givenNames)
        + row(QStringLiteral("Date of birth"), patienttext::birth(p.birthDate)) + row(QStringLiteral("Phone"), p.phone)
        + row(QStringLiteral("E-mail"), p.email) + row(QStringLiteral("Address"), p.address)
        + row(QStringLiteral("Pseudonym (exports)"), p.pseudonym)
        + row(QStringLiteral("On record since"), patienttext::localDate(p.createdUtcMs)) + QStringLiteral("</table>"));
    m_withheld->setVisible(details.clinicalWithheld);
    m_notesBox->setVisible(!details.clinicalWithheld);
    showNotes(details.clinicalWithheld ? QList<app::PatientNoteView>() : details.notes);
}

void PatientDetailsPanel::showNotes(const QList<app::PatientNoteView>& notes)
{
    m_notes = notes;
    m_noteList->clear();
    for (const auto& n : notes) {
        const QString by = n.authorId == m_user.id ? QStringLiteral("you") : QStringLiteral("user #%1").arg(n.authorId);
        m_noteList->addItem(QStringLiteral("%1 (%2): %3").arg(patienttext::localDateTime(n.writtenUtcMs), by, n.body));
    }
    if (notes.isEmpty()) {
        m_noteList->addItem(QStringLiteral("No notes yet."));
    }
}

void PatientDetailsPanel::offerNote(const QString& text, const QString& error)
{
    m_newNote->setPlainText(text);
    setErrorText(m_noteMessage, error);
}

void PatientDetailsPanel::addNote()
{
    if (m_mrn.isEmpty()) {
        return;
    }
    const QString text = m_newNote->toPlainText();
    const auto written = app::PatientNoteService(m_store).add(m_user, m_mrn, text);
    if (!written.ok()) {
        setErrorText(m_noteMessage, written.error().message);
        m_newNote->setFocus();
        return;
    }
    m_notes.append(written.value());
    showNotes(m_notes);
    m_newNote->clear();
    setOkText(m_noteMessage, QStringLiteral("Note added."));
    Q_EMIT noteAdded();
}

} // namespace galvani::ui
