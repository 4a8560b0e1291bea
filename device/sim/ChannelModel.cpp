// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/sim/ChannelModel.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace galvani::device::sim {
namespace {

constexpr std::int64_t kMaxSamplingPeriodUs = 65535; // u16 on the wire
// Part of the sampling window left after the pulse, so the measurement shows the return to zero.
constexpr double kSamplingWindowMargin = 1.1;

double sign(double x)
{
    return x > 0.0 ? 1.0 : (x < 0.0 ? -1.0 : 0.0);
}

// Compliance voltage over resistance, in µA (mV / Ω = mA).
double complianceCurrentUa(core::Millivolts compliance, core::Ohms resistance)
{
    if (compliance.value() <= 0 || resistance.value() <= 0) {
        return 0.0;
    }
    return static_cast<double>(compliance.value()) * 1000.0 / static_cast<double>(resistance.value());
}

} // namespace

core::Microamps ChannelModel::sourceCurrent(core::Microamps commanded) const
{
    if (commanded.value() == 0) {
        return m_error.leak; // a leaking output stage drives current although none is commanded
    }
    const double magnitude = static_cast<double>(std::abs(commanded.value()));
    double driven = std::max(0.0, magnitude * (1.0 + m_error.gain) + static_cast<double>(m_error.offset.value()));
    if (m_overCurrent) {
        driven *= kOverCurrentFactor;
    }
    return core::Microamps(std::llround(sign(static_cast<double>(commanded.value())) * driven));
}

core::Microamps ChannelModel::settledCurrent(core::Microamps commanded, core::Millivolts compliance) const
{
    if (m_open) {
        return core::Microamps(0);
    }
    const auto source = static_cast<double>(sourceCurrent(commanded).value());
    const double limit = complianceCurrentUa(compliance, resistance());
    return core::Microamps(std::llround(sign(source) * std::min(std::fabs(source), limit)));
}

core::Microamps ChannelModel::settledPeak(const PulseShape& shape, core::Millivolts compliance) const
{
    std::int64_t peak = 0;
    for (const auto& phase : shape) {
        peak = std::max(peak, std::abs(settledCurrent(phase.current, compliance).value()));
    }
    return core::Microamps(peak);
}

bool ChannelModel::complianceLimited(const PulseShape& shape, core::Millivolts compliance) const
{
    if (m_open) {
        return false;
    }
    return std::any_of(shape.begin(), shape.end(), [&](const PulsePhase& phase) {
        return std::abs(settledCurrent(phase.current, compliance).value())
            < std::abs(sourceCurrent(phase.current).value());
    });
}

PulseShape ChannelModel::deliveredShape(const PulseShape& shape) const
{
    PulseShape delivered = shape;
    if (m_error.width == 0.0) {
        return delivered;
    }
    for (auto& phase : delivered) {
        if (phase.current.value() != 0) {
            const auto stretched = std::llround(static_cast<double>(phase.duration.value()) * (1.0 + m_error.width));
            phase.duration = core::Microseconds(std::max<std::int64_t>(1, stretched));
        }
    }
    return delivered;
}

std::vector<core::Microamps> ChannelModel::samplePulse(const PulseShape& commandedShape,
    core::Microseconds samplingPeriod, std::size_t count, core::Millivolts compliance, core::Microamps noise,
    std::mt19937_64& rng) const
{
    const PulseShape shape = deliveredShape(commandedShape);
    const double r = static_cast<double>(resistance().value());
    const double vmax = static_cast<double>(compliance.value()) / 1000.0; // V
    const double tauUs = r * m_load.capacitanceNanofarads * 1e-9 * 1e6; // µs
    const double decay = tauUs > 0.0 ? std::exp(-1.0 / tauUs) : 0.0; // per µs
    const std::int64_t period = std::max<std::int64_t>(1, samplingPeriod.value());
    const std::int64_t duration = pulseDuration(shape).value();

    std::vector<double> clean(count, 0.0); // µA
    double v = 0.0; // load voltage, V
    std::size_t phase = 0;
    std::int64_t phaseEnd = shape.empty() ? 0 : shape.front().duration.value();
    std::size_t nextSample = 0;
    for (std::int64_t t = 0; t < duration && nextSample < count; ++t) {
        while (phase < shape.size() && t >= phaseEnd) {
            ++phase;
            phaseEnd += phase < shape.size() ? shape[phase].duration.value() : 0;
        }
        const double source
            = phase < shape.size() ? static_cast<double>(sourceCurrent(shape[phase].current).value()) * 1e-6 : 0.0; // A
        double i = 0.0;
        if (!m_open && vmax > 0.0 && r > 0.0 && source != 0.0) {
            const double target = source * r;
            if (decay == 0.0) {
                // No capacitance: the voltage follows at once, so the current is clipped at once.
                i = sign(source) * std::min(std::fabs(source), vmax / r);
                v = i * r;
            } else if (std::fabs(v) >= vmax && sign(v) == sign(source) && std::fabs(target) > vmax) {
                i = v / r; // pinned at the compliance voltage: only the resistive part conducts
            } else {
                i = source;
                v = target + (v - target) * decay;
                v = std::clamp(v, -vmax, vmax);
            }
        } else if (!m_open && r > 0.0 && decay > 0.0) {
            v *= decay; // source off: the capacitance discharges through the skin, not the output
        }
        if (t == static_cast<std::int64_t>(nextSample) * period) {
            clean[nextSample++] = i * 1e6;
        }
    }

    std::normal_distribution<double> jitter(0.0, static_cast<double>(noise.value()));
    std::vector<core::Microamps> out;
    out.reserve(count);
    for (const double ua : clean) {
        const double noisy = noise.value() > 0 ? ua + jitter(rng) : ua;
        out.emplace_back(std::llround(noisy));
    }
    return out;
}

core::Microseconds ChannelModel::samplingPeriodFor(const PulseShape& shape, std::size_t count)
{
    const double window = static_cast<double>(pulseDuration(shape).value()) * kSamplingWindowMargin;
    const auto period
        = static_cast<std::int64_t>(std::ceil(window / static_cast<double>(std::max<std::size_t>(1, count))));
    return core::Microseconds(std::clamp<std::int64_t>(period, 1, kMaxSamplingPeriodUs));
}

} // namespace galvani::device::sim
