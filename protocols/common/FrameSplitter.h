// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocols/common/Reject.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <variant>
#include <vector>

namespace galvani::proto {

// One complete frame as received: the wire bytes from the start byte F0 to the stop byte 0F inclusive,
// still escaped (checksums are computed over the escaped form).
struct RawFrame {
    std::vector<std::uint8_t> bytes;
    friend bool operator==(const RawFrame&, const RawFrame&) = default;
};

// A partial frame the splitter threw away: reason FrameRestart (unescaped F0 inside a frame), Overlong
// (exceeded the maximum frame length) or NoStop (flush() inside a frame). length = bytes dropped.
struct DroppedFrame {
    RejectReason reason = RejectReason::FrameRestart;
    std::size_t length = 0;
    friend bool operator==(const DroppedFrame&, const DroppedFrame&) = default;
};

using SplitEvent = std::variant<RawFrame, DroppedFrame>;

// Streaming frame delimiter for the ScienceMode framings (SM2, SM3, SM4). Feed it any chunking of a
// byte stream; it yields the same frames in the same order whether the stream arrives whole, byte by
// byte or in random pieces. Rules (SCIENCEMODE2.md §2, SCIENCEMODE4.md §2):
//  - outside a frame every byte other than F0 is garbage: skipped and counted;
//  - inside a frame the byte after an 81 is opaque (header bytes may equal F0/0F/81 on the wire);
//  - an unescaped 0F ends the frame; an unescaped F0 drops the partial frame and starts a new one;
//  - a frame longer than maxFrameLength (wire bytes incl. F0 and 0F) is dropped when it exceeds it;
//    the bytes up to the next F0 then count as garbage.
// It does not check headers, lengths or checksums: that is the protocol codec's job.
// Thread affinity: none, but one instance must be used by one thread at a time (it holds the
// partial frame). Owns its buffer.
class FrameSplitter {
public:
    explicit FrameSplitter(std::size_t maxFrameLength);

    // Appends complete frames and dropped partial frames, in stream order.
    void feed(std::span<const std::uint8_t> bytes, std::vector<SplitEvent>& out);
    // Convenience: complete frames only (drops are still counted).
    void feed(std::span<const std::uint8_t> bytes, std::vector<RawFrame>& out);

    // End of stream or inter-byte timeout: discards a partial frame and reports it as NoStop.
    [[nodiscard]] std::optional<DroppedFrame> flush();
    // Forget the partial frame and the counters.
    void reset();

    [[nodiscard]] bool inFrame() const { return m_state != State::Hunting; }
    [[nodiscard]] std::size_t pendingBytes() const { return m_buffer.size(); }
    [[nodiscard]] std::size_t maxFrameLength() const { return m_maxFrameLength; }

    [[nodiscard]] std::uint64_t frames() const { return m_frames; }
    [[nodiscard]] std::uint64_t garbageBytes() const { return m_garbageBytes; }
    [[nodiscard]] std::uint64_t restarts() const { return m_restarts; }
    [[nodiscard]] std::uint64_t overlongDrops() const { return m_overlongDrops; }
    [[nodiscard]] std::uint64_t noStopDrops() const { return m_noStopDrops; }

private:
    enum class State : std::uint8_t { Hunting, InFrame, Escaped };

    template <typename Sink>
    void run(std::span<const std::uint8_t> bytes, Sink&& sink);

    std::size_t m_maxFrameLength;
    State m_state = State::Hunting;
    std::vector<std::uint8_t> m_buffer;
    std::uint64_t m_frames = 0;
    std::uint64_t m_garbageBytes = 0;
    std::uint64_t m_restarts = 0;
    std::uint64_t m_overlongDrops = 0;
    std::uint64_t m_noStopDrops = 0;
};

} // namespace galvani::proto
