// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/Channel.h"
#include "core/domain/Envelope.h"
#include "core/domain/PulseTrain.h"
#include "core/units/Units.h"

#include <string>
#include <vector>

namespace galvani::core {

// What one channel does during a treatment.
// Units: startRamp in µs (time to rise from 0 to the amplitude at every start and resume, CLINICAL §1.3);
// duration in µs (the channel's own timer, 1–99 min).
struct ChannelProgram {
    Channel channel;
    PulseTrain train;
    Envelope envelope = Envelope::continuous();
    Microseconds startRamp{0};
    Microseconds duration{0};

    bool operator==(const ChannelProgram&) const = default;
};

// A treatment programme: one entry per active channel. A plain, freely copied value with no invariants of its own;
// the only way to run it is through safety::SafetyGuard::validate(), which yields a ValidatedProgram.
// Thread affinity: value type, any thread. Ownership: owns its strings and channel list.
struct Program {
    std::string name; // e.g. "Conventional TENS, lower back"
    std::string presetId; // the preset it was made from, "" if none
    std::vector<ChannelProgram> channels;

    // The longest channel timer (0 for an empty programme).
    [[nodiscard]] Microseconds totalDuration() const;
    // The entry for a 1-based channel number, or nullptr.
    [[nodiscard]] const ChannelProgram* find(int channelIndex) const;
    [[nodiscard]] ChannelProgram* find(int channelIndex);

    bool operator==(const Program&) const = default;
};

} // namespace galvani::core
