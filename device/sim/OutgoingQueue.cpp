// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/sim/OutgoingQueue.h"

#include "device/transport/Transport.h"

#include <QByteArray>

#include <algorithm>

namespace galvani::device::sim {
OutgoingQueue::OutgoingQueue(Transport& link, const core::Clock& clock) : m_link(link), m_clock(clock)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { pump(); });
}

void OutgoingQueue::send(std::vector<std::uint8_t> frame, Kind kind, Tag tag, std::chrono::nanoseconds notBefore)
{
    const auto t = now();
    auto due = std::max(notBefore, kind == Kind::Reply ? t + m_replyDelay : t);
    // The frame written (or queued) just before this one decides the switch gap and the order.
    bool hasPrevious = m_hasLast;
    Kind previousKind = m_lastKind;
    auto previousTime = m_lastWrite;
    if (!m_queue.empty()) {
        hasPrevious = true;
        previousKind = m_queue.back().kind;
        previousTime = m_queue.back().due;
        due = std::max(due, previousTime);
    }
    if (hasPrevious && previousKind != kind && m_switchGap.count() > 0) {
        due = std::max(due, previousTime + std::chrono::nanoseconds(m_switchGap));
    }
    m_queue.push_back(Item{due, std::move(frame), kind, tag});
    pump();
}

void OutgoingQueue::cancel(Tag tag)
{
    std::erase_if(m_queue, [tag](const Item& item) { return item.tag == tag; });
    if (m_queue.empty()) {
        m_timer.stop();
    }
}

void OutgoingQueue::clear()
{
    m_queue.clear();
    m_timer.stop();
    m_hasLast = false;
}

void OutgoingQueue::pump()
{
    // No frame leaves before its due time, not even by a fraction of a millisecond. Every due time
    // is a lower bound a real device honours: a low-level ack follows its pulse, the ack-delay fault
    // holds replies for its whole delay, and the switch gap is a minimum the host relies on
    // (ScienceMode2 §9.7). Writing "nearly due" frames early to save a timer round trip would let a
    // host see an ack before its pulse has ended, which hardware never does. The cost is on the late
    // side only: a frame due within the next millisecond waits for a 1 ms timer (the timer's
    // resolution), no more than a real device's USB serial bridge adds (its latency timer is 1 ms at
    // best). Frames that are due together still leave together, in this one call.
    auto t = now();
    while (!m_queue.empty() && m_queue.front().due <= t) {
        Item item = std::move(m_queue.front());
        m_queue.pop_front();
        const QByteArray bytes(
            reinterpret_cast<const char*>(item.frame.data()), static_cast<qsizetype>(item.frame.size()));
        m_link.write(bytes); // a closed link loses the frame, as a real line would
        ++m_written;
        m_hasLast = true;
        m_lastKind = item.kind;
        m_lastWrite = t;
        t = now();
    }
    if (m_queue.empty()) {
        m_timer.stop();
        return;
    }
    // Rounded up, on a precise timer: on the system clock (the timer's own) it does not fire before the
    // frame is due, so a frame is not pushed back by a second round; if it ever did, pump() re-arms.
    const auto wait = std::chrono::ceil<std::chrono::milliseconds>(m_queue.front().due - t);
    m_timer.start(std::max<std::chrono::milliseconds>(wait, std::chrono::milliseconds(0)));
}

} // namespace galvani::device::sim
