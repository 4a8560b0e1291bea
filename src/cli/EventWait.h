// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <functional>

namespace galvani::cli {

// Runs the calling thread's event loop until predicate() holds or the timeout passes (no fixed sleeps:
// it wakes on every event and on a short poll timer). Returns predicate()'s final value.
// Thread affinity: a thread with an event loop (the CLI's main thread).
bool runUntil(const std::function<bool()>& predicate, std::chrono::milliseconds timeout);

// How long a command waits for a stimulator to connect and identify itself.
inline constexpr std::chrono::milliseconds kDeviceConnectTimeout{6000};

} // namespace galvani::cli
