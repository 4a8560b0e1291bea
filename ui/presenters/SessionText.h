// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/AppResult.h"
#include "app/services/PlacementService.h"
#include "app/services/ScreeningService.h"
#include "app/session/SessionTypes.h"

#include <QString>
#include <QtGlobal>

// The words of the treatment flow: amplitudes, charge, times, sites, end reasons, faults, states, the screening in
// force and a placement, as the therapist reads them (ui/session/SessionFormat.h passes them on to the treatment
// pages). Pure functions; any thread. Units: currents come in µA (the app's unit) and are shown in mA with one
// decimal; charge comes in µC and is shown in µC below 1000 µC, else in mC; times come in ms.
namespace galvani::ui::presenters::sessiontext {

// "12.5" (µA → mA, one decimal, rounded half away from zero).
[[nodiscard]] QString milliampsNumber(qint64 microamps);
// "12.5 mA".
[[nodiscard]] QString milliamps(qint64 microamps);
// µA from a value in mA as typed (0.1 mA resolution), rounded to the nearest 100 µA.
[[nodiscard]] qint64 microampsFromMilliamps(double milliamps);
// "734.2 µC" or "12.48 mC".
[[nodiscard]] QString charge(double microcoulombs);
// "03:07" (minutes may exceed 59: "99:00").
[[nodiscard]] QString minutesSeconds(qint64 ms);
// "right lumbar erector spinae" from "right-lumbar-erector-spinae".
[[nodiscard]] QString siteText(const QString& siteId);
// The catalogue-style site id "<side>-<muscle>" (spaces become '-').
[[nodiscard]] QString siteId(const QString& side, const QString& muscle);
// The end reason in plain words: "Completed: the session time ran out", …
[[nodiscard]] QString endReasonText(app::SessionEndReason reason);
// "Electrode problem", "Connection to the stimulator lost", "Stimulator fault".
[[nodiscard]] QString faultKindText(const QString& kind);
// The state as a therapist reads it: "Running", "Paused: output is off", …
[[nodiscard]] QString stateText(app::SessionState state);
// "2027-03-06" (local date of a UTC instant).
[[nodiscard]] QString dateText(qint64 utcMs);
// The screening in force in one line, starting with ✓ when it permits treatment and ⚠ otherwise (also when there
// is none or it cannot be read: the error's message).
[[nodiscard]] QString screeningText(const app::AppResult<app::ScreeningView>& latest);
// "5 × 9 cm pads, <landmark>".
[[nodiscard]] QString placementText(const app::PlacementView& placement);

} // namespace galvani::ui::presenters::sessiontext
