// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocols/sciencemode4/Commands.h"

// The mid-level duty rule (SCIENCEMODE4.md §4.4): over all enabled channels,
//   sum((sum of point durations [µs] + 60 µs) / period [ms]) < 1000,
// i.e. the pulses (plus the device's 60 µs per-pulse overhead) must fit in less than the whole time.
// The host refuses to send an Ml_update that breaks it and the device answers such a request with
// result 2. Both sides call this one function, so they always agree. Free functions, thread-safe.
namespace galvani::proto::sm4 {

// The left-hand side in per-mille of the time (1000 = fully busy). Channels whose period is not
// positive count as fully busy.
[[nodiscard]] double dutyPerMille(const MlUpdate& update);

// True when the rule holds. Evaluated in double with a margin of 1e-9 per-mille against rounding:
// a sum exactly at 1000 is refused; sums below 1000 by less than the margin are refused too, which
// errs on the safe side and needs periods no clinical programme uses.
[[nodiscard]] bool satisfiesDutyRule(const MlUpdate& update);

} // namespace galvani::proto::sm4
