// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/PresetSettingsEditor.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>

namespace galvani::ui {

namespace {

int decimalsFor(double step)
{
    return step >= 1.0 ? 0 : (step >= 0.1 ? 1 : 2);
}

QString number(double value, double step)
{
    return QLocale::c().toString(value, 'f', decimalsFor(step));
}

QString withUnit(const QString& text, const QString& unit)
{
    return unit.isEmpty() ? text : text + QChar(u' ') + unit;
}

} // namespace

QString rangeText(const app::PresetField& field)
{
    return withUnit(number(field.min, field.step) + QStringLiteral("–") + number(field.max, field.step), field.unit);
}

PresetSettingsEditor::PresetSettingsEditor(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_form = new QFormLayout();
    layout->addLayout(m_form);
    m_empty = new QLabel(QStringLiteral("Choose a preset to see the values you may change."), this);
    m_empty->setObjectName(QStringLiteral("presetSettingsEmpty"));
    layout->addWidget(m_empty);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("presetSettingsMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #a00000;"));
    m_message->setVisible(false);
    layout->addWidget(m_message);
    auto* reset = new QPushButton(QStringLiteral("Reset to preset &defaults"), this);
    reset->setObjectName(QStringLiteral("presetSettingsReset"));
    connect(reset, &QPushButton::clicked, this, &PresetSettingsEditor::resetToDefaults);
    auto* row = new QHBoxLayout();
    row->addStretch(1);
    row->addWidget(reset);
    layout->addLayout(row);
}

void PresetSettingsEditor::setFields(const QList<app::PresetField>& fields)
{
    while (m_form->rowCount() > 0) {
        m_form->removeRow(0);
    }
    m_rows.clear();
    m_message->clear();
    m_message->setVisible(false);
    m_empty->setVisible(fields.isEmpty());
    for (const app::PresetField& field : fields) {
        auto* box = new QDoubleSpinBox(this);
        box->setObjectName(QStringLiteral("presetSetting:") + field.name);
        box->setLocale(QLocale::c()); // one decimal separator everywhere: a comma is refused, not misread
        box->setDecimals(decimalsFor(field.step));
        box->setRange(field.min, field.max);
        box->setSingleStep(field.step);
        box->setValue(field.defaultValue);
        box->setSuffix(field.unit.isEmpty() ? QString() : QChar(u' ') + field.unit);
        box->setKeyboardTracking(false);
        box->setAccelerated(true);
        box->setToolTip(
            QStringLiteral("%1: %2, preset default %3")
                .arg(field.name, rangeText(field), withUnit(number(field.defaultValue, field.step), field.unit)));
        auto* hint = new QLabel(
            QStringLiteral("%1 (default %2)").arg(rangeText(field), number(field.defaultValue, field.step)), this);
        hint->setObjectName(QStringLiteral("presetRange:") + field.name);
        auto* line = new QHBoxLayout();
        line->addWidget(box, 1);
        line->addWidget(hint, 1);
        QString label = field.name;
        label[0] = label[0].toUpper();
        m_form->addRow(label + QLatin1Char(':'), line);
        m_rows.append(Row{field, box});
        const Row row = m_rows.last();
        connect(box, &QDoubleSpinBox::valueChanged, this, [this] {
            m_message->setVisible(false);
            Q_EMIT settingsChanged();
        });
        connect(box->findChild<QLineEdit*>(), &QLineEdit::textEdited, this,
            [this, row](const QString& text) { typed(row, text); });
    }
    Q_EMIT settingsChanged();
}

void PresetSettingsEditor::typed(const Row& row, const QString& text)
{
    if (row.box->hasAcceptableInput()) {
        m_message->setVisible(false);
        return;
    }
    QString entered = text;
    if (!row.box->suffix().isEmpty() && entered.endsWith(row.box->suffix())) {
        entered.chop(row.box->suffix().size());
    }
    entered = entered.trimmed();
    if (entered.isEmpty()) {
        return; // still typing
    }
    m_message->setText(QStringLiteral("%1: %2 is not allowed; enter a number from %3 (a dot for decimals). The last "
                                      "valid value %4 is kept.")
                           .arg(row.field.name, entered, rangeText(row.field),
                               withUnit(number(row.box->value(), row.field.step), row.field.unit)));
    m_message->setVisible(true);
}

QList<app::ProgramSetting> PresetSettingsEditor::settings() const
{
    QList<app::ProgramSetting> out;
    for (const Row& row : m_rows) {
        const double value = row.box->value();
        if (std::abs(value - row.field.defaultValue) > row.field.step / 1000.0) {
            out.append(app::ProgramSetting{row.field.name, value});
        }
    }
    return out;
}

QList<app::ProgramSetting> PresetSettingsEditor::allValues() const
{
    QList<app::ProgramSetting> out;
    for (const Row& row : m_rows) {
        out.append(app::ProgramSetting{row.field.name, row.box->value()});
    }
    return out;
}

bool PresetSettingsEditor::setValue(const QString& field, double value)
{
    for (const Row& row : m_rows) {
        if (row.field.name == field) {
            if (!std::isfinite(value) || value < row.field.min || value > row.field.max) {
                m_message->setText(QStringLiteral("%1: %2 is outside %3")
                                       .arg(field, number(value, row.field.step), rangeText(row.field)));
                m_message->setVisible(true);
                return false;
            }
            row.box->setValue(value);
            return true;
        }
    }
    return false;
}

void PresetSettingsEditor::resetToDefaults()
{
    for (const Row& row : m_rows) {
        row.box->setValue(row.field.defaultValue);
    }
    m_message->setVisible(false);
}

QString PresetSettingsEditor::message() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

} // namespace galvani::ui
