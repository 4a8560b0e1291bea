// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/session/ClinicPresetBox.h"

#include "app/AppContext.h"
#include "app/services/ClinicPresetService.h"
#include "ui/session/StatusMessage.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

namespace galvani::ui::session {

ClinicPresetBox::ClinicPresetBox(
    app::AppContext& context, const app::SignedInUser& user, SourceFn source, QWidget* parent)
    : QGroupBox(QStringLiteral("Clinic presets"), parent),
      m_presenter(new presenters::ClinicPresetPresenter(context.clinicPresets(), user, this)),
      m_source(std::move(source))
{
    setObjectName(QStringLiteral("clinicPresetBox"));
    auto* form = new QFormLayout(this);
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("clinicPresetName"));
    m_name->setMaxLength(app::ClinicPresetService::kMaxNameChars);
    m_name->setPlaceholderText(QStringLiteral("e.g. Lumbar TENS, low rate (1–100 characters)"));
    m_reason = new QLineEdit(this);
    m_reason->setObjectName(QStringLiteral("clinicPresetReason"));
    m_reason->setMaxLength(1000);
    m_reason->setPlaceholderText(QStringLiteral("why, for the audit trail (required)"));
    m_save = new QPushButton(QStringLiteral("Save settings as a clinic preset"), this);
    m_save->setObjectName(QStringLiteral("clinicPresetSave"));
    m_save->setToolTip(QStringLiteral("Every therapist of the clinic can then choose it; the values, the built-in "
                                      "preset and the session length are kept"));
    m_retire = new QPushButton(QStringLiteral("Retire the chosen clinic preset"), this);
    m_retire->setObjectName(QStringLiteral("clinicPresetRetire"));
    m_retire->setEnabled(false);
    m_message = new StatusMessage(QStringLiteral("clinicPresetMessage"), this);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_save);
    buttons->addWidget(m_retire);
    buttons->addStretch(1);
    form->addRow(QStringLiteral("&Name:"), m_name);
    form->addRow(QStringLiteral("Reas&on:"), m_reason);
    form->addRow(buttons);
    form->addRow(m_message);
    connect(m_save, &QPushButton::clicked, this, &ClinicPresetBox::save);
    connect(m_retire, &QPushButton::clicked, this, &ClinicPresetBox::retire);
    connect(m_name, &QLineEdit::returnPressed, this, &ClinicPresetBox::save);
}

void ClinicPresetBox::setChosen(const QString& presetId)
{
    m_presenter->setChosen(presetId);
    m_retire->setEnabled(m_presenter->canRetire());
}

void ClinicPresetBox::save()
{
    const auto result = m_presenter->save(m_source(), m_name->text(), m_reason->text());
    if (result.isError()) {
        m_message->showMessage(StatusMessage::Kind::Refusal, result.text);
        return;
    }
    m_message->showMessage(StatusMessage::Kind::Info, result.text);
    m_name->clear();
    m_reason->clear();
    Q_EMIT changed(m_presenter->changedId());
}

void ClinicPresetBox::retire()
{
    const auto result = m_presenter->retire(m_source(), m_reason->text());
    if (result.isError()) {
        m_message->showMessage(StatusMessage::Kind::Refusal, result.text);
        return;
    }
    m_message->showMessage(StatusMessage::Kind::Info, result.text);
    m_reason->clear();
    Q_EMIT changed(QString());
}

} // namespace galvani::ui::session
