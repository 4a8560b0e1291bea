// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocols/common/FrameSplitter.h"
#include "protocols/sciencemode4/Frame.h"
#include "protocols/sciencemode4/Sm4Limits.h"

#include <cstdint>
#include <optional>
#include <span>
#include <variant>
#include <vector>

namespace galvani::proto::sm4 {

// Receive pipeline shared by HostCodec and DeviceCodec: the common FrameSplitter (streaming, any
// chunking, garbage skipped, unescaped F0 restarts, frames over 1200 bytes dropped) followed by
// parseFrame(). Owns its buffers; one thread at a time (it holds the partial frame).
class FrameReceiver {
public:
    FrameReceiver() : m_splitter(kMaxFrameBytes) { }

    // For every complete frame in `bytes` calls onFrame(const ParsedFrame&, std::size_t wireBytes);
    // for every dropped partial frame onDrop(const DroppedFrame&); in stream order. The ParsedFrame's
    // data span is valid only during the call.
    template <typename OnFrame, typename OnDrop>
    void feed(std::span<const std::uint8_t> bytes, OnFrame&& onFrame, OnDrop&& onDrop)
    {
        m_events.clear();
        m_splitter.feed(bytes, m_events);
        for (const SplitEvent& event : m_events) {
            if (const auto* raw = std::get_if<RawFrame>(&event)) {
                onFrame(parseFrame(raw->bytes, m_scratch), raw->bytes.size());
            } else {
                onDrop(std::get<DroppedFrame>(event));
            }
        }
        m_events.clear();
    }

    // End of stream or inter-byte timeout: the partial frame, if any, as a NoStop drop.
    [[nodiscard]] std::optional<DroppedFrame> flush() { return m_splitter.flush(); }
    void reset() { m_splitter.reset(); }
    [[nodiscard]] std::uint64_t garbageBytes() const { return m_splitter.garbageBytes(); }

private:
    FrameSplitter m_splitter;
    std::vector<SplitEvent> m_events;
    std::vector<std::uint8_t> m_scratch;
};

} // namespace galvani::proto::sm4
