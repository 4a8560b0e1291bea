// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocols/common/Reject.h"
#include "protocols/sciencemode2/HostCommands.h"
#include "protocols/sciencemode2/Sm2Types.h"

#include <optional>

// Rules that tie a StartChannelListMode to the InitChannelListMode it runs under (SCIENCEMODE2.md §4.2,
// §6). Neither frame carries enough to check them alone. Free functions, thread-safe.
namespace galvani::proto::sm2 {

// Pulses per group: 1 single, 2 doublet, 3 triplet (nPgr for the largest mode in use).
[[nodiscard]] int pulsesPerGroup(const StartChannelListMode& start);

// Host encoder rules: one entry per active channel; t2 code ≥ 13 (8 ms) when a doublet or triplet is
// used; in continuous mode t1 ≥ nPgr·t2. nullopt when the pair may be sent.
[[nodiscard]] std::optional<EncodeError> checkHostChannelList(
    const InitChannelListMode& init, const StartChannelListMode& start);

// Device (simulator) rules, §6 "Simulator validation": entry count = active channels (data length
// 4·n) and, in continuous mode, t1 ≥ nPgr·max(t2, 8 ms). Returns Ok or ParameterError (−2). Deliberately
// more lenient than the host rules: t2 below 8 ms with single pulses is what real hosts send.
[[nodiscard]] ResultCode checkDeviceChannelList(const InitChannelListMode& init, const StartChannelListMode& start);

} // namespace galvani::proto::sm2
