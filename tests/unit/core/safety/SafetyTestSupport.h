// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared fixtures for the safety-kernel tests: standard limits with a recorded placement, and small builders for
// channel programmes.

#include "core/domain/Program.h"
#include "core/safety/EffectiveLimits.h"
#include "core/safety/SafetyGuard.h"

#include <catch2/catch.hpp>

namespace galvani::core::safety::test {

// A 5 × 9 cm pad (CLINICAL §1.2), the placement the standard fixtures assume.
inline constexpr SquareCentimetres kStandardPad{45.0};

// Clinical limits for `channels` channels, with a placement of `pad` on every channel.
inline EffectiveLimits standardLimits(int channels = 4, SquareCentimetres pad = kStandardPad)
{
    EffectiveLimits limits(channels);
    for (int ch = 1; ch <= channels; ++ch) {
        limits.applyPlacement(ch, PlacementCaps{pad, std::nullopt});
    }
    return limits;
}

inline Channel channel(int index)
{
    return *Channel::make(index, kMaxChannelCount);
}

// Symmetric biphasic 300 µs / 50 Hz at 20 mA, continuous, 1.5 s start ramp, 30 min: well inside every limit.
inline ChannelProgram baseChannel(int index = 1)
{
    return ChannelProgram{channel(index),
        PulseTrain::pulses(
            Waveform::symmetricBiphasic(), Hertz(50.0), Microseconds(300), Microseconds(0), Microamps(20'000)),
        Envelope::continuous(), Microseconds(1'500'000), minutes(30)};
}

inline Program programOf(std::initializer_list<ChannelProgram> channels)
{
    Program p;
    p.name = "test";
    p.channels.assign(channels.begin(), channels.end());
    return p;
}

inline Program programOf(const ChannelProgram& cp)
{
    return programOf({cp});
}

} // namespace galvani::core::safety::test
