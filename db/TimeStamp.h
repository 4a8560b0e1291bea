// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Clock.h"

#include <QDateTime>
#include <QString>
#include <QtGlobal>

#include <chrono>

namespace galvani::db {

// A moment as the record store keeps it: UTC wall time in integer milliseconds since 1970-01-01T00:00:00Z
// (columns *_utc_ms) and the monotonic clock in integer nanoseconds (columns *_mono_ns; meaningful only
// within one boot, used to order and time events when the wall clock jumps). Plain value.
struct TimeStamp {
    qint64 utcMs = 0;
    qint64 monoNs = 0;
};

[[nodiscard]] inline TimeStamp stamp(const core::Clock& clock)
{
    using namespace std::chrono;
    return TimeStamp{duration_cast<milliseconds>(clock.utcNow().time_since_epoch()).count(),
        duration_cast<nanoseconds>(clock.monotonic()).count()};
}

[[nodiscard]] inline qint64 utcMs(const core::Clock& clock)
{
    return stamp(clock).utcMs;
}

// ISO-8601 UTC with milliseconds, e.g. "2026-01-01T00:00:00.000Z", for file names, JSON and messages.
[[nodiscard]] inline QString isoUtc(qint64 utcMs)
{
    return QDateTime::fromMSecsSinceEpoch(utcMs, Qt::UTC).toString(Qt::ISODateWithMs);
}

// Compact form for file names: "20260101T000000Z".
[[nodiscard]] inline QString fileStamp(qint64 utcMs)
{
    return QDateTime::fromMSecsSinceEpoch(utcMs, Qt::UTC).toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
}

} // namespace galvani::db
