// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/session/SessionEndPage.h"

#include "ui/session/SessionFormat.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace galvani::ui::session {

SessionEndPage::SessionEndPage(QWidget* parent)
    : QWidget(parent), m_presenter(new presenters::SessionEndPresenter(this))
{
    setObjectName(QStringLiteral("sessionEnd"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto* summaryBox = new QGroupBox(QStringLiteral("Session summary"), this);
    auto* summary = new QVBoxLayout(summaryBox);
    m_reason = new QLabel(summaryBox);
    m_reason->setObjectName(QStringLiteral("endReason"));
    m_reason->setFont(scaledFont(font(), 1.6, true));
    m_reason->setWordWrap(true);
    m_detail = new QLabel(summaryBox);
    m_detail->setObjectName(QStringLiteral("endDetail"));
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_time = new QLabel(summaryBox);
    m_time->setObjectName(QStringLiteral("endTime"));
    m_time->setFont(scaledFont(font(), 1.3));
    m_totals = new QLabel(summaryBox);
    m_totals->setObjectName(QStringLiteral("endTotals"));
    m_totals->setTextFormat(Qt::RichText);
    m_totals->setFont(scaledFont(font(), 1.15));
    m_notRecorded = new QLabel(summaryBox);
    m_notRecorded->setObjectName(QStringLiteral("endNotRecorded"));
    m_notRecorded->setWordWrap(true);
    m_notRecorded->setStyleSheet(
        QStringLiteral("QLabel { background: #fdecea; border: 2px solid #c62828; padding: 6px; }"));
    m_notRecorded->setText(QStringLiteral("⚠ The end of this session could not be recorded. The next start on this "
                                          "workstation marks it as interrupted; no outcome can be added to it."));
    summary->addWidget(m_reason);
    summary->addWidget(m_detail);
    summary->addWidget(m_time);
    summary->addWidget(m_totals);
    summary->addWidget(m_notRecorded);
    summary->addStretch(1);
    layout->addWidget(summaryBox, 1);

    auto* outcomeBox = new QGroupBox(QStringLiteral("Outcome"), this);
    auto* outcome = new QVBoxLayout(outcomeBox);
    m_prompt = new QLabel(outcomeBox);
    m_prompt->setObjectName(QStringLiteral("outcomePrompt"));
    m_prompt->setFont(scaledFont(font(), 1.3, true));
    m_prompt->setWordWrap(true);
    outcome->addWidget(m_prompt);
    auto* form = new QFormLayout();
    m_before = new QLabel(outcomeBox);
    m_before->setObjectName(QStringLiteral("nprsBeforeShown"));
    m_after = new QSpinBox(outcomeBox);
    m_after->setObjectName(QStringLiteral("nprsAfter"));
    m_after->setRange(-1, 10);
    m_after->setSpecialValueText(QStringLiteral("declined"));
    m_after->setToolTip(QStringLiteral("Pain now, 0 (none) to 10 (worst imaginable), or \"declined\" (Alt+A)"));
    auto* afterRow = new QHBoxLayout();
    afterRow->addWidget(m_after);
    afterRow->addWidget(new QLabel(QStringLiteral("0–10, or declined"), outcomeBox), 1);
    m_notes = new QPlainTextEdit(outcomeBox);
    m_notes->setObjectName(QStringLiteral("outcomeNotes"));
    m_notes->setTabChangesFocus(true);
    m_notes->setMaximumHeight(220);
    m_notes->setToolTip(QStringLiteral("Notes on the treatment, at most %1 characters (Alt+N)").arg(kMaxNotes));
    m_counter = new QLabel(outcomeBox);
    m_counter->setObjectName(QStringLiteral("notesCounter"));
    form->addRow(QStringLiteral("Pain before:"), m_before);
    auto* afterLabel = new QLabel(QStringLiteral("Pain &after (NPRS):"), outcomeBox);
    afterLabel->setBuddy(m_after);
    form->addRow(afterLabel, afterRow);
    form->addRow(QStringLiteral("&Notes:"), m_notes);
    form->addRow(QString(), m_counter);
    outcome->addLayout(form);
    m_hint = new QLabel(outcomeBox);
    m_hint->setObjectName(QStringLiteral("outcomeHint"));
    m_hint->setWordWrap(true);
    outcome->addWidget(m_hint);
    m_error = new QLabel(outcomeBox);
    m_error->setObjectName(QStringLiteral("outcomeError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("QLabel { background: #fdecea; border: 2px solid #c62828; padding: 6px; }"));
    m_error->hide();
    outcome->addWidget(m_error);
    auto* buttons = new QHBoxLayout();
    m_record = new QPushButton(QStringLiteral("&Record outcome"), outcomeBox);
    m_record->setObjectName(QStringLiteral("recordOutcome"));
    m_record->setMinimumHeight(44);
    m_record->setFont(scaledFont(font(), 1.2, true));
    buttons->addStretch(1);
    buttons->addWidget(m_record);
    outcome->addLayout(buttons);
    outcome->addStretch(1);
    layout->addWidget(outcomeBox, 1);

    connect(m_after, &QSpinBox::valueChanged, this, &SessionEndPage::updateForm);
    connect(m_notes, &QPlainTextEdit::textChanged, this, &SessionEndPage::updateForm);
    connect(m_record, &QPushButton::clicked, this, [this] {
        if (formState().finishes) {
            Q_EMIT finishRequested();
        } else {
            Q_EMIT recordRequested();
        }
    });
}

void SessionEndPage::showSummary(const app::SessionSummary& s, const QMap<int, QString>& sites, qint64 durationMs)
{
    const auto shown = m_presenter->show(s, sites, durationMs);
    m_busy = false;
    m_reason->setText(shown.reason);
    m_detail->setText(shown.detail);
    m_detail->setVisible(!shown.detail.isEmpty());
    m_time->setText(shown.time);
    QString html
        = QStringLiteral("<table cellspacing='0' cellpadding='5' border='1' style='border-collapse: collapse;'>"
                         "<tr><th align='left'>Channel</th><th align='left'>Site</th>"
                         "<th align='right'>Largest amplitude</th><th align='right'>Charge delivered</th></tr>");
    for (const auto& row : shown.channels) {
        html += QStringLiteral(
            "<tr><td><b>%1</b></td><td>%2</td><td align='right'>%3</td><td align='right'>%4</td></tr>")
                    .arg(row.channel)
                    .arg(row.site.toHtmlEscaped(), row.largestAmplitude, row.charge);
    }
    html += QStringLiteral("</table>");
    m_totals->setText(html);
    m_notRecorded->setVisible(!shown.recorded);
    m_prompt->setText(shown.prompt);
    m_before->setText(shown.painBefore);
    m_after->setValue(-1);
    m_notes->clear();
    m_error->clear();
    m_error->hide();
    updateForm();
}

app::OutcomeAnswer SessionEndPage::answer() const
{
    return presenters::SessionEndPresenter::answer(painAfter(), m_notes->toPlainText());
}

void SessionEndPage::showOutcomeError(const QString& message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void SessionEndPage::focusAnswer()
{
    m_after->setFocus(Qt::OtherFocusReason);
}

void SessionEndPage::setBusy(bool busy)
{
    m_busy = busy;
    updateForm();
}

std::optional<int> SessionEndPage::painAfter() const
{
    return m_after->value() >= 0 ? std::optional<int>(m_after->value()) : std::nullopt;
}

presenters::SessionEndPresenter::FormState SessionEndPage::formState() const
{
    return m_presenter->form(painAfter(), m_notes->toPlainText().size(), m_busy);
}

void SessionEndPage::updateForm()
{
    const auto f = formState();
    m_counter->setText(f.counter);
    m_counter->setStyleSheet(f.notesTooLong ? QStringLiteral("color: #8e0000; font-weight: bold;") : QString());
    m_after->setEnabled(f.scoreEnabled);
    m_notes->setReadOnly(f.notesReadOnly);
    m_hint->setText(f.hint);
    m_hint->setVisible(!f.hint.isEmpty());
    m_record->setText(f.button);
    m_record->setEnabled(f.buttonEnabled);
    m_record->setToolTip(f.buttonTip);
}

} // namespace galvani::ui::session
