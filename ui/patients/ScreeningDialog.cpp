// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/patients/ScreeningDialog.h"

#include "ui/patients/FieldMessages.h"

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

namespace {

enum AnswerId { kNo = 0, kYes = 1, kNotSure = 2 };

QString kindOf(const app::ChecklistItemInfo& item)
{
    if (item.severity == app::ScreeningSeverity::Precaution) {
        return QStringLiteral("Precaution");
    }
    return item.clearable ? QStringLiteral("Absolute") : QStringLiteral("Forbidden site");
}

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
    : QDialog(parent), m_screenings(screenings), m_user(user), m_mrn(mrn)
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

    enum class Section { None, Absolute, Forbidden, Precaution };
    Section section = Section::None;
    for (const app::ChecklistItemInfo& item : app::ScreeningService::checklist()) {
        const Section s = item.severity == app::ScreeningSeverity::Precaution
            ? Section::Precaution
            : (item.clearable ? Section::Absolute : Section::Forbidden);
        if (s != section) {
            section = s;
            const QString text = s == Section::Absolute
                ? QStringLiteral("Absolute contraindications — block stimulation unless a specialist clears them")
                : s == Section::Forbidden ? QStringLiteral("Forbidden sites — no clearance can lift them")
                                          : QStringLiteral("Precautions — allowed once taken into account");
            grid->addWidget(sectionHeader(text, sheet), row++, 0, 1, static_cast<int>(headers.size()));
        }
        Row r;
        r.item = item;
        r.question = new QLabel(item.question, sheet);
        r.question->setWordWrap(true);
        r.question->setObjectName(QStringLiteral("question_") + item.id);
        grid->addWidget(r.question, row, 0);
        auto* kind = new QLabel(kindOf(item), sheet);
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

bool ScreeningDialog::applies(const Row& row)
{
    const int id = row.answer->checkedId();
    return id == kYes || id == kNotSure;
}

void ScreeningDialog::noneApply()
{
    for (const Row& r : m_rows) {
        r.answer->button(kNo)->setChecked(true);
    }
    updateVerdict();
}

app::ScreeningInput ScreeningDialog::input() const
{
    app::ScreeningInput in;
    for (const Row& r : m_rows) {
        const int id = r.answer->checkedId();
        if (id < 0) {
            continue;
        }
        const auto answer = id == kNo ? app::ScreeningAnswer::No
            : id == kYes              ? app::ScreeningAnswer::Yes
                                      : app::ScreeningAnswer::Unknown;
        in.answers.append(app::ScreeningAnswerInput{
            r.item.id, answer, applies(r) && r.acknowledged->isChecked(), r.detail->text().trimmed()});
    }
    in.clearanceReason = m_clearance->text().trimmed();
    in.notes = m_notes->toPlainText().trimmed();
    in.validDays = m_validDays->value();
    return in;
}

void ScreeningDialog::updateVerdict()
{
    const bool cleared = !m_clearance->text().trimmed().isEmpty();
    int unanswered = 0;
    QStringList blocking;
    QStringList toAcknowledge;
    QStringList precautions;
    for (const Row& r : m_rows) {
        r.question->setStyleSheet(QString());
        const bool hit = applies(r);
        const bool absolute = r.item.severity == app::ScreeningSeverity::Absolute;
        r.acknowledged->setEnabled(hit && (!absolute || r.item.clearable));
        if (r.answer->checkedId() < 0) {
            ++unanswered;
            continue;
        }
        if (!hit) {
            continue;
        }
        if (absolute && !r.item.clearable) {
            blocking.append(QStringLiteral("%1 (forbidden site: no clearance lifts it)").arg(r.item.question));
        } else if (absolute && !cleared) {
            blocking.append(QStringLiteral("%1 (absolute contraindication; only a specialist clearance with a reason "
                                           "can lift it)")
                                .arg(r.item.question));
        } else if (!r.acknowledged->isChecked()) {
            toAcknowledge.append(r.item.question);
        } else {
            precautions.append(r.item.question);
        }
    }
    QString text;
    QString style;
    if (!blocking.isEmpty()) {
        text = QStringLiteral("✖ STIMULATION BLOCKED by: ") + blocking.join(QStringLiteral("; "));
        style = QStringLiteral("background: #fde7e9; color: #8a0010; border: 2px solid #b00020;");
    } else if (!toAcknowledge.isEmpty()) {
        text = QStringLiteral("⚠ Not yet allowed: tick “taken into account” for ")
            + toAcknowledge.join(QStringLiteral("; "));
        style = QStringLiteral("background: #fff4e0; color: #6b4000; border: 2px solid #c77700;");
    } else if (unanswered > 0) {
        text = QStringLiteral("%1 of %2 questions still to answer.").arg(unanswered).arg(m_rows.size());
        style = QStringLiteral("border: 1px solid palette(mid);");
    } else if (!precautions.isEmpty()) {
        text = QStringLiteral("⚠ Treatment allowed with precautions taken into account: ")
            + precautions.join(QStringLiteral("; "));
        style = QStringLiteral("background: #fff4e0; color: #6b4000; border: 2px solid #c77700;");
    } else {
        text = QStringLiteral("✔ No contraindication or precaution applies: treatment allowed.");
        style = QStringLiteral("background: #e6f4ea; color: #0b5d1e; border: 2px solid #1e7b34;");
    }
    if (unanswered > 0 && (!blocking.isEmpty() || !toAcknowledge.isEmpty())) {
        text += QStringLiteral(" — %1 of %2 questions still to answer.").arg(unanswered).arg(m_rows.size());
    }
    m_verdict->setText(text);
    m_verdict->setStyleSheet(
        QStringLiteral("QLabel { font-size: 12pt; font-weight: 600; padding: 8px; %1 }").arg(style));
    setErrorText(m_error, QString());
}

void ScreeningDialog::save()
{
    updateVerdict();
    const bool cleared = !m_clearance->text().trimmed().isEmpty();
    QStringList unanswered;
    QStringList unacknowledged;
    // Unanswered questions are reported first, so focus goes to the first of them, not to an earlier precaution
    // that only lacks its acknowledgement.
    const Row* firstUnanswered = nullptr;
    const Row* firstUnacknowledged = nullptr;
    for (const Row& r : m_rows) {
        if (r.answer->checkedId() < 0) {
            unanswered.append(r.item.question);
            r.question->setStyleSheet(QStringLiteral("color: #b00020; font-weight: 700;"));
            firstUnanswered = firstUnanswered != nullptr ? firstUnanswered : &r;
            continue;
        }
        const bool absolute = r.item.severity == app::ScreeningSeverity::Absolute;
        const bool needsAcknowledgement = applies(r) && (!absolute || (r.item.clearable && cleared));
        if (needsAcknowledgement && !r.acknowledged->isChecked()) {
            unacknowledged.append(r.item.question);
            r.question->setStyleSheet(QStringLiteral("color: #b00020; font-weight: 700;"));
            firstUnacknowledged = firstUnacknowledged != nullptr ? firstUnacknowledged : &r;
        }
    }
    if (firstUnanswered != nullptr) {
        setErrorText(m_error,
            QStringLiteral("Answer every question: %1 not answered yet (first: “%2”).")
                .arg(unanswered.size())
                .arg(unanswered.first()));
        firstUnanswered->answer->button(kNo)->setFocus(Qt::OtherFocusReason);
        return;
    }
    if (firstUnacknowledged != nullptr) {
        setErrorText(m_error,
            QStringLiteral("Each precaution that applies must be acknowledged: tick “taken into account” for %1, or "
                           "change the answer.")
                .arg(unacknowledged.join(QStringLiteral("; "))));
        firstUnacknowledged->acknowledged->setFocus(Qt::OtherFocusReason);
        return;
    }
    const auto result = m_screenings.record(m_user, m_mrn, input());
    if (!result.ok()) {
        setErrorText(m_error, result.error().message);
        return;
    }
    Q_EMIT recorded(result.value());
    accept();
}

} // namespace galvani::ui
