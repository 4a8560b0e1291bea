// SPDX-License-Identifier: GPL-3.0-or-later
// Pulse width in a device-measured calibration: the ScienceMode4 low level samples every pulse, so the procedure
// checks each point's first-phase width against the ±5 % tolerance, and a channel whose pulses are too wide fails
// and is locked like one whose current is off.
#include "CalibrationFixture.h"

#include "support/WaitUntil.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace galvani;
using app::CalibrationState;
using galvani::test::resultFor;

namespace {

app::CalibrationSummary calibrate(test::CalibrationFixture& f, const QString& url, QList<int> channels)
{
    auto began = f.service->begin(f.technician, test::CalibrationFixture::setup(url, std::move(channels)));
    INFO((began.ok() ? QString() : began.error().message).toStdString());
    REQUIRE(began.ok());
    auto procedure = std::move(began).value();
    test::runToEnd(*procedure);
    return procedure->summary();
}

} // namespace

TEST_CASE("A device-measured calibration checks every point's pulse width", "[app][calibration][procedure][width]")
{
    test::CalibrationFixture f;
    const auto set
        = static_cast<double>(test::CalibrationFixture::setup(QStringLiteral("sim:sciencemode4"), {1}).pulseWidthUs);
    const auto summary = calibrate(f, QStringLiteral("sim:sciencemode4?channels=8&width-error=2:+8%,3:-3%"), {1, 2, 3});
    INFO(summary.abortReason.toStdString());
    REQUIRE(summary.completed);

    // A true channel: every point's width within one sampling period (a few µs) of what was set.
    const auto& ch1 = resultFor(summary, 1);
    INFO(ch1.reason.toStdString());
    CHECK(ch1.passed);
    REQUIRE(ch1.points.size() == 6);
    for (const auto& p : ch1.points) {
        REQUIRE(p.measuredWidthUs);
        CHECK(std::fabs(*p.measuredWidthUs - set) <= 0.03 * set);
        CHECK_FALSE(p.measuredFrequencyHz); // low level: the host times each pulse, the device has no rate
        CHECK(p.failure.isEmpty());
    }

    // 8 % wide: out of the ±5 % band whatever the current; the fit cannot correct a width, so no as-left points.
    const auto& ch2 = resultFor(summary, 2);
    CHECK_FALSE(ch2.passed);
    INFO(ch2.reason.toStdString());
    CHECK(ch2.reason.contains(QStringLiteral("pulse width")));
    CHECK(ch2.reason.contains(QStringLiteral("allowed +-5 %")));
    REQUIRE_FALSE(ch2.points.isEmpty());
    REQUIRE(ch2.points.front().measuredWidthUs);
    CHECK(*ch2.points.front().measuredWidthUs == Approx(1.08 * set).margin(0.03 * set));
    CHECK_FALSE(ch2.points.front().passed);
    CHECK(std::fabs(ch2.points.front().errorUa()) <= ch2.points.front().toleranceUa); // the current was right
    for (const auto& p : ch2.points) {
        CHECK(p.phase == app::PointPhase::AsFound);
    }

    // 3 % narrow: within the band.
    CHECK(resultFor(summary, 3).passed);

    const auto locked = f.service->status(f.therapist, test::kSimulatorSerial, 2);
    REQUIRE(locked.ok());
    CHECK(locked->state == CalibrationState::Failed);
    CHECK(locked->locked);
    const auto fine = f.service->status(f.therapist, test::kSimulatorSerial, 3);
    REQUIRE(fine.ok());
    CHECK_FALSE(fine->locked);

    // The record says how the width was measured and carries each point's width.
    const auto history = f.service->history(f.technician, test::kSimulatorSerial, 2);
    REQUIRE(history.ok());
    REQUIRE_FALSE(history->isEmpty());
    const QString notes = history->back().notes;
    INFO(notes.toStdString());
    CHECK(notes.contains(QStringLiteral("pulse width: from the device's current samples")));
    CHECK(notes.contains(QStringLiteral(" width ")));
    CHECK(history->back().status == QStringLiteral("failed"));
}
