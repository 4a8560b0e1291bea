// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The limit layers of a property-test case, and the oracle's own combination of them (see OracleLimits.cpp).

#include "core/domain/HardwareCaps.h"
#include "core/safety/Caps.h"
#include "core/safety/EffectiveLimits.h"

#include <array>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace galvani::core::safety::test {

// The layers a test applies, in the form the oracle reads them.
struct RawLayers {
    int constructedChannels = 4;
    std::optional<HardwareCaps> hardware;
    std::vector<std::pair<int, CalibrationCaps>> calibration;
    std::optional<Caps> policy;
    std::vector<std::pair<int, PlacementCaps>> placements;

    // The same layers through the kernel's API (clinical, hardware, calibration, policy, placement).
    [[nodiscard]] EffectiveLimits build() const;
};

// The oracle's own effective caps for one channel.
struct OracleCaps {
    std::int64_t amplitudeMax = 0;
    std::int64_t rmsMax = 0;
    std::int64_t meanMax = 0;
    std::int64_t residualMax = 0;
    double energyMax = 0.0; // µJ
    std::int64_t voltageMax = 0; // mV
    std::int64_t load = 0; // Ω
    std::optional<double> area; // cm²
    double powerMax = 0.0; // mW/cm²
    double dcDensityMax = 0.0; // µA/cm²
    double warnDensity = 0.0; // µA/cm²
    std::int64_t pwMin = 0;
    std::int64_t pwMax = 0;
    double fMin = 0.0;
    double fMax = 0.0;
    double cMin = 0.0;
    double cMax = 0.0;
    double burstRateMin = 0.0;
    std::int64_t rampTimeMax = 0;
    std::int64_t rampRateMax = 0;
    std::int64_t stepMax = 0;
    std::int64_t sessionMin = 0;
    std::int64_t sessionMax = 0;
    std::int64_t onMin = 0;
    std::int64_t offMin = 0;
    std::array<bool, 4> waveform{};
    bool pulseBursts = false;
    bool carrierBursts = false;
    LimitLayer amplitudeMaxLayer = LimitLayer::Clinical; // binding layer of amplitudeMax
    int amplitudeMaxChannel = 0;
};

// The caps per channel, the channel count, whether any cap was invalid, and the dose ceiling.
class OracleLimits {
public:
    explicit OracleLimits(const RawLayers& layers);
    [[nodiscard]] int channelCount() const { return m_channelCount; }
    [[nodiscard]] bool hasProblems() const { return m_problems; }
    [[nodiscard]] const std::optional<double>& dose() const { return m_dose; }
    // nullptr outside 1..channelCount().
    [[nodiscard]] const OracleCaps* caps(int channel) const;

private:
    int m_channelCount = 0;
    bool m_problems = false;
    std::optional<double> m_dose;
    std::vector<OracleCaps> m_caps; // index 0 = channel 1
};

} // namespace galvani::core::safety::test
