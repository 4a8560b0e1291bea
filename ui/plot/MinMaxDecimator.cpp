// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plot/MinMaxDecimator.h"

#include <algorithm>

namespace galvani::ui::plot {

namespace {

// Collects one series: the pulses of the current column, flushed as their min and max when a new column starts.
class ColumnEnvelope {
public:
    ColumnEnvelope(QList<QPointF>& out, const TraceWindow& window)
        : m_out(out), m_window(window), m_spanUs(std::max<qint64>(window.toUs - window.fromUs, 1))
    {
    }

    void add(qint64 timeUs, qint32 valueUa)
    {
        const int column = columnOf(timeUs);
        if (m_any && column != m_column) {
            flush();
            if (timeUs - m_lastUs > kTraceGapUs) {
                put(xOf(m_column), 0.0);
                put(xOf(column), 0.0);
            }
        }
        if (!m_any || column != m_column) {
            m_column = column;
            m_min = m_max = valueUa;
            m_minFirst = true;
            m_any = true;
        } else if (valueUa < m_min) {
            m_min = valueUa;
            m_minFirst = false; // the max was seen before this new min
        } else if (valueUa > m_max) {
            m_max = valueUa;
            m_minFirst = true;
        }
        m_lastUs = timeUs;
        m_peakUa = std::max(m_peakUa, valueUa);
    }

    void finish()
    {
        if (!m_any) {
            return;
        }
        flush();
        if (m_window.toUs - m_lastUs > kTraceGapUs) {
            put(xOf(m_column), 0.0);
            put(0.0, 0.0);
        }
    }

    [[nodiscard]] double peakMa() const { return m_peakUa / 1000.0; }

private:
    [[nodiscard]] int columnOf(qint64 timeUs) const
    {
        const qint64 offset = std::clamp<qint64>(timeUs - m_window.fromUs, 0, m_spanUs - 1);
        return static_cast<int>(offset * m_window.columns / m_spanUs);
    }

    [[nodiscard]] double xOf(int column) const
    {
        const double centreUs = static_cast<double>(m_window.fromUs - m_window.toUs)
            + (column + 0.5) * static_cast<double>(m_spanUs) / m_window.columns;
        return centreUs / 1e6;
    }

    void flush()
    {
        const double x = xOf(m_column);
        const double low = m_min / 1000.0;
        const double high = m_max / 1000.0;
        if (m_min == m_max) {
            put(x, low);
        } else if (m_minFirst) {
            put(x, low);
            put(x, high);
        } else {
            put(x, high);
            put(x, low);
        }
    }

    // Appends a point, except that a horizontal run keeps only its first and last point: the middle ones draw
    // nothing, and every point costs Qt Charts time (it strokes the whole line for hit testing on each replace()).
    void put(double x, double y)
    {
        const qsizetype n = m_out.size();
        if (n >= 2 && m_out[n - 1].y() == y && m_out[n - 2].y() == y) {
            m_out[n - 1].setX(x);
            return;
        }
        m_out.append(QPointF(x, y));
    }

    QList<QPointF>& m_out;
    TraceWindow m_window;
    qint64 m_spanUs;
    bool m_any = false;
    int m_column = 0;
    qint32 m_min = 0;
    qint32 m_max = 0;
    bool m_minFirst = true;
    qint64 m_lastUs = 0;
    qint32 m_peakUa = 0;
};

} // namespace

DecimatedTraces decimateMinMax(const PulseRing& ring, const TraceWindow& window, bool withDelivered)
{
    DecimatedTraces traces;
    if (ring.isEmpty() || window.toUs <= window.fromUs || window.columns < 1) {
        return traces;
    }
    const qsizetype begin = ring.lowerBound(window.fromUs);
    const qsizetype end = ring.lowerBound(window.toUs + 1);
    ColumnEnvelope commanded(traces.commanded, window);
    ColumnEnvelope delivered(traces.delivered, window);
    ring.forEach(begin, end, [&](const BufferedPulse& pulse) {
        commanded.add(pulse.timeUs, pulse.commandedUa);
        if (withDelivered && pulse.measured()) {
            delivered.add(pulse.timeUs, pulse.measuredUa);
        }
    });
    commanded.finish();
    delivered.finish();
    traces.peakMa = std::max(commanded.peakMa(), delivered.peakMa());
    return traces;
}

} // namespace galvani::ui::plot
