// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/services/PatientService.h"
#include "app/services/PlacementService.h"

#include <QDate>
#include <QString>
#include <QtGlobal>

// Plain-words text for the patient workspace: names, dates, sites and units as the therapist reads them, the same
// on every patient panel and presenter (ui/patients/PatientText.h passes them on to the panels).
// Pure functions; any thread.
namespace galvani::ui::presenters::patienttext {

// "OKAFOR, Ada": family name in capitals, so the two names are never confused.
[[nodiscard]] QString name(const app::PatientSummary& patient);
// "born 1970-05-17 (55 years)"; the age at `today` (omitted when the date is not a valid date).
[[nodiscard]] QString birth(const QString& birthDate, const QDate& today = QDate::currentDate());
// A UTC instant in ms as the workstation's local date ("2026-01-31") or date and time ("2026-01-31 14:05").
[[nodiscard]] QString localDate(qint64 utcMs);
[[nodiscard]] QString localDateTime(qint64 utcMs);
// µA as mA with one decimal: "8.5 mA".
[[nodiscard]] QString milliamps(qint64 microamps);
// mm as cm with one decimal, no unit: "2.5".
[[nodiscard]] QString centimetres(int millimetres);
// "Upper trapezius, left".
[[nodiscard]] QString site(const QString& muscle, const QString& side);
[[nodiscard]] QString polarity(app::ElectrodePolarity polarity); // "active (cathode)", "reference", "symmetric"
[[nodiscard]] QString posture(app::PatientPosture posture); // "prone (face down)", "side-lying", …
[[nodiscard]] QString electrodeKind(app::ElectrodeKind kind); // "self-adhesive", "carbon + sponge"
// "Channel 2 · upper trapezius, left · active (cathode)".
[[nodiscard]] QString placement(const app::PlacementView& placement);

} // namespace galvani::ui::presenters::patienttext
