// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/logging/LogLevel.h"

#include <spdlog/common.h>

namespace galvani::app {

// Conversions between Galvani's LogLevel and spdlog's. Internal to the logging folder and its tests.
[[nodiscard]] constexpr spdlog::level::level_enum toSpdlog(LogLevel level) noexcept
{
    switch (level) {
    case LogLevel::Trace:
        return spdlog::level::trace;
    case LogLevel::Debug:
        return spdlog::level::debug;
    case LogLevel::Info:
        return spdlog::level::info;
    case LogLevel::Warn:
        return spdlog::level::warn;
    case LogLevel::Error:
        return spdlog::level::err;
    case LogLevel::Critical:
        return spdlog::level::critical;
    case LogLevel::Off:
        return spdlog::level::off;
    }
    return spdlog::level::off;
}

[[nodiscard]] constexpr LogLevel fromSpdlog(spdlog::level::level_enum level) noexcept
{
    switch (level) {
    case spdlog::level::trace:
        return LogLevel::Trace;
    case spdlog::level::debug:
        return LogLevel::Debug;
    case spdlog::level::info:
        return LogLevel::Info;
    case spdlog::level::warn:
        return LogLevel::Warn;
    case spdlog::level::err:
        return LogLevel::Error;
    case spdlog::level::critical:
        return LogLevel::Critical;
    case spdlog::level::off:
    case spdlog::level::n_levels:
        break;
    }
    return LogLevel::Off;
}

} // namespace galvani::app
