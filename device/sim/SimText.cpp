// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/sim/SimText.h"

#include <array>
#include <cstdio>

namespace galvani::device::sim {
namespace {

std::string fixed1(double value)
{
    std::array<char, 48> buffer{};
    const int n = std::snprintf(buffer.data(), buffer.size(), "%.1f", value);
    return n > 0 ? std::string(buffer.data(), static_cast<std::size_t>(n)) : std::string("?");
}

} // namespace

std::string formatMilliamps(core::Microamps current)
{
    return fixed1(static_cast<double>(current.value()) / 1000.0) + " mA";
}

std::string formatDuration(core::Microseconds duration)
{
    if (duration.value() < 1000 && duration.value() > -1000) {
        return std::to_string(duration.value()) + " us";
    }
    return fixed1(static_cast<double>(duration.value()) / 1000.0) + " ms";
}

std::string describePulse(const PulseShape& shape, core::Microseconds period)
{
    std::string text = formatMilliamps(peakCurrent(shape)) + ", " + formatDuration(widestPhase(shape)) + "/phase";
    if (period.value() > 0) {
        text += " every " + formatDuration(period);
    }
    return text;
}

} // namespace galvani::device::sim
