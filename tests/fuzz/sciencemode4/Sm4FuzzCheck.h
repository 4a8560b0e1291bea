// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocols/sciencemode4/Commands.h"
#include "protocols/sciencemode4/DutyCycle.h"
#include "protocols/sciencemode4/Sm4Limits.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <span>

// A property violation in a ScienceMode4 fuzz target: print where and abort so libFuzzer keeps the input.
#define SM4_FUZZ_CHECK(cond)                                                                                           \
    do {                                                                                                               \
        if (!(cond)) {                                                                                                 \
            std::fprintf(stderr, "property violated: %s (%s:%d)\n", #cond, __FILE__, __LINE__);                        \
            std::abort();                                                                                              \
        }                                                                                                              \
    } while (false)

namespace galvani::proto::sm4::fuzz {

// Feeds `input` in pieces whose sizes come from the input itself, so chunk boundaries are explored.
template <typename Codec, typename Events>
void feedChunked(Codec& codec, std::span<const std::uint8_t> input, Events& out)
{
    std::size_t pos = 0;
    std::size_t k = 0;
    while (pos < input.size()) {
        const std::size_t n = std::min<std::size_t>(1 + input[k++ % input.size()] % 29, input.size() - pos);
        codec.feed(input.subspan(pos, n), out);
        pos += n;
    }
    codec.flush(out);
}

// The safety property of every request a device accepts: nothing beyond the device limits.
inline bool pointsWithinLimits(const std::vector<Point>& points)
{
    if (points.size() < kMinPoints || points.size() > kMaxPoints) {
        return false;
    }
    return std::all_of(points.begin(), points.end(), [](const Point& p) {
        return p.duration.value() >= 0 && p.duration.value() <= kMaxPointDurationUs
            && p.current.value() <= kMaxCurrentUa && p.current.value() >= -kMaxCurrentUa
            && p.current.value() % kCurrentStepUa == 0 && p.interpolation == Interpolation::Jump;
    });
}

inline bool withinDeviceLimits(const HostCommand& command)
{
    if (const auto* ll = std::get_if<LlChannelConfig>(&command)) {
        return ll->enable ? pointsWithinLimits(ll->points) : ll->points.empty();
    }
    if (const auto* ml = std::get_if<MlUpdate>(&command)) {
        for (const auto& ch : ml->channels) {
            if (ch && (!pointsWithinLimits(ch->points) || ch->ramp > kMaxRamp || ch->period.value() <= 0)) {
                return false;
            }
        }
        return satisfiesDutyRule(*ml);
    }
    return true;
}

} // namespace galvani::proto::sm4::fuzz
