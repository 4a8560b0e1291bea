// SPDX-License-Identifier: GPL-3.0-or-later
// TelemetryAccumulator: per-second delivered-current summaries and per-channel totals from pulse samples.
#include "app/session/TelemetryAccumulator.h"

#include <catch2/catch.hpp>

#include <cmath>

using galvani::app::PulseSample;
using galvani::app::TelemetryAccumulator;

namespace {

constexpr qint64 kStartUs = 5'000'000; // the device clock's time at the start of the segment

// `count` pulses at `hz` from `fromUs` (session time), commanded `ua`, measured `ua + offset` (or unmeasured).
void pulses(TelemetryAccumulator& acc, int channel, qint64 fromUs, int count, double hz, qint64 ua,
    std::optional<qint64> offset)
{
    const auto period = static_cast<qint64>(1e6 / hz);
    for (int i = 0; i < count; ++i) {
        acc.add(PulseSample{
            kStartUs + fromUs + i * period, channel, ua, offset ? std::optional<qint64>(ua + *offset) : std::nullopt});
    }
}

} // namespace

TEST_CASE("Summaries cover each second once, with min, mean and max of the measured current", "[app][session]")
{
    TelemetryAccumulator acc;
    acc.addChannel(1, 360.0);
    acc.beginSegment(kStartUs, 0);
    pulses(acc, 1, 0, 50, 100.0, 10'000, -100); // first half of second 0
    pulses(acc, 1, 500'000, 50, 100.0, 10'000, 100); // second half
    pulses(acc, 1, 1'000'000, 10, 100.0, 12'000, 0); // start of second 1

    // Second 0 is not settled until kSettleUs after its end.
    REQUIRE(acc.takeSettledSeconds(kStartUs + 1'000'000 + TelemetryAccumulator::kSettleUs - 1).isEmpty());
    const auto settled = acc.takeSettledSeconds(kStartUs + 1'000'000 + TelemetryAccumulator::kSettleUs);
    REQUIRE(settled.size() == 1);
    const auto& s0 = settled.first();
    REQUIRE(s0.channel == 1);
    REQUIRE(s0.secondIndex == 0);
    REQUIRE(s0.samples == 100);
    REQUIRE(s0.commandedUa == 10'000);
    REQUIRE(s0.measuredMinUa == 9'900);
    REQUIRE(s0.measuredMaxUa == 10'100);
    REQUIRE(s0.measuredMeanUa == 10'000);
    // Taken seconds are not returned again; a late sample for one counts in the totals only.
    REQUIRE(acc.takeSettledSeconds(kStartUs + 1'000'000 + TelemetryAccumulator::kSettleUs).isEmpty());
    acc.add(PulseSample{kStartUs + 999'000, 1, 10'000, 10'000});
    REQUIRE(acc.lateSamples() == 1);

    const auto rest = acc.takeAllSeconds();
    REQUIRE(rest.size() == 1);
    REQUIRE(rest.first().secondIndex == 1);
    REQUIRE(rest.first().commandedUa == 12'000);
    REQUIRE(acc.takeAllSeconds().isEmpty());
}

TEST_CASE("Delivered charge is the sum of |I| times the phase-charge time of each pulse", "[app][session]")
{
    TelemetryAccumulator acc;
    acc.addChannel(1, 360.0); // symmetric biphasic, 180 µs phases
    acc.addChannel(2, 250.0); // monophasic, 250 µs
    acc.beginSegment(kStartUs, 0);
    pulses(acc, 1, 0, 100, 100.0, 10'000, 0); // measured: 100 · 10 mA · 360 µs = 360 µC
    pulses(acc, 2, 0, 20, 2.0, 8'000, std::nullopt); // commanded only: 20 · 8 mA · 250 µs = 40 µC
    acc.add(PulseSample{kStartUs + 10, 3, 50'000, std::nullopt}); // not a channel of the session: ignored

    const auto totals = acc.totals();
    REQUIRE(totals.size() == 2);
    REQUIRE(totals.at(0).channel == 1);
    REQUIRE(totals.at(0).maxAmplitudeUa == 10'000);
    REQUIRE(totals.at(0).chargeUc == Approx(360.0));
    REQUIRE(totals.at(1).chargeUc == Approx(40.0));
    // Measured current, not commanded, when the device measures: a weak delivery counts as delivered.
    acc.add(PulseSample{kStartUs + 2'000'000, 1, 10'000, 5'000});
    REQUIRE(acc.totals().at(0).chargeUc == Approx(360.0 + 5'000 * 360e-6));
    // A command whose pulses a stop overtook still counts for the maximum amplitude, never for the charge.
    acc.noteCommanded(1, 10'500);
    acc.noteCommanded(3, 90'000); // not a channel of the session
    REQUIRE(acc.totals().at(0).maxAmplitudeUa == 10'500);
    REQUIRE(acc.totals().size() == 2);
    // The stored totals are whole µC rounded down, so they never run ahead of what was delivered.
    const auto records = acc.totalsRecords();
    REQUIRE(records.at(0).chargeUc == 361);
    REQUIRE(records.at(1).chargeUc == 40);

    const auto seconds = acc.takeAllSeconds();
    for (const auto& s : seconds) {
        if (s.channel == 2) {
            REQUIRE_FALSE(s.measuredMeanUa.has_value()); // commanded values only
        }
    }
}

TEST_CASE("A resumed segment continues the session's seconds without overlap", "[app][session]")
{
    TelemetryAccumulator acc;
    acc.addChannel(1, 360.0);
    acc.beginSegment(kStartUs, 0);
    pulses(acc, 1, 0, 150, 100.0, 4'000, 0); // 1.5 s
    const auto first = acc.takeAllSeconds(); // paused: seconds 0 and 1 closed
    REQUIRE(first.size() == 2);
    // Resumed 10 s later on the device clock, after 1.5 s of stimulation, anchored on the next whole second.
    const qint64 resumeUs = kStartUs + 10'000'000;
    acc.beginSegment(resumeUs, 2'000'000);
    acc.add(PulseSample{resumeUs + 100, 1, 4'000, 4'000});
    acc.add(PulseSample{resumeUs + 1'200'000, 1, 4'000, 4'000});
    const auto second = acc.takeAllSeconds();
    REQUIRE(second.size() == 2);
    REQUIRE(second.at(0).secondIndex == 2);
    REQUIRE(second.at(1).secondIndex == 3);
    REQUIRE(acc.lateSamples() == 0);
}
