// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Clock.h"

#include <QTimer>

#include <chrono>
#include <cstdint>
#include <deque>
#include <vector>

namespace galvani::device {
class Transport;
}

namespace galvani::device::sim {

// The device's transmit side: frames leave in the order they were queued, each not before its due
// time. Due times come from three rules:
//  - a reply may be held back (the ack-delay fault, or a low-level ack that follows its pulse);
//  - an unsolicited frame and a reply are never written closer together than the switch gap
//    (ScienceMode2 §9.7: hosts that keep only the last frame of a read must not lose an ack to a
//    StimulationError or an Init beacon);
//  - a frame is never due before the frame queued ahead of it (one reply per request, in order).
// Frames that are due are written at once, without a timer round trip; a frame that is not yet due
// is never written early (no slack: a host must not see an ack before its pulse has ended).
// Thread affinity: the simulator's thread (owns a QTimer). Does not own the transport or the clock.
class OutgoingQueue {
public:
    enum class Kind : std::uint8_t { Reply, Unsolicited };
    enum class Tag : std::uint8_t { None, Beacon };

    // clock: the simulator's time source (due times and notBefore are its monotonic ns); not owned,
    // must outlive the queue.
    OutgoingQueue(Transport& link, const core::Clock& clock);

    void setSwitchGap(std::chrono::milliseconds gap) { m_switchGap = gap; }
    void setReplyDelay(std::chrono::milliseconds delay) { m_replyDelay = delay; }
    [[nodiscard]] std::chrono::milliseconds replyDelay() const { return m_replyDelay; }

    // Queues a frame. notBefore: the clock's monotonic time before which it must not leave.
    void send(std::vector<std::uint8_t> frame, Kind kind, Tag tag = Tag::None,
        std::chrono::nanoseconds notBefore = std::chrono::nanoseconds{0});
    // Drops queued frames with this tag (Init beacons once the host has answered).
    void cancel(Tag tag);
    // Drops everything queued (the link closed).
    void clear();
    [[nodiscard]] std::size_t pending() const { return m_queue.size(); }
    [[nodiscard]] std::uint64_t framesWritten() const { return m_written; }

private:
    struct Item {
        std::chrono::nanoseconds due{0};
        std::vector<std::uint8_t> frame;
        Kind kind = Kind::Reply;
        Tag tag = Tag::None;
    };

    void pump();
    [[nodiscard]] std::chrono::nanoseconds now() const { return m_clock.monotonic(); }

    Transport& m_link;
    const core::Clock& m_clock;
    QTimer m_timer;
    std::deque<Item> m_queue;
    std::chrono::milliseconds m_switchGap{0};
    std::chrono::milliseconds m_replyDelay{0};
    bool m_hasLast = false;
    Kind m_lastKind = Kind::Reply;
    std::chrono::nanoseconds m_lastWrite{0};
    std::uint64_t m_written = 0;
};

} // namespace galvani::device::sim
