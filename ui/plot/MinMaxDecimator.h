// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/plot/PulseRing.h"

#include <QList>
#include <QPointF>
#include <QtGlobal>

namespace galvani::ui::plot {

// The time span one plot shows, cut into `columns` pixel columns. Units: monotonic µs; toUs is "now" (x = 0).
struct TraceWindow {
    qint64 fromUs = 0;
    qint64 toUs = 0;
    int columns = 1;
};

// One channel's traces ready for QLineSeries::replace(). Units: x in seconds relative to the window's end (≤ 0),
// y in mA. peakMa is the largest current in the window (commanded or delivered), 0 when there is none.
struct DecimatedTraces {
    QList<QPointF> commanded;
    QList<QPointF> delivered;
    double peakMa = 0.0;
};

// Pulses further apart than this are drawn as output that stopped in between (the trace drops to zero), e.g. the
// off phase of a contraction cycle or a pause. Longer than the period of the slowest programme rate (1 Hz).
inline constexpr qint64 kTraceGapUs = 2'000'000;

// Min/max decimation per pixel column (as PulseView and PlotJuggler draw envelopes): each column with pulses gives
// its smallest and largest value in the order they occurred (one point when they are equal), so a single short
// pulse among many zeros still reaches its full height. A series has at most 2 points per column plus 2 per gap
// (and gaps are longer than kTraceGapUs). withDelivered = false leaves `delivered` empty; pulses without a
// measurement never enter it. Pure; any thread.
[[nodiscard]] DecimatedTraces decimateMinMax(const PulseRing& ring, const TraceWindow& window, bool withDelivered);

} // namespace galvani::ui::plot
