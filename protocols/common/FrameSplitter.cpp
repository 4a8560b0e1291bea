// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocols/common/FrameSplitter.h"

#include "protocols/common/Stuffing.h"

#include <algorithm>
#include <type_traits>
#include <utility>

namespace galvani::proto {

FrameSplitter::FrameSplitter(std::size_t maxFrameLength)
    // A frame needs at least its two delimiters; a smaller limit would drop everything.
    : m_maxFrameLength(std::max<std::size_t>(maxFrameLength, 2))
{
    m_buffer.reserve(m_maxFrameLength);
}

template <typename Sink>
void FrameSplitter::run(std::span<const std::uint8_t> bytes, Sink&& sink)
{
    for (const std::uint8_t b : bytes) {
        bool delimiterAllowed = true;
        switch (m_state) {
        case State::Hunting:
            if (b == kStartByte) {
                m_buffer.clear();
                m_buffer.push_back(b);
                m_state = State::InFrame;
            } else {
                ++m_garbageBytes;
            }
            continue;
        case State::Escaped:
            // Opaque: whatever follows an escape byte is data, even F0 or 0F.
            m_state = State::InFrame;
            delimiterAllowed = false;
            break;
        case State::InFrame:
            if (b == kStartByte) {
                ++m_restarts;
                sink(DroppedFrame{RejectReason::FrameRestart, m_buffer.size()});
                m_buffer.clear();
                m_buffer.push_back(b);
                continue;
            }
            if (b == kEscapeByte) {
                m_state = State::Escaped;
            }
            break;
        }

        m_buffer.push_back(b);
        if (delimiterAllowed && b == kStopByte) {
            ++m_frames;
            sink(RawFrame{m_buffer});
            m_buffer.clear();
            m_state = State::Hunting;
        } else if (m_buffer.size() >= m_maxFrameLength) {
            // The stop byte would make it one longer than allowed: no valid frame can come of it.
            ++m_overlongDrops;
            sink(DroppedFrame{RejectReason::Overlong, m_buffer.size()});
            m_buffer.clear();
            m_state = State::Hunting;
        }
    }
}

void FrameSplitter::feed(std::span<const std::uint8_t> bytes, std::vector<SplitEvent>& out)
{
    run(bytes, [&out](auto&& event) { out.emplace_back(std::forward<decltype(event)>(event)); });
}

void FrameSplitter::feed(std::span<const std::uint8_t> bytes, std::vector<RawFrame>& out)
{
    run(bytes, [&out](auto&& event) {
        if constexpr (std::is_same_v<std::decay_t<decltype(event)>, RawFrame>) {
            out.push_back(std::forward<decltype(event)>(event));
        }
    });
}

std::optional<DroppedFrame> FrameSplitter::flush()
{
    if (m_state == State::Hunting) {
        return std::nullopt;
    }
    ++m_noStopDrops;
    DroppedFrame dropped{RejectReason::NoStop, m_buffer.size()};
    m_buffer.clear();
    m_state = State::Hunting;
    return dropped;
}

void FrameSplitter::reset()
{
    m_buffer.clear();
    m_state = State::Hunting;
    m_frames = 0;
    m_garbageBytes = 0;
    m_restarts = 0;
    m_overlongDrops = 0;
    m_noStopDrops = 0;
}

} // namespace galvani::proto
