// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/calibration/ChannelCalibrationStatus.h"
#include "app/calibration/SelfTestReport.h"
#include "core/Clock.h"

#include <QDate>
#include <QString>
#include <QtGlobal>

namespace galvani::ui::presenters {

// The words the technician panels share, so a state reads the same everywhere (the icons that go with them are
// the panels', ui/technician/TechnicianFormat.h). Pure functions; any thread. Units: currents in µA in, mA out;
// times in UTC ms, shown in the workstation's zone.

// The clock's wall time now, UTC ms, and its calendar date in UTC (the date the service judges instruments' and
// calibrations' due dates against).
[[nodiscard]] qint64 utcMsNow(const core::Clock& clock);
[[nodiscard]] QDate utcToday(const core::Clock& clock);

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
[[nodiscard]] QString outcomeText(app::CheckOutcome outcome); // "Passed", "Warning", "FAILED", "Not available"

} // namespace galvani::ui::presenters
