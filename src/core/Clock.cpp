// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/Clock.h"

namespace galvani::core {

std::chrono::nanoseconds SystemClock::monotonic() const
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch());
}

std::chrono::system_clock::time_point SystemClock::utcNow() const
{
    return std::chrono::system_clock::now();
}

} // namespace galvani::core
