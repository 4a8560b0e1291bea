// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/controller/Sm4LowLevelDriver.h"

#include <algorithm>
#include <cmath>

namespace galvani::device {

namespace sm4 = proto::sm4;

namespace {

constexpr std::int64_t kNoiseFloorUa = 200;
constexpr std::size_t kMinPlateauSamples = 3;

std::chrono::milliseconds patternDuration(const std::vector<sm4::Point>& points)
{
    std::int64_t us = 0;
    for (const auto& p : points) {
        us += p.duration.value();
    }
    return std::chrono::milliseconds(us / 1000 + 1);
}

} // namespace

std::optional<core::Microamps> plateauCurrent(const std::vector<std::uint16_t>& samples)
{
    std::vector<std::int64_t> magnitudes;
    magnitudes.reserve(samples.size());
    for (const auto raw : samples) {
        const auto current = sm4::sampleCurrent(raw);
        if (!current) {
            return std::nullopt;
        }
        magnitudes.push_back(std::abs(current->value()));
    }
    if (magnitudes.empty()) {
        return std::nullopt;
    }
    std::sort(magnitudes.begin(), magnitudes.end(), std::greater<>());
    if (magnitudes.front() < kNoiseFloorUa) {
        return core::Microamps(0);
    }
    // A plateau is several samples at about the same level; a spike is one. Walk down from the largest
    // sample until at least kMinPlateauSamples lie within [peak / 2, peak], then take their median.
    for (std::size_t k = 0; k < magnitudes.size(); ++k) {
        const std::int64_t peak = magnitudes[k];
        if (peak < kNoiseFloorUa) {
            break;
        }
        const auto end = std::find_if(magnitudes.begin() + static_cast<std::ptrdiff_t>(k), magnitudes.end(),
            [peak](std::int64_t m) { return 2 * m < peak; });
        const auto count = static_cast<std::size_t>(end - magnitudes.begin()) - k;
        if (count >= kMinPlateauSamples) {
            return core::Microamps(magnitudes[k + count / 2]);
        }
    }
    return core::Microamps(0);
}

std::optional<core::Microseconds> firstPhaseWidth(
    const std::vector<std::uint16_t>& samples, core::Microseconds samplingPeriod)
{
    const auto plateau = plateauCurrent(samples);
    if (!plateau || plateau->value() == 0 || samplingPeriod.value() <= 0) {
        return std::nullopt;
    }
    const std::int64_t half = (plateau->value() + 1) / 2;
    std::size_t run = 0;
    int runSign = 0;
    for (const auto raw : samples) {
        const auto decoded = sm4::sampleCurrent(raw);
        if (!decoded) {
            return std::nullopt;
        }
        const std::int64_t current = decoded->value();
        const int sign = std::abs(current) < half ? 0 : (current > 0 ? 1 : -1);
        if (sign != 0 && sign == runSign) {
            ++run;
            continue;
        }
        if (run >= kMinPlateauSamples) {
            break; // the first phase ended
        }
        run = sign != 0 ? 1 : 0;
        runSign = sign;
    }
    if (run < kMinPlateauSamples) {
        return std::nullopt;
    }
    return core::Microseconds(static_cast<std::int64_t>(run) * samplingPeriod.value());
}

std::optional<core::Microamps> phaseMeanCurrent(
    const std::vector<std::uint16_t>& samples, core::Microseconds samplingPeriod, const core::ChannelProgram& program)
{
    if (samplingPeriod.value() <= 0 || samples.empty()) {
        return std::nullopt;
    }
    double charge = 0.0; // µA·µs
    for (const auto raw : samples) {
        const auto current = sm4::sampleCurrent(raw);
        if (!current) {
            return std::nullopt;
        }
        charge += static_cast<double>(std::abs(current->value())) * static_cast<double>(samplingPeriod.value());
    }
    const auto& train = program.train;
    double phases = static_cast<double>(train.phaseWidth.value()); // µs at full amplitude
    switch (train.waveform.kind()) {
    case core::WaveformKind::SymmetricBiphasic:
        phases *= 2.0;
        break;
    case core::WaveformKind::AsymmetricBiphasic: {
        const auto second = train.waveform.secondPhase();
        phases
            += static_cast<double>(second.width.value()) * static_cast<double>(second.amplitudeRatio.value()) / 1000.0;
        break;
    }
    default:
        break;
    }
    if (!(phases > 0.0)) {
        return std::nullopt;
    }
    return core::Microamps(static_cast<std::int64_t>(std::llround(charge / phases)));
}

Sm4LowLevelDriver::Sm4LowLevelDriver(sm4::Variant variant)
    : Sm4Driver(variant, QStringLiteral("low level"), variant == sm4::Variant::ScienceMode4, true)
{
}

std::optional<QString> Sm4LowLevelDriver::checkPlan(const StimulationPlan& plan) const
{
    sm4::HostCodec probe(variant());
    for (const auto& c : plan.channels) {
        if (c.channel.index() < 1 || c.channel.index() > info().capabilities.channels) {
            return QStringLiteral("channel %1 does not exist on this device").arg(c.channel.index());
        }
        const auto points = sm4PulsePoints(c, c.train.amplitude);
        std::int64_t patternUs = 0;
        for (const auto& p : points) {
            patternUs += p.duration.value();
        }
        const double periodUs = 1e6 / c.train.frequency.value();
        if (!(static_cast<double>(patternUs) < periodUs)) {
            return QStringLiteral("channel %1: a %2 µs pulse does not fit a %3 Hz period")
                .arg(c.channel.index())
                .arg(patternUs)
                .arg(c.train.frequency.value());
        }
        const auto output = sm4Output(c.channel.index());
        auto frame
            = probe.encode(sm4::HostCommand{sm4::LlChannelConfig{true, output.channel, output.connector, points}}, 0);
        if (!frame) {
            return QStringLiteral("channel %1: %2")
                .arg(c.channel.index())
                .arg(QString::fromStdString(frame.error().message()));
        }
    }
    return std::nullopt;
}

std::optional<EncodeOutcome> Sm4LowLevelDriver::encodeLevel(const Operation& operation)
{
    if (const auto* configure = std::get_if<op::Configure>(&operation)) {
        if (auto problem = checkPlan(configure->plan)) {
            return DriverError{*problem};
        }
        m_plan = configure->plan;
        const auto measurement
            = info().measuresDeliveredCurrent ? sm4::LlMeasurement::StimulationCurrent : sm4::LlMeasurement::None;
        return send(sm4::LlInit{measurement, sm4::HighVoltageSetting::Default}, kSm4AckTimeout);
    }
    if (std::holds_alternative<op::ApplyAmplitudes>(operation)) {
        return NothingToSend{}; // every pulse carries its own amplitude
    }
    if (const auto* pulse = std::get_if<op::Pulse>(&operation)) {
        const core::ChannelProgram* program = m_plan ? m_plan->find(pulse->channel) : nullptr;
        if (program == nullptr) {
            return DriverError{QStringLiteral("channel %1 is not in the loaded programme").arg(pulse->channel)};
        }
        const auto output = sm4Output(pulse->channel);
        auto points = sm4PulsePoints(*program, pulse->amplitude);
        const auto timeout = kSm4AckTimeout + patternDuration(points);
        return send(sm4::LlChannelConfig{true, output.channel, output.connector, std::move(points)}, timeout);
    }
    return std::nullopt;
}

bool Sm4LowLevelDriver::decodeLevel(std::uint8_t pn, const sm4::DeviceMessage& message, std::vector<DriverEvent>& out)
{
    if (const auto* init = std::get_if<sm4::LlInitAck>(&message)) {
        if (init->result == sm4::ResultCode::Ok) {
            setDeviceLevel(Level::Low);
        }
        ack(sm4::CommandId::LlInitAck, pn, init->result, out);
        return true;
    }
    const auto* config = std::get_if<sm4::LlChannelConfigAck>(&message);
    if (config == nullptr) {
        return false;
    }
    const int channel = static_cast<int>(config->connector) * sm4::kChannelsPerConnector + config->channel + 1;
    const auto key = keyFor(sm4::CommandId::LlChannelConfigAck, pn);
    switch (config->result) {
    case sm4::ResultCode::Ok:
        if (config->measurement == sm4::LlMeasurement::StimulationCurrent) {
            const core::ChannelProgram* program = m_plan ? m_plan->find(channel) : nullptr;
            out.emplace_back(ev::Measurement{key, channel, plateauCurrent(config->samples),
                program != nullptr ? phaseMeanCurrent(config->samples, config->samplingPeriod, *program) : std::nullopt,
                firstPhaseWidth(config->samples, config->samplingPeriod)});
        }
        break;
    case sm4::ResultCode::ElectrodeError:
        out.emplace_back(channelIssue(channel, FaultKind::ElectrodeError));
        break;
    case sm4::ResultCode::PulseLowCurrent:
        out.emplace_back(channelIssue(channel, FaultKind::LowCurrent));
        break;
    case sm4::ResultCode::PulseTimeout:
        out.emplace_back(channelIssue(channel, FaultKind::DeviceError));
        break;
    default:
        break;
    }
    ack(sm4::CommandId::LlChannelConfigAck, pn, config->result, out);
    return true;
}

} // namespace galvani::device
