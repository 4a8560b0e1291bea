// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/controller/StimulationPlan.h"

#include "core/safety/ValidatedProgram.h"

#include <algorithm>
#include <set>

namespace galvani::device {

namespace {

bool deviceOffers(const proto::DeviceCapabilities& caps, core::WaveformKind kind)
{
    const auto wanted = [kind]() -> std::optional<proto::WaveformKind> {
        switch (kind) {
        case core::WaveformKind::Monophasic:
            return proto::WaveformKind::Monophasic;
        case core::WaveformKind::SymmetricBiphasic:
            return proto::WaveformKind::SymmetricBiphasic;
        case core::WaveformKind::AsymmetricBiphasic:
            return proto::WaveformKind::AsymmetricBiphasic;
        case core::WaveformKind::SineCarrier:
            return std::nullopt;
        }
        return std::nullopt;
    }();
    return wanted && std::find(caps.waveforms.begin(), caps.waveforms.end(), *wanted) != caps.waveforms.end();
}

QString channelText(int channel)
{
    return QStringLiteral("channel %1").arg(channel);
}

} // namespace

StimulationPlan StimulationPlan::fromValidated(const core::safety::ValidatedProgram& validated)
{
    StimulationPlan plan;
    plan.channels = validated.program().channels;
    for (const auto& output : validated.outputs()) {
        plan.limits.push_back(
            RunLimits{output.channel, output.amplitudeMax, output.rampRateMax, output.amplitudeStepMax});
    }
    return plan;
}

const RunLimits* StimulationPlan::limitsFor(int channel) const
{
    const auto it
        = std::find_if(limits.begin(), limits.end(), [channel](const RunLimits& l) { return l.channel == channel; });
    return it == limits.end() ? nullptr : &*it;
}

core::HardwareCaps hardwareCaps(const proto::DeviceCapabilities& caps)
{
    core::HardwareCaps hw;
    hw.channels = caps.channels;
    hw.currentMax = caps.currentMax;
    hw.currentStep = caps.currentStep;
    hw.pulseWidthMin = caps.pulseWidthMin;
    hw.pulseWidthMax = caps.pulseWidthMax;
    hw.frequencyMin = caps.frequencyMin;
    hw.frequencyMax = caps.frequencyMax;
    for (const auto kind : caps.waveforms) {
        switch (kind) {
        case proto::WaveformKind::Monophasic:
            hw.waveforms.add(core::WaveformKind::Monophasic);
            break;
        case proto::WaveformKind::SymmetricBiphasic:
            hw.waveforms.add(core::WaveformKind::SymmetricBiphasic);
            break;
        case proto::WaveformKind::AsymmetricBiphasic:
            hw.waveforms.add(core::WaveformKind::AsymmetricBiphasic);
            break;
        }
    }
    // The drivers run neither pulse bursts nor sine carriers (checkPlanAgainstDevice refuses them).
    hw.pulseBursts = false;
    hw.carrierBursts = false;
    return hw;
}

const core::ChannelProgram* StimulationPlan::find(int channel) const
{
    const auto it = std::find_if(
        channels.begin(), channels.end(), [channel](const auto& c) { return c.channel.index() == channel; });
    return it == channels.end() ? nullptr : &*it;
}

core::Microseconds StimulationPlan::sessionDuration() const
{
    core::Microseconds longest{0};
    for (const auto& c : channels) {
        longest = std::max(longest, c.duration);
    }
    return longest;
}

std::optional<QString> checkPlanAgainstDevice(const StimulationPlan& plan, const proto::DeviceCapabilities& caps)
{
    if (plan.channels.empty()) {
        return QStringLiteral("the programme has no active channel");
    }
    std::set<int> seen;
    for (const auto& c : plan.channels) {
        const int ch = c.channel.index();
        const auto& t = c.train;
        if (ch < 1 || ch > caps.channels) {
            return QStringLiteral("%1: this device has channels 1 to %2").arg(channelText(ch)).arg(caps.channels);
        }
        if (!seen.insert(ch).second) {
            return QStringLiteral("%1 appears twice in the programme").arg(channelText(ch));
        }
        if (!deviceOffers(caps, t.waveform.kind())) {
            return QStringLiteral("%1: waveform %2 is not offered by this device")
                .arg(channelText(ch), QString::fromStdString(t.waveform.describe()));
        }
        if (t.burst.index() != 0) {
            return QStringLiteral("%1: burst programmes are not supported by the device layer").arg(channelText(ch));
        }
        if (t.amplitude.value() < 0 || t.amplitude > caps.currentMax) {
            return QStringLiteral("%1: amplitude %2 µA is outside 0..%3 µA")
                .arg(channelText(ch))
                .arg(t.amplitude.value())
                .arg(caps.currentMax.value());
        }
        if (caps.currentStep.value() > 0 && t.amplitude.value() % caps.currentStep.value() != 0) {
            return QStringLiteral("%1: amplitude %2 µA is not a multiple of the device step %3 µA")
                .arg(channelText(ch))
                .arg(t.amplitude.value())
                .arg(caps.currentStep.value());
        }
        if (t.phaseWidth < caps.pulseWidthMin || t.phaseWidth > caps.pulseWidthMax) {
            return QStringLiteral("%1: phase width %2 µs is outside %3..%4 µs")
                .arg(channelText(ch))
                .arg(t.phaseWidth.value())
                .arg(caps.pulseWidthMin.value())
                .arg(caps.pulseWidthMax.value());
        }
        if (!(t.frequency >= caps.frequencyMin) || !(t.frequency <= caps.frequencyMax)) {
            return QStringLiteral("%1: frequency %2 Hz is outside %3..%4 Hz")
                .arg(channelText(ch))
                .arg(t.frequency.value())
                .arg(caps.frequencyMin.value())
                .arg(caps.frequencyMax.value());
        }
        if (t.interphaseGap.value() < 0 || c.startRamp.value() < 0) {
            return QStringLiteral("%1: negative interphase gap or start ramp").arg(channelText(ch));
        }
        if (const auto* limits = plan.limitsFor(ch); limits != nullptr && t.amplitude > limits->amplitudeMax) {
            return QStringLiteral("%1: amplitude %2 µA is above the validated maximum %3 µA")
                .arg(channelText(ch))
                .arg(t.amplitude.value())
                .arg(limits->amplitudeMax.value());
        }
        if (c.duration.value() <= 0) {
            return QStringLiteral("%1: the channel timer must be positive").arg(channelText(ch));
        }
    }
    return std::nullopt;
}

} // namespace galvani::device
