// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/calibration/ChannelCalibrationStatus.h"
#include "app/calibration/SelfTestReport.h"

#include <QIcon>
#include <QString>
#include <QtGlobal>

class QComboBox;
class QTableWidgetItem;
class QWidget;

namespace galvani::ui::technician {

// Text and icons shared by the technician panels, so a state reads the same everywhere. Colour is never the only
// signal: every state has a word and an icon of its own shape. Free functions; call on the GUI thread (icons come
// from the application style). Units: currents in µA in, mA out; times in UTC ms, shown as the local date.

// "12.5" (1 decimal, for set values and commands on the device's 0.5 mA grid); sign adds "+" to positive values.
[[nodiscard]] QString milliamps1(double ua, bool sign = false);
// "12.53" (2 decimals, for measured values and errors, where a tenth of a mA matters against ±1 mA).
[[nodiscard]] QString milliamps2(double ua, bool sign = false);
// The local calendar date of a UTC instant ("2027-01-31"); "-" for 0.
[[nodiscard]] QString dateText(qint64 utcMs);
// The local date and time ("2027-01-31 14:05"); "-" for 0.
[[nodiscard]] QString dateTimeText(qint64 utcMs);
// Whole days from now until an instant, rounded up (so "due in 1 day" until the last moment); negative once past.
[[nodiscard]] qint64 daysUntil(qint64 utcMs, qint64 nowUtcMs);
// "due today", "due in 1 day", "due in 12 days", "overdue by 3 days".
[[nodiscard]] QString dueInText(qint64 dueUtcMs, qint64 nowUtcMs);

// "Valid", "Due soon", "Overdue", "Failed", "No calibration (factory)".
[[nodiscard]] QString stateText(app::CalibrationState state);
[[nodiscard]] QIcon stateIcon(const QWidget* widget, app::CalibrationState state);
[[nodiscard]] QString outcomeText(app::CheckOutcome outcome); // "Passed", "Warning", "FAILED", "Not available"
[[nodiscard]] QIcon outcomeIcon(const QWidget* widget, app::CheckOutcome outcome);
// A pass/fail mark: a tick or a stop sign from the style.
[[nodiscard]] QIcon passIcon(const QWidget* widget, bool passed);
[[nodiscard]] QIcon lockIcon(const QWidget* widget, bool locked);

// A table cell the technician can select and copy but not edit, its text also as tooltip (for clipped columns).
[[nodiscard]] QTableWidgetItem* readOnlyCell(const QString& text);

// Adds every device serial found in `records` to an editable serial chooser once, keeping what is typed or chosen;
// when nothing is, chooses the device of the newest record (the list is oldest first).
void addDeviceSerials(QComboBox* serials, const QList<app::CalibrationHistoryEntry>& records);

} // namespace galvani::ui::technician
