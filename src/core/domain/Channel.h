// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <compare>
#include <cstddef>
#include <optional>

namespace galvani::core {

// Largest channel count the domain model accepts (the stimulators in scope have 4–8; headroom for a 16-channel
// unit). Bounds per-channel tables; not a clinical number.
inline constexpr int kMaxChannelCount = 16;

// One output channel, numbered from 1 as on the device's front panel and in every clinical record.
// Created only through make(), which checks the number against the channel count of the device it refers to,
// so a Channel value is never 0, negative, or beyond its device. (The safety kernel checks it again against the
// effective limits, which may describe a device with fewer channels.)
// Thread affinity: value type, any thread.
class Channel {
public:
    // 1 ≤ index ≤ channelCount ≤ kMaxChannelCount, else nullopt.
    [[nodiscard]] static std::optional<Channel> make(int index, int channelCount);

    [[nodiscard]] constexpr int index() const { return m_index; }
    [[nodiscard]] constexpr std::size_t zeroBased() const { return static_cast<std::size_t>(m_index - 1); }

    // clang-tidy 14 takes the literal 0 of the synthesized comparison-category result for a null pointer
    // (modernize-use-nullptr false positive on a defaulted operator<=>); there is no pointer here.
    // NOLINTNEXTLINE(modernize-use-nullptr)
    constexpr auto operator<=>(const Channel&) const = default;

private:
    constexpr explicit Channel(int index) : m_index(index) { }
    int m_index;
};

} // namespace galvani::core
