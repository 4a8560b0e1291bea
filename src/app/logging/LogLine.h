// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/logging/LogLevel.h"

#include <chrono>
#include <cstdint>
#include <string>

namespace galvani::app {

// One formatted log line as kept by the in-memory ring for the log pane. Plain value, safe to copy across
// threads.
struct LogLine {
    std::uint64_t sequence = 0; // 1, 2, 3 … in the order lines reached the ring; never reused
    LogLevel level = LogLevel::Info;
    std::string logger; // logger name, e.g. "device" or "proto.sciencemode4"
    std::chrono::system_clock::time_point time; // when the message was logged (UTC)
    std::string text; // the full formatted line, UTF-8, without a line break
};

} // namespace galvani::app
