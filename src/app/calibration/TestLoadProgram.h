// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to galvani_app (calibration and self-test): the programme that drives channels into a test load.

#include "core/domain/HardwareCaps.h"
#include "core/safety/ValidatedProgram.h"
#include "core/units/Units.h"

#include <QList>
#include <QString>

#include <optional>

namespace galvani::app::calibration {

// What to drive: every listed channel at its own amplitude (the others are not in the programme, so they stay at
// zero), symmetric biphasic with a 100 µs gap. Units: µA, µs, Hz, Ω.
struct TestLoadRequest {
    QList<int> channels;
    QList<core::Microamps> amplitudes; // one per channel
    core::Microseconds phaseWidth{200};
    core::Hertz frequency{100.0};
    std::optional<core::Ohms> load; // the reference load, when known (raises the assumed load above 500 Ω)
    core::Microseconds timer{60'000'000}; // the channel timer (the kernel allows 1–99 min)
};

// The request through the safety kernel against the clinical and hardware limits. A precision resistor has no
// electrode, but the kernel checks density limits for every programme and refuses one without a placement, so
// each channel gets a placement of 25 cm² — the smallest pad on which the clinical limits allow the 50 mA rms
// ceiling (CLINICAL.md §1.1) — and the reference load as its measured load. The start ramp is the shortest the
// ramp-rate cap allows with a 2x margin (at least 50 ms), since a test load needs no comfort ramp.
// Returns the validated programme, or nullopt with every violation in *error.
[[nodiscard]] std::optional<core::safety::ValidatedProgram> testLoadProgram(
    const core::HardwareCaps& hardware, const TestLoadRequest& request, QString* error);

} // namespace galvani::app::calibration
