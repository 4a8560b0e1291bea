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
    : QDialog(parent), m_presenter(patients, store, user)
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
    const auto addField = [&](const QString& label, QWidget* field, const QString& rule, const QString& errorName) {
        auto* name = new QLabel(label, this);
        name->setBuddy(field);
        grid->addWidget(name, row, 0, Qt::AlignTop);
        grid->addWidget(field, row, 1);
        grid->addWidget(ruleLabel(rule, this), row, 2, Qt::AlignTop);
        ++row;
        QLabel* error = FieldMessages::makeLabel(errorName, this);
        grid->addWidget(error, row, 1, 1, 2);
        ++row;
        m_messages->add({}, field, error);
    };

    m_mrn = new QLineEdit(this);
    m_mrn->setObjectName(QStringLiteral("newPatientMrn"));
    addField(QStringLiteral("&MRN *"), m_mrn, QStringLiteral("Medical record number: 1–64 characters, unique"),
        QStringLiteral("newPatientMrnError"));
    m_family = new QLineEdit(this);
    m_family->setObjectName(QStringLiteral("newPatientFamilyName"));
    addField(QStringLiteral("&Family name *"), m_family, QStringLiteral("1–200 characters"),
        QStringLiteral("newPatientFamilyNameError"));
    m_given = new QLineEdit(this);
    m_given->setObjectName(QStringLiteral("newPatientGivenNames"));
    addField(QStringLiteral("&Given names *"), m_given, QStringLiteral("1–200 characters"),
        QStringLiteral("newPatientGivenNamesError"));
    m_birth = new QLineEdit(this);
    m_birth->setObjectName(QStringLiteral("newPatientBirthDate"));
    m_birth->setPlaceholderText(QStringLiteral("YYYY-MM-DD"));
    m_birth->setMaxLength(10);
    addField(QStringLiteral("&Date of birth *"), m_birth,
        QStringLiteral("YYYY-MM-DD: a real date, 1900 or later, not in the future"),
        QStringLiteral("newPatientBirthDateError"));
    m_phone = new QLineEdit(this);
    m_phone->setObjectName(QStringLiteral("newPatientPhone"));
    addField(QStringLiteral("&Phone"), m_phone, QStringLiteral("Optional, up to 100 characters"),
        QStringLiteral("newPatientPhoneError"));
    m_email = new QLineEdit(this);
    m_email->setObjectName(QStringLiteral("newPatientEmail"));
    addField(QStringLiteral("&E-mail"), m_email, QStringLiteral("Optional, up to 200 characters"),
        QStringLiteral("newPatientEmailError"));
    m_address = textBox(QStringLiteral("newPatientAddress"), 2, this);
    addField(QStringLiteral("&Address"), m_address, QStringLiteral("Optional, up to 1000 characters"),
        QStringLiteral("newPatientAddressError"));
    m_note = textBox(QStringLiteral("newPatientNote"), 3, this);
    addField(QStringLiteral("&Clinical note"), m_note,
        QStringLiteral("Optional, up to %1 characters; kept as the patient's first note")
            .arg(app::PatientNoteService::kMaxNoteChars),
        QStringLiteral("newPatientNoteError"));
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
    connect(&m_presenter, &presenters::NewPatientPresenter::created, this, &NewPatientDialog::created);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    resize(720, sizeHint().height());
}

NewPatientDialog::~NewPatientDialog() = default;

void NewPatientDialog::prefill(const QString& searchText)
{
    const auto carried = presenters::NewPatientPresenter::prefill(searchText);
    if (auto* edit = qobject_cast<QLineEdit*>(fieldWidget(carried.field))) {
        edit->setText(carried.text);
    }
    if (QWidget* focus = fieldWidget(carried.focus)) {
        focus->setFocus();
    }
}

QWidget* NewPatientDialog::fieldWidget(Field field) const
{
    switch (field) {
    case Field::None:
        return nullptr;
    case Field::Mrn:
        return m_mrn;
    case Field::FamilyName:
        return m_family;
    case Field::GivenNames:
        return m_given;
    case Field::BirthDate:
        return m_birth;
    case Field::Phone:
        return m_phone;
    case Field::Email:
        return m_email;
    case Field::Address:
        return m_address;
    case Field::Note:
        return m_note;
    }
    return nullptr;
}

void NewPatientDialog::create()
{
    m_messages->clear();
    presenters::NewPatientPresenter::Form form;
    form.patient.mrn = m_mrn->text();
    form.patient.familyName = m_family->text();
    form.patient.givenNames = m_given->text();
    form.patient.birthDate = m_birth->text();
    form.patient.phone = m_phone->text();
    form.patient.email = m_email->text();
    form.patient.address = m_address->toPlainText();
    form.note = m_note->toPlainText();
    const auto result = m_presenter.create(form);
    if (result.isError()) {
        m_messages->showAt(fieldWidget(result.focus), result.text);
        return;
    }
    accept();
}

} // namespace galvani::ui
