// SPDX-License-Identifier: GPL-3.0-or-later
// Frame cost of the run screen's live plot: 8 channels streaming 200 pulses/s each (the simulator's fastest
// low-level rate per channel), a full window buffered, then 150 frames of 33 ms of new pulses. Per frame: the series
// rebuild (decimation and replace) and the paint of the chart, in CPU ms; printed as median, p95 and max, and as the
// share of the 33.3 ms frame budget of a 30 Hz redraw (the plot's CPU load at that rate). Prints figures, asserts
// nothing about time.
#include "ui/plot/LivePlot.h"

#include "bench/support/Figure.h"
#include "bench/support/Percentile.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QPixmap>
#include <QtCharts/QChartView>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <vector>

namespace {

using galvani::bench::percentile;

double cpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

} // namespace

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    const QList<int> channels{1, 2, 3, 4, 5, 6, 7, 8};
    constexpr double kFrameBudgetMs = 1000.0 / 30.0;
    constexpr qint64 kPulsePeriodUs = 5000; // 200 pulses/s per channel
    std::printf("live plot, 8 channels x 200 pulses/s, 1200 x 600 px, offscreen; CPU ms per frame\n");
    std::printf("| window | rebuild p50 | rebuild p95 | paint p50 | paint p95 | frame max | share of 33.3 ms |\n");
    std::printf("|---|---|---|---|---|---|---|\n");
    for (int window : {30, 300}) {
        galvani::ui::LivePlot plot;
        plot.resize(1200, 600);
        plot.setChannels(channels, true);
        plot.setWindowSeconds(window);
        plot.show();
        QElapsedTimer settle;
        settle.start();
        while (plot.chart()->plotArea().width() < 100 && settle.elapsed() < 5000) {
            QApplication::processEvents();
        }
        auto* view = plot.findChild<QChartView*>(QStringLiteral("plotChart"));
        if (view == nullptr) {
            std::fprintf(stderr, "bench_ui_plot: the plot has no chart view\n");
            return 1;
        }
        qint64 nowUs = 0;
        const auto feed = [&](qint64 spanUs) {
            QList<galvani::app::PulseSample> pulses;
            for (qint64 t = nowUs; t < nowUs + spanUs; t += kPulsePeriodUs) {
                for (int c : channels) {
                    const qint64 commanded = 10'000 + c * 2000;
                    const auto noise
                        = static_cast<qint64>(std::sin(static_cast<double>(t / kPulsePeriodUs + c)) * 300.0);
                    pulses.append(galvani::app::PulseSample{t, c, commanded, commanded + noise});
                }
            }
            nowUs += spanUs;
            plot.addPulses(pulses);
        };
        feed(qint64{window} * 1'000'000);
        std::vector<double> rebuild;
        std::vector<double> paint;
        std::vector<double> frame;
        for (int i = 0; i < 150; ++i) {
            feed(33'333);
            double started = cpuMs();
            plot.redrawNow();
            rebuild.push_back(cpuMs() - started);
            started = cpuMs();
            const QPixmap image = view->grab();
            paint.push_back(cpuMs() - started);
            frame.push_back(rebuild.back() + paint.back());
            if (image.isNull()) {
                std::fprintf(stderr, "bench_ui_plot: the chart did not render\n");
                return 1;
            }
        }
        const double p50 = percentile(frame, 0.5);
        std::printf("| %d s | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f %% |\n", window, percentile(rebuild, 0.5),
            percentile(rebuild, 0.95), percentile(paint, 0.5), percentile(paint, 0.95), percentile(frame, 1.0),
            100.0 * p50 / kFrameBudgetMs);
        std::printf("  (%lld pulses held, %d points on screen)\n", static_cast<long long>(plot.bufferedSamples()),
            plot.pointsOnScreen());
        galvani::bench::figure("Live plot",
            galvani::bench::format("frame cost, 8 channels x 200 pulses/s, %d s window", window),
            galvani::bench::format("%.1f ms CPU per frame p50 (rebuild %.1f + paint %.1f), max %.1f ms", p50,
                percentile(rebuild, 0.5), percentile(paint, 0.5), percentile(frame, 1.0)),
            galvani::bench::format("%.0f %% of the 33.3 ms budget of a 30 Hz redraw = %.0f %% of one core",
                100.0 * p50 / kFrameBudgetMs, 100.0 * p50 / kFrameBudgetMs));
    }
    return 0;
}
