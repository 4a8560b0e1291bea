// SPDX-License-Identifier: GPL-3.0-or-later
// DeviceController: public API, state changes and the stop path. The command queue is in
// DeviceControllerQueue.cpp, device events in DeviceControllerEvents.cpp, periodic work in
// DeviceControllerRun.cpp.
#include "device/controller/DeviceController.h"

#include "device/transport/Transport.h"

#include <algorithm>

namespace galvani::device {

DeviceController::DeviceController(Transport& transport, ProtocolDriver& driver, const core::Clock& clock,
    std::shared_ptr<StopSignal> stop, TelemetryRing* telemetry, const ControllerSettings& settings, QObject* parent)
    : QObject(parent), m_transport(transport), m_driver(driver), m_clock(clock), m_stopSignal(std::move(stop)),
      m_telemetry(telemetry), m_settings(settings), m_seenStopGeneration(m_stopSignal ? m_stopSignal->generation() : 0),
      m_seenGlobalStopGeneration(globalStopSignal().generation())
{
    if (!m_stopSignal) {
        m_stopSignal = std::make_shared<StopSignal>();
    }
}

DeviceController::~DeviceController() = default;

void DeviceController::linkOpened()
{
    beginHandshake();
}

void DeviceController::setState(DeviceState state)
{
    if (m_state == state) {
        return;
    }
    m_state = state;
    Q_EMIT stateChanged(state);
    publishCounters(now(), true);
}

core::Microamps DeviceController::commanded(int channel) const
{
    for (const auto& c : m_channels) {
        if (c.channel() == channel) {
            return c.commanded();
        }
    }
    return core::Microamps(0);
}

OutputChannel* DeviceController::outputChannel(int channel)
{
    for (auto& c : m_channels) {
        if (c.channel() == channel) {
            return &c;
        }
    }
    return nullptr;
}

std::optional<QString> DeviceController::configure(const StimulationPlan& plan)
{
    pollStopSignal();
    if (m_state != DeviceState::Idle) {
        return QStringLiteral("a programme can be loaded only when the stimulator is idle (it is %1)")
            .arg(QString::fromUtf8(toString(m_state).data()));
    }
    if (auto problem = checkPlanAgainstDevice(plan, m_driver.info().capabilities)) {
        return problem;
    }
    if (auto problem = m_driver.checkPlan(plan)) {
        return problem;
    }
    m_plan = plan;
    enqueue(op::Configure{plan});
    pumpQueue();
    return std::nullopt;
}

std::optional<QString> DeviceController::start()
{
    pollStopSignal();
    if (m_state != DeviceState::Armed || !m_plan) {
        return QStringLiteral("output can be started only from armed (the stimulator is %1)")
            .arg(QString::fromUtf8(toString(m_state).data()));
    }
    const auto t = now();
    m_channels.clear();
    for (const auto& program : m_plan->channels) {
        m_channels.emplace_back(program, m_plan->limitsFor(program.channel.index()), m_driver.info().amplitudeGrid,
            m_settings.maxAmplitudeStep, t);
    }
    m_stimulationStarted = t;
    m_outputConfirmed = m_driver.info().streamsPulses; // low level: the pulse stream is the output
    setState(DeviceState::Stimulating);
    if (!m_driver.info().streamsPulses) {
        enqueue(op::ApplyAmplitudes{}); // every channel at zero: output starts from nothing
    }
    pumpQueue();
    return std::nullopt;
}

std::optional<QString> DeviceController::setAmplitude(int channel, core::Microamps amplitude)
{
    pollStopSignal();
    if (m_state != DeviceState::Armed && m_state != DeviceState::Stimulating) {
        return QStringLiteral("amplitude can be changed only when armed or stimulating");
    }
    const auto& caps = m_driver.info().capabilities;
    const auto grid = m_driver.info().amplitudeGrid.value();
    const RunLimits* limits = m_plan ? m_plan->limitsFor(channel) : nullptr;
    if (limits != nullptr && amplitude > limits->amplitudeMax) {
        return QStringLiteral("channel %1: amplitude %2 µA is above the validated maximum %3 µA")
            .arg(channel)
            .arg(amplitude.value())
            .arg(limits->amplitudeMax.value());
    }
    if (amplitude.value() < 0 || amplitude > caps.currentMax || (grid > 0 && amplitude.value() % grid != 0)) {
        return QStringLiteral("channel %1: amplitude %2 µA must be 0..%3 µA in steps of %4 µA")
            .arg(channel)
            .arg(amplitude.value())
            .arg(caps.currentMax.value())
            .arg(grid);
    }
    if (m_plan) {
        for (auto& program : m_plan->channels) {
            if (program.channel.index() == channel) {
                program.train.amplitude = amplitude;
                if (auto* output = outputChannel(channel)) {
                    output->setAmplitude(amplitude);
                }
                return std::nullopt;
            }
        }
    }
    return QStringLiteral("channel %1 is not in the loaded programme").arg(channel);
}

void DeviceController::stop()
{
    switch (m_state) {
    case DeviceState::Disconnected:
    case DeviceState::Stopping:
        return;
    case DeviceState::Fault:
        // Belt and braces: output is already stopped or the link is closed, but a STOP is never refused.
        sendStopFrame();
        return;
    case DeviceState::Handshaking:
        requestStop(AfterStop::Handshake);
        return;
    default:
        requestStop(AfterStop::Idle);
        return;
    }
}

void DeviceController::clearFault()
{
    if (m_state != DeviceState::Fault) {
        return;
    }
    m_fault.reset();
    if (m_transport.isOpen()) {
        beginHandshake();
    } else {
        setState(DeviceState::Disconnected);
    }
}

void DeviceController::disconnect()
{
    switch (m_state) {
    case DeviceState::Disconnected:
        return;
    case DeviceState::Fault:
        m_transport.close();
        setState(DeviceState::Disconnected);
        return;
    case DeviceState::Stopping:
        if (m_afterStop != AfterStop::Fault) {
            m_afterStop = AfterStop::Disconnect;
        }
        return;
    default:
        requestStop(AfterStop::Disconnect);
        return;
    }
}

void DeviceController::linkLost(const QString& reason)
{
    if (m_state == DeviceState::Disconnected || m_state == DeviceState::Fault) {
        return;
    }
    enterFault(DeviceFault{FaultKind::LinkLost, 0,
        QStringLiteral("The connection to the stimulator was lost (%1). The stimulator ends output by itself when "
                       "it stops hearing the host.")
            .arg(reason),
        QStringLiteral("Check the USB cable and that the stimulator is switched on, then reconnect."), now()});
}

bool DeviceController::pollStopSignal()
{
    const auto own = m_stopSignal->generation();
    const auto global = globalStopSignal().generation();
    if (own == m_seenStopGeneration && global == m_seenGlobalStopGeneration) {
        return false;
    }
    m_seenStopGeneration = own;
    m_seenGlobalStopGeneration = global;
    stop();
    return true;
}

bool DeviceController::write(const Outgoing& frame, bool isStop)
{
    // The STOP check before every write: a pending STOP goes out instead of this frame.
    if (!isStop && pollStopSignal()) {
        return false;
    }
    // A freeze can also fall inside a tick, after it read the clock: nothing but a stop goes out after one.
    if (!isStop && stalled(now())) {
        return false;
    }
    if (!m_transport.isOpen()) {
        return false;
    }
    const QByteArray bytes(
        reinterpret_cast<const char*>(frame.bytes.data()), static_cast<qsizetype>(frame.bytes.size()));
    if (!m_transport.write(bytes)) {
        return false;
    }
    ++m_counters.framesSent;
    return true;
}

void DeviceController::clearSession()
{
    m_queue.clear();
    m_inFlight.clear();
    m_channels.clear();
    m_plan.reset();
    m_outputConfirmed = false;
}

void DeviceController::raiseFault(FaultKind kind, int channel, QString message, QString whatToCheck)
{
    DeviceFault fault{kind, channel, std::move(message), std::move(whatToCheck), now()};
    switch (m_state) {
    case DeviceState::Disconnected:
    case DeviceState::Fault:
        return; // the first fault stands
    case DeviceState::Stopping:
        if (!m_pendingFault) {
            m_pendingFault = fault;
        }
        m_afterStop = AfterStop::Fault;
        return;
    default:
        break;
    }
    if (!m_transport.isOpen()) {
        enterFault(fault);
        return;
    }
    m_pendingFault = fault;
    requestStop(AfterStop::Fault);
}

void DeviceController::requestStop(AfterStop after)
{
    if (m_state == DeviceState::Disconnected || m_state == DeviceState::Fault) {
        return;
    }
    if (m_state == DeviceState::Stopping) {
        if (m_afterStop != AfterStop::Fault && after != AfterStop::Idle) {
            m_afterStop = after;
        }
        return;
    }
    m_afterStop = after;
    m_queue.clear();
    m_inFlight.clear(); // replies to anything sent before the STOP are ignored from now on
    m_stopKeys.clear();
    m_stopAttempts = 0;
    // The stop frame goes out before anyone hears about the state change.
    m_state = DeviceState::Stopping;
    sendStopFrame();
    if (m_state == DeviceState::Stopping) {
        Q_EMIT stateChanged(DeviceState::Stopping);
    }
}

void DeviceController::sendStopFrame()
{
    if (!m_transport.isOpen()) {
        return;
    }
    auto outcome = m_driver.encode(op::Stop{});
    bool written = false;
    const auto at = now(); // before the write: the simulator (or a fast device) may act on it at once
    if (auto* frame = std::get_if<Outgoing>(&outcome)) {
        written = write(*frame, true);
        if (written && frame->replyKey) {
            m_stopKeys.push_back(*frame->replyKey);
        }
    }
    // Attempts count even when the write failed: the fallback (closing the port) must come.
    ++m_stopAttempts;
    m_lastStopSent = at;
    if (written) {
        ++m_counters.stopsSent;
        Q_EMIT stopSent(at.count(), m_stopAttempts);
    }
}

void DeviceController::finishStop()
{
    m_stopKeys.clear();
    clearSession();
    m_lastStateChange = now();
    switch (m_afterStop) {
    case AfterStop::Idle:
        setState(DeviceState::Idle);
        return;
    case AfterStop::Fault:
        enterFault(m_pendingFault.value_or(DeviceFault{
            FaultKind::DeviceError, 0, QStringLiteral("Output was stopped after a device error."), QString(), now()}));
        return;
    case AfterStop::Handshake:
        beginHandshake();
        return;
    case AfterStop::Disconnect:
        m_transport.close();
        setState(DeviceState::Disconnected);
        return;
    }
}

void DeviceController::enterFault(const DeviceFault& fault)
{
    clearSession();
    m_stopKeys.clear();
    m_pendingFault.reset();
    m_fault = fault;
    // The fault first: whoever reacts to the Fault state finds the reason already delivered.
    Q_EMIT faultRaised(fault);
    setState(DeviceState::Fault);
}

void DeviceController::abandonLink(FaultKind kind, const QString& message, const QString& whatToCheck)
{
    // One last stop frame in case only the device's replies are lost, then close: the device's watchdog
    // ends output when it stops hearing us.
    sendStopFrame();
    m_transport.close();
    enterFault(DeviceFault{kind, 0, message, whatToCheck, now()});
}

} // namespace galvani::device
