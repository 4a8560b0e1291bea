// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string_view>

namespace galvani::app {

// Severity of a log message, from most to least verbose. Mirrors spdlog's levels so callers outside the
// logging folder need not include spdlog. Off disables a sink or logger entirely.
enum class LogLevel { Trace, Debug, Info, Warn, Error, Critical, Off };

// Lower-case name as it appears in log lines ("trace", "debug", "info", "warning", "error", "critical",
// "off").
[[nodiscard]] std::string_view logLevelName(LogLevel level) noexcept;

} // namespace galvani::app
