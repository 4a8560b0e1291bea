// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/logging/LogLevel.h"

namespace galvani::app {

std::string_view logLevelName(LogLevel level) noexcept
{
    // The same words spdlog prints for %l, so the pane, the file and this function agree.
    switch (level) {
    case LogLevel::Trace:
        return "trace";
    case LogLevel::Debug:
        return "debug";
    case LogLevel::Info:
        return "info";
    case LogLevel::Warn:
        return "warning";
    case LogLevel::Error:
        return "error";
    case LogLevel::Critical:
        return "critical";
    case LogLevel::Off:
        return "off";
    }
    return "off";
}

} // namespace galvani::app
