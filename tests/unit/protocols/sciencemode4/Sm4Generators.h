// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocols/sciencemode4/Commands.h"
#include "protocols/sciencemode4/Messages.h"

#include <cstdint>
#include <random>
#include <vector>

// Generators of valid typed requests and replies for round-trip, streaming and corruption tests.
// Values are drawn uniformly over each field's full valid range for the variant; the boundary
// helpers list the extreme instances explicitly. Test-only code; deterministic for a given seed.
namespace galvani::proto::sm4::test {

using Rng = std::mt19937_64;

[[nodiscard]] Point randomPoint(Rng& rng);
[[nodiscard]] HostCommand randomCommand(Rng& rng, Variant variant);
[[nodiscard]] DeviceMessage randomMessage(Rng& rng, Variant variant);
// One random instance of the i-th HostCommand / DeviceMessage alternative (i < variant_size); nullopt
// if that alternative does not exist in the variant (ScienceMode3: no extended version).
[[nodiscard]] std::optional<HostCommand> randomCommandOfKind(Rng& rng, std::size_t kind, Variant variant);
[[nodiscard]] std::optional<DeviceMessage> randomMessageOfKind(Rng& rng, std::size_t kind, Variant variant);

// Extreme instances: smallest and largest value of every field (for the variant).
[[nodiscard]] std::vector<HostCommand> boundaryCommands(Variant variant);
[[nodiscard]] std::vector<DeviceMessage> boundaryMessages(Variant variant);

} // namespace galvani::proto::sm4::test
