// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/logging/LogLine.h"

#include <spdlog/sinks/base_sink.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <vector>

namespace galvani::app {

// An spdlog sink that keeps the most recent formatted lines in memory, for the in-app log pane.
// Bounded: once it holds capacity lines, each new line evicts the oldest (and is counted in evicted()).
// Thread affinity: any thread. spdlog calls sink_it_() from its writer thread under the base class's mutex;
// snapshot() and the counters take a second, internal mutex, so a reader never waits for formatting.
// Ownership: shared (spdlog::sink_ptr); lines are copied out, never referenced.
class RingSink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    explicit RingSink(std::size_t capacity); // lines; 0 is treated as 1

    // Lines with sequence > afterSequence, oldest first.
    [[nodiscard]] std::vector<LogLine> snapshot(std::uint64_t afterSequence = 0) const;
    // Sequence number of the newest line, 0 if none yet.
    [[nodiscard]] std::uint64_t lastSequence() const;
    // Lines pushed out by newer ones since construction.
    [[nodiscard]] std::uint64_t evicted() const;
    [[nodiscard]] std::size_t capacity() const noexcept { return m_capacity; }

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override;
    void flush_() override;

private:
    const std::size_t m_capacity;
    mutable std::mutex m_linesMutex;
    std::deque<LogLine> m_lines;
    std::uint64_t m_lastSequence = 0;
    std::uint64_t m_evicted = 0;
};

} // namespace galvani::app
