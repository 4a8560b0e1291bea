// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/units/UnitConversions.h"
#include "core/units/Units.h"

namespace galvani::core {

// Amplitude envelope of a channel over time.
// Continuous (TENS, interferential): the train runs at full amplitude for the whole session (after the start ramp).
// Cycling (NMES, Russian): contractions repeat as ramp up → on (full-amplitude plateau) → ramp down → off (no
// output). Units: all times in µs. The FDA contraction rule (≥ 1 s on, ≥ 1 s off) and the ramp limits are checked
// by the safety kernel. Thread affinity: value type, any thread.
class Envelope {
public:
    [[nodiscard]] static constexpr Envelope continuous() { return Envelope(true, {}, {}, {}, {}); }
    [[nodiscard]] static constexpr Envelope cycling(
        Microseconds rampUp, Microseconds on, Microseconds rampDown, Microseconds off)
    {
        return Envelope(false, rampUp, on, rampDown, off);
    }

    [[nodiscard]] constexpr bool isContinuous() const { return m_continuous; }
    // Zero for a continuous envelope.
    [[nodiscard]] constexpr Microseconds rampUp() const { return m_rampUp; }
    [[nodiscard]] constexpr Microseconds on() const { return m_on; }
    [[nodiscard]] constexpr Microseconds rampDown() const { return m_rampDown; }
    [[nodiscard]] constexpr Microseconds off() const { return m_off; }

    // Ramp up + on + ramp down: the part of a cycle with output. Fails on negative parts or overflow.
    [[nodiscard]] Checked<Microseconds> activePerCycle() const;
    // Active part + off. Fails on negative parts or overflow.
    [[nodiscard]] Checked<Microseconds> cycle() const;

    constexpr bool operator==(const Envelope&) const = default;

private:
    constexpr Envelope(bool continuous, Microseconds rampUp, Microseconds on, Microseconds rampDown, Microseconds off)
        : m_continuous(continuous), m_rampUp(rampUp), m_on(on), m_rampDown(rampDown), m_off(off)
    {
    }
    bool m_continuous = true;
    Microseconds m_rampUp{0};
    Microseconds m_on{0};
    Microseconds m_rampDown{0};
    Microseconds m_off{0};
};

} // namespace galvani::core
