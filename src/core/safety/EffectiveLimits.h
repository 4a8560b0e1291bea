// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/HardwareCaps.h"
#include "core/domain/Waveform.h"
#include "core/safety/Caps.h"
#include "core/units/Units.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace galvani::core::safety {

// A limit value and the layer that set it (the binding layer).
template <typename T>
struct Bound {
    T value{};
    LimitSource source{};
};

// The effective limits of one channel: each field the most restrictive value over all layers applied so far.
// Units as in Caps.
struct ChannelLimits {
    Bound<Microamps> amplitudeMax;
    Bound<Microamps> rmsCurrentMax;
    Bound<Microamps> meanCurrentMax;
    Bound<Microamps> biphasicResidualDcMax;
    Bound<Microjoules> energyPerPulseMax;
    Bound<Millivolts> peakVoltageMax;
    Bound<Ohms> loadResistance;
    Bound<std::optional<SquareCentimetres>> electrodeArea; // nullopt until a placement is applied
    Bound<MilliwattsPerSquareCentimetre> powerDensityMax;
    Bound<MicroampsPerSquareCentimetre> dcCurrentDensityMax;
    Bound<MicroampsPerSquareCentimetre> currentDensityWarning;
    Bound<Microseconds> phaseWidthMin;
    Bound<Microseconds> phaseWidthMax;
    Bound<Hertz> frequencyMin;
    Bound<Hertz> frequencyMax;
    Bound<Hertz> carrierFrequencyMin;
    Bound<Hertz> carrierFrequencyMax;
    Bound<Hertz> burstRateMin;
    Bound<Microseconds> rampTimeMax;
    Bound<MicroampsPerSecond> rampRateMax;
    Bound<Microamps> amplitudeStepMax;
    Bound<Microseconds> sessionDurationMin;
    Bound<Microseconds> sessionDurationMax;
    Bound<Microseconds> contractionOnMin;
    Bound<Microseconds> contractionOffMin;
    std::array<Bound<bool>, kAllWaveformKinds.size()> waveformAllowed{};
    Bound<bool> pulseBursts;
    Bound<bool> carrierBursts;

    [[nodiscard]] const Bound<bool>& allows(WaveformKind k) const
    {
        return waveformAllowed[static_cast<std::size_t>(k)];
    }
    // The waveforms still allowed, for messages.
    [[nodiscard]] WaveformSet allowedWaveforms() const;
};

// EffectiveLimits = element-wise most restrictive combination of the clinical limits (always present), the
// hardware caps, each channel's calibration, the clinic policy and each channel's placement. Layers can only
// tighten, never loosen, so the order of application does not matter and a later layer cannot undo an earlier
// one. Every field remembers which layer binds it, for messages such as "(limited by calibration of channel 3)".
// A cap that is itself invalid (NaN, negative, a per-channel layer setting a programme-wide field, an unknown
// channel) is not applied but recorded in problems(); the guard refuses every programme while there are problems.
// Thread affinity: value type; build it on one thread, then share copies or const references freely.
class EffectiveLimits {
public:
    // The clinical layer for channels 1..channelCount (1..kMaxChannelCount; anything else is a problem).
    explicit EffectiveLimits(int channelCount);
    // The clinical layer plus the hardware layer of a device.
    [[nodiscard]] static EffectiveLimits forDevice(const HardwareCaps& hw);

    void tighten(LimitLayer layer, const Caps& caps); // every channel
    void tighten(LimitLayer layer, int channel, const Caps& caps); // one channel (1-based)

    void applyHardware(const HardwareCaps& hw) { tighten(LimitLayer::Hardware, capsOf(hw)); }
    void applyClinicPolicy(const Caps& caps) { tighten(LimitLayer::ClinicPolicy, caps); }
    void applyCalibration(int channel, const CalibrationCaps& cal)
    {
        tighten(LimitLayer::Calibration, channel, capsOf(cal));
    }
    void applyPlacement(int channel, const PlacementCaps& p) { tighten(LimitLayer::Placement, channel, capsOf(p)); }

    [[nodiscard]] const Bound<int>& channelCount() const { return m_channelCount; }
    // nullptr unless 1 ≤ index ≤ channelCount().value.
    [[nodiscard]] const ChannelLimits* channel(int index) const;
    [[nodiscard]] const Bound<std::optional<Microcoulombs>>& chargeDoseMax() const { return m_chargeDoseMax; }
    [[nodiscard]] const std::vector<std::string>& problems() const { return m_problems; }

private:
    void tightenChannel(ChannelLimits& limits, const Caps& caps, LimitSource source);
    // Copies caps without the fields that are invalid, recording each in m_problems.
    Caps sanitised(const Caps& caps, LimitSource source, bool perChannel);

    Bound<int> m_channelCount;
    Bound<std::optional<Microcoulombs>> m_chargeDoseMax;
    std::vector<ChannelLimits> m_channels;
    std::vector<std::string> m_problems;
};

} // namespace galvani::core::safety
