// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/domain/Program.h"

#include <algorithm>

namespace galvani::core {

Microseconds Program::totalDuration() const
{
    Microseconds longest{0};
    for (const auto& c : channels) {
        longest = std::max(longest, c.duration);
    }
    return longest;
}

const ChannelProgram* Program::find(int channelIndex) const
{
    const auto it = std::find_if(
        channels.begin(), channels.end(), [channelIndex](const auto& c) { return c.channel.index() == channelIndex; });
    return it == channels.end() ? nullptr : &*it;
}

ChannelProgram* Program::find(int channelIndex)
{
    const auto it = std::find_if(
        channels.begin(), channels.end(), [channelIndex](const auto& c) { return c.channel.index() == channelIndex; });
    return it == channels.end() ? nullptr : &*it;
}

} // namespace galvani::core
