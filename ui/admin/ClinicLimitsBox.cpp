// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/admin/ClinicLimitsBox.h"

#include "app/AppContext.h"
#include "ui/admin/AdminFormat.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

#include <cmath>

namespace galvani::ui {

using admin::MessageKind;

namespace {

// One row: "[x] Limit …" and its editor, which is usable only while the box is ticked.
QHBoxLayout* limitRow(QCheckBox* check, QWidget* editor)
{
    auto* row = new QHBoxLayout;
    row->addWidget(check);
    row->addWidget(editor);
    row->addStretch(1);
    return row;
}

} // namespace

ClinicLimitsBox::ClinicLimitsBox(app::AppContext& context, const app::SignedInUser& user, QWidget* parent)
    : QGroupBox(QStringLiteral("Clinic limits"), parent), m_presenter(context.clinicLimits(), user)
{
    setObjectName(QStringLiteral("clinicLimitsBox"));
    auto* form = new QFormLayout(this);
    auto* explain = new QLabel(QStringLiteral("Limits of the clinic's own, below those of the standard, the "
                                              "stimulator and each channel's calibration. Every session is held to "
                                              "them: a request above them is refused before the stimulator is "
                                              "connected, and amplitude changes stop at them."),
        this);
    explain->setWordWrap(true);
    form->addRow(explain);
    m_currentLabel = new QLabel(this);
    m_currentLabel->setObjectName(QStringLiteral("clinicLimitsCurrent"));
    m_currentLabel->setWordWrap(true);
    QFont bold = m_currentLabel->font();
    bold.setBold(true);
    m_currentLabel->setFont(bold);
    form->addRow(QStringLiteral("In force:"), m_currentLabel);

    m_limitAmplitude = new QCheckBox(QStringLiteral("Li&mit amplitude to"), this);
    m_limitAmplitude->setObjectName(QStringLiteral("limitAmplitude"));
    m_amplitudeMa = new QDoubleSpinBox(this);
    m_amplitudeMa->setObjectName(QStringLiteral("limitAmplitudeMa"));
    m_amplitudeMa->setDecimals(1);
    m_amplitudeMa->setSingleStep(0.5);
    m_amplitudeMa->setRange(static_cast<double>(app::kClinicAmplitudeMinUa) / 1000.0,
        static_cast<double>(app::kClinicAmplitudeMaxUa) / 1000.0);
    m_amplitudeMa->setSuffix(QStringLiteral(" mA"));
    m_amplitudeMa->setToolTip(QStringLiteral("peak current of any phase; allowed %1–%2 mA")
                                  .arg(app::kClinicAmplitudeMinUa / 1000)
                                  .arg(app::kClinicAmplitudeMaxUa / 1000));
    form->addRow(limitRow(m_limitAmplitude, m_amplitudeMa));

    m_limitWidth = new QCheckBox(QStringLiteral("Limit p&hase width to"), this);
    m_limitWidth->setObjectName(QStringLiteral("limitPhaseWidth"));
    m_widthUs = new QSpinBox(this);
    m_widthUs->setObjectName(QStringLiteral("limitPhaseWidthUs"));
    m_widthUs->setRange(static_cast<int>(app::kClinicPhaseWidthMinUs), static_cast<int>(app::kClinicPhaseWidthMaxUs));
    m_widthUs->setSingleStep(10);
    m_widthUs->setSuffix(QStringLiteral(" µs"));
    m_widthUs->setToolTip(
        QStringLiteral("allowed %1–%2 µs").arg(app::kClinicPhaseWidthMinUs).arg(app::kClinicPhaseWidthMaxUs));
    form->addRow(limitRow(m_limitWidth, m_widthUs));

    m_limitRate = new QCheckBox(QStringLiteral("Limit p&ulse rate to"), this);
    m_limitRate->setObjectName(QStringLiteral("limitPulseRate"));
    m_rateHz = new QDoubleSpinBox(this);
    m_rateHz->setObjectName(QStringLiteral("limitPulseRateHz"));
    m_rateHz->setDecimals(1);
    m_rateHz->setRange(app::kClinicPulseRateMinHz, app::kClinicPulseRateMaxHz);
    m_rateHz->setSuffix(QStringLiteral(" Hz"));
    m_rateHz->setToolTip(
        QStringLiteral("allowed %1–%2 Hz").arg(app::kClinicPulseRateMinHz).arg(app::kClinicPulseRateMaxHz));
    form->addRow(limitRow(m_limitRate, m_rateHz));

    m_limitMinutes = new QCheckBox(QStringLiteral("Limit session &length to"), this);
    m_limitMinutes->setObjectName(QStringLiteral("limitSessionMinutes"));
    m_minutes = new QSpinBox(this);
    m_minutes->setObjectName(QStringLiteral("limitSessionMinutesValue"));
    m_minutes->setRange(app::kClinicSessionMinutesMin, app::kClinicSessionMinutesMax);
    m_minutes->setSuffix(QStringLiteral(" min"));
    m_minutes->setToolTip(
        QStringLiteral("allowed %1–%2 min").arg(app::kClinicSessionMinutesMin).arg(app::kClinicSessionMinutesMax));
    form->addRow(limitRow(m_limitMinutes, m_minutes));

    m_reason = new QLineEdit(this);
    m_reason->setObjectName(QStringLiteral("clinicLimitsReason"));
    m_reason->setMaxLength(1000);
    m_reason->setPlaceholderText(QStringLiteral("required, up to 1000 characters; kept in the audit trail"));
    auto* reasonLabel = new QLabel(QStringLiteral("Reaso&n:"), this);
    reasonLabel->setBuddy(m_reason);
    form->addRow(reasonLabel, m_reason);
    m_apply = new QPushButton(QStringLiteral("Appl&y limits"), this);
    m_apply->setObjectName(QStringLiteral("clinicLimitsApply"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_apply);
    buttons->addStretch(1);
    form->addRow(QString(), buttons);
    m_message = admin::makeMessageLabel(QStringLiteral("clinicLimitsMessage"), this);
    form->addRow(m_message);

    // Where an editor starts when its limit is ticked: common clinic values, not the ends of the ranges.
    m_amplitudeMa->setValue(50.0);
    m_widthUs->setValue(300);
    m_rateHz->setValue(100.0);
    m_minutes->setValue(30);
    for (QCheckBox* check : {m_limitAmplitude, m_limitWidth, m_limitRate, m_limitMinutes}) {
        connect(check, &QCheckBox::toggled, this, &ClinicLimitsBox::updateEditors);
    }
    connect(m_amplitudeMa, &QDoubleSpinBox::valueChanged, this, &ClinicLimitsBox::updateEditors);
    connect(m_widthUs, &QSpinBox::valueChanged, this, &ClinicLimitsBox::updateEditors);
    connect(m_rateHz, &QDoubleSpinBox::valueChanged, this, &ClinicLimitsBox::updateEditors);
    connect(m_minutes, &QSpinBox::valueChanged, this, &ClinicLimitsBox::updateEditors);
    connect(m_apply, &QPushButton::clicked, this, &ClinicLimitsBox::apply);
    connect(m_reason, &QLineEdit::returnPressed, this, &ClinicLimitsBox::apply);
    connect(&m_presenter, &presenters::ClinicLimitsPresenter::limitsChanged, this, &ClinicLimitsBox::showLimits);
    m_presenter.refresh();
}

void ClinicLimitsBox::showLimits()
{
    m_currentLabel->setText(m_presenter.currentText());
    const auto& current = m_presenter.current();
    if (!current) {
        admin::showMessage(m_message, MessageKind::Error, m_presenter.readError());
        updateEditors();
        return;
    }
    const app::ClinicLimits& l = *current;
    m_limitAmplitude->setChecked(l.amplitudeMaxUa.has_value());
    if (l.amplitudeMaxUa) {
        m_amplitudeMa->setValue(static_cast<double>(*l.amplitudeMaxUa) / 1000.0);
    }
    m_limitWidth->setChecked(l.phaseWidthMaxUs.has_value());
    if (l.phaseWidthMaxUs) {
        m_widthUs->setValue(static_cast<int>(*l.phaseWidthMaxUs));
    }
    m_limitRate->setChecked(l.pulseRateMaxHz.has_value());
    if (l.pulseRateMaxHz) {
        m_rateHz->setValue(*l.pulseRateMaxHz);
    }
    m_limitMinutes->setChecked(l.sessionMinutesMax.has_value());
    if (l.sessionMinutesMax) {
        m_minutes->setValue(*l.sessionMinutesMax);
    }
    updateEditors();
}

app::ClinicLimits ClinicLimitsBox::edited() const
{
    app::ClinicLimits l;
    if (m_limitAmplitude->isChecked()) {
        l.amplitudeMaxUa = std::llround(m_amplitudeMa->value() * 1000.0);
    }
    if (m_limitWidth->isChecked()) {
        l.phaseWidthMaxUs = m_widthUs->value();
    }
    if (m_limitRate->isChecked()) {
        l.pulseRateMaxHz = m_rateHz->value();
    }
    if (m_limitMinutes->isChecked()) {
        l.sessionMinutesMax = m_minutes->value();
    }
    return l;
}

void ClinicLimitsBox::updateEditors()
{
    m_amplitudeMa->setEnabled(m_limitAmplitude->isChecked());
    m_widthUs->setEnabled(m_limitWidth->isChecked());
    m_rateHz->setEnabled(m_limitRate->isChecked());
    m_minutes->setEnabled(m_limitMinutes->isChecked());
    m_apply->setEnabled(m_presenter.canApply(edited()));
}

void ClinicLimitsBox::apply()
{
    const auto result = m_presenter.apply(edited(), m_reason->text());
    if (result.kind == presenters::FeedbackKind::None) {
        return;
    }
    admin::showFeedback(m_message, result);
    if (!result.isError()) {
        m_reason->clear();
    } else if (result.focus == presenters::ClinicLimitsPresenter::Field::Reason) {
        m_reason->setFocus();
    }
}

} // namespace galvani::ui
