// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plot/PulseRing.h"

#include <algorithm>

namespace galvani::ui::plot {

PulseRing::PulseRing(qsizetype capacity) : m_slots(static_cast<std::size_t>(std::max<qsizetype>(capacity, 0)))
{
}

void PulseRing::push(const BufferedPulse& pulse)
{
    if (m_slots.empty()) {
        return;
    }
    BufferedPulse stored = pulse;
    if (m_size > 0) {
        stored.timeUs = std::max(stored.timeUs, newestTimeUs());
    }
    const auto cap = capacity();
    if (m_size < cap) {
        m_slots[static_cast<std::size_t>((m_head + m_size) % cap)] = stored;
        ++m_size;
    } else {
        m_slots[static_cast<std::size_t>(m_head)] = stored;
        m_head = (m_head + 1) % cap;
    }
}

void PulseRing::clear()
{
    m_head = 0;
    m_size = 0;
}

const BufferedPulse& PulseRing::at(qsizetype i) const
{
    Q_ASSERT(i >= 0 && i < m_size);
    return m_slots[static_cast<std::size_t>((m_head + i) % capacity())];
}

qint64 PulseRing::newestTimeUs() const
{
    Q_ASSERT(m_size > 0);
    return at(m_size - 1).timeUs;
}

qsizetype PulseRing::lowerBound(qint64 timeUs) const
{
    qsizetype low = 0;
    qsizetype high = m_size;
    while (low < high) {
        const qsizetype mid = low + (high - low) / 2;
        if (at(mid).timeUs < timeUs) {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    return low;
}

} // namespace galvani::ui::plot
