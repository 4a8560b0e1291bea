// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/admin/PolicyPanel.h"

#include "app/AppContext.h"
#include "app/calibration/CalibrationService.h"
#include "ui/admin/AdminFormat.h"
#include "ui/admin/ClinicLimitsBox.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace galvani::ui {

using admin::MessageKind;

PolicyPanel::PolicyPanel(app::AppContext& context, const app::SignedInUser& user, QWidget* parent)
    : QWidget(parent), m_context(context), m_user(user)
{
    setObjectName(QStringLiteral("policyPanel"));
    auto* layout = new QVBoxLayout(this);

    auto* box = new QGroupBox(QStringLiteral("Calibration records"), this);
    auto* form = new QFormLayout(box);
    auto* explain = new QLabel(QStringLiteral("A channel whose calibration failed or is overdue is always locked for "
                                              "therapy. This setting decides what happens to a channel that has "
                                              "never been calibrated.\n• Not required: it may be used; the session "
                                              "plan shows a notice.\n• Required: it is locked until a technician "
                                              "calibrates it."),
        box);
    explain->setWordWrap(true);
    form->addRow(explain);
    m_currentLabel = new QLabel(box);
    m_currentLabel->setObjectName(QStringLiteral("policyCurrent"));
    QFont bold = m_currentLabel->font();
    bold.setBold(true);
    m_currentLabel->setFont(bold);
    form->addRow(QStringLiteral("In force:"), m_currentLabel);
    m_require = new QCheckBox(QStringLiteral("Re&quire a calibration record for every channel"), box);
    m_require->setObjectName(QStringLiteral("requireCalibration"));
    form->addRow(QStringLiteral("Change to:"), m_require);
    m_reason = new QLineEdit(box);
    m_reason->setObjectName(QStringLiteral("policyReason"));
    m_reason->setMaxLength(1000);
    m_reason->setPlaceholderText(QStringLiteral("required, up to 1000 characters; kept in the audit trail"));
    auto* reasonLabel = new QLabel(QStringLiteral("Rea&son:"), box);
    reasonLabel->setBuddy(m_reason);
    form->addRow(reasonLabel, m_reason);
    auto* row = new QHBoxLayout;
    m_apply = new QPushButton(QStringLiteral("&Apply"), box);
    m_apply->setObjectName(QStringLiteral("policyApply"));
    row->addWidget(m_apply);
    row->addStretch(1);
    form->addRow(QString(), row);
    m_message = admin::makeMessageLabel(QStringLiteral("policyMessage"), box);
    form->addRow(m_message);
    layout->addWidget(box);

    layout->addWidget(new ClinicLimitsBox(context, user, this));

    auto* presets = new QGroupBox(QStringLiteral("Presets"), this);
    auto* presetsLayout = new QVBoxLayout(presets);
    auto* builtIn = new QLabel(QStringLiteral("Galvani uses its built-in presets; a therapist adjusts their values "
                                              "for one session within the limits above. Saving the clinic's own "
                                              "presets is not possible in this version."),
        presets);
    builtIn->setObjectName(QStringLiteral("presetsNotEditable"));
    builtIn->setWordWrap(true);
    presetsLayout->addWidget(builtIn);
    layout->addWidget(presets);
    layout->addStretch(1);

    connect(m_apply, &QPushButton::clicked, this, &PolicyPanel::apply);
    connect(m_reason, &QLineEdit::returnPressed, this, &PolicyPanel::apply);
    connect(m_require, &QCheckBox::toggled, this, &PolicyPanel::updateApply);
    refresh();
}

std::optional<bool> PolicyPanel::refresh()
{
    const auto read = m_context.calibration().requiresCalibrationRecord(m_user);
    if (!read.ok()) {
        m_current.reset();
        m_currentLabel->setText(QStringLiteral("unknown"));
        admin::showMessage(m_message, MessageKind::Error, read.error().message);
    } else {
        m_current = read.value();
        m_currentLabel->setText(*m_current ? QStringLiteral("REQUIRED — uncalibrated channels are locked")
                                           : QStringLiteral("not required — uncalibrated channels may be used"));
        m_require->setChecked(*m_current);
    }
    updateApply();
    return m_current;
}

void PolicyPanel::updateApply()
{
    m_apply->setEnabled(m_current.has_value() && m_require->isChecked() != *m_current);
}

void PolicyPanel::apply()
{
    if (!m_current || m_require->isChecked() == *m_current) {
        return;
    }
    const auto reason = admin::typedReason(m_reason, m_message, QStringLiteral("this policy"));
    if (!reason) {
        return;
    }
    const bool required = m_require->isChecked();
    const auto set = m_context.calibration().setRequiresCalibrationRecord(m_user, required, *reason);
    if (!set.ok()) {
        admin::showMessage(m_message, MessageKind::Error, set.error().message);
        return;
    }
    m_reason->clear();
    refresh();
    admin::showMessage(m_message, MessageKind::Success,
        required ? QStringLiteral("a calibration record is now required for every channel.")
                 : QStringLiteral("a calibration record is no longer required."));
}

} // namespace galvani::ui
