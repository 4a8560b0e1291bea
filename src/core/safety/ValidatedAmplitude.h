// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/units/Units.h"

namespace galvani::core::safety {

class SafetyGuard;

// A live amplitude change the guard accepted (CLINICAL §1.3): an absolute target ("set 24.5 mA", never "+1"), at
// most one step from the running amplitude, with the whole programme re-validated at the new amplitude. Only
// SafetyGuard can construct it. Units: currents in µA; minimumTransition in µs, the shortest time over which the
// device may make a rise without exceeding the ramp-rate limit (0 for a fall).
// Thread affinity: immutable value, any thread.
class ValidatedAmplitude {
public:
    [[nodiscard]] int channel() const { return m_channel; }
    [[nodiscard]] Microamps previous() const { return m_previous; }
    [[nodiscard]] Microamps target() const { return m_target; }
    [[nodiscard]] Microseconds minimumTransition() const { return m_minimumTransition; }

private:
    friend class SafetyGuard;
    ValidatedAmplitude(int channel, Microamps previous, Microamps target, Microseconds minimumTransition)
        : m_channel(channel), m_previous(previous), m_target(target), m_minimumTransition(minimumTransition)
    {
    }
    int m_channel;
    Microamps m_previous;
    Microamps m_target;
    Microseconds m_minimumTransition;
};

} // namespace galvani::core::safety
