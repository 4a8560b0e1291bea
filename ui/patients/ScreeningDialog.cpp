// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/patients/ScreeningDialog.h"

#include "ui/patients/FieldMessages.h"
#include "ui/presenters/ScreeningChecklistPresenter.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

namespace galvani::ui {

using presenters::ScreeningChecklistPresenter;

namespace {

enum AnswerId { kNo = 0, kYes = 1, kNotSure = 2 };

const QString kMarked = QStringLiteral("color: #b00020; font-weight: 700;");

QLabel* sectionHeader(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setStyleSheet(QStringLiteral("font-weight: 700; padding-top: 8px;"));
    label->setWordWrap(true);
    return label;
}

} // namespace

ScreeningDialog::ScreeningDialog(app::ScreeningService& screenings, const app::SignedInUser& user, const QString& mrn,
    const QString& patientLabel, QWidget* parent)
    : QDialog(parent), m_presenter(new ScreeningChecklistPresenter(screenings, user, mrn, this))
{
    setObjectName(QStringLiteral("screeningDialog"));
    setWindowTitle(QStringLiteral("Contraindication screening"));
    auto* layout = new QVBoxLayout(this);

    auto* title = new QLabel(QStringLiteral("Contraindication screening — %1").arg(patientLabel), this);
    title->setObjectName(QStringLiteral("screeningPatient"));
    title->setStyleSheet(QStringLiteral("font-size: 14pt; font-weight: 700;"));
    title->setWordWrap(true);
    layout->addWidget(title);

    auto* top = new QHBoxLayout;
    auto* none = new QPushButton(QStringLiteral("&None apply"), this);
    none->setObjectName(QStringLiteral("noneApply"));
    none->setToolTip(QStringLiteral("Answer every question “no” (Alt+N); then change the ones that apply"));
    top->addWidget(none);
    auto* help = new QLabel(QStringLiteral("Answer every question. “Not sure” counts as yes. An absolute "
                                           "contraindication blocks stimulation; each precaution that applies must be "
                                           "ticked as taken into account."),
        this);
    help->setWordWrap(true);
    top->addWidget(help, 1);
    layout->addLayout(top);

    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    auto* sheet = new QWidget(scroll);
    auto* grid = new QGridLayout(sheet);
    grid->setColumnStretch(0, 3);
    grid->setColumnStretch(4, 2);
    grid->setHorizontalSpacing(12);
    int row = 0;
    const QStringList headers{QStringLiteral("Question"), QStringLiteral("Kind"), QStringLiteral("Answer"),
        QStringLiteral("Taken into account"), QStringLiteral("Detail (which device, which site…)")};
    for (int c = 0; c < static_cast<int>(headers.size()); ++c) {
        auto* h = new QLabel(headers.at(c), sheet);
        h->setStyleSheet(QStringLiteral("font-weight: 600; color: palette(dark);"));
        grid->addWidget(h, row, c);
    }
    ++row;

    for (const ScreeningChecklistPresenter::Item& listed : ScreeningChecklistPresenter::items()) {
        const app::ChecklistItemInfo& item = listed.info;
        if (!listed.section.isEmpty()) {
            grid->addWidget(sectionHeader(listed.section, sheet), row++, 0, 1, static_cast<int>(headers.size()));
        }
        Row r;
        r.item = item;
        r.question = new QLabel(item.question, sheet);
        r.question->setWordWrap(true);
        r.question->setObjectName(QStringLiteral("question_") + item.id);
        grid->addWidget(r.question, row, 0);
        auto* kind = new QLabel(listed.kind, sheet);
        grid->addWidget(kind, row, 1);

        // One container per row, so arrow keys move between this row's answers and Tab moves to the next row.
        auto* answers = new QWidget(sheet);
        auto* answerLayout = new QHBoxLayout(answers);
        answerLayout->setContentsMargins(0, 0, 0, 0);
        r.answer = new QButtonGroup(answers);
        const QList<std::pair<QString, int>> choices{
            {QStringLiteral("Yes"), kYes}, {QStringLiteral("No"), kNo}, {QStringLiteral("Not sure"), kNotSure}};
        for (const auto& [text, id] : choices) {
            auto* radio = new QRadioButton(text, answers);
            radio->setObjectName(QStringLiteral("answer_%1_%2").arg(item.id).arg(id));
            radio->setAccessibleName(item.question + QStringLiteral(": ") + text);
            r.answer->addButton(radio, id);
            answerLayout->addWidget(radio);
        }
        grid->addWidget(answers, row, 2);

        r.acknowledged = new QCheckBox(QStringLiteral("Taken into account"), sheet);
        r.acknowledged->setObjectName(QStringLiteral("ack_") + item.id);
        r.acknowledged->setAccessibleName(item.question + QStringLiteral(": taken into account"));
        r.acknowledged->setEnabled(false);
        grid->addWidget(r.acknowledged, row, 3);

        r.detail = new QLineEdit(sheet);
        r.detail->setObjectName(QStringLiteral("detail_") + item.id);
        r.detail->setMaxLength(1000);
        r.detail->setMinimumWidth(120);
        r.detail->setPlaceholderText(QStringLiteral("optional, up to 1000 characters"));
        r.detail->setAccessibleName(item.question + QStringLiteral(": detail"));
        grid->addWidget(r.detail, row, 4);

        connect(r.answer, &QButtonGroup::idClicked, this, &ScreeningDialog::updateVerdict);
        connect(r.acknowledged, &QCheckBox::toggled, this, &ScreeningDialog::updateVerdict);
        m_rows.append(r);
        ++row;
    }
    grid->setRowStretch(row, 1);
    scroll->setWidget(sheet);
    layout->addWidget(scroll, 1);

    auto* form = new QFormLayout;
    m_clearance = new QLineEdit(this);
    m_clearance->setObjectName(QStringLiteral("clearanceReason"));
    m_clearance->setMaxLength(1000);
    m_clearance->setPlaceholderText(QStringLiteral("who cleared the patient, and why (up to 1000 characters)"));
    m_clearance->setToolTip(QStringLiteral("Only for absolute items that can be cleared; forbidden sites cannot"));
    form->addRow(QStringLiteral("Specialist &clearance:"), m_clearance);
    m_notes = new QPlainTextEdit(this);
    m_notes->setObjectName(QStringLiteral("screeningNotes"));
    m_notes->setTabChangesFocus(true);
    m_notes->setFixedHeight(m_notes->fontMetrics().lineSpacing() * 2 + 14);
    m_notes->setPlaceholderText(QStringLiteral("optional, up to 4000 characters"));
    form->addRow(QStringLiteral("No&tes:"), m_notes);
    m_validDays = new QSpinBox(this);
    m_validDays->setObjectName(QStringLiteral("screeningValidDays"));
    m_validDays->setRange(1, app::ScreeningInput::kMaxValidDays);
    m_validDays->setValue(app::ScreeningInput::kDefaultValidDays);
    m_validDays->setSuffix(QStringLiteral(" days"));
    m_validDays->setToolTip(QStringLiteral("1–%1 days; screen again sooner whenever the patient's health changes")
                                .arg(app::ScreeningInput::kMaxValidDays));
    form->addRow(QStringLiteral("&Valid for (1–%1 days):").arg(app::ScreeningInput::kMaxValidDays), m_validDays);
    layout->addLayout(form);
    connect(m_clearance, &QLineEdit::textChanged, this, &ScreeningDialog::updateVerdict);

    m_verdict = new QLabel(this);
    m_verdict->setObjectName(QStringLiteral("screeningVerdict"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_verdict);
    m_error = FieldMessages::makeLabel(QStringLiteral("screeningError"), this);
    layout->addWidget(m_error);

    auto* buttons = new QDialogButtonBox(this);
    m_save = buttons->addButton(QStringLiteral("&Save screening"), QDialogButtonBox::AcceptRole);
    m_save->setObjectName(QStringLiteral("saveScreening"));
    m_save->setToolTip(QStringLiteral("Sign and record this screening (Alt+S)"));
    auto* cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelScreening"));
    layout->addWidget(buttons);
    connect(none, &QPushButton::clicked, this, &ScreeningDialog::noneApply);
    connect(m_save, &QPushButton::clicked, this, &ScreeningDialog::save);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);

    updateVerdict();
    resize(1100, 760);
}

void ScreeningDialog::setAnswer(const QString& itemId, app::ScreeningAnswer answer)
{
    if (const Row* r = rowOf(itemId)) {
        const int id = answer == app::ScreeningAnswer::No ? kNo : answer == app::ScreeningAnswer::Yes ? kYes : kNotSure;
        r->answer->button(id)->setChecked(true);
        updateVerdict();
    }
}

void ScreeningDialog::setAcknowledged(const QString& itemId, bool acknowledged)
{
    if (const Row* r = rowOf(itemId)) {
        r->acknowledged->setChecked(acknowledged);
    }
}

const ScreeningDialog::Row* ScreeningDialog::rowOf(const QString& itemId) const
{
    for (const Row& r : m_rows) {
        if (r.item.id == itemId) {
            return &r;
        }
    }
    return nullptr;
}

void ScreeningDialog::noneApply()
{
    for (const Row& r : m_rows) {
        r.answer->button(kNo)->setChecked(true);
    }
    updateVerdict();
}

ScreeningChecklistPresenter::Form ScreeningDialog::form() const
{
    ScreeningChecklistPresenter::Form f;
    for (const Row& r : m_rows) {
        ScreeningChecklistPresenter::Answer a;
        const int id = r.answer->checkedId();
        if (id >= 0) {
            a.answer = id == kNo ? app::ScreeningAnswer::No
                : id == kYes     ? app::ScreeningAnswer::Yes
                                 : app::ScreeningAnswer::Unknown;
        }
        a.acknowledged = r.acknowledged->isChecked();
        a.detail = r.detail->text();
        f.answers.append(a);
    }
    f.clearance = m_clearance->text();
    f.notes = m_notes->toPlainText();
    f.validDays = m_validDays->value();
    return f;
}

app::ScreeningInput ScreeningDialog::input() const
{
    return ScreeningChecklistPresenter::input(form());
}

void ScreeningDialog::updateVerdict()
{
    const ScreeningChecklistPresenter::Form f = form();
    for (int i = 0; i < m_rows.size(); ++i) {
        m_rows.at(i).question->setStyleSheet(QString());
        m_rows.at(i).acknowledged->setEnabled(ScreeningChecklistPresenter::acknowledgeable(i, f.answers.at(i)));
    }
    const ScreeningChecklistPresenter::Verdict verdict = ScreeningChecklistPresenter::verdict(f);
    QString style;
    switch (verdict.tone) {
    case ScreeningChecklistPresenter::Tone::Blocked:
        style = QStringLiteral("background: #fde7e9; color: #8a0010; border: 2px solid #b00020;");
        break;
    case ScreeningChecklistPresenter::Tone::Attention:
        style = QStringLiteral("background: #fff4e0; color: #6b4000; border: 2px solid #c77700;");
        break;
    case ScreeningChecklistPresenter::Tone::Pending:
        style = QStringLiteral("border: 1px solid palette(mid);");
        break;
    case ScreeningChecklistPresenter::Tone::Allowed:
        style = QStringLiteral("background: #e6f4ea; color: #0b5d1e; border: 2px solid #1e7b34;");
        break;
    }
    m_verdict->setText(verdict.text);
    m_verdict->setStyleSheet(
        QStringLiteral("QLabel { font-size: 12pt; font-weight: 600; padding: 8px; %1 }").arg(style));
    setErrorText(m_error, QString());
}

void ScreeningDialog::save()
{
    updateVerdict();
    const ScreeningChecklistPresenter::Form f = form();
    if (const auto problem = ScreeningChecklistPresenter::problem(f)) {
        for (const int i : problem->marked) {
            m_rows.at(i).question->setStyleSheet(kMarked);
        }
        setErrorText(m_error, problem->message);
        const Row& first = m_rows.at(problem->focus);
        if (problem->focusAcknowledgement) {
            first.acknowledged->setFocus(Qt::OtherFocusReason);
        } else {
            first.answer->button(kNo)->setFocus(Qt::OtherFocusReason);
        }
        return;
    }
    const auto result = m_presenter->record(f);
    if (!result.ok()) {
        setErrorText(m_error, result.error().message);
        return;
    }
    Q_EMIT recorded(result.value());
    accept();
}

} // namespace galvani::ui
