// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/sim/CommandLog.h"

namespace galvani::device::sim {
namespace {

constexpr std::chrono::milliseconds kSummaryInterval{1000};

} // namespace

CommandLog::CommandLog(Sink sink, bool logEveryCommand) : m_sink(std::move(sink)), m_logEvery(logEveryCommand)
{
    m_timer.setInterval(kSummaryInterval);
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { flush(); });
}

void CommandLog::command(std::string_view key, const std::string& text, bool routine)
{
    if (!routine || m_logEvery) {
        m_sink(text);
        return;
    }
    const auto it = m_runs.find(key);
    if (it == m_runs.end()) {
        m_sink(text); // the first of a run in full
        m_runs.emplace(std::string(key), Run{});
        if (!m_timer.isActive()) {
            m_timer.start();
        }
        return;
    }
    ++it->second.count;
    it->second.last = text;
}

void CommandLog::flush()
{
    for (auto it = m_runs.begin(); it != m_runs.end();) {
        if (it->second.count == 0) {
            it = m_runs.erase(it); // the run ended; the next one is logged in full again
            continue;
        }
        m_sink(it->second.last + " (x" + std::to_string(it->second.count) + " in the last 1 s)");
        it->second.count = 0;
        ++it;
    }
    if (m_runs.empty()) {
        m_timer.stop();
    }
}

} // namespace galvani::device::sim
