// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One machine-readable line per headline figure, printed next to a benchmark's own human-readable table:
//   FIGURE<TAB>area<TAB>figure<TAB>value<TAB>baseline or context
// tests/bench/report.sh collects these lines from every benchmark of one run into the Markdown report, so a
// figure's value and its baseline (ratio, distribution, n) come from the same run. Header-only, no Qt.

#include <cstdarg>
#include <cstdio>
#include <string>

namespace galvani::bench {

// printf-style formatting into a std::string (the figures are short).
[[gnu::format(printf, 1, 2)]] inline std::string format(const char* fmt, ...)
{
    char buffer[512];
    va_list args;
    va_start(args, fmt);
    const int n = std::vsnprintf(buffer, sizeof buffer, fmt, args);
    va_end(args);
    if (n < 0) {
        return {};
    }
    return std::string(
        buffer, static_cast<std::size_t>(n) < sizeof buffer ? static_cast<std::size_t>(n) : sizeof buffer - 1);
}

// Prints one FIGURE line. Tabs and newlines inside the fields would break the report's table; callers pass plain
// text. Flushes, so the line survives a benchmark that is interrupted later.
inline void figure(
    const std::string& area, const std::string& name, const std::string& value, const std::string& context)
{
    std::printf("FIGURE\t%s\t%s\t%s\t%s\n", area.c_str(), name.c_str(), value.c_str(), context.c_str());
    std::fflush(stdout);
}

} // namespace galvani::bench
