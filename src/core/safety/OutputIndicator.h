// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/PulseTrain.h"
#include "core/safety/EffectiveLimits.h"
#include "core/units/Units.h"

// The "output present" rule of IEC 60601-2-10 (CLINICAL §1.1): a channel able to put more than 10 mA rms, 10 V rms
// or 10 mJ per pulse into 1 kΩ must show output present (amber per channel from measured output, plus a hardware
// LED). Units: currents in µA, voltages in mV, energy in µJ. Thread affinity: pure functions, any thread.

namespace galvani::core::safety {

// An output level into some load, computed or measured.
struct OutputLevel {
    MicroampsReal rmsCurrent{0.0};
    MillivoltsReal rmsVoltage{0.0};
    Microjoules energyPerPulse{0.0};
};

// The level a (well-formed) train produces into a resistive load.
[[nodiscard]] OutputLevel outputLevelInto(const PulseTrain& train, Ohms load);

// True when any of the three quantities is above its threshold (strictly: exactly 10 mA rms does not require it).
// Pass a level into 1 kΩ (kIndicatorLoad); for measured output, the measured figures.
[[nodiscard]] bool exceedsIndicatorThreshold(const OutputLevel& levelInto1k);

// Whether this train, delivered into 1 kΩ, requires the indicator.
[[nodiscard]] bool outputIndicatorRequired(const PulseTrain& train);

// Whether a channel is *able* to exceed a threshold within its effective limits (the rule is about capability):
// its rms cannot exceed min(rms cap, peak cap); its energy per pulse at 1 kΩ cannot exceed the energy cap scaled
// from the assumed load to 1 kΩ (same current, energy ∝ R), nor, for pulses, peak² · 1 kΩ · two widest phases.
[[nodiscard]] bool channelCanExceedIndicatorThreshold(const ChannelLimits& limits);

} // namespace galvani::core::safety
