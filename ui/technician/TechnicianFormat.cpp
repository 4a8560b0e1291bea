// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/technician/TechnicianFormat.h"

#include <QApplication>
#include <QComboBox>
#include <QStyle>
#include <QTableWidgetItem>
#include <QWidget>

#include <cmath>

namespace galvani::ui::technician {

namespace {

QStyle* styleOf(const QWidget* widget)
{
    return widget != nullptr ? widget->style() : QApplication::style();
}

} // namespace

QIcon stateIcon(const QWidget* widget, app::CalibrationState state)
{
    switch (state) {
    case app::CalibrationState::None:
        return styleOf(widget)->standardIcon(QStyle::SP_MessageBoxInformation);
    case app::CalibrationState::Valid:
        return styleOf(widget)->standardIcon(QStyle::SP_DialogApplyButton);
    case app::CalibrationState::DueSoon:
        return styleOf(widget)->standardIcon(QStyle::SP_MessageBoxWarning);
    case app::CalibrationState::Overdue:
    case app::CalibrationState::Failed:
        return styleOf(widget)->standardIcon(QStyle::SP_MessageBoxCritical);
    }
    return QIcon();
}

QIcon outcomeIcon(const QWidget* widget, app::CheckOutcome outcome)
{
    switch (outcome) {
    case app::CheckOutcome::Passed:
        return styleOf(widget)->standardIcon(QStyle::SP_DialogApplyButton);
    case app::CheckOutcome::Warning:
        return styleOf(widget)->standardIcon(QStyle::SP_MessageBoxWarning);
    case app::CheckOutcome::Failed:
        return styleOf(widget)->standardIcon(QStyle::SP_MessageBoxCritical);
    case app::CheckOutcome::NotAvailable:
        return styleOf(widget)->standardIcon(QStyle::SP_MessageBoxInformation);
    }
    return QIcon();
}

QIcon passIcon(const QWidget* widget, bool passed)
{
    return styleOf(widget)->standardIcon(passed ? QStyle::SP_DialogApplyButton : QStyle::SP_MessageBoxCritical);
}

QIcon lockIcon(const QWidget* widget, bool locked)
{
    return styleOf(widget)->standardIcon(locked ? QStyle::SP_MessageBoxCritical : QStyle::SP_DialogApplyButton);
}

QTableWidgetItem* readOnlyCell(const QString& text)
{
    auto* out = new QTableWidgetItem(text);
    out->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    out->setToolTip(text);
    return out;
}

void addDeviceSerials(QComboBox* serials, const QList<app::CalibrationHistoryEntry>& records)
{
    const QString current
        = serials->currentText().isEmpty() && !records.isEmpty() ? records.last().deviceSerial : serials->currentText();
    for (const auto& entry : records) {
        if (serials->findText(entry.deviceSerial) < 0) {
            serials->addItem(entry.deviceSerial);
        }
    }
    serials->setCurrentText(current);
}

} // namespace galvani::ui::technician
