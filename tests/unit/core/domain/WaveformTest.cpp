// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/domain/Waveform.h"

#include <catch2/catch.hpp>

#include <set>
#include <string>

using namespace galvani::core;

TEST_CASE("Waveform kinds and their properties", "[core][domain]")
{
    CHECK(Waveform::monophasic().kind() == WaveformKind::Monophasic);
    CHECK(Waveform::symmetricBiphasic().kind() == WaveformKind::SymmetricBiphasic);
    CHECK(Waveform::sineCarrier().kind() == WaveformKind::SineCarrier);
    const auto asym = Waveform::asymmetricBiphasic({Permille(250), Microseconds(1200)});
    CHECK(asym.kind() == WaveformKind::AsymmetricBiphasic);
    CHECK(asym.secondPhase().amplitudeRatio == Permille(250));
    CHECK(asym.secondPhase().width == Microseconds(1200));
    CHECK(asym.describe() == "asymmetric biphasic (second phase 25.0 % × 1200 µs)");

    CHECK(Waveform::monophasic().isPulsed());
    CHECK_FALSE(Waveform::monophasic().isBiphasic());
    CHECK(Waveform::symmetricBiphasic().isBiphasic());
    CHECK(asym.isBiphasic());
    CHECK_FALSE(Waveform::sineCarrier().isPulsed());
    CHECK_FALSE(Waveform::sineCarrier().isBiphasic());
    CHECK(Waveform::symmetricBiphasic().secondPhase() == SecondPhase{});

    std::set<std::string> names;
    for (auto k : kAllWaveformKinds) {
        names.insert(std::string(toString(k)));
    }
    CHECK(names.size() == kAllWaveformKinds.size());
}

TEST_CASE("WaveformSet adds, tests and describes members", "[core][domain]")
{
    WaveformSet s;
    CHECK(s.empty());
    CHECK(s.describe() == "none");
    s.add(WaveformKind::Monophasic).add(WaveformKind::SineCarrier);
    CHECK(s.contains(WaveformKind::Monophasic));
    CHECK_FALSE(s.contains(WaveformKind::SymmetricBiphasic));
    CHECK(s.contains(WaveformKind::SineCarrier));
    CHECK(s.describe() == "monophasic, sine carrier");
    for (auto k : kAllWaveformKinds) {
        CHECK(WaveformSet::all().contains(k));
    }
}
