// SPDX-License-Identifier: GPL-3.0-or-later
// DeviceController: the command queue (one command awaiting its ack at a time), ack timeouts and retries.
#include "device/controller/DeviceController.h"

#include <algorithm>

namespace galvani::device {

void DeviceController::enqueue(Operation operation, int attempt, bool front)
{
    if (front) {
        m_queue.push_front(Queued{std::move(operation), attempt});
    } else {
        m_queue.push_back(Queued{std::move(operation), attempt});
    }
}

bool DeviceController::commandInFlight() const
{
    return std::any_of(m_inFlight.begin(), m_inFlight.end(),
        [](const InFlight& r) { return r.purpose == Purpose::Command || r.purpose == Purpose::Verify; });
}

void DeviceController::pumpQueue()
{
    while (!m_queue.empty() && !commandInFlight() && now() >= m_holdQueueUntil) {
        if (m_state == DeviceState::Disconnected || m_state == DeviceState::Fault || m_state == DeviceState::Stopping) {
            m_queue.clear();
            return;
        }
        Queued next = std::move(m_queue.front());
        m_queue.pop_front();
        if (!sendCommand(std::move(next.operation), next.attempt)) {
            return;
        }
    }
    if (m_state == DeviceState::Handshaking) {
        runHandshake(now());
    }
}

bool DeviceController::sendCommand(Operation operation, int attempt)
{
    auto outcome = m_driver.encode(operation);
    if (std::holds_alternative<NothingToSend>(outcome)) {
        commandDone(operation);
        return true;
    }
    if (const auto* error = std::get_if<DriverError>(&outcome)) {
        raiseFault(m_state == DeviceState::Handshaking ? FaultKind::HandshakeFailed : FaultKind::CommandRefused, 0,
            QStringLiteral("%1 could not be encoded for the stimulator: %2").arg(describe(operation), error->message),
            QStringLiteral("The programme does not fit this device; choose one within its limits."));
        return false;
    }
    const auto& frame = std::get<Outgoing>(outcome);
    if (!write(frame, false)) {
        return false;
    }
    if (!frame.replyKey) {
        commandDone(operation);
        return true;
    }
    const auto t = now();
    m_inFlight.push_back(
        InFlight{*frame.replyKey, Purpose::Command, std::move(operation), t, t + frame.timeout, attempt});
    return true;
}

void DeviceController::commandDone(const Operation& operation)
{
    const auto t = now();
    if (std::holds_alternative<op::Configure>(operation)) {
        m_lastStateChange = t;
        if (m_state == DeviceState::Idle) {
            setState(DeviceState::Armed);
        }
    } else if (const auto* apply = std::get_if<op::ApplyAmplitudes>(&operation)) {
        if (!m_outputConfirmed) {
            m_outputConfirmed = true;
            m_lastStateChange = t;
        }
        for (auto& channel : m_channels) {
            const auto amplitude = apply->amplitudes[static_cast<std::size_t>(channel.channel() - 1)];
            if (amplitude != channel.commanded()) {
                channel.commit(amplitude, t);
                Q_EMIT amplitudeCommanded(channel.channel(), amplitude.value(), channel.target(t).value());
            }
        }
    } else if (std::holds_alternative<op::Stop>(operation)) {
        m_lastStateChange = t; // the handshake's stop of a level left running
    }
}

void DeviceController::retry(const InFlight& request)
{
    if (request.attempt >= m_settings.maxAttempts) {
        commandFailed(request, FaultKind::NoAcknowledgement, QString());
        return;
    }
    ++m_counters.retries;
    enqueue(request.operation, request.attempt + 1, true);
}

void DeviceController::commandFailed(const InFlight& request, FaultKind kind, const QString& detail)
{
    const bool handshake = m_state == DeviceState::Handshaking;
    const QString what = describe(request.operation);
    QString message = kind == FaultKind::NoAcknowledgement
        ? QStringLiteral("The stimulator did not acknowledge %1 after %2 attempts.").arg(what).arg(request.attempt)
        : QStringLiteral("The stimulator refused %1: %2.").arg(what, detail);
    QString check = handshake
        ? QStringLiteral("Check that the stimulator is switched on and that the port and protocol are right.")
        : QStringLiteral("Check the cable; reconnect and start again from zero.");
    raiseFault(handshake ? FaultKind::HandshakeFailed : kind, 0, std::move(message), std::move(check));
}

void DeviceController::checkTimeouts(std::chrono::nanoseconds t)
{
    std::vector<InFlight> expired;
    for (auto it = m_inFlight.begin(); it != m_inFlight.end();) {
        if (it->deadline > t) {
            ++it;
        } else if (it->overdue) {
            it = m_inFlight.erase(it); // no answer after a second wait: the device does not hold it any more
        } else if (it->purpose == Purpose::Pulse) {
            // Counted lost now (a late pulse is never re-sent), but it keeps its place: see InFlight::overdue.
            it->overdue = true;
            it->deadline = t + (it->deadline - it->sentAt);
            expired.push_back(*it);
            ++it;
        } else {
            expired.push_back(std::move(*it));
            it = m_inFlight.erase(it);
        }
    }
    for (const auto& request : expired) {
        ++m_counters.ackTimeouts;
        if (m_state == DeviceState::Stopping || m_state == DeviceState::Fault || m_state == DeviceState::Disconnected) {
            return;
        }
        switch (request.purpose) {
        case Purpose::Pulse:
            ++m_counters.pulsesLost; // not re-sent: a late pulse would break the rate; counted instead
            break;
        case Purpose::Poll:
        case Purpose::Stop:
            break; // no retry: the next heartbeat or pulse follows; silence is caught by the watchdog
        case Purpose::Verify:
            retry(request);
            break;
        case Purpose::Command: {
            const bool verifiable = std::holds_alternative<op::Configure>(request.operation)
                || std::holds_alternative<op::Stop>(request.operation);
            if (m_driver.info().verifiesLostAcks && verifiable && request.attempt < m_settings.maxAttempts) {
                // ScienceMode2 rule: ask the state first; the command may have worked and only its ack was lost.
                auto outcome = m_driver.encode(op::Ask{Query::DeviceState});
                if (const auto* frame = std::get_if<Outgoing>(&outcome); frame && frame->replyKey) {
                    if (write(*frame, false)) {
                        m_inFlight.push_back(InFlight{*frame->replyKey, Purpose::Verify, request.operation, t,
                            t + frame->timeout, request.attempt});
                    }
                    break;
                }
            }
            retry(request);
            break;
        }
        }
    }
}

QString DeviceController::describe(const Operation& operation) const
{
    if (const auto* ask = std::get_if<op::Ask>(&operation)) {
        switch (ask->query) {
        case Query::DeviceId:
            return QStringLiteral("the device id query");
        case Query::Firmware:
            return QStringLiteral("the firmware version query");
        case Query::Battery:
            return QStringLiteral("the battery query");
        case Query::DeviceState:
            return QStringLiteral("the state query");
        }
    }
    if (std::holds_alternative<op::Configure>(operation)) {
        return QStringLiteral("the programme");
    }
    if (std::holds_alternative<op::ApplyAmplitudes>(operation)) {
        return QStringLiteral("the amplitude command");
    }
    if (std::holds_alternative<op::Stop>(operation)) {
        return QStringLiteral("the stop command");
    }
    if (std::holds_alternative<op::Pulse>(operation)) {
        return QStringLiteral("a pulse");
    }
    if (std::holds_alternative<op::AcceptBeacon>(operation)) {
        return QStringLiteral("the connection answer");
    }
    return QStringLiteral("the keep-alive");
}

} // namespace galvani::device
