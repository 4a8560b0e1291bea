// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/admin/PolicyPanel.h"

#include "app/AppContext.h"
#include "app/calibration/CalibrationService.h"
#include "app/services/ClinicPresetService.h"
#include "ui/admin/AdminFormat.h"
#include "ui/admin/ClinicLimitsBox.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

namespace galvani::ui {

using admin::MessageKind;

PolicyPanel::PolicyPanel(app::AppContext& context, const app::SignedInUser& user, QWidget* parent)
    : QWidget(parent), m_presenter(context.calibration(), context.clinicPresets(), user)
{
    setObjectName(QStringLiteral("policyPanel"));
    // The boxes scroll together when the window is short, so no explanation is ever cut off.
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    outer->addWidget(scroll);
    auto* content = new QWidget(scroll);
    scroll->setWidget(content);
    auto* layout = new QVBoxLayout(content);

    auto* box = new QGroupBox(QStringLiteral("Calibration records"), content);
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

    layout->addWidget(new ClinicLimitsBox(context, user, content));

    auto* presets = new QGroupBox(QStringLiteral("The clinic's own presets"), content);
    auto* presetsLayout = new QVBoxLayout(presets);
    auto* who = new QLabel(QStringLiteral("Therapists save a built-in preset with their values as a clinic preset, "
                                          "and retire it, from the treatment setup (programme contents are "
                                          "clinical); each save is in the audit trail with its reason. Every "
                                          "value stays within the limits above."),
        presets);
    who->setObjectName(QStringLiteral("presetsWho"));
    who->setWordWrap(true);
    presetsLayout->addWidget(who);
    m_presets = new QTableWidget(0, 6, presets);
    m_presets->setObjectName(QStringLiteral("clinicPresetList"));
    m_presets->setHorizontalHeaderLabels(presenters::CalibrationPolicyPresenter::presetColumnTitles());
    m_presets->verticalHeader()->hide();
    m_presets->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_presets->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_presets->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_presets->setMinimumHeight(120);
    presetsLayout->addWidget(m_presets);
    m_presetsMessage = admin::makeMessageLabel(QStringLiteral("clinicPresetListMessage"), presets);
    presetsLayout->addWidget(m_presetsMessage);
    layout->addWidget(presets);
    layout->addStretch(1);

    connect(m_apply, &QPushButton::clicked, this, &PolicyPanel::apply);
    connect(m_reason, &QLineEdit::returnPressed, this, &PolicyPanel::apply);
    connect(m_require, &QCheckBox::toggled, this, &PolicyPanel::updateApply);
    connect(&m_presenter, &presenters::CalibrationPolicyPresenter::policyChanged, this, &PolicyPanel::showPolicy);
    connect(&m_presenter, &presenters::CalibrationPolicyPresenter::presetsChanged, this, &PolicyPanel::showPresets);
    m_presenter.refresh();
    m_presenter.refreshPresets();
}

void PolicyPanel::showPresets()
{
    const auto& rows = m_presenter.presetRows();
    m_presets->setRowCount(static_cast<int>(rows.size()));
    for (int row = 0; row < rows.size(); ++row) {
        for (int column = 0; column < rows.at(row).size(); ++column) {
            m_presets->setItem(row, column, new QTableWidgetItem(rows.at(row).at(column)));
        }
    }
    admin::showFeedback(m_presetsMessage, m_presenter.presetsFeedback());
}

void PolicyPanel::showPolicy()
{
    m_currentLabel->setText(m_presenter.currentText());
    if (const auto& required = m_presenter.required()) {
        m_require->setChecked(*required);
    } else {
        admin::showMessage(m_message, MessageKind::Error, m_presenter.readError());
    }
    updateApply();
}

void PolicyPanel::updateApply()
{
    m_apply->setEnabled(m_presenter.canApply(m_require->isChecked()));
}

void PolicyPanel::apply()
{
    const auto result = m_presenter.apply(m_require->isChecked(), m_reason->text());
    if (result.kind == presenters::FeedbackKind::None) {
        return;
    }
    admin::showFeedback(m_message, result);
    if (!result.isError()) {
        m_reason->clear();
    } else if (result.focus == presenters::CalibrationPolicyPresenter::Field::Reason) {
        m_reason->setFocus();
    }
}

} // namespace galvani::ui
