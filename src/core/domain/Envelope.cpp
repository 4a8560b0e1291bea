// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/domain/Envelope.h"

namespace galvani::core {

Checked<Microseconds> Envelope::activePerCycle() const
{
    const auto upOn = checkedSum(m_rampUp, m_on);
    if (!upOn) {
        return upOn;
    }
    return checkedSum(upOn.value(), m_rampDown);
}

Checked<Microseconds> Envelope::cycle() const
{
    const auto active = activePerCycle();
    if (!active) {
        return active;
    }
    return checkedSum(active.value(), m_off);
}

} // namespace galvani::core
