// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/calibration/ChannelCalibrationStatus.h"
#include "app/calibration/SelfTestReport.h"
#include "ui/presenters/TechnicianText.h"

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

// The words (ui/presenters/TechnicianText.h).
using presenters::dateText;
using presenters::dateTimeText;
using presenters::daysUntil;
using presenters::dueInText;
using presenters::milliamps1;
using presenters::milliamps2;
using presenters::outcomeText;
using presenters::stateText;

// The icons that go with them.
[[nodiscard]] QIcon stateIcon(const QWidget* widget, app::CalibrationState state);
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
