// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/sim/OutgoingQueue.h"

#include "device/transport/Transport.h"

#include <QByteArray>

#include <algorithm>

namespace galvani::device::sim {
namespace {

// Frames due within this much are written now: a timer cannot do better than a millisecond.
constexpr std::chrono::microseconds kDueSlack{500};

} // namespace

OutgoingQueue::OutgoingQueue(Transport& link) : m_link(link)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { pump(); });
}

std::chrono::nanoseconds OutgoingQueue::now()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch());
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
    auto t = now();
    while (!m_queue.empty() && m_queue.front().due <= t + kDueSlack) {
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
    const auto wait = std::chrono::ceil<std::chrono::milliseconds>(m_queue.front().due - t);
    m_timer.start(std::max<std::chrono::milliseconds>(wait, std::chrono::milliseconds(0)));
}

} // namespace galvani::device::sim
