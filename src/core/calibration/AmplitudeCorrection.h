// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/units/Units.h"

#include <optional>
#include <string>
#include <variant>

namespace galvani::core::calibration {

// A channel's output model I_out = gain · I_command + offset (CLINICAL.md §6). Plain value.
// Units: offset in µA; gain dimensionless (1.0 = delivers exactly what is commanded).
struct CorrectionModel {
    double gain = 1.0;
    MicroampsReal offset{0.0};

    [[nodiscard]] static CorrectionModel identity() { return {}; }
    [[nodiscard]] MicroampsReal predictedOutput(Microamps command) const;
    bool operator==(const CorrectionModel&) const = default;
};

// The set values a calibration covered, smallest and largest (µA). The top caps the amplitude therapy may use
// on the channel (CLINICAL §6: "the calibrated range caps amplitude").
struct CalibratedRange {
    Microamps low{0};
    Microamps high{0};
};

// Whether a fitted model may be applied (bounds in CalibrationLimits.h): nullopt if it may; otherwise why not,
// naming the quantity, its value and the allowed range. Also refuses a non-finite or non-positive gain and an
// empty or inverted range.
[[nodiscard]] std::optional<std::string> correctionBoundProblem(const CorrectionModel& model, CalibratedRange range);

// The amplitude correction of one channel: the device command that delivers a target current. It can only be
// made from a model within the bound, and every command stays within the acceptance band of its target, so a
// correction can never push a channel further than a calibration is allowed to. Plain value; any thread.
// Units: currents in µA.
class AmplitudeCorrection {
public:
    // No calibration on record: the device's factory calibration, command = target.
    [[nodiscard]] static AmplitudeCorrection factory();
    // The correction of a fitted model, or the reason it exceeds the bound.
    [[nodiscard]] static std::variant<AmplitudeCorrection, std::string> make(
        const CorrectionModel& model, CalibratedRange range);

    // The command for a target: (target − offset) / gain, rounded to the nearest multiple of grid (the device's
    // amplitude step; a grid ≤ 0 means 1 µA), kept within the acceptance band of the target and never below zero.
    // A target ≤ 0 gives 0: no correction ever turns "off" into output.
    [[nodiscard]] Microamps command(Microamps target, Microamps grid) const;

    [[nodiscard]] const CorrectionModel& model() const { return m_model; }
    [[nodiscard]] bool isFactory() const { return m_factory; }

private:
    AmplitudeCorrection(CorrectionModel model, bool factory) : m_model(model), m_factory(factory) { }
    CorrectionModel m_model;
    bool m_factory = true;
};

} // namespace galvani::core::calibration
