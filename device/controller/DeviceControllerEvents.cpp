// SPDX-License-Identifier: GPL-3.0-or-later
// DeviceController: what the device says (acks, status, measurements, per-channel issues, errors, beacons).
#include "device/controller/DeviceController.h"

#include <algorithm>

namespace galvani::device {

namespace {

QString whatToCheck(FaultKind kind, int channel)
{
    switch (kind) {
    case FaultKind::ElectrodeError:
        return QStringLiteral("Check that both pads of channel %1 are attached and its lead is plugged in.")
            .arg(channel);
    case FaultKind::LowCurrent:
        return QStringLiteral("Check the pads of channel %1: contact, gel, size; replace dry pads.").arg(channel);
    case FaultKind::DeliveryDeviation:
        return QStringLiteral("Check the pads and lead of channel %1; if this repeats on a reference load, the channel "
                              "needs calibration.")
            .arg(channel);
    default:
        return QStringLiteral("Check the stimulator's display; switch it off and on if the problem stays.");
    }
}

} // namespace

void DeviceController::bytesReceived(const QByteArray& bytes)
{
    pollStopSignal();
    if (m_state == DeviceState::Disconnected) {
        return;
    }
    std::vector<DriverEvent> events;
    events.swap(m_events);
    events.clear();
    m_driver.feed(
        std::span(reinterpret_cast<const std::uint8_t*>(bytes.constData()), static_cast<std::size_t>(bytes.size())),
        events);
    for (const auto& event : events) {
        if (m_state == DeviceState::Disconnected) {
            break;
        }
        handle(event);
    }
    events.clear();
    m_events.swap(events);
    pumpQueue();
}

std::vector<DeviceController::InFlight>::iterator DeviceController::findInFlight(std::uint32_t key)
{
    // Keys come from wrapping packet numbers: should an overdue pulse still hold a key that a newer frame uses
    // again, the reply is taken as the newer frame's.
    const auto current = std::find_if(
        m_inFlight.begin(), m_inFlight.end(), [key](const InFlight& r) { return r.key == key && !r.overdue; });
    if (current != m_inFlight.end()) {
        return current;
    }
    return std::find_if(m_inFlight.begin(), m_inFlight.end(), [key](const InFlight& r) { return r.key == key; });
}

void DeviceController::releaseOverduePulses(std::chrono::nanoseconds answeredSentAt)
{
    // The device works through its pulse queue in order: once it answers a pulse, every overdue pulse sent before
    // it has left the queue (done, or never arrived).
    std::erase_if(m_inFlight, [answeredSentAt](const InFlight& r) {
        return r.purpose == Purpose::Pulse && r.overdue && r.sentAt <= answeredSentAt;
    });
}

void DeviceController::handle(const DriverEvent& event)
{
    if (const auto* rejected = std::get_if<ev::Rejected>(&event)) {
        (void)rejected;
        ++m_counters.framesRejected;
        return;
    }
    m_lastReceived = now();
    std::visit(
        [this](const auto& e) {
            using E = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<E, ev::Ack>) {
                ++m_counters.framesReceived;
                onAck(e);
            } else if constexpr (std::is_same_v<E, ev::Beacon>) {
                ++m_counters.framesReceived;
                onBeacon(e);
            } else if constexpr (std::is_same_v<E, ev::DeviceError>) {
                ++m_counters.framesReceived;
                onDeviceError(e);
            } else if constexpr (std::is_same_v<E, ev::Identity>) {
                if (e.deviceId) {
                    m_identity.deviceId = *e.deviceId;
                }
                if (e.firmware) {
                    m_identity.firmware = *e.firmware;
                }
                if (e.batteryPercent) {
                    m_identity.batteryPercent = e.batteryPercent;
                }
                if (e.batteryVoltage) {
                    m_identity.batteryVoltage = e.batteryVoltage;
                }
            } else if constexpr (std::is_same_v<E, ev::Status>) {
                onStatus(e);
            } else if constexpr (std::is_same_v<E, ev::Measurement>) {
                onMeasurement(e);
            } else if constexpr (std::is_same_v<E, ev::ChannelIssue>) {
                onChannelIssue(e);
            } else if constexpr (std::is_same_v<E, ev::TransferErrorReport>) {
                ++m_counters.framesReceived;
                ++m_counters.damagedAtDevice;
            }
        },
        event);
}

void DeviceController::onAck(const ev::Ack& ack)
{
    if (std::find(m_stopKeys.begin(), m_stopKeys.end(), ack.key) != m_stopKeys.end()) {
        if (m_state != DeviceState::Stopping) {
            return;
        }
        if (ack.status == AckStatus::Accepted) {
            finishStop();
        } else if (ack.status == AckStatus::Retry && m_stopAttempts < m_settings.stopMaxAttempts) {
            sendStopFrame();
        }
        return; // a refused stop is simply re-sent by the timer until the attempts run out
    }
    auto it = findInFlight(ack.key);
    if (it == m_inFlight.end()) {
        return; // late reply to something abandoned or timed out
    }
    InFlight request = std::move(*it);
    m_inFlight.erase(it);
    if (request.purpose == Purpose::Pulse) {
        releaseOverduePulses(request.sentAt);
        if (request.overdue) {
            return; // answered after all, but already counted lost; its place is free again
        }
    }
    switch (request.purpose) {
    case Purpose::Poll:
    case Purpose::Stop:
        return;
    case Purpose::Pulse:
        if (ack.status == AckStatus::Accepted && !m_driver.info().measuresDeliveredCurrent) {
            publish(request.channel, request.sentAt, request.amplitude, std::nullopt, 0);
        } else if (ack.status == AckStatus::Retry) {
            ++m_counters.pulsesLost; // the device did not take it (transfer error or busy)
        } else if (ack.status == AckStatus::Refused && m_state == DeviceState::Stimulating) {
            // A refused pulse means the output is not what we command (level lost, high voltage off...).
            raiseFault(FaultKind::DeviceError, request.channel,
                QStringLiteral("The stimulator refused a pulse on channel %1: %2.")
                    .arg(request.channel)
                    .arg(ack.detail),
                whatToCheck(FaultKind::DeviceError, request.channel));
        }
        return;
    case Purpose::Verify: // the state reply did not come with the ack: ask again by re-sending
        retry(request);
        return;
    case Purpose::Command:
        break;
    }
    switch (ack.status) {
    case AckStatus::Accepted:
        commandDone(request.operation);
        return;
    case AckStatus::Retry:
        m_holdQueueUntil = now() + m_settings.busyBackoff;
        retry(request);
        return;
    case AckStatus::Refused:
        if (const auto* ask = std::get_if<op::Ask>(&request.operation); ask && ask->query == Query::Battery) {
            commandDone(request.operation); // battery level is optional
            return;
        }
        commandFailed(request, FaultKind::CommandRefused, ack.detail);
        return;
    }
}

void DeviceController::onStatus(const ev::Status& status)
{
    auto it = findInFlight(status.key);
    if (it != m_inFlight.end() && it->purpose == Purpose::Verify) {
        InFlight request = std::move(*it);
        m_inFlight.erase(it);
        if (m_driver.tookEffect(request.operation, status)) {
            commandDone(request.operation);
        } else {
            retry(request);
        }
        return;
    }
    const auto sentAt = it != m_inFlight.end() ? it->sentAt : now();
    if (m_state == DeviceState::Handshaking) {
        if ((status.configured.value_or(false) || status.running.value_or(false)) && !m_handshakeStopQueued) {
            m_handshakeStopQueued = true; // something is left running from before: stop it first
            enqueue(op::Stop{}, 1, true);
        }
        return;
    }
    // A report about a moment before the device applied our last state change proves nothing.
    if (sentAt < m_lastStateChange + m_settings.statusSettle) {
        return;
    }
    const bool streams = m_driver.info().streamsPulses;
    if (m_state == DeviceState::Idle && status.running.value_or(false)) {
        raiseFault(FaultKind::DeviceError, 0,
            QStringLiteral("The stimulator reported output running although no programme was started."),
            whatToCheck(FaultKind::DeviceError, 0));
    } else if (m_state == DeviceState::Armed && !status.configured.value_or(true)) {
        raiseFault(FaultKind::DeviceStopped, 0,
            QStringLiteral("The stimulator dropped the loaded programme (it may have restarted)."),
            QStringLiteral("Load the programme again and start from zero."));
    } else if (m_state == DeviceState::Stimulating && m_outputConfirmed) {
        if (!status.configured.value_or(true) || (!streams && !status.running.value_or(true))) {
            raiseFault(FaultKind::DeviceStopped, 0, QStringLiteral("The stimulator stopped output by itself."),
                whatToCheck(FaultKind::DeviceStopped, 0));
            return;
        }
        if (status.runningMask) {
            for (const auto& channel : m_channels) {
                const auto bit = static_cast<unsigned>(1U << static_cast<unsigned>(channel.channel() - 1));
                if ((*status.runningMask & bit) == 0) {
                    raiseFault(FaultKind::DeviceStopped, channel.channel(),
                        QStringLiteral("Channel %1 stopped by itself.").arg(channel.channel()),
                        whatToCheck(FaultKind::ElectrodeError, channel.channel()));
                    return;
                }
            }
        }
    }
}

void DeviceController::onMeasurement(const ev::Measurement& measurement)
{
    auto it = findInFlight(measurement.key);
    if (it == m_inFlight.end() || it->purpose != Purpose::Pulse || it->overdue) {
        return;
    }
    ++m_counters.pulsesMeasured;
    const int channel = it->channel;
    const auto commandedAmplitude = it->amplitude;
    const auto& s = m_settings;
    // The peak plateau must match, and so must the charge the phases delivered (a current that sags to the
    // compliance limit reaches the set value only at the start of each phase).
    const bool sagging = measurement.phaseMean
        && OutputChannel::deviates(commandedAmplitude, measurement.phaseMean, s.deviationFloor, s.deviationPermille);
    const auto judged = sagging ? measurement.phaseMean : measurement.plateau;
    const bool deviates = OutputChannel::deviates(commandedAmplitude, judged, s.deviationFloor, s.deviationPermille);
    std::uint8_t flags = kTelemetryMeasured;
    flags = static_cast<std::uint8_t>(flags | (measurement.plateau ? 0 : kTelemetryUndecodable));
    flags = static_cast<std::uint8_t>(flags | (deviates ? kTelemetryDeviation : 0));
    auto sample = telemetrySample(channel, it->sentAt, commandedAmplitude, measurement.plateau, flags);
    if (measurement.width) {
        sample.widthUs = static_cast<std::uint16_t>(std::clamp<std::int64_t>(measurement.width->value(), 0, 0xFFFF));
    }
    publish(sample);
    OutputChannel* output = outputChannel(channel);
    if (output != nullptr && m_state == DeviceState::Stimulating
        && output->recordMeasurement(
            commandedAmplitude, judged, s.deviationFloor, s.deviationPermille, s.deviationPulses)) {
        const QString measured = judged
            ? QStringLiteral("%1 mA%2")
                  .arg(static_cast<double>(judged->value()) / 1000.0, 0, 'f', 1)
                  .arg(sagging ? QStringLiteral(" (mean over the phases: the current sags)") : QString())
            : QStringLiteral("an unreadable current");
        raiseFault(FaultKind::DeliveryDeviation, channel,
            QStringLiteral("Channel %1 delivered %2 while %3 mA was commanded (%4 pulses in a row).")
                .arg(channel)
                .arg(measured)
                .arg(static_cast<double>(commandedAmplitude.value()) / 1000.0, 0, 'f', 1)
                .arg(s.deviationPulses),
            whatToCheck(FaultKind::DeliveryDeviation, channel));
    }
}

void DeviceController::onChannelIssue(const ev::ChannelIssue& issue)
{
    if (m_state != DeviceState::Armed && m_state != DeviceState::Stimulating && m_state != DeviceState::Stopping) {
        return;
    }
    if (m_telemetry != nullptr && issue.kind == FaultKind::ElectrodeError) {
        publish(issue.channel, now(), commanded(issue.channel), std::nullopt, kTelemetryElectrodeError);
    }
    raiseFault(issue.kind, issue.channel, issue.text, whatToCheck(issue.kind, issue.channel));
}

void DeviceController::onDeviceError(const ev::DeviceError& error)
{
    if (m_state == DeviceState::Handshaking) {
        raiseFault(FaultKind::HandshakeFailed, error.channel, error.message, error.whatToCheck);
        return;
    }
    raiseFault(error.kind, error.channel, error.message, error.whatToCheck);
}

void DeviceController::onBeacon(const ev::Beacon& beacon)
{
    switch (m_state) {
    case DeviceState::Handshaking: {
        // Answer every beacon while handshaking: one may cross our answer to the previous one.
        auto outcome = m_driver.encode(op::AcceptBeacon{beacon.packetNumber});
        if (const auto* frame = std::get_if<Outgoing>(&outcome)) {
            write(*frame, false);
        }
        if (m_handshakePhase == HandshakePhase::WaitBeacon) {
            m_handshakePhase = HandshakePhase::Queries;
            enqueueHandshakeQueries();
        }
        return;
    }
    case DeviceState::Idle:
    case DeviceState::Armed:
    case DeviceState::Stimulating:
        raiseFault(FaultKind::DeviceStopped, 0,
            QStringLiteral("The stimulator restarted its connection (it stopped hearing this host) and has stopped "
                           "output."),
            QStringLiteral("Check the USB cable; reconnect and start again from zero."));
        return;
    default:
        return;
    }
}

} // namespace galvani::device
