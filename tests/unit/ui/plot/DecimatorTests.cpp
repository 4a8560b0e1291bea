// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plot/MinMaxDecimator.h"
#include "ui/plot/PlotStyle.h"
#include "ui/plot/PulseRing.h"

#include <catch2/catch.hpp>

using galvani::ui::plot::BufferedPulse;
using galvani::ui::plot::decimateMinMax;
using galvani::ui::plot::PulseRing;
using galvani::ui::plot::TraceWindow;

namespace {

BufferedPulse pulse(qint64 timeUs, qint32 commandedUa, qint32 measuredUa = BufferedPulse::kNotMeasured)
{
    BufferedPulse p;
    p.timeUs = timeUs;
    p.commandedUa = commandedUa;
    p.measuredUa = measuredUa;
    return p;
}

} // namespace

TEST_CASE("the pulse ring keeps the newest pulses up to its capacity, oldest first", "[ui][plot]")
{
    PulseRing ring(4);
    CHECK(ring.capacity() == 4);
    for (qint64 i = 0; i < 6; ++i) {
        ring.push(pulse(i * 10, static_cast<qint32>(i)));
    }
    CHECK(ring.size() == 4);
    CHECK(ring.capacity() == 4);
    CHECK(ring.at(0).commandedUa == 2);
    CHECK(ring.at(3).commandedUa == 5);
    CHECK(ring.newestTimeUs() == 50);
    CHECK(ring.lowerBound(0) == 0);
    CHECK(ring.lowerBound(25) == 1);
    CHECK(ring.lowerBound(30) == 1);
    CHECK(ring.lowerBound(51) == 4);
    // A pulse stamped in the past is kept at the newest time, so the ring stays sorted.
    ring.push(pulse(5, 6));
    CHECK(ring.at(3).timeUs == 50);
    CHECK(ring.at(3).commandedUa == 6);
    ring.clear();
    CHECK(ring.isEmpty());
    CHECK(ring.capacity() == 4);

    PulseRing none(0);
    none.push(pulse(1, 1));
    CHECK(none.size() == 0);
}

TEST_CASE("decimation gives each column its min and max in the order they occurred", "[ui][plot]")
{
    PulseRing ring(100);
    // Window 0–10 s in 10 columns of 1 s. Column 2: 5, 9, 1 (max before min); column 5: 3, 3 (flat).
    ring.push(pulse(2'100'000, 5000, 4900));
    ring.push(pulse(2'400'000, 9000, 9100));
    ring.push(pulse(2'800'000, 1000)); // not measured
    ring.push(pulse(3'900'000, 3000, 3000));
    ring.push(pulse(5'000'000, 3000, 3000));
    const TraceWindow window{0, 10'000'000, 10};
    const auto traces = decimateMinMax(ring, window, true);
    REQUIRE(traces.commanded.size() >= 5);
    CHECK(traces.commanded[0] == QPointF(-7.5, 9.0));
    CHECK(traces.commanded[1] == QPointF(-7.5, 1.0));
    CHECK(traces.commanded[2] == QPointF(-6.5, 3.0));
    CHECK(traces.commanded[3] == QPointF(-4.5, 3.0));
    // The last pulse is 5 s before the window's end: the trace drops to zero and runs on to now.
    REQUIRE(traces.commanded.size() == 6);
    CHECK(traces.commanded[4] == QPointF(-4.5, 0.0));
    CHECK(traces.commanded[5] == QPointF(0.0, 0.0));
    // Delivered skips the unmeasured pulse: column 2 is 4.9 then 9.1.
    REQUIRE(traces.delivered.size() >= 2);
    CHECK(traces.delivered[0] == QPointF(-7.5, 4.9));
    CHECK(traces.delivered[1] == QPointF(-7.5, 9.1));
    CHECK(traces.peakMa == Approx(9.1));

    CHECK(decimateMinMax(ring, window, false).delivered.isEmpty());
    CHECK(decimateMinMax(PulseRing(4), window, true).commanded.isEmpty());
}

TEST_CASE("decimation drops the trace to zero across a stop longer than the gap", "[ui][plot]")
{
    PulseRing ring(1000);
    // 10 s on (10 Hz, 20 mA), 5 s off, 5 s on, in a 20 s window of 200 columns.
    for (qint64 t = 0; t < 10'000'000; t += 100'000) {
        ring.push(pulse(t, 20'000));
    }
    for (qint64 t = 15'000'000; t <= 20'000'000; t += 100'000) {
        ring.push(pulse(t, 20'000));
    }
    const auto traces = decimateMinMax(ring, TraceWindow{0, 20'000'000, 200}, false);
    int zeros = 0;
    for (const auto& p : traces.commanded) {
        zeros += p.y() == 0.0 ? 1 : 0;
    }
    CHECK(zeros == 2);
    // A flat stretch keeps only its ends: on at 20 mA, down to 0, 0 until the next start, up to 20 mA, on.
    REQUIRE(traces.commanded.size() == 6);
    CHECK(traces.commanded[0] == QPointF(-19.95, 20.0));
    CHECK(traces.commanded[1].y() == 20.0);
    CHECK(traces.commanded[2] == QPointF(traces.commanded[1].x(), 0.0));
    CHECK(traces.commanded[3].y() == 0.0);
    CHECK(traces.commanded[4] == QPointF(traces.commanded[3].x(), 20.0));
    CHECK(traces.commanded[5] == QPointF(-0.05, 20.0));
    CHECK(traces.commanded[1].x() == Approx(-10.05));
    CHECK(traces.commanded[3].x() == Approx(-4.95));
    // Pulses outside the window do not count.
    const auto late = decimateMinMax(ring, TraceWindow{16'000'000, 20'000'000, 40}, false);
    CHECK(late.commanded.size() == 2);
    CHECK(late.commanded[0].x() == Approx(-3.95));
}

TEST_CASE("current axes start at 0 to 10 mA and end on a round number above the peak", "[ui][plot]")
{
    using galvani::ui::plot::currentAxisTopMa;
    using galvani::ui::plot::niceInterval;
    CHECK(currentAxisTopMa(0.0) == 10.0);
    CHECK(currentAxisTopMa(9.0) == 10.0);
    CHECK(currentAxisTopMa(20.0) == 25.0);
    CHECK(currentAxisTopMa(42.0) == 50.0);
    CHECK(currentAxisTopMa(100.0) == 110.0);
    CHECK(niceInterval(30.0) == Approx(5.0));
    CHECK(niceInterval(300.0) == Approx(50.0));
    CHECK(niceInterval(0.24) == Approx(0.05));
}
