// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/logging/RingSink.h"

#include "app/logging/SpdlogLevel.h"

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <string>
#include <utility>

namespace galvani::app {

RingSink::RingSink(std::size_t capacity) : m_capacity(std::max<std::size_t>(capacity, 1))
{
}

void RingSink::sink_it_(const spdlog::details::log_msg& msg)
{
    // Format outside the lines mutex: only the base class's mutex (held by our caller) guards formatter_.
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    std::size_t length = formatted.size();
    while (length > 0 && (formatted.data()[length - 1] == '\n' || formatted.data()[length - 1] == '\r')) {
        --length;
    }

    LogLine line;
    line.level = fromSpdlog(msg.level);
    line.logger.assign(msg.logger_name.data(), msg.logger_name.size());
    line.time = msg.time;
    line.text.assign(formatted.data(), length);

    const std::lock_guard lock(m_linesMutex);
    line.sequence = ++m_lastSequence;
    if (m_lines.size() == m_capacity) {
        m_lines.pop_front();
        ++m_evicted;
    }
    m_lines.push_back(std::move(line));
}

void RingSink::flush_()
{
    // Nothing buffered outside m_lines.
}

std::vector<LogLine> RingSink::snapshot(std::uint64_t afterSequence) const
{
    const std::lock_guard lock(m_linesMutex);
    // Sequences in m_lines are consecutive, so the first wanted line's position follows by arithmetic.
    std::vector<LogLine> result;
    if (m_lines.empty() || afterSequence >= m_lastSequence) {
        return result;
    }
    const std::uint64_t first = m_lines.front().sequence;
    const std::uint64_t skip = afterSequence >= first ? afterSequence - first + 1 : 0;
    result.reserve(m_lines.size() - static_cast<std::size_t>(skip));
    std::copy(m_lines.begin() + static_cast<std::ptrdiff_t>(skip), m_lines.end(), std::back_inserter(result));
    return result;
}

std::uint64_t RingSink::lastSequence() const
{
    const std::lock_guard lock(m_linesMutex);
    return m_lastSequence;
}

std::uint64_t RingSink::evicted() const
{
    const std::lock_guard lock(m_linesMutex);
    return m_evicted;
}

} // namespace galvani::app
