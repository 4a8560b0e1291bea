// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Reading galvani-sim's log ("galvani-sim <s>.<ms> <text>", one line per command and state change) as the
// host-death rig needs it: its own time stamps mapped onto the rig's clock, the output's on/off timeline, and
// the details of a stop line. Thread affinity: the lane thread that owns the Child.

#include "HostDeathRig.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace galvani::test::hostdeath {

// The simulator's own time stamp of a log line, in ms since it started.
[[nodiscard]] std::optional<std::int64_t> simStampMs(const std::string& line);

// The simulator's start on the rig's clock: the minimum of (read time − stamp) over every line. Never earlier
// than the truth (a line is never read before it was written), so stamps mapped with it are never early.
[[nodiscard]] SteadyClock::time_point simOrigin(const Child& sim);

// "output stopped (watchdog: host silent for 512 ms)" → "watchdog"
[[nodiscard]] std::string causeOf(const std::string& line);

// "... (host silent in low level: no pulse for 31.2 ms, expected every 20.4 ms)" → 31.2 ms
[[nodiscard]] std::optional<std::chrono::microseconds> silentFor(const std::string& stopLine);

// "did not run for 1234 ms" → "did not run for N ms", so a report can group what hosts said.
[[nodiscard]] std::string withoutNumbers(const std::string& text);

// The simulator's log from line `from` on as a timeline on the rig's clock. "state stimulating" turns the
// output on; any other "state ..." line means it is off.
class SimTimeline {
public:
    SimTimeline(const Child& sim, std::size_t from, SteadyClock::time_point origin)
        : m_sim(sim), m_from(from), m_origin(origin)
    {
    }
    // Line i's stamp on the rig's clock.
    [[nodiscard]] std::optional<SteadyClock::time_point> at(std::size_t i) const;
    [[nodiscard]] static bool isState(const std::string& text);
    [[nodiscard]] static bool isOn(const std::string& text);
    // Output on at time t?
    [[nodiscard]] bool onAt(SteadyClock::time_point t) const;
    // The first state line stamped after t that turns the output on (wantOn) or off.
    [[nodiscard]] std::optional<std::size_t> firstAfter(SteadyClock::time_point t, bool wantOn) const;
    // The "output stopped (...)" line that goes with the state line at i (the last one up to it).
    [[nodiscard]] std::string stopLineBefore(std::size_t i) const;

private:
    const Child& m_sim;
    std::size_t m_from;
    SteadyClock::time_point m_origin;
};

} // namespace galvani::test::hostdeath
