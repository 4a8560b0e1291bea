// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/sim/Sm4LowLevel.h"

#include "device/sim/SimulatorConfig.h"
#include "device/sim/Sm4Text.h"
#include "device/sim/StimulatorModel.h"
#include "protocols/sciencemode4/Acks.h"

#include <algorithm>
#include <cmath>

namespace galvani::device::sim {

namespace sm4 = proto::sm4;

namespace {

// raw = int16 of value x 100, clamped to what the decoder trusts (±150 in the value's unit).
std::uint16_t toRaw(double valueTimes100)
{
    const double clamped = std::clamp(std::round(valueTimes100), -15000.0, 15000.0);
    return static_cast<std::uint16_t>(static_cast<std::int16_t>(clamped));
}

} // namespace

Sm4LowLevel::Sm4LowLevel(SimContext& context) : m_ctx(context), m_paced(context.model, "")
{
}

void Sm4LowLevel::init(sm4::LlMeasurement measurement, sm4::HighVoltageSetting highVoltage)
{
    leave();
    m_measurement = measurement;
    m_highVoltage = highVoltage;
}

void Sm4LowLevel::leave()
{
    m_paced.reset();
    m_pulseEnds.clear();
}

core::Millivolts Sm4LowLevel::compliance() const
{
    switch (m_highVoltage) {
    case sm4::HighVoltageSetting::Off:
        return core::Millivolts(0);
    case sm4::HighVoltageSetting::V30:
        return core::volts(30);
    case sm4::HighVoltageSetting::V60:
        return core::volts(60);
    case sm4::HighVoltageSetting::V90:
        return core::volts(90);
    case sm4::HighVoltageSetting::V120:
        return core::volts(120);
    case sm4::HighVoltageSetting::Default:
    case sm4::HighVoltageSetting::V150:
        break;
    }
    return core::volts(150);
}

sm4::HighVoltageLevel Sm4LowLevel::highVoltageLevel() const
{
    // Get_stim_status reports exactly 6 at 150 V (§10.5), the setting's own number otherwise.
    return m_highVoltage == sm4::HighVoltageSetting::Default ? sm4::HighVoltageLevel::V150 : m_highVoltage;
}

std::vector<std::uint16_t> Sm4LowLevel::measure(const PulseShape& driven, int output, core::Microseconds samplingPeriod)
{
    const auto physics = m_ctx.model.physics(output);
    const auto current
        = physics.samplePulse(driven, samplingPeriod, sm4::kSampleCount, compliance(), m_ctx.config.noise, m_ctx.rng);
    std::vector<std::uint16_t> raw;
    raw.reserve(current.size());
    const double ohms = static_cast<double>(physics.resistance().value());
    for (const auto& sample : current) {
        const double ma = static_cast<double>(sample.value()) / 1000.0;
        switch (m_measurement) {
        case sm4::LlMeasurement::StimulationCurrent:
            raw.push_back(toRaw(ma * 100.0));
            break;
        // The voltage encodings are not documented; the simulator uses volts x 100 like the current.
        case sm4::LlMeasurement::StimulationVoltage:
            raw.push_back(toRaw(ma / 1000.0 * ohms * 100.0));
            break;
        case sm4::LlMeasurement::HighVoltageSource:
            raw.push_back(toRaw(static_cast<double>(compliance().value()) / 1000.0 * 100.0));
            break;
        case sm4::LlMeasurement::None:
            break;
        }
    }
    return raw;
}

Sm4LowLevel::Outcome Sm4LowLevel::config(const sm4::LlChannelConfig& config)
{
    const auto name = sm4CommandName(sm4::toWire(sm4::CommandId::LlChannelConfig));
    const auto variant
        = m_ctx.config.protocol == SimProtocol::ScienceMode3 ? sm4::Variant::ScienceMode3 : sm4::Variant::ScienceMode4;
    const int output = static_cast<int>(config.connector) * 4 + config.channel + 1;
    Outcome outcome;
    if (output > m_ctx.config.channels) {
        m_ctx.model.recordViolation(name,
            "output " + std::to_string(output) + " is not fitted (channels 1.." + std::to_string(m_ctx.config.channels)
                + ")");
        outcome.ack = sm4::zeroFilledAck(config, sm4::ResultCode::ParameterError, variant);
        return outcome;
    }
    // The model's clock is the outgoing queue's: the ack's notBefore is compared against it.
    const auto t = m_ctx.model.now();
    while (!m_pulseEnds.empty() && m_pulseEnds.front() <= t) {
        m_pulseEnds.pop_front();
    }
    if (m_pulseEnds.size() >= kQueueDepth) {
        m_ctx.model.recordViolation(name, "low-level queue full (10 pulses waiting)");
        outcome.ack = sm4::zeroFilledAck(config, sm4::ResultCode::Busy, variant);
        return outcome;
    }

    PulseShape shape;
    for (const auto& p : config.points) {
        shape.push_back({p.duration, p.current});
    }
    const auto start = m_pulseEnds.empty() ? t : std::max(t, m_pulseEnds.back());
    const auto end = start + std::chrono::microseconds(pulseDuration(shape).value());
    m_pulseEnds.push_back(end);
    outcome.notBefore = end;

    sm4::LlChannelConfigAck ack;
    ack.channel = config.channel;
    ack.connector = config.connector;
    ack.measurement = m_measurement;
    const auto physics = m_ctx.model.physics(output);
    PulseShape driven;
    if (!config.enable) {
        // Nothing fires; the ack still reports the (empty) measurement window.
    } else if (physics.openElectrode() && peakCurrent(shape) >= kElectrodeDetection) {
        ack.result = sm4::ResultCode::ElectrodeError;
        m_ctx.model.setElectrodeError(output, true);
        m_ctx.model.log("fault: electrode error on channel " + std::to_string(output) + "; pulse not delivered");
        m_ctx.model.stopChannel(output, StopCause::Fault, "electrode error on channel " + std::to_string(output));
    } else {
        const auto pace = m_paced.pulse(output);
        driven = m_ctx.model.firePulse(output, shape, pace, compliance(), name);
        if (physics.overCurrent() && peakCurrent(shape).value() > 0) {
            ack.result = sm4::ResultCode::HighVoltageError;
            outcome.overCurrentChannel = output;
        }
    }
    if (m_measurement != sm4::LlMeasurement::None) {
        // The device fits its sampling window to the pulse its output stage shapes.
        ack.samplingPeriod = ChannelModel::samplingPeriodFor(physics.deliveredShape(shape), sm4::kSampleCount);
        ack.samples = measure(driven, output, ack.samplingPeriod);
    }
    outcome.ack = std::move(ack);
    return outcome;
}

void Sm4LowLevel::channelFaultChanged(int channel)
{
    const auto out = m_ctx.model.output(channel);
    if (out.running && out.commanded >= kElectrodeDetection && m_ctx.model.physics(channel).openElectrode()) {
        m_ctx.model.setElectrodeError(channel, true);
        m_ctx.model.stopChannel(channel, StopCause::Fault, "electrode error on channel " + std::to_string(channel));
    }
}

} // namespace galvani::device::sim
