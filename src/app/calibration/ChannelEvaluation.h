// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to galvani_app: judging one channel's points (pure; the arithmetic is core/calibration).

#include "app/calibration/CalibrationResults.h"
#include "app/calibration/CalibrationSetup.h"
#include "core/calibration/AmplitudeCorrection.h"

#include <QList>
#include <QString>

#include <optional>

namespace galvani::app::calibration {

// A measured point judged against the acceptance band of its set value, and the width and rate against ±5 % of
// the setup's when they were read. Units: µA, µs, Hz.
[[nodiscard]] CalibrationPointResult evaluatePoint(const CalibrationSetup& setup, int channel, PointPhase phase,
    qint64 setUa, qint64 commandedUa, double measuredUa, int pulses, std::optional<double> widthUs,
    std::optional<double> frequencyHz);

// The line through the as-found points and whether it may be applied.
struct FitVerdict {
    std::optional<double> gain; // when a line could be fitted
    std::optional<double> offsetUa;
    std::optional<core::calibration::AmplitudeCorrection> correction; // when within the bound
    QString problem; // why not, for the record
};
[[nodiscard]] FitVerdict fitAsFound(const QList<CalibrationPointResult>& asFound);

// The first point that failed, in words; empty when every point passed.
[[nodiscard]] QString firstFailure(const QList<CalibrationPointResult>& points);

} // namespace galvani::app::calibration
