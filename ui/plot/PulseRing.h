// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <algorithm>
#include <vector>

namespace galvani::ui::plot {

// One buffered pulse of one channel, packed to 16 bytes so the live plot's history stays small. Units: timeUs in
// monotonic µs (app::PulseSample::timeUs), currents in µA; measuredUa is kNotMeasured when the device did not
// measure it.
struct BufferedPulse {
    static constexpr qint32 kNotMeasured = -2147483647 - 1;
    qint64 timeUs = 0;
    qint32 commandedUa = 0;
    qint32 measuredUa = kNotMeasured;

    [[nodiscard]] bool measured() const { return measuredUa != kNotMeasured; }
};

// A fixed-capacity ring of one channel's pulses, oldest first: when full, a new pulse overwrites the oldest, so its
// memory never grows. Times are kept non-decreasing (a pulse stamped earlier than the newest one is stored at the
// newest time) so that windows can be found by binary search. Thread affinity: none (the GUI thread uses it).
// Ownership: a value.
class PulseRing {
public:
    explicit PulseRing(qsizetype capacity = 0);

    void push(const BufferedPulse& pulse);
    void clear();

    [[nodiscard]] qsizetype size() const { return m_size; }
    [[nodiscard]] qsizetype capacity() const { return static_cast<qsizetype>(m_slots.size()); }
    [[nodiscard]] bool isEmpty() const { return m_size == 0; }
    // i = 0 is the oldest pulse held; requires 0 <= i < size().
    [[nodiscard]] const BufferedPulse& at(qsizetype i) const;
    [[nodiscard]] qint64 newestTimeUs() const; // requires !isEmpty()
    // The index of the first pulse at or after timeUs (size() when there is none).
    [[nodiscard]] qsizetype lowerBound(qint64 timeUs) const;
    // Calls visit(const BufferedPulse&) for pulses begin..end-1, oldest first, walking the storage in at most two
    // contiguous pieces (no index arithmetic per pulse: the 300 s window holds 60 000 pulses a channel).
    template <typename Visit>
    void forEach(qsizetype begin, qsizetype end, Visit&& visit) const
    {
        if (begin < 0 || end > m_size || begin >= end) {
            return;
        }
        const qsizetype cap = capacity();
        const qsizetype start = (m_head + begin) % cap;
        const qsizetype count = end - begin;
        const qsizetype firstPiece = std::min(count, cap - start);
        const BufferedPulse* data = m_slots.data();
        for (const BufferedPulse* p = data + start; p != data + start + firstPiece; ++p) {
            visit(*p);
        }
        for (const BufferedPulse* p = data; p != data + (count - firstPiece); ++p) {
            visit(*p);
        }
    }

private:
    std::vector<BufferedPulse> m_slots;
    qsizetype m_head = 0; // slot of the oldest pulse
    qsizetype m_size = 0;
};

} // namespace galvani::ui::plot
