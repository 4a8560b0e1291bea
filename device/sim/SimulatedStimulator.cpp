// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/sim/SimulatedStimulator.h"

#include "device/sim/CommandLog.h"
#include "device/sim/DeviceSide.h"
#include "device/sim/OutgoingQueue.h"
#include "device/sim/Sm2DeviceSide.h"
#include "device/sim/Sm4DeviceSide.h"
#include "device/transport/Transport.h"

#include <QMetaObject>
#include <QThread>

#include <functional>

namespace galvani::device::sim {

namespace {

const core::Clock& systemClock()
{
    static const core::SystemClock clock;
    return clock;
}

} // namespace

SimulatedStimulator::SimulatedStimulator(Transport& link, const SimulatorConfig& config, QObject* parent)
    : SimulatedStimulator(link, config, systemClock(), parent)
{
}

SimulatedStimulator::SimulatedStimulator(
    Transport& link, const SimulatorConfig& config, const core::Clock& clock, QObject* parent)
    : QObject(parent), m_config(config), m_model(config, clock), m_rawLink(link), m_rng(config.seed)
{
    m_disconnectTimer.setParent(this);
    m_disconnectTimer.setSingleShot(true);
    m_disconnectTimer.setTimerType(Qt::PreciseTimer); // a coarse timer may fire up to 5 % early
    connect(&m_disconnectTimer, &QTimer::timeout, this, &SimulatedStimulator::disconnectNow);
    m_model.setLogSink([this](const std::string& line) { Q_EMIT logLine(QString::fromStdString(line)); });
    m_model.setStateSink([this](SimState state) { onStateChanged(state); });
}

SimulatedStimulator::~SimulatedStimulator()
{
    // The personality and the queue refer to the link wrapper: tear down in reverse order.
    m_side.reset();
    m_context.reset();
    m_commands.reset();
    m_out.reset();
    if (m_link) {
        QObject::disconnect(m_link.get(), nullptr, this, nullptr);
    }
    m_link.reset();
}

void SimulatedStimulator::build()
{
    // Created here, in the thread start() runs in, so their timers belong to that thread. Link faults
    // get their own seed so enabling them does not change the noise of the measurement.
    m_link = std::make_unique<FaultInjectingTransport>(m_rawLink, m_config.seed ^ 0x9E3779B97F4A7C15ULL);
    connect(m_link.get(), &Transport::bytesReceived, this, &SimulatedStimulator::onBytes);
    connect(m_link.get(), &Transport::linkLost, this, &SimulatedStimulator::onLinkLost);
    m_out = std::make_unique<OutgoingQueue>(*m_link, m_model.clock());
    m_commands = std::make_unique<CommandLog>(
        [this](const std::string& line) { m_model.log(line); }, m_config.logEveryCommand);
    m_context = std::make_unique<SimContext>(SimContext{m_model, *m_out, *m_commands, m_config, m_rng});
    switch (m_config.protocol) {
    case SimProtocol::ScienceMode2:
        m_side = std::make_unique<Sm2DeviceSide>(*m_context);
        break;
    case SimProtocol::ScienceMode3:
        m_side = std::make_unique<Sm4DeviceSide>(*m_context, proto::sm4::Variant::ScienceMode3);
        break;
    case SimProtocol::ScienceMode4:
        m_side = std::make_unique<Sm4DeviceSide>(*m_context, proto::sm4::Variant::ScienceMode4);
        break;
    }
}

bool SimulatedStimulator::start(QString* error)
{
    if (m_started) {
        return true;
    }
    build();
    if (!m_link->open(error)) {
        return false;
    }
    m_started = true;
    m_model.log("simulated " + std::string(simProtocolId(m_config.protocol)) + " stimulator, serial " + m_config.serial
        + ", " + std::to_string(m_config.channels) + " channels, watchdog "
        + std::to_string(m_config.effectiveWatchdog().count()) + " ms");
    auto faults = m_config.faults;
    faults.insert(faults.end(), m_pendingFaults.begin(), m_pendingFaults.end());
    m_pendingFaults.clear();
    for (const auto& spec : faults) {
        applyFault(spec);
    }
    m_side->linkUp();
    return true;
}

void SimulatedStimulator::hostLinkClosed()
{
    if (m_side) {
        m_model.log("host closed the link");
        m_side->linkDown(StopCause::LinkClosed, "host closed the link");
    }
}

void SimulatedStimulator::hostLinkOpened()
{
    if (m_side && m_link && m_link->isOpen()) {
        m_model.log("host opened the link");
        m_side->linkUp();
    }
}

void SimulatedStimulator::shutDown()
{
    if (m_side) {
        m_side->linkDown(StopCause::LinkClosed, "simulator shutting down");
    }
    if (m_link) {
        m_link->close();
    }
}

void SimulatedStimulator::onBytes(const QByteArray& bytes)
{
    if (m_side) {
        m_side->receive(std::span(
            reinterpret_cast<const std::uint8_t*>(bytes.constData()), static_cast<std::size_t>(bytes.size())));
    }
}

void SimulatedStimulator::onLinkLost(const QString& reason)
{
    if (m_side) {
        m_model.log("link lost: " + reason.toStdString());
        m_side->linkDown(StopCause::LinkClosed, reason.toStdString());
    }
}

template <typename Fn>
void SimulatedStimulator::runInThread(Fn&& fn)
{
    if (QThread::currentThread() == thread()) {
        fn();
        return;
    }
    QMetaObject::invokeMethod(this, std::function<void()>(std::forward<Fn>(fn)), Qt::BlockingQueuedConnection);
}

void SimulatedStimulator::injectFault(const FaultSpec& spec)
{
    runInThread([this, spec] {
        if (!m_started) {
            m_pendingFaults.push_back(spec);
            return;
        }
        applyFault(spec);
    });
}

void SimulatedStimulator::clearFaults()
{
    runInThread([this] { clearFaultsHere(); });
}

void SimulatedStimulator::applyFault(const FaultSpec& spec)
{
    if (spec.startAfter.count() <= 0) {
        activate(spec);
        return;
    }
    m_model.log("fault scheduled: " + spec.text());
    FaultSpec now = spec;
    now.startAfter = std::chrono::milliseconds(0);
    const auto generation = m_faultGeneration;
    QTimer::singleShot(spec.startAfter, Qt::PreciseTimer, this, [this, now, generation] {
        if (generation == m_faultGeneration) {
            activate(now);
        }
    });
}

void SimulatedStimulator::activate(const FaultSpec& spec)
{
    m_model.log("fault injected: " + spec.text());
    {
        const std::lock_guard lock(m_faultMutex);
        m_faults.push_back(spec);
    }
    const int ch = spec.channel;
    switch (spec.kind) {
    case FaultKind::OpenElectrode:
        m_model.setOpenElectrode(ch, true);
        break;
    case FaultKind::HighImpedance:
        m_model.setImpedanceOverride(ch, spec.impedance);
        break;
    case FaultKind::OverCurrent:
        m_model.setOverCurrent(ch, true);
        break;
    case FaultKind::Stuck:
        m_model.setStuck(ch, true);
        break;
    case FaultKind::AckDelay:
        m_out->setReplyDelay(spec.duration);
        break;
    case FaultKind::DisconnectAfter:
        m_disconnectAfter = spec.duration;
        if (m_model.state() == SimState::Stimulating) {
            m_disconnectTimer.start(spec.duration);
        }
        break;
    case FaultKind::Drop:
    case FaultKind::Corrupt:
    case FaultKind::Duplicate:
    case FaultKind::Delay:
    case FaultKind::Stall:
    case FaultKind::Truncate:
    case FaultKind::Rechunk:
        updateLinkProfiles();
        break;
    }
    if (isChannelFault(spec.kind)) {
        m_side->channelFaultChanged(ch);
    }
}

void SimulatedStimulator::updateLinkProfiles()
{
    FaultInjectingTransport::Profile toHost; // device -> host (Tx)
    FaultInjectingTransport::Profile toDevice; // host -> device (Rx)
    std::vector<FaultSpec> faults;
    {
        const std::lock_guard lock(m_faultMutex);
        faults = m_faults;
    }
    for (const auto& f : faults) {
        for (auto* p : {&toHost, &toDevice}) {
            const bool wanted = f.direction == LinkDirection::Both || (f.direction == LinkDirection::Tx && p == &toHost)
                || (f.direction == LinkDirection::Rx && p == &toDevice);
            if (!wanted) {
                continue;
            }
            switch (f.kind) {
            case FaultKind::Drop:
                p->dropProbability = f.probability;
                break;
            case FaultKind::Corrupt:
                p->corruptProbability = f.probability;
                break;
            case FaultKind::Duplicate:
                p->duplicateProbability = f.probability;
                break;
            case FaultKind::Delay:
                p->delay = f.duration;
                break;
            case FaultKind::Stall:
                p->stallProbability = f.probability;
                p->stallDuration = f.duration;
                break;
            case FaultKind::Truncate:
                p->truncateProbability = f.probability;
                break;
            case FaultKind::Rechunk:
                p->rechunkProbability = f.probability;
                p->rechunkSpread = f.duration;
                break;
            default:
                break;
            }
        }
    }
    m_link->setProfile(FaultInjectingTransport::Direction::Outbound, toHost);
    m_link->setProfile(FaultInjectingTransport::Direction::Inbound, toDevice);
}

void SimulatedStimulator::clearFaultsHere()
{
    ++m_faultGeneration;
    m_pendingFaults.clear();
    {
        const std::lock_guard lock(m_faultMutex);
        m_faults.clear();
    }
    if (!m_started) {
        return;
    }
    for (int ch = 1; ch <= m_config.channels; ++ch) {
        m_model.setOpenElectrode(ch, false);
        m_model.setImpedanceOverride(ch, std::nullopt);
        m_model.setOverCurrent(ch, false);
        m_model.setStuck(ch, false);
    }
    m_out->setReplyDelay(std::chrono::milliseconds(0));
    m_disconnectAfter.reset();
    m_disconnectTimer.stop();
    updateLinkProfiles();
    m_model.log("faults cleared");
}

void SimulatedStimulator::onStateChanged(SimState state)
{
    if (state == SimState::Stimulating && m_disconnectAfter && !m_disconnectTimer.isActive()) {
        m_disconnectTimer.start(*m_disconnectAfter);
    }
}

void SimulatedStimulator::disconnectNow()
{
    m_disconnectAfter.reset();
    {
        const std::lock_guard lock(m_faultMutex);
        std::erase_if(m_faults, [](const FaultSpec& f) { return f.kind == FaultKind::DisconnectAfter; });
    }
    m_model.log("fault: injected disconnect, dropping the link");
    m_side->linkDown(StopCause::Fault, "injected disconnect, link dropped");
    m_link->close();
    Q_EMIT linkDropped();
}

FaultInjectingTransport::Stats SimulatedStimulator::linkFaultStats() const
{
    // The counters are atomics; the pointer is set once in start() before any fault can exist.
    return m_link ? m_link->stats() : FaultInjectingTransport::Stats{};
}

std::vector<FaultSpec> SimulatedStimulator::activeFaults() const
{
    const std::lock_guard lock(m_faultMutex);
    return m_faults;
}

} // namespace galvani::device::sim
