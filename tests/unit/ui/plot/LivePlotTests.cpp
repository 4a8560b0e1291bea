// SPDX-License-Identifier: GPL-3.0-or-later
#include "PlotTestSupport.h"
#include "support/WaitUntil.h"
#include "ui/plot/LivePlot.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QCheckBox>
#include <QElapsedTimer>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QtCharts/QChart>
#include <QtCharts/QValueAxis>

#include <chrono>

using galvani::app::PulseSample;
using galvani::test::plot::maxY;
using galvani::test::plot::minX;
using galvani::test::plot::seriesNamed;
using galvani::test::plot::seriesNamedContaining;
using galvani::test::plot::steadyPulses;
using galvani::ui::LivePlot;

namespace {

const QList<int> kAllChannels{1, 2, 3, 4, 5, 6, 7, 8};

// A plot on screen (offscreen platform) with its chart laid out.
void showSized(LivePlot& plot, int width = 1000, int height = 520)
{
    plot.resize(width, height);
    plot.show();
    REQUIRE(galvani::test::waitUntil([&] { return plot.chart()->plotArea().width() > 100; }));
}

// Rebuilds now (the timer would do it within 34 ms) so a test reads the series without waiting.
void redraw(LivePlot& plot)
{
    plot.redrawNow();
}

} // namespace

TEST_CASE(
    "a 30-minute session at 8 channels x 200 pulses per second never exceeds the plot's fixed capacity", "[ui][plot]")
{
    LivePlot plot;
    plot.setChannels(kAllChannels, true);
    const qsizetype capacity = plot.capacity();
    // The bound covers the longest window at the highest rate on every channel.
    CHECK(capacity >= qsizetype{8} * LivePlot::kMaxWindowSeconds * LivePlot::kMaxPulseRateHz);
    // ... and is small: under 10 MB of 16-byte pulses.
    CHECK(capacity * static_cast<qsizetype>(sizeof(galvani::ui::plot::BufferedPulse)) < 10'000'000);

    constexpr qint64 kSessionUs = qint64{30} * 60 * 1'000'000;
    constexpr qint64 kBatchUs = 100'000; // 0.1 s of pulses per addPulses, 160 pulses
    qint64 overCapacity = 0;
    qint64 capacityChanges = 0;
    qsizetype maxBuffered = 0;
    qint64 fed = 0;
    for (qint64 t = 0; t < kSessionUs; t += kBatchUs) {
        auto batch = steadyPulses(kAllChannels, 200, t, t + kBatchUs, 12'000, true);
        for (auto& pulse : batch) {
            pulse.measuredUa = 11'800 + (pulse.timeUs / 5000) % 400; // a little noise
        }
        fed += batch.size();
        plot.addPulses(batch);
        overCapacity += plot.bufferedSamples() > plot.capacity() ? 1 : 0;
        capacityChanges += plot.capacity() != capacity ? 1 : 0;
        maxBuffered = std::max(maxBuffered, plot.bufferedSamples());
    }
    CHECK(fed == qint64{8} * 200 * 30 * 60);
    CHECK(overCapacity == 0);
    CHECK(capacityChanges == 0);
    CHECK(plot.capacity() == capacity);
    CHECK(plot.bufferedSamples() <= plot.capacity());
    CHECK(maxBuffered == capacity); // full, and dropping the oldest
    CHECK(plot.bufferedSamples() == capacity);

    // What is held still fills the longest window: the oldest point drawn is at the window's left edge.
    showSized(plot);
    plot.setWindowSeconds(LivePlot::kMaxWindowSeconds);
    redraw(plot);
    auto* commanded = seriesNamed(plot.chart(), QStringLiteral("Ch 1 commanded"));
    REQUIRE(commanded != nullptr);
    REQUIRE(minX(commanded));
    CHECK(*minX(commanded) < -LivePlot::kMaxWindowSeconds + 1.0);
    CHECK(*maxY(commanded) == Approx(12.0));
}

TEST_CASE("min-max decimation keeps a single one-pulse spike among zeros at its full height", "[ui][plot]")
{
    LivePlot plot;
    plot.setChannels({2}, true);
    showSized(plot);
    // The spike at several positions, including near column borders and the window's edges.
    for (qint64 spikeAtUs : {qint64{1'000'000}, qint64{12'345'000}, qint64{20'005'000}, qint64{29'995'000}}) {
        plot.clear();
        auto pulses = steadyPulses({2}, 200, 0, 30'000'000, 0, true);
        for (auto& pulse : pulses) {
            if (pulse.timeUs == spikeAtUs) {
                pulse.measuredUa = 23'500;
            }
        }
        plot.addPulses(pulses);
        redraw(plot);
        auto* delivered = seriesNamed(plot.chart(), QStringLiteral("Ch 2 delivered"));
        auto* commanded = seriesNamed(plot.chart(), QStringLiteral("Ch 2 commanded"));
        REQUIRE(delivered != nullptr);
        REQUIRE(commanded != nullptr);
        INFO("spike at " << spikeAtUs << " µs");
        REQUIRE(maxY(delivered));
        CHECK(*maxY(delivered) == Approx(23.5));
        CHECK(*maxY(commanded) == Approx(0.0));
        // 6000 pulses became a couple of points per pixel column at most.
        CHECK(delivered->count() <= 2 * plot.plotColumns() + 4);
        CHECK(delivered->count() < 6000 / 2);
    }
}

TEST_CASE("the points on screen stay within a small multiple of the plot width", "[ui][plot]")
{
    LivePlot plot;
    plot.setChannels(kAllChannels, true);
    showSized(plot, 900, 500);
    QList<PulseSample> pulses;
    for (qint64 t = 0; t < 300'000'000; t += 5000) {
        for (int channel : kAllChannels) {
            PulseSample s;
            s.timeUs = t;
            s.channel = channel;
            s.commandedUa = 10'000 + channel * 1000;
            s.measuredUa = s.commandedUa + ((t / 5000) % 7 - 3) * 150; // noisy, so min != max in every column
            pulses.append(s);
        }
    }
    plot.addPulses(pulses);
    const int seriesCount = 16;
    for (int window : {5, 30, 300}) {
        plot.setWindowSeconds(window);
        redraw(plot);
        INFO("window " << window << " s, columns " << plot.plotColumns());
        CHECK(plot.plotColumns() <= plot.width());
        CHECK(plot.pointsOnScreen() > 0);
        CHECK(plot.pointsOnScreen() <= seriesCount * (2 * plot.plotColumns() + 4));
        CHECK(plot.pointsOnScreen() <= seriesCount * 2 * plot.width());
    }
}

TEST_CASE("toggling a channel hides its series and showing it again restores them", "[ui][plot]")
{
    LivePlot plot;
    plot.setChannels({1, 3, 5}, true);
    showSized(plot);
    plot.addPulses(steadyPulses({1, 3, 5}, 100, 0, 10'000'000, 8000, true));
    redraw(plot);

    auto* toggle = plot.findChild<QCheckBox*>(QStringLiteral("plotChannel3"));
    REQUIRE(toggle != nullptr);
    CHECK(plot.findChild<QCheckBox*>(QStringLiteral("plotChannel2")) == nullptr);
    auto* delivered = seriesNamed(plot.chart(), QStringLiteral("Ch 3 delivered"));
    auto* commanded = seriesNamed(plot.chart(), QStringLiteral("Ch 3 commanded"));
    REQUIRE(delivered != nullptr);
    REQUIRE(commanded != nullptr);
    CHECK(delivered->isVisible());
    CHECK(delivered->count() > 0);

    toggle->click();
    CHECK_FALSE(toggle->isChecked());
    CHECK_FALSE(plot.isChannelVisible(3));
    CHECK_FALSE(delivered->isVisible());
    CHECK_FALSE(commanded->isVisible());
    redraw(plot);
    CHECK(delivered->count() == 0);
    CHECK(seriesNamed(plot.chart(), QStringLiteral("Ch 1 delivered"))->isVisible());
    CHECK(seriesNamed(plot.chart(), QStringLiteral("Ch 5 commanded"))->count() > 0);

    toggle->click();
    CHECK(delivered->isVisible());
    CHECK(commanded->isVisible());
    redraw(plot);
    CHECK(delivered->count() > 0);

    // The API and the check box agree.
    plot.setChannelVisible(1, false);
    CHECK_FALSE(plot.findChild<QCheckBox*>(QStringLiteral("plotChannel1"))->isChecked());
    CHECK_FALSE(seriesNamed(plot.chart(), QStringLiteral("Ch 1 commanded"))->isVisible());
}

TEST_CASE("freeze holds the display while pulses keep buffering and resume shows the newest", "[ui][plot]")
{
    LivePlot plot;
    plot.setChannels({1}, true);
    showSized(plot);
    plot.addPulses(steadyPulses({1}, 200, 0, 10'000'000, 5000, true));
    redraw(plot);
    auto* delivered = seriesNamed(plot.chart(), QStringLiteral("Ch 1 delivered"));
    REQUIRE(delivered != nullptr);
    CHECK(*maxY(delivered) == Approx(5.0));

    auto* freeze = plot.findChild<QPushButton*>(QStringLiteral("plotFreeze"));
    auto* frozenNote = plot.findChild<QLabel*>(QStringLiteral("plotFrozenNote"));
    REQUIRE(freeze != nullptr);
    REQUIRE(frozenNote != nullptr);
    CHECK(freeze->text().remove(QLatin1Char('&')) == QStringLiteral("Freeze"));
    CHECK_FALSE(frozenNote->isVisible());
    freeze->click();
    CHECK(plot.isFrozen());
    CHECK(freeze->text().remove(QLatin1Char('&')) == QStringLiteral("Resume"));
    CHECK(frozenNote->isVisible());

    const auto pointsBefore = delivered->points();
    const auto bufferedBefore = plot.bufferedSamples();
    const auto redrawsBefore = plot.redraws();
    // 5 s more at 15 mA, in batches through the real event loop.
    for (qint64 t = 10'000'000; t < 15'000'000; t += 500'000) {
        plot.addPulses(steadyPulses({1}, 200, t, t + 500'000, 15'000, true));
        QElapsedTimer spell;
        spell.start();
        galvani::test::waitUntil([&] { return spell.elapsed() >= 10; });
    }
    CHECK(plot.bufferedSamples() == bufferedBefore + 1000);
    CHECK(delivered->points() == pointsBefore);
    CHECK(*maxY(delivered) == Approx(5.0));
    CHECK(plot.redraws() == redrawsBefore);

    freeze->click();
    CHECK_FALSE(plot.isFrozen());
    CHECK_FALSE(frozenNote->isVisible());
    REQUIRE(galvani::test::waitUntil([&] { return plot.redraws() > redrawsBefore; }));
    CHECK(*maxY(delivered) == Approx(15.0));
    // x = 0 is the newest pulse again: 15 s of data in a 30 s window starts 15 s back.
    CHECK(*minX(delivered) == Approx(-15.0).margin(0.2));
}

TEST_CASE("a device that does not measure gets commanded series only and the note saying so", "[ui][plot]")
{
    LivePlot plot;
    plot.setChannels({1, 2}, false);
    showSized(plot);
    plot.addPulses(steadyPulses({1, 2}, 50, 0, 5'000'000, 7000, false));
    redraw(plot);
    CHECK(seriesNamedContaining(plot.chart(), QStringLiteral("delivered")) == 0);
    CHECK(seriesNamedContaining(plot.chart(), QStringLiteral("commanded")) == 2);
    CHECK(plot.chart()->series().size() == 2);
    auto* note = plot.findChild<QLabel*>(QStringLiteral("plotNotMeasuredNote"));
    REQUIRE(note != nullptr);
    CHECK(note->isVisible());
    CHECK(note->text().contains(QStringLiteral("commanded current (this device does not measure delivered current)")));
    CHECK(*maxY(seriesNamed(plot.chart(), QStringLiteral("Ch 2 commanded"))) == Approx(7.0));

    // A device that measures: both series per channel and no note.
    plot.setChannels({1, 2}, true);
    CHECK(plot.chart()->series().size() == 4);
    CHECK_FALSE(note->isVisible());
    CHECK(plot.bufferedSamples() == 0); // setChannels resets
}

TEST_CASE("the plot redraws at most 30 times a second however often pulses arrive", "[ui][plot]")
{
    LivePlot plot;
    plot.setChannels(kAllChannels, true);
    showSized(plot);
    const qint64 redrawsBefore = plot.redraws();
    qint64 nowUs = 0;
    int calls = 0;
    QTimer feeder;
    feeder.setInterval(2);
    QObject::connect(&feeder, &QTimer::timeout, [&] {
        plot.addPulses(steadyPulses(kAllChannels, 200, nowUs, nowUs + 10'000, 9000, true));
        nowUs += 10'000;
        ++calls;
    });
    QElapsedTimer elapsed;
    elapsed.start();
    feeder.start();
    galvani::test::waitUntil([&] { return elapsed.elapsed() >= 1000; }, std::chrono::milliseconds(3000));
    feeder.stop();
    const qint64 ms = elapsed.elapsed();
    const qint64 redraws = plot.redraws() - redrawsBefore;
    INFO(calls << " addPulses calls and " << redraws << " redraws in " << ms << " ms");
    CHECK(calls > 60); // pulses arrived far more often than 30 times a second
    CHECK(redraws >= 1);
    CHECK(redraws <= 31 * std::max<qint64>(ms, 1000) / 1000);
    CHECK(redraws < calls);
}

TEST_CASE("the live plot clamps the window, scales the current axis and ignores unknown channels", "[ui][plot]")
{
    LivePlot plot;
    CHECK(plot.windowSeconds() == 30);
    plot.setChannels({0, 3, 3, 9, 1}, true);
    CHECK(plot.channels() == QList<int>{1, 3});
    CHECK(plot.capacity() == 2 * LivePlot::kChannelCapacity);
    showSized(plot);

    auto* window = plot.findChild<QSpinBox*>(QStringLiteral("plotWindow"));
    REQUIRE(window != nullptr);
    plot.setWindowSeconds(1);
    CHECK(plot.windowSeconds() == 5);
    CHECK(window->value() == 5);
    plot.setWindowSeconds(1000);
    CHECK(plot.windowSeconds() == 300);
    window->setValue(60);
    CHECK(plot.windowSeconds() == 60);
    auto* axisX = qobject_cast<QValueAxis*>(plot.chart()->axes(Qt::Horizontal).value(0));
    auto* axisY = qobject_cast<QValueAxis*>(plot.chart()->axes(Qt::Vertical).value(0));
    REQUIRE(axisX != nullptr);
    REQUIRE(axisY != nullptr);
    CHECK(axisX->min() == Approx(-60.0));
    CHECK(axisX->max() == Approx(0.0));

    // Pulses of channels not plotted are ignored.
    plot.addPulses(steadyPulses({2, 9}, 100, 0, 1'000'000, 5000, true));
    CHECK(plot.bufferedSamples() == 0);

    plot.addPulses(steadyPulses({1}, 100, 0, 2'000'000, 3000, true));
    redraw(plot);
    CHECK(axisY->min() == Approx(0.0));
    CHECK(axisY->max() == Approx(10.0)); // at least 0–10 mA
    plot.addPulses(steadyPulses({3}, 100, 2'000'000, 3'000'000, 42'000, true));
    redraw(plot);
    CHECK(axisY->max() >= 42.0 * 1.05);
    CHECK(axisY->max() <= 60.0);

    plot.clear();
    CHECK(plot.bufferedSamples() == 0);
    redraw(plot);
    CHECK(plot.pointsOnScreen() == 0);
    CHECK(axisY->max() == Approx(10.0));
}

TEST_CASE("a hidden live plot buffers without redrawing and catches up when shown", "[ui][plot]")
{
    LivePlot plot;
    plot.setChannels({1}, true);
    showSized(plot);
    plot.addPulses(steadyPulses({1}, 200, 0, 1'000'000, 4000, true));
    REQUIRE(galvani::test::waitUntil([&] { return plot.pointsOnScreen() > 0; }));
    plot.hide();
    const qint64 redrawsBefore = plot.redraws();
    plot.addPulses(steadyPulses({1}, 200, 1'000'000, 2'000'000, 9000, true));
    QElapsedTimer spell;
    spell.start();
    galvani::test::waitUntil([&] { return spell.elapsed() >= 150; });
    CHECK(plot.redraws() == redrawsBefore);
    CHECK(plot.bufferedSamples() == 400);
    plot.show();
    REQUIRE(galvani::test::waitUntil([&] { return plot.redraws() > redrawsBefore; }));
    CHECK(*maxY(seriesNamed(plot.chart(), QStringLiteral("Ch 1 delivered"))) == Approx(9.0));
}

TEST_CASE("the plot's controls leave Space and Esc to the run screen's STOP shortcut", "[ui][plot]")
{
    LivePlot plot;
    plot.setChannels({1, 2}, true);
    showSized(plot);
    auto* window = plot.findChild<QSpinBox*>(QStringLiteral("plotWindow"));
    REQUIRE(window != nullptr);
    for (auto key : {Qt::Key_Space, Qt::Key_Escape}) {
        QKeyEvent override(
            QEvent::ShortcutOverride, key, Qt::NoModifier, key == Qt::Key_Space ? QStringLiteral(" ") : QString());
        QApplication::sendEvent(window, &override);
        CHECK_FALSE(override.isAccepted());
    }
    // Digits still go to the spin box.
    QKeyEvent digit(QEvent::ShortcutOverride, Qt::Key_5, Qt::NoModifier, QStringLiteral("5"));
    QApplication::sendEvent(window, &digit);
    CHECK(digit.isAccepted());
    // The picture takes no focus: Tab walks the check boxes, the window and Freeze.
    CHECK(plot.chart() != nullptr);
    CHECK(plot.findChild<QWidget*>(QStringLiteral("plotChart"))->focusPolicy() == Qt::NoFocus);
}
