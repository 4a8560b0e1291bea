// SPDX-License-Identifier: GPL-3.0-or-later
// DeviceController: periodic work driven by tick(): handshake progress, heartbeat and silence watchdog,
// STOP re-sends, ramping, low-level pulse streaming and telemetry.
#include "device/controller/DeviceController.h"

#include "device/transport/Transport.h"

#include <algorithm>

namespace galvani::device {

void DeviceController::tick()
{
    pollStopSignal();
    const auto t = now();
    const bool wasStalled = stalled(t);
    m_lastTick = t;
    if (wasStalled || m_state == DeviceState::Disconnected || m_state == DeviceState::Fault) {
        return;
    }
    checkTimeouts(t);
    switch (m_state) {
    case DeviceState::Handshaking:
        runHandshake(t);
        break;
    case DeviceState::Idle:
    case DeviceState::Armed:
    case DeviceState::Stimulating:
        if (t - m_lastReceived >= m_settings.silenceTimeout) {
            abandonLink(FaultKind::DeviceSilent,
                QStringLiteral("The stimulator has not answered for %1 ms; the connection was closed and output "
                               "ends by the stimulator's own watchdog.")
                    .arg(m_settings.silenceTimeout.count()),
                QStringLiteral(
                    "Check that the stimulator is switched on and its cable is plugged in, then reconnect."));
            return;
        }
        sendKeepAlive(t);
        if (m_state == DeviceState::Stimulating) {
            runStimulation(t);
        }
        break;
    case DeviceState::Stopping:
        if (t - m_lastStopSent >= m_settings.stopResendInterval) {
            if (m_stopAttempts < m_settings.stopMaxAttempts) {
                sendStopFrame();
            } else {
                m_transport.close();
                enterFault(DeviceFault{FaultKind::StopNotAcknowledged, 0,
                    QStringLiteral("STOP was sent %1 times without acknowledgement; the connection was closed so the "
                                   "stimulator's watchdog ends output.")
                        .arg(m_stopAttempts),
                    QStringLiteral("Make sure the output has stopped (unplug the leads if in doubt); check the "
                                   "cable and the stimulator."),
                    t});
                return;
            }
        }
        break;
    default:
        break;
    }
    pumpQueue();
    publishCounters(t, false);
}

bool DeviceController::stalled(std::chrono::nanoseconds t)
{
    // Judged by this loop's own clock, not by the traffic: when a stopped or suspended process runs again, the
    // event loop delivers the replies that waited in the port before the tick timer fires, so the silence check
    // alone would see fresh traffic and carry on.
    if (m_state != DeviceState::Stimulating || !m_lastTick || t - *m_lastTick < m_settings.silenceTimeout) {
        return false;
    }
    const auto gap = std::chrono::duration_cast<std::chrono::milliseconds>(t - *m_lastTick);
    raiseFault(FaultKind::DeviceSilent, 0,
        QStringLiteral("Galvani itself did not run for %1 ms (the computer was suspended or overloaded, or the program "
                       "stopped responding), longer than the %2 ms heartbeat allows. The stimulator may have stopped "
                       "output meanwhile; the session was stopped and does not resume by itself.")
            .arg(gap.count())
            .arg(m_settings.silenceTimeout.count()),
        QStringLiteral("Start again from zero when ready. If this happens again, check the computer's power saving "
                       "settings and what else is running on it."));
    return true;
}

void DeviceController::beginHandshake()
{
    m_driver.reset();
    clearSession();
    m_stopKeys.clear();
    m_pendingFault.reset();
    const auto& info = m_driver.info();
    m_identity = DeviceIdentity{};
    m_identity.protocolId = QString::fromStdString(info.protocolId);
    m_identity.model
        = QString::fromUtf8(info.capabilities.model.data(), static_cast<qsizetype>(info.capabilities.model.size()));
    m_identity.level = info.level;
    m_identity.channels = info.capabilities.channels;
    m_identity.measuresDeliveredCurrent = info.measuresDeliveredCurrent;
    const auto t = now();
    m_handshakeStarted = t;
    m_lastReceived = t;
    // The loop's stall check measures from the next tick: the device thread does not tick a controller that is
    // Disconnected or in Fault, and that pause is not a stall of this host.
    m_lastTick.reset();
    m_handshakeStopQueued = false;
    m_handshakePhase = info.waitsForBeacon ? HandshakePhase::WaitBeacon : HandshakePhase::Queries;
    setState(DeviceState::Handshaking);
    if (m_handshakePhase == HandshakePhase::Queries) {
        enqueueHandshakeQueries();
    }
    pumpQueue();
}

void DeviceController::enqueueHandshakeQueries()
{
    for (const auto query : m_driver.info().handshakeQueries) {
        enqueue(op::Ask{query});
    }
}

void DeviceController::runHandshake(std::chrono::nanoseconds t)
{
    if (m_state != DeviceState::Handshaking) {
        return;
    }
    if (t - m_handshakeStarted >= m_settings.handshakeTimeout) {
        raiseFault(FaultKind::HandshakeFailed, 0,
            QStringLiteral("The stimulator did not complete the handshake within %1 ms.")
                .arg(m_settings.handshakeTimeout.count()),
            QStringLiteral("Check that the stimulator is switched on and that the port and protocol are right."));
        return;
    }
    if (m_handshakePhase == HandshakePhase::WaitBeacon && t - m_handshakeStarted >= m_settings.beaconWait) {
        // No beacon: the device may still be connected to an earlier run of this host. Ask it directly.
        m_handshakePhase = HandshakePhase::Queries;
        enqueueHandshakeQueries();
        pumpQueue();
        return;
    }
    if (m_handshakePhase == HandshakePhase::Queries && m_queue.empty() && !commandInFlight()) {
        finishHandshake();
    }
}

void DeviceController::finishHandshake()
{
    m_handshakePhase = HandshakePhase::Done;
    const auto t = now();
    m_lastKeepAlive = t;
    m_lastReceived = t;
    m_lastStateChange = t;
    setState(DeviceState::Idle);
    Q_EMIT identityChanged(m_identity);
}

void DeviceController::sendKeepAlive(std::chrono::nanoseconds t)
{
    if (t - m_lastKeepAlive < m_settings.keepAliveInterval) {
        return;
    }
    m_lastKeepAlive = t;
    auto outcome = m_driver.encode(op::KeepAlive{});
    const auto* frame = std::get_if<Outgoing>(&outcome);
    if (frame == nullptr || !write(*frame, false)) {
        return;
    }
    ++m_counters.keepAlivesSent;
    if (frame->replyKey) {
        m_inFlight.push_back(InFlight{*frame->replyKey, Purpose::Poll, op::KeepAlive{}, t, t + frame->timeout, 1});
    }
}

void DeviceController::runStimulation(std::chrono::nanoseconds t)
{
    if (!m_channels.empty()
        && std::all_of(m_channels.begin(), m_channels.end(), [t](const auto& c) { return c.timerExpired(t); })) {
        requestStop(AfterStop::Idle); // the session's time is up
        return;
    }
    if (m_driver.info().streamsPulses) {
        streamPulses(t);
    } else {
        rampRepeatingOutput(t);
    }
}

void DeviceController::rampRepeatingOutput(std::chrono::nanoseconds t)
{
    // The device repeats the pulses itself: telemetry shows the commanded value at the programme's rate.
    for (auto& channel : m_channels) {
        if (channel.takePulseDue(t)) {
            publish(channel.channel(), t, channel.commanded(), std::nullopt,
                channel.ramping(t) ? kTelemetryRamping : std::uint8_t{0});
        }
    }
    if (!m_outputConfirmed || !m_queue.empty() || commandInFlight()) {
        return; // one amplitude command at a time, each acknowledged before the next step
    }
    AmplitudeSet amplitudes{};
    bool change = false;
    for (const auto& channel : m_channels) {
        const auto step = channel.nextStep(t);
        amplitudes[static_cast<std::size_t>(channel.channel() - 1)] = step.value_or(channel.commanded());
        change = change || step.has_value();
    }
    if (change) {
        enqueue(op::ApplyAmplitudes{amplitudes});
    }
}

void DeviceController::streamPulses(std::chrono::nanoseconds t)
{
    auto pulsesInFlight = static_cast<int>(std::count_if(
        m_inFlight.begin(), m_inFlight.end(), [](const InFlight& r) { return r.purpose == Purpose::Pulse; }));
    for (auto& channel : m_channels) {
        if (pulsesInFlight >= m_settings.maxPulsesInFlight || m_state != DeviceState::Stimulating) {
            return;
        }
        if (!channel.takePulseDue(t)) {
            continue;
        }
        const auto amplitude = channel.nextStep(t).value_or(channel.commanded());
        if (amplitude != channel.commanded()) {
            channel.commit(amplitude, t);
            Q_EMIT amplitudeCommanded(channel.channel(), amplitude.value(), channel.target(t).value());
        }
        auto outcome = m_driver.encode(op::Pulse{channel.channel(), amplitude});
        if (const auto* error = std::get_if<DriverError>(&outcome)) {
            raiseFault(FaultKind::CommandRefused, channel.channel(),
                QStringLiteral("A pulse for channel %1 could not be encoded: %2")
                    .arg(channel.channel())
                    .arg(error->message),
                QStringLiteral("The programme does not fit this device; choose one within its limits."));
            return;
        }
        const auto* frame = std::get_if<Outgoing>(&outcome);
        if (frame == nullptr || !write(*frame, false)) {
            return;
        }
        ++m_counters.pulsesSent;
        if (frame->replyKey) {
            m_inFlight.push_back(InFlight{*frame->replyKey, Purpose::Pulse, op::Pulse{channel.channel(), amplitude}, t,
                t + frame->timeout, 1, channel.channel(), amplitude});
            ++pulsesInFlight;
        }
    }
}

void DeviceController::publish(int channel, std::chrono::nanoseconds at, core::Microamps commandedAmplitude,
    std::optional<core::Microamps> measured, std::uint8_t flags)
{
    publish(telemetrySample(channel, at, commandedAmplitude, measured, flags));
}

TelemetrySample DeviceController::telemetrySample(int channel, std::chrono::nanoseconds at,
    core::Microamps commandedAmplitude, std::optional<core::Microamps> measured, std::uint8_t flags)
{
    TelemetrySample sample;
    sample.timeUs = std::chrono::duration_cast<std::chrono::microseconds>(at).count();
    sample.commandedUa = static_cast<std::int32_t>(commandedAmplitude.value());
    sample.measuredUa = measured ? static_cast<std::int32_t>(measured->value()) : 0;
    sample.channel = static_cast<std::uint8_t>(channel);
    sample.flags = flags;
    return sample;
}

void DeviceController::publish(const TelemetrySample& sample)
{
    if (m_telemetry == nullptr) {
        return;
    }
    if (m_telemetry->tryPush(sample)) {
        ++m_counters.telemetryPublished;
    } else {
        ++m_counters.telemetryDropped;
    }
}

void DeviceController::publishCounters(std::chrono::nanoseconds t, bool force)
{
    if (!force && t - m_lastCounters < m_settings.countersInterval) {
        return;
    }
    m_lastCounters = t;
    if (m_counters != m_reportedCounters) {
        m_reportedCounters = m_counters;
        Q_EMIT countersChanged(m_counters);
    }
}

} // namespace galvani::device
