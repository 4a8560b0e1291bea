// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/patients/NewPatientDialog.h"

#include "app/services/PatientNoteService.h"
#include "ui/patients/FieldMessages.h"

#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace galvani::ui {

namespace {

QLabel* ruleLabel(const QString& text, QWidget* parent)
{
    auto* rule = new QLabel(text, parent);
    rule->setWordWrap(true);
    rule->setStyleSheet(QStringLiteral("color: #555555;"));
    rule->setMinimumWidth(220);
    return rule;
}

QPlainTextEdit* textBox(const QString& objectName, int lines, QWidget* parent)
{
    auto* box = new QPlainTextEdit(parent);
    box->setObjectName(objectName);
    box->setTabChangesFocus(true);
    box->setFixedHeight(box->fontMetrics().lineSpacing() * lines + 14);
    return box;
}

} // namespace

NewPatientDialog::NewPatientDialog(
    app::PatientService& patients, app::RecordStore& store, const app::SignedInUser& user, QWidget* parent)
    : QDialog(parent), m_patients(patients), m_store(store), m_user(user)
{
    setObjectName(QStringLiteral("newPatientDialog"));
    setWindowTitle(QStringLiteral("New patient"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(QStringLiteral("Fields marked * are required. Check the MRN and the date of birth "
                                            "against the patient's documents: they identify the patient at every "
                                            "treatment."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* grid = new QGridLayout;
    grid->setColumnStretch(1, 1);
    layout->addLayout(grid);
    m_formError = FieldMessages::makeLabel(QStringLiteral("newPatientFormError"), this);
    m_messages = std::make_unique<FieldMessages>(m_formError);
    int row = 0;
    const auto addField = [&](const QString& label, QWidget* field, const QString& rule, const QString& errorName,
                              const QStringList& keywords) {
        auto* name = new QLabel(label, this);
        name->setBuddy(field);
        grid->addWidget(name, row, 0, Qt::AlignTop);
        grid->addWidget(field, row, 1);
        grid->addWidget(ruleLabel(rule, this), row, 2, Qt::AlignTop);
        ++row;
        QLabel* error = FieldMessages::makeLabel(errorName, this);
        grid->addWidget(error, row, 1, 1, 2);
        ++row;
        m_messages->add(keywords, field, error);
    };

    m_mrn = new QLineEdit(this);
    m_mrn->setObjectName(QStringLiteral("newPatientMrn"));
    addField(QStringLiteral("&MRN *"), m_mrn, QStringLiteral("Medical record number: 1–64 characters, unique"),
        QStringLiteral("newPatientMrnError"), {QStringLiteral("MRN")});
    m_family = new QLineEdit(this);
    m_family->setObjectName(QStringLiteral("newPatientFamilyName"));
    addField(QStringLiteral("&Family name *"), m_family, QStringLiteral("1–200 characters"),
        QStringLiteral("newPatientFamilyNameError"), {QStringLiteral("family name")});
    m_given = new QLineEdit(this);
    m_given->setObjectName(QStringLiteral("newPatientGivenNames"));
    addField(QStringLiteral("&Given names *"), m_given, QStringLiteral("1–200 characters"),
        QStringLiteral("newPatientGivenNamesError"), {QStringLiteral("given name")});
    m_birth = new QLineEdit(this);
    m_birth->setObjectName(QStringLiteral("newPatientBirthDate"));
    m_birth->setPlaceholderText(QStringLiteral("YYYY-MM-DD"));
    m_birth->setMaxLength(10);
    addField(QStringLiteral("&Date of birth *"), m_birth,
        QStringLiteral("YYYY-MM-DD: a real date, 1900 or later, not in the future"),
        QStringLiteral("newPatientBirthDateError"), {QStringLiteral("date of birth"), QStringLiteral("birth")});
    m_phone = new QLineEdit(this);
    m_phone->setObjectName(QStringLiteral("newPatientPhone"));
    addField(QStringLiteral("&Phone"), m_phone, QStringLiteral("Optional, up to 100 characters"),
        QStringLiteral("newPatientPhoneError"), {QStringLiteral("phone")});
    m_email = new QLineEdit(this);
    m_email->setObjectName(QStringLiteral("newPatientEmail"));
    addField(QStringLiteral("&E-mail"), m_email, QStringLiteral("Optional, up to 200 characters"),
        QStringLiteral("newPatientEmailError"), {QStringLiteral("email"), QStringLiteral("e-mail")});
    m_address = textBox(QStringLiteral("newPatientAddress"), 2, this);
    addField(QStringLiteral("&Address"), m_address, QStringLiteral("Optional, up to 1000 characters"),
        QStringLiteral("newPatientAddressError"), {QStringLiteral("address")});
    m_note = textBox(QStringLiteral("newPatientNote"), 3, this);
    addField(QStringLiteral("&Clinical note"), m_note,
        QStringLiteral("Optional, up to %1 characters; kept as the patient's first note")
            .arg(app::PatientNoteService::kMaxNoteChars),
        QStringLiteral("newPatientNoteError"), {QStringLiteral("note")});
    layout->addWidget(m_formError);

    auto* buttons = new QDialogButtonBox(this);
    m_create = buttons->addButton(QStringLiteral("C&reate patient"), QDialogButtonBox::AcceptRole);
    m_create->setObjectName(QStringLiteral("createPatient"));
    m_create->setDefault(true);
    auto* cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelNewPatient"));
    cancel->setToolTip(QStringLiteral("Close without adding the patient (Esc)"));
    layout->addWidget(buttons);
    connect(m_create, &QPushButton::clicked, this, &NewPatientDialog::create);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    resize(720, sizeHint().height());
}

NewPatientDialog::~NewPatientDialog() = default;

void NewPatientDialog::prefill(const QString& searchText)
{
    const QString text = searchText.trimmed();
    static const QRegularExpression digit(QStringLiteral("\\d"));
    if (text.contains(digit)) {
        m_mrn->setText(text);
        m_family->setFocus();
    } else {
        m_family->setText(text);
        m_mrn->setFocus();
    }
}

void NewPatientDialog::create()
{
    m_messages->clear();
    const QString note = m_note->toPlainText();
    // Checked before the patient is added, so a too-long note cannot leave a patient without it.
    if (note.size() > app::PatientNoteService::kMaxNoteChars) {
        m_messages->show(QStringLiteral("clinical note has %1 characters; at most %2 are allowed")
                             .arg(note.size())
                             .arg(app::PatientNoteService::kMaxNoteChars));
        return;
    }
    app::NewPatientInput input;
    input.mrn = m_mrn->text().trimmed();
    input.familyName = m_family->text().trimmed();
    input.givenNames = m_given->text().trimmed();
    input.birthDate = m_birth->text().trimmed();
    input.phone = m_phone->text().trimmed();
    input.email = m_email->text().trimmed();
    input.address = m_address->toPlainText().trimmed();
    const auto added = m_patients.add(m_user, input);
    if (!added.ok()) {
        m_messages->show(added.error().message);
        return;
    }
    QString noteError;
    if (!note.trimmed().isEmpty()) {
        const auto written = app::PatientNoteService(m_store).add(m_user, added->mrn, note);
        if (!written.ok()) {
            noteError = written.error().message;
        }
    }
    Q_EMIT created(added.value(), note, noteError);
    accept();
}

} // namespace galvani::ui
