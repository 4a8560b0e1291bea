// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers of the ui/plot tests: synthetic pulses and series look-ups.

#include "app/session/SessionTypes.h"

#include <QList>
#include <QString>
#include <QtCharts/QChart>
#include <QtCharts/QXYSeries>

#include <algorithm>
#include <limits>
#include <optional>

namespace galvani::test::plot {

// Pulses of the given channels at rateHz from fromUs (inclusive) to toUs (exclusive), commanded amplitudeUa,
// measured the same when measured is true. Units: µs, µA.
inline QList<app::PulseSample> steadyPulses(
    const QList<int>& channels, int rateHz, qint64 fromUs, qint64 toUs, qint64 amplitudeUa, bool measured)
{
    QList<app::PulseSample> out;
    const qint64 periodUs = 1'000'000 / rateHz;
    for (qint64 t = fromUs; t < toUs; t += periodUs) {
        for (int channel : channels) {
            app::PulseSample s;
            s.timeUs = t;
            s.channel = channel;
            s.commandedUa = amplitudeUa;
            if (measured) {
                s.measuredUa = amplitudeUa;
            }
            out.append(s);
        }
    }
    return out;
}

inline QXYSeries* seriesNamed(QChart* chart, const QString& name)
{
    for (auto* series : chart->series()) {
        if (series->name() == name) {
            return qobject_cast<QXYSeries*>(series);
        }
    }
    return nullptr;
}

inline int seriesNamedContaining(QChart* chart, const QString& part)
{
    int count = 0;
    for (auto* series : chart->series()) {
        count += series->name().contains(part) ? 1 : 0;
    }
    return count;
}

inline std::optional<double> maxY(const QXYSeries* series)
{
    std::optional<double> best;
    for (const auto& p : series->points()) {
        best = std::max(best.value_or(std::numeric_limits<double>::lowest()), p.y());
    }
    return best;
}

inline std::optional<double> minX(const QXYSeries* series)
{
    std::optional<double> best;
    for (const auto& p : series->points()) {
        best = std::min(best.value_or(std::numeric_limits<double>::max()), p.x());
    }
    return best;
}

} // namespace galvani::test::plot
