// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/domain/Channel.h"

namespace galvani::core {

std::optional<Channel> Channel::make(int index, int channelCount)
{
    if (channelCount < 1 || channelCount > kMaxChannelCount || index < 1 || index > channelCount) {
        return std::nullopt;
    }
    return Channel(index);
}

} // namespace galvani::core
