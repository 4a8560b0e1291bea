// SPDX-License-Identifier: GPL-3.0-or-later
#include "SafetyTestSupport.h"

#include "core/safety/ClinicalLimits.h"
#include "core/safety/EffectiveLimits.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>

using namespace galvani::core;
using namespace galvani::core::safety;

namespace {

const LimitSource kClinical{LimitLayer::Clinical, 0};
const LimitSource kHardware{LimitLayer::Hardware, 0};
const LimitSource kPolicy{LimitLayer::ClinicPolicy, 0};

HardwareCaps device()
{
    HardwareCaps hw;
    hw.channels = 4;
    hw.currentMax = Microamps(80'000);
    hw.pulseWidthMin = Microseconds(20);
    hw.pulseWidthMax = Microseconds(1'000);
    hw.frequencyMin = Hertz(1.0);
    hw.frequencyMax = Hertz(120.0);
    hw.carrierFrequencyMin = Hertz(2'000.0);
    hw.carrierFrequencyMax = Hertz(4'000.0);
    hw.waveforms = WaveformSet{}.add(WaveformKind::SymmetricBiphasic).add(WaveformKind::SineCarrier);
    hw.pulseBursts = true;
    hw.carrierBursts = false;
    hw.outputVoltageMax = Millivolts(150'000);
    return hw;
}

} // namespace

TEST_CASE("The clinical layer alone binds every field", "[core][safety]")
{
    const EffectiveLimits limits(8);
    CHECK(limits.problems().empty());
    CHECK(limits.channelCount().value == 8);
    REQUIRE(limits.channel(8) != nullptr);
    CHECK(limits.channel(0) == nullptr);
    CHECK(limits.channel(9) == nullptr);
    const auto& l = *limits.channel(1);
    CHECK(l.amplitudeMax.value == kPeakCurrentDesignCap);
    CHECK(l.amplitudeMax.source == kClinical);
    CHECK(l.rmsCurrentMax.value == kRmsCurrentLimit);
    CHECK(l.energyPerPulseMax.value == kEnergyPerPulseLimit);
    CHECK(l.peakVoltageMax.value == kPeakVoltageLimit);
    CHECK(l.loadResistance.value == kReferenceLoad);
    CHECK(l.powerDensityMax.value == kPowerDensityLimit);
    CHECK(l.biphasicResidualDcMax.value == kBiphasicResidualDcLimit);
    CHECK(l.meanCurrentMax.value == kDcCurrentStandardLimit);
    CHECK(l.dcCurrentDensityMax.value == kDcCurrentDensityLimit);
    CHECK(l.currentDensityWarning.value == kCurrentDensityWarning);
    CHECK(l.rampRateMax.value == kRampRateLimit);
    CHECK(l.amplitudeStepMax.value == kAmplitudeStepLimit);
    CHECK(l.sessionDurationMin.value == kSessionDurationMin);
    CHECK(l.sessionDurationMax.value == kSessionDurationMax);
    CHECK(l.contractionOnMin.value == kContractionOnMin);
    CHECK(l.contractionOffMin.value == kContractionOffMin);
    CHECK(l.frequencyMin.value == kPulseRateMin);
    CHECK(l.carrierFrequencyMax.value == kCarrierFrequencyMax);
    CHECK_FALSE(l.electrodeArea.value.has_value());
    CHECK(l.allowedWaveforms() == WaveformSet::all());
    CHECK(l.pulseBursts.value);
    CHECK(l.carrierBursts.value);
    CHECK_FALSE(limits.chargeDoseMax().value.has_value());
}

TEST_CASE("Each field takes the most restrictive layer and remembers it", "[core][safety]")
{
    EffectiveLimits limits = EffectiveLimits::forDevice(device());
    limits.applyCalibration(3, CalibrationCaps{Microamps(60'000)});
    Caps policy;
    policy.amplitudeMax = Microamps(70'000);
    policy.phaseWidthMin = Microseconds(15); // looser than the hardware's 20 µs: no effect
    policy.frequencyMax = Hertz(100.0);
    policy.rmsCurrentMax = Microamps(60'000); // looser than the clinical 50 mA: no effect
    policy.chargeDoseMax = Microcoulombs(1.0e6);
    limits.applyClinicPolicy(policy);
    limits.applyPlacement(2, PlacementCaps{SquareCentimetres(20.0), Ohms(1'200)});
    limits.applyPlacement(
        2, PlacementCaps{SquareCentimetres(30.0), Ohms(800)}); // a looser second record changes nothing
    REQUIRE(limits.problems().empty());

    const auto& c1 = *limits.channel(1);
    const auto& c2 = *limits.channel(2);
    const auto& c3 = *limits.channel(3);
    CHECK(c1.amplitudeMax.value == Microamps(70'000));
    CHECK(c1.amplitudeMax.source == kPolicy);
    CHECK(c3.amplitudeMax.value == Microamps(60'000));
    CHECK(c3.amplitudeMax.source == (LimitSource{LimitLayer::Calibration, 3}));
    CHECK(c3.amplitudeMax.source.describe() == "calibration of channel 3");
    CHECK(c1.phaseWidthMin.value == Microseconds(20));
    CHECK(c1.phaseWidthMin.source == kHardware);
    CHECK(c1.phaseWidthMax.value == Microseconds(1'000));
    CHECK(c1.frequencyMin.value == Hertz(1.0));
    CHECK(c1.frequencyMax.value == Hertz(100.0));
    CHECK(c1.frequencyMax.source == kPolicy);
    CHECK(c1.rmsCurrentMax.value == kRmsCurrentLimit);
    CHECK(c1.rmsCurrentMax.source == kClinical);
    CHECK(c1.peakVoltageMax.value == Millivolts(150'000));
    CHECK(c1.peakVoltageMax.source == kHardware);
    CHECK(c1.carrierFrequencyMin.value == kCarrierFrequencyMin); // 2.5 kHz beats the hardware's 2 kHz
    CHECK(c1.carrierFrequencyMax.value == Hertz(4'000.0));

    CHECK(c2.electrodeArea.value == SquareCentimetres(20.0));
    CHECK(c2.electrodeArea.source.describe() == "placement on channel 2");
    CHECK(c2.loadResistance.value == Ohms(1'200));
    CHECK_FALSE(c1.electrodeArea.value.has_value());
    CHECK(c1.loadResistance.value == kReferenceLoad);

    CHECK(c1.allows(WaveformKind::SymmetricBiphasic).value);
    CHECK_FALSE(c1.allows(WaveformKind::Monophasic).value);
    CHECK(c1.allows(WaveformKind::Monophasic).source == kHardware);
    CHECK(c1.allowedWaveforms().describe() == "symmetric biphasic, sine carrier");
    CHECK(c1.pulseBursts.value);
    CHECK_FALSE(c1.carrierBursts.value);
    CHECK(c1.carrierBursts.source == kHardware);

    CHECK(limits.channelCount().value == 4);
    CHECK(limits.channel(4) != nullptr);
    CHECK(limits.channel(5) == nullptr);
    REQUIRE(limits.chargeDoseMax().value.has_value());
    CHECK(*limits.chargeDoseMax().value == Microcoulombs(1.0e6));
    CHECK(limits.chargeDoseMax().source == kPolicy);
}

TEST_CASE("Layers only tighten, so their order does not matter", "[core][safety]")
{
    std::vector<std::function<void(EffectiveLimits&)>> layers{
        [](EffectiveLimits& l) { l.applyHardware(device()); },
        [](EffectiveLimits& l) { l.applyCalibration(1, CalibrationCaps{Microamps(65'000)}); },
        [](EffectiveLimits& l) {
            Caps c;
            c.amplitudeMax = Microamps(75'000);
            c.phaseWidthMax = Microseconds(800);
            c.frequencyMin = Hertz(2.0);
            c.rampRateMax = MicroampsPerSecond(150'000);
            c.sessionDurationMax = minutes(60);
            c.waveforms = WaveformSet{}.add(WaveformKind::SymmetricBiphasic);
            l.applyClinicPolicy(c);
        },
        [](EffectiveLimits& l) {
            l.applyPlacement(1, PlacementCaps{SquareCentimetres(16.0), Ohms(900)});
        },
    };
    std::array<std::size_t, 4> order{0, 1, 2, 3};
    std::optional<ChannelLimits> first;
    do {
        EffectiveLimits l(4);
        for (auto i : order) {
            layers[i](l);
        }
        const auto& c = *l.channel(1);
        if (!first) {
            first = c;
            continue;
        }
        CHECK(c.amplitudeMax.value == first->amplitudeMax.value);
        CHECK(c.amplitudeMax.source == first->amplitudeMax.source);
        CHECK(c.phaseWidthMax.value == first->phaseWidthMax.value);
        CHECK(c.phaseWidthMin.value == first->phaseWidthMin.value);
        CHECK(c.frequencyMin.value == first->frequencyMin.value);
        CHECK(c.frequencyMax.value == first->frequencyMax.value);
        CHECK(c.rampRateMax.value == first->rampRateMax.value);
        CHECK(c.sessionDurationMax.value == first->sessionDurationMax.value);
        CHECK(c.loadResistance.value == first->loadResistance.value);
        CHECK(c.electrodeArea.value == first->electrodeArea.value);
        CHECK(c.allowedWaveforms() == first->allowedWaveforms());
        CHECK(l.channelCount().value == 4);
    } while (std::next_permutation(order.begin(), order.end()));
    CHECK(first->amplitudeMax.value == Microamps(65'000));
    CHECK(first->amplitudeMax.source.describe() == "calibration of channel 1");
    CHECK(first->allowedWaveforms().describe() == "symmetric biphasic");
}

TEST_CASE("Invalid caps are not applied but reported as problems", "[core][safety]")
{
    EffectiveLimits limits(4);
    Caps bad;
    bad.frequencyMax = Hertz(std::numeric_limits<double>::quiet_NaN());
    bad.amplitudeMax = Microamps(-1);
    bad.energyPerPulseMax = Microjoules(std::numeric_limits<double>::infinity());
    limits.applyClinicPolicy(bad);
    CHECK(limits.problems().size() == 3);
    CHECK(limits.channel(1)->frequencyMax.value == kPulseRateMax);
    CHECK(limits.channel(1)->amplitudeMax.value == kPeakCurrentDesignCap);

    limits.applyPlacement(2, PlacementCaps{SquareCentimetres(0.0), std::nullopt});
    CHECK(limits.problems().size() == 4);
    CHECK(limits.problems().back().find("placement on channel 2: electrode area") != std::string::npos);
    CHECK_FALSE(limits.channel(2)->electrodeArea.value.has_value());

    limits.applyCalibration(9, CalibrationCaps{Microamps(1)});
    CHECK(limits.problems().back() == "calibration of channel 9: there is no channel 9");

    Caps perChannel;
    perChannel.channelCount = 2;
    perChannel.chargeDoseMax = Microcoulombs(5.0);
    limits.tighten(LimitLayer::Placement, 1, perChannel);
    CHECK(limits.problems().size() == 7);
    CHECK(limits.channelCount().value == 4);
    CHECK_FALSE(limits.chargeDoseMax().value.has_value());

    Caps badCount;
    badCount.channelCount = kMaxChannelCount + 1;
    limits.applyClinicPolicy(badCount);
    CHECK(limits.problems().size() == 8);

    CHECK(EffectiveLimits(0).problems().size() == 1);
    CHECK(EffectiveLimits(0).channel(1) == nullptr);
    CHECK(EffectiveLimits(kMaxChannelCount + 1).problems().size() == 1);
    CHECK(EffectiveLimits(kMaxChannelCount).problems().empty());
}

TEST_CASE("A default hardware description allows nothing", "[core][safety]")
{
    const auto limits = EffectiveLimits::forDevice(HardwareCaps{});
    CHECK(limits.channelCount().value == 0);
    CHECK(limits.channel(1) == nullptr);
}
