// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/calibration/ChannelEvaluation.h"

#include "app/calibration/CalibrationText.h"
#include "core/calibration/CalibrationLimits.h"
#include "core/calibration/LinearFit.h"
#include "core/calibration/Tolerance.h"

#include <QStringList>

#include <algorithm>
#include <cmath>
#include <vector>

namespace galvani::app::calibration {

namespace {

} // namespace

CalibrationPointResult evaluatePoint(const CalibrationSetup& setup, int channel, PointPhase phase, qint64 setUa,
    qint64 commandedUa, double measuredUa, int pulses, std::optional<double> widthUs, std::optional<double> frequencyHz)
{
    using namespace core::calibration;
    CalibrationPointResult p;
    p.channel = channel;
    p.phase = phase;
    p.setUa = setUa;
    p.commandedUa = commandedUa;
    p.measuredUa = measuredUa;
    p.pulses = pulses;
    p.measuredWidthUs = widthUs;
    p.measuredFrequencyHz = frequencyHz;
    const auto set = core::Microamps(setUa);
    p.toleranceUa = currentTolerance(set).value();
    QStringList failures;
    if (!withinCurrentTolerance(set, core::MicroampsReal(measuredUa))) {
        failures.append(QStringLiteral("measured %1, %2 off (allowed +-%3)")
                            .arg(calibration::milliampsText(measuredUa), calibration::milliampsText(p.errorUa()),
                                calibration::milliampsText(p.toleranceUa)));
    }
    if (widthUs && !withinWidthTolerance(core::Microseconds(setup.pulseWidthUs), *widthUs)) {
        failures.append(QStringLiteral("pulse width %1 us for %2 us set (allowed +-5 %)")
                            .arg(*widthUs, 0, 'f', 1)
                            .arg(setup.pulseWidthUs));
    }
    if (frequencyHz && !withinFrequencyTolerance(core::Hertz(setup.frequencyHz), core::Hertz(*frequencyHz))) {
        failures.append(QStringLiteral("pulse rate %1 Hz for %2 Hz set (allowed +-5 %)")
                            .arg(*frequencyHz, 0, 'f', 2)
                            .arg(setup.frequencyHz, 0, 'g', 6));
    }
    p.passed = failures.isEmpty();
    p.failure = failures.join(QStringLiteral("; "));
    return p;
}

FitVerdict fitAsFound(const QList<CalibrationPointResult>& asFound)
{
    using namespace core::calibration;
    FitVerdict out;
    std::vector<FitSample> samples;
    qint64 low = 0;
    qint64 high = 0;
    for (const CalibrationPointResult& p : asFound) {
        samples.push_back(FitSample{core::Microamps(p.setUa), core::MicroampsReal(p.measuredUa)});
        low = samples.size() == 1 ? p.setUa : std::min(low, p.setUa);
        high = std::max(high, p.setUa);
    }
    if (samples.size() < kMinPoints) {
        out.problem = QStringLiteral("%1 points measured; at least %2 are needed").arg(samples.size()).arg(kMinPoints);
        return out;
    }
    const auto fit = fitLeastSquares(samples);
    if (!fit) {
        out.problem = QStringLiteral("no line can be fitted through the measured points");
        return out;
    }
    out.gain = fit->gain;
    out.offsetUa = fit->offset.value();
    const CorrectionModel model{fit->gain, fit->offset};
    auto made = AmplitudeCorrection::make(model, CalibratedRange{core::Microamps(low), core::Microamps(high)});
    if (const auto* problem = std::get_if<std::string>(&made)) {
        out.problem = QStringLiteral("needs more correction than allowed: ") + QString::fromStdString(*problem);
        return out;
    }
    out.correction = std::get<AmplitudeCorrection>(made);
    return out;
}

QString firstFailure(const QList<CalibrationPointResult>& points)
{
    for (const CalibrationPointResult& p : points) {
        if (p.passed) {
            continue;
        }
        // A point failed by the delivery monitor carries no failure text of its own: its current is what failed.
        const QString what = !p.failure.isEmpty()
            ? p.failure
            : QStringLiteral("measured %1, %2 off (allowed +-%3)")
                  .arg(calibration::milliampsText(p.measuredUa), calibration::milliampsText(p.errorUa()),
                      calibration::milliampsText(p.toleranceUa));
        return QStringLiteral("%1 at %2 set: %3")
            .arg(toString(p.phase), calibration::milliampsText(static_cast<double>(p.setUa)), what);
    }
    return QString();
}

} // namespace galvani::app::calibration
