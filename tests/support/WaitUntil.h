// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <functional>

namespace galvani::test {

// Pumps the calling thread's Qt event loop until predicate() is true or the timeout passes.
// Returns the predicate's final value. Use instead of fixed sleeps: it returns as soon as the
// condition holds. Thread affinity: a thread with a Qt event dispatcher (the test main thread).
bool waitUntil(
    const std::function<bool()>& predicate, std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));

} // namespace galvani::test
