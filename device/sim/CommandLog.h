// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QTimer>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace galvani::device::sim {

// One log line per received command, except that routine traffic (keep-alives, status polls,
// low-level pulses: possibly hundreds a second) is summarised: the first of a run is logged in full,
// the rest as one "xN in the last 1 s" line per second, so the log stays readable and writing it never
// slows the device down. With logEveryCommand every command gets its own line.
// Thread affinity: the simulator's thread (owns a QTimer).
class CommandLog {
public:
    using Sink = std::function<void(const std::string&)>;

    CommandLog(Sink sink, bool logEveryCommand);

    // key groups routine commands ("Ml_get_current_data"); text is the full line.
    void command(std::string_view key, const std::string& text, bool routine);

private:
    struct Run {
        std::uint64_t count = 0;
        std::string last;
    };
    void flush();

    Sink m_sink;
    bool m_logEvery;
    QTimer m_timer;
    std::map<std::string, Run, std::less<>> m_runs;
};

} // namespace galvani::device::sim
