// SPDX-License-Identifier: GPL-3.0-or-later
// Hidden cases run by hand: screenshots of the three plots with realistic data ("[.shots]") and the redraw cost of
// the live plot ("[.bench]", figures only, no assertion on time).
#include "PlotTestSupport.h"
#include "support/WaitUntil.h"
#include "ui/plot/DriftChart.h"
#include "ui/plot/LivePlot.h"
#include "ui/plot/MinMaxDecimator.h"
#include "ui/plot/SessionChart.h"

#include <catch2/catch.hpp>

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QPixmap>
#include <QtCharts/QChartView>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <vector>

using galvani::app::PulseSample;
using galvani::ui::LivePlot;

namespace {

QString shotsDir()
{
    const QString dir = qEnvironmentVariableIsSet("GALVANI_SHOTS_DIR") ? qEnvironmentVariable("GALVANI_SHOTS_DIR")
                                                                       : QDir::currentPath();
    QDir().mkpath(dir);
    return dir;
}

// A deterministic wobble in [-1, 1], standing in for measurement noise.
double wobble(qint64 n)
{
    return std::sin(static_cast<double>(n) * 12.9898) * 0.6 + std::sin(static_cast<double>(n) * 0.37) * 0.4;
}

// One pulse of a realistic run: channels 1–2 NMES contraction cycles (1.5 s ramp up, 5 s on, 1 s down, 7.5 s off,
// 50 Hz), channels 3–4 continuous TENS at 100 Hz after a 3 s start ramp; delivered a little under commanded.
QList<PulseSample> realisticPulses(qint64 fromUs, qint64 toUs, bool measured)
{
    QList<PulseSample> out;
    struct Channel {
        int channel;
        int rateHz;
        double targetMa;
        bool cycled;
    };
    const Channel channels[] = {{1, 50, 28.0, true}, {2, 50, 24.0, true}, {3, 100, 16.0, false}, {4, 100, 12.5, false}};
    for (const auto& c : channels) {
        const qint64 period = 1'000'000 / c.rateHz;
        for (qint64 t = (fromUs + period - 1) / period * period; t < toUs; t += period) {
            const double s = static_cast<double>(t) / 1e6;
            double level = 1.0;
            if (c.cycled) {
                const double phase = std::fmod(s + (c.channel == 2 ? 7.0 : 0.0), 15.0);
                if (phase < 1.5) {
                    level = phase / 1.5;
                } else if (phase < 6.5) {
                    level = 1.0;
                } else if (phase < 7.5) {
                    level = 1.0 - (phase - 6.5);
                } else {
                    continue; // off phase: no pulses
                }
            } else {
                level = std::min(1.0, s / 3.0);
            }
            PulseSample p;
            p.timeUs = t;
            p.channel = c.channel;
            p.commandedUa = static_cast<qint64>(std::round(c.targetMa * level * 2.0) * 500.0); // 0.5 mA steps
            if (measured) {
                const double deliveredMa = static_cast<double>(p.commandedUa) / 1000.0 * 0.975
                    + wobble(t / period + c.channel * 1000) * 0.35;
                p.measuredUa = std::max<qint64>(0, static_cast<qint64>(deliveredMa * 1000.0));
                if (c.channel == 3 && t == 52'000'000) {
                    p.measuredUa = 4'000; // one pulse into a lifting electrode edge
                }
            }
            out.append(p);
        }
    }
    return out;
}

QList<galvani::ui::SessionChartSecond> realisticSeconds()
{
    QList<galvani::ui::SessionChartSecond> rows;
    for (int s = 0; s < 20 * 60; ++s) {
        // Channel 1: start ramp, then 18 mA, raised to 22 mA in 0.5 mA steps from minute 5.
        galvani::ui::SessionChartSecond a;
        a.channel = 1;
        a.second = s;
        a.commandedMa = s < 2 ? 9.0 * (s + 1) : (s < 300 ? 18.0 : std::min(22.0, 18.0 + 0.5 * ((s - 300) / 4 + 1)));
        a.measuredMeanMa = a.commandedMa * 0.98 + wobble(s) * 0.15;
        a.measuredMinMa = *a.measuredMeanMa - 0.7 - std::abs(wobble(s + 7)) * 0.3;
        a.measuredMaxMa = *a.measuredMeanMa + 0.5 + std::abs(wobble(s + 3)) * 0.3;
        rows.append(a);
        // Channel 2: 14 mA; paused by an electrode error between 12:00 and 13:00 (no pulses, no measurement).
        galvani::ui::SessionChartSecond b;
        b.channel = 2;
        b.second = s;
        const bool stopped = s >= 720 && s < 780;
        b.commandedMa = s < 3 ? 14.0 * (s + 1) / 3.0 : (stopped ? 0.0 : 14.0);
        if (!stopped) {
            b.measuredMeanMa = b.commandedMa * 0.97 + wobble(s + 50) * 0.2;
            b.measuredMinMa = *b.measuredMeanMa - 0.6;
            b.measuredMaxMa = *b.measuredMeanMa + 0.6;
        }
        rows.append(b);
    }
    return rows;
}

qint64 shotUtcMs(int year, int month, int day)
{
    return QDateTime(QDate(year, month, day), QTime(10, 0), Qt::UTC).toMSecsSinceEpoch();
}

galvani::app::DriftReport realisticDrift()
{
    using galvani::app::CalibrationHistoryEntry;
    auto entry = [](qint64 id, const char* status, qint64 at, std::optional<double> gain, std::optional<double> off) {
        CalibrationHistoryEntry e;
        e.calibrationId = id;
        e.deviceSerial = QStringLiteral("SM4-00123");
        e.channel = 2;
        e.status = QLatin1String(status);
        e.performedUtcMs = at;
        e.gain = gain;
        e.offsetUa = off;
        return e;
    };
    galvani::app::DriftReport r;
    r.deviceSerial = QStringLiteral("SM4-00123");
    r.channel = 2;
    r.history = {entry(1, "passed", shotUtcMs(2022, 3, 1), 0.995, 40.0),
        entry(2, "passed", shotUtcMs(2023, 3, 2), 0.972, 120.0),
        entry(3, "incomplete", shotUtcMs(2024, 2, 27), std::nullopt, std::nullopt),
        entry(4, "failed", shotUtcMs(2024, 2, 28), 0.880, 650.0),
        entry(5, "passed", shotUtcMs(2024, 3, 1), 0.951, 210.0),
        entry(6, "passed", shotUtcMs(2025, 2, 27), 0.929, 280.0)};
    r.trendKnown = true;
    r.gainPerYear = -0.022;
    r.offsetUaPerYear = 80.0;
    r.dueUtcMs = shotUtcMs(2026, 2, 27);
    r.gainAtDue = 0.907;
    r.offsetUaAtDue = 360.0;
    r.leavesToleranceUtcMs = shotUtcMs(2025, 11, 14);
    r.message = QStringLiteral("the trend leaves tolerance on 2025-11-14, before the due date 2026-02-27: gain 0.912 "
                               "needs more than the 10 % correction bound");
    return r;
}

void feed(LivePlot& plot, qint64 toUs, bool measured)
{
    for (qint64 t = 0; t < toUs; t += 100'000) {
        plot.addPulses(realisticPulses(t, t + 100'000, measured));
    }
}

bool save(QWidget& widget, const QString& name)
{
    galvani::test::waitUntil([] { return false; }, std::chrono::milliseconds(100)); // let layout and redraw settle
    return widget.grab().save(shotsDir() + QLatin1Char('/') + name);
}

// CPU time of this thread in ms: a busy machine (shared build hosts) distorts it less than wall time.
double cpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

} // namespace

TEST_CASE("screenshots of the live plot, the session chart and the drift chart", "[.shots]")
{
    {
        LivePlot plot;
        plot.resize(1200, 560);
        plot.setChannels({1, 2, 3, 4}, true);
        plot.setWindowSeconds(60);
        plot.show();
        feed(plot, 75'000'000, true);
        CHECK(save(plot, QStringLiteral("plot-live.png")));
        plot.setFrozen(true);
        CHECK(save(plot, QStringLiteral("plot-live-frozen.png")));
    }
    {
        LivePlot plot;
        plot.resize(1000, 480);
        plot.setChannels({1, 2}, false);
        plot.show();
        feed(plot, 40'000'000, false);
        CHECK(save(plot, QStringLiteral("plot-live-not-measured.png")));
    }
    {
        galvani::ui::SessionChart chart;
        chart.resize(1100, 480);
        chart.show();
        chart.setData(realisticSeconds(), QStringLiteral("Session of 2025-03-02 09:14, 20 min, conventional TENS"));
        CHECK(save(chart, QStringLiteral("plot-session.png")));
        chart.setData({}, QStringLiteral("Session of 2025-02-20 16:02"));
        CHECK(save(chart, QStringLiteral("plot-session-empty.png")));
    }
    {
        galvani::ui::DriftChart chart;
        chart.resize(1100, 760);
        chart.show();
        chart.setReport(realisticDrift());
        CHECK(save(chart, QStringLiteral("plot-drift.png")));
    }
}

TEST_CASE("redraw cost of the live plot at 8 channels x 200 pulses per second", "[.bench]")
{
    const QList<int> channels{1, 2, 3, 4, 5, 6, 7, 8};
    for (int window : {30, 300}) {
        LivePlot plot;
        plot.resize(1200, 600);
        plot.setChannels(channels, true);
        plot.setWindowSeconds(window);
        plot.show();
        REQUIRE(galvani::test::waitUntil([&] { return plot.chart()->plotArea().width() > 100; }));
        auto* view = plot.findChild<QChartView*>(QStringLiteral("plotChart"));
        REQUIRE(view != nullptr);
        qint64 nowUs = 0;
        auto batch = [&](qint64 us) {
            QList<PulseSample> pulses;
            for (qint64 t = nowUs; t < nowUs + us; t += 5000) {
                for (int c : channels) {
                    PulseSample p;
                    p.timeUs = t;
                    p.channel = c;
                    p.commandedUa = 10'000 + c * 2000;
                    p.measuredUa = p.commandedUa + static_cast<qint64>(wobble(t / 5000 + c) * 300.0);
                    pulses.append(p);
                }
            }
            nowUs += us;
            plot.addPulses(pulses);
        };
        batch(qint64{window} * 1'000'000); // a full window first
        std::vector<double> rebuildMs;
        std::vector<double> paintMs;
        std::vector<double> decimateMs;
        // The same pulses in rings of our own, to time the decimation without Qt Charts.
        std::vector<galvani::ui::plot::PulseRing> rings(
            static_cast<std::size_t>(channels.size()), galvani::ui::plot::PulseRing(LivePlot::kChannelCapacity));
        auto mirror = [&](qint64 fromUs, qint64 toUs) {
            for (qint64 t = fromUs; t < toUs; t += 5000) {
                for (int c : channels) {
                    galvani::ui::plot::BufferedPulse p;
                    p.timeUs = t;
                    p.commandedUa = 10'000 + c * 2000;
                    p.measuredUa = p.commandedUa + static_cast<qint32>(wobble(t / 5000 + c) * 300.0);
                    rings[static_cast<std::size_t>(c - 1)].push(p);
                }
            }
        };
        mirror(0, nowUs);
        constexpr int kFrames = 150;
        double started = 0.0;
        for (int frame = 0; frame < kFrames; ++frame) {
            const qint64 before = nowUs;
            batch(33'333);
            mirror(before, nowUs);
            started = cpuMs();
            plot.redrawNow();
            rebuildMs.push_back(cpuMs() - started);
            started = cpuMs();
            const QPixmap frameImage = view->grab();
            paintMs.push_back(cpuMs() - started);
            started = cpuMs();
            const galvani::ui::plot::TraceWindow traceWindow{
                nowUs - qint64{window} * 1'000'000, nowUs, plot.plotColumns()};
            qsizetype points = 0;
            for (const auto& ring : rings) {
                const auto traces = galvani::ui::plot::decimateMinMax(ring, traceWindow, true);
                points += traces.commanded.size() + traces.delivered.size();
            }
            decimateMs.push_back(cpuMs() - started);
            CHECK(points > 0);
            CHECK_FALSE(frameImage.isNull());
        }
        std::printf("live plot, 8 channels x 200 pulses/s, %d s window (%lld pulses held), %d columns, %d points on "
                    "screen (thread CPU time):\n  redrawNow (decimate + replace) ms: median %.2f  p95 %.2f  max %.2f\n"
                    "    of which decimation ms:         median %.2f  p95 %.2f  max %.2f\n"
                    "  paint (chart view grab) ms:       median %.2f  p95 %.2f  max %.2f\n"
                    "  frame budget at 30 Hz: 33.3 ms\n",
            window, static_cast<long long>(plot.bufferedSamples()), plot.plotColumns(), plot.pointsOnScreen(),
            percentile(rebuildMs, 0.5), percentile(rebuildMs, 0.95), percentile(rebuildMs, 1.0),
            percentile(decimateMs, 0.5), percentile(decimateMs, 0.95), percentile(decimateMs, 1.0),
            percentile(paintMs, 0.5), percentile(paintMs, 0.95), percentile(paintMs, 1.0));
        CHECK(plot.pointsOnScreen() > 0);
    }
}
