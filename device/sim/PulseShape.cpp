// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/sim/PulseShape.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace galvani::device::sim {

PulseShape biphasicPulse(core::Microamps amplitude, core::Microseconds phaseWidth, core::Microseconds gap)
{
    if (amplitude.value() == 0 || phaseWidth.value() <= 0) {
        return {};
    }
    PulseShape shape{{phaseWidth, amplitude}};
    if (gap.value() > 0) {
        shape.push_back({gap, core::Microamps(0)});
    }
    shape.push_back({phaseWidth, -amplitude});
    return shape;
}

core::Microamps peakCurrent(const PulseShape& shape)
{
    std::int64_t peak = 0;
    for (const auto& phase : shape) {
        peak = std::max(peak, std::abs(phase.current.value()));
    }
    return core::Microamps(peak);
}

core::Microseconds pulseDuration(const PulseShape& shape)
{
    core::Microseconds total{0};
    for (const auto& phase : shape) {
        total += phase.duration;
    }
    return total;
}

core::Microseconds widestPhase(const PulseShape& shape)
{
    core::Microseconds widest{0};
    for (const auto& phase : shape) {
        if (phase.current.value() != 0) {
            widest = std::max(widest, phase.duration);
        }
    }
    return widest;
}

PulseShape withPeak(const PulseShape& shape, core::Microamps peak)
{
    PulseShape out = shape;
    const auto magnitude = std::abs(peak.value());
    for (auto& phase : out) {
        if (phase.current.value() > 0) {
            phase.current = core::Microamps(magnitude);
        } else if (phase.current.value() < 0) {
            phase.current = core::Microamps(-magnitude);
        }
    }
    return out;
}

PulseShape scaled(const PulseShape& shape, double factor)
{
    PulseShape out = shape;
    for (auto& phase : out) {
        phase.current = core::Microamps(std::llround(static_cast<double>(phase.current.value()) * factor));
    }
    return out;
}

} // namespace galvani::device::sim
