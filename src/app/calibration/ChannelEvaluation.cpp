// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/calibration/ChannelEvaluation.h"

#include "core/calibration/CalibrationLimits.h"
#include "core/calibration/LinearFit.h"
#include "core/calibration/Tolerance.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace galvani::app::calibration {

namespace {

QString ma(double ua)
{
    return QStringLiteral("%1 mA").arg(std::fabs(ua) < 0.5 ? 0.0 : ua / 1000.0, 0, 'f', 3); // never "-0.000"
}

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
    p.passed = withinCurrentTolerance(set, core::MicroampsReal(measuredUa));
    if (widthUs) {
        p.passed = p.passed && withinWidthTolerance(core::Microseconds(setup.pulseWidthUs), *widthUs);
    }
    if (frequencyHz) {
        p.passed = p.passed && withinFrequencyTolerance(core::Hertz(setup.frequencyHz), core::Hertz(*frequencyHz));
    }
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
        QString text = QStringLiteral("%1 at %2 set: measured %3, %4 off (allowed +-%5)")
                           .arg(toString(p.phase), ma(static_cast<double>(p.setUa)), ma(p.measuredUa), ma(p.errorUa()),
                               ma(p.toleranceUa));
        if (p.measuredWidthUs || p.measuredFrequencyHz) {
            text += QStringLiteral("; width/rate read %1 us / %2 Hz (allowed +-5 %)")
                        .arg(p.measuredWidthUs.value_or(0.0), 0, 'f', 1)
                        .arg(p.measuredFrequencyHz.value_or(0.0), 0, 'f', 2);
        }
        return text;
    }
    return QString();
}

} // namespace galvani::app::calibration
