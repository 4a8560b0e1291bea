// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>

namespace galvani::ui::presenters {

// How the panels write values for people: amplitudes in mA with one decimal (the app keeps µA), times in the
// workstation's zone, durations as h:mm:ss. Pure functions; any thread.
[[nodiscard]] QString formatMa(qint64 microamps); // "10.0 mA"
[[nodiscard]] QString formatMa(const std::optional<qint64>& microamps); // "–" when empty
[[nodiscard]] QString formatLocalTime(qint64 utcMs); // "2026-01-03 14:05"
[[nodiscard]] QString formatLocalDay(qint64 utcMs); // "2026-01-03"
[[nodiscard]] QString formatLocalTimeOfDay(qint64 utcMs); // "14:05:09.250"
[[nodiscard]] QString formatDuration(qint64 ms); // "0:03:05"

} // namespace galvani::ui::presenters
