// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/logging/LogLine.h"
#include "app/logging/LoggingConfig.h"

#include <QString>

#include <optional>
#include <string>
#include <string_view>

namespace galvani::test {

// A logging configuration for tests: files in dir, nothing on stderr, every level kept, and a queue that
// blocks rather than drops so tests can count lines.
app::LoggingConfig quietLoggingConfig(const QString& dir);

// The first ring line whose text contains needle, if any.
std::optional<app::LogLine> findRingLine(std::string_view needle);

// Waits (pumping events) until a ring line contains needle; returns it, or nothing after the timeout.
std::optional<app::LogLine> waitForRingLine(std::string_view needle);

// Whole file as UTF-8 text; empty if it cannot be read.
std::string readTextFile(const QString& path);

} // namespace galvani::test
