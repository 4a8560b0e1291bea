// SPDX-License-Identifier: GPL-3.0-or-later
#include "LinkFaultRig.h"

#include "core/safety/SafetyGuard.h"
#include "device/controller/DriverFactory.h"
#include "device/controller/StimulationPlan.h"
#include "device/sim/FaultSpec.h"
#include "support/WaitUntil.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QMetaObject>
#include <QTimer>

#include <algorithm>
#include <cstdlib>
#include <span>
#include <variant>

#include <pthread.h>

using namespace std::chrono_literals;

namespace galvani::test::linkfaults {

namespace {

std::int64_t steadyNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

std::int64_t cpuNs(clockid_t clock)
{
    timespec t{};
    if (::clock_gettime(clock, &t) != 0) {
        return 0;
    }
    return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

std::int64_t peakUa(const std::vector<proto::sm4::Point>& points)
{
    std::int64_t peak = 0;
    for (const auto& p : points) {
        peak = std::max(peak, std::abs(p.current.value()));
    }
    return peak;
}

constexpr std::size_t kLogLines = 400;

} // namespace

// ---- PtyDevice -----------------------------------------------------------------------------------------------

PtyDevice::PtyDevice(const device::sim::SimulatorConfig& config, QString linkPath)
    : m_linkPath(std::move(linkPath)), m_tapCodec(proto::sm4::Variant::ScienceMode4)
{
    m_pty = std::make_unique<device::PtyTransport>(m_linkPath);
    m_sim = std::make_unique<device::sim::SimulatedStimulator>(*m_pty, config);
    device::PtyTransport* pty = m_pty.get();
    device::sim::SimulatedStimulator* sim = m_sim.get();
    // As galvani-sim: hosts coming and going on the pty are the stimulator's host link opening and closing.
    QObject::connect(pty, &device::PtyTransport::peerOpened, sim, &device::sim::SimulatedStimulator::hostLinkOpened);
    QObject::connect(pty, &device::PtyTransport::peerClosed, sim, &device::sim::SimulatedStimulator::hostLinkClosed);
    QObject::connect(
        pty, &device::Transport::bytesReceived, pty, [this](const QByteArray& bytes) { tap(bytes); },
        Qt::DirectConnection);
    QObject::connect(
        sim, &device::sim::SimulatedStimulator::logLine, sim, [this](const QString& line) { onLog(line); },
        Qt::DirectConnection);
    m_thread.setObjectName(QStringLiteral("linkfaults-device"));
    pty->moveToThread(&m_thread);
    sim->moveToThread(&m_thread);
    m_thread.start();
    QString error;
    bool ok = false;
    QMetaObject::invokeMethod(
        sim,
        [&] {
            pthread_getcpuclockid(pthread_self(), &m_threadClock);
            ok = sim->start(&error);
        },
        Qt::BlockingQueuedConnection);
    m_started = ok;
    m_error = error;
}

PtyDevice::~PtyDevice()
{
    if (m_thread.isRunning()) {
        // Timers, notifiers and the link wrapper live in the device thread: tear them down there.
        QMetaObject::invokeMethod(
            m_pty.get(),
            [this] {
                m_sim.reset();
                m_pty->close();
            },
            Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    m_sim.reset();
    m_pty.reset();
}

void PtyDevice::tap(const QByteArray& bytes)
{
    m_hostBytes += static_cast<std::uint64_t>(bytes.size());
    const std::chrono::nanoseconds at(steadyNs());
    const auto span
        = std::span(reinterpret_cast<const std::uint8_t*>(bytes.constData()), static_cast<std::size_t>(bytes.size()));
    std::vector<WireFrame> decoded;
    for (const auto& inbound : m_tapCodec.feed(span)) {
        const auto* received = std::get_if<proto::sm4::Received<proto::sm4::HostCommand>>(&inbound);
        if (received == nullptr) {
            continue; // the host's own bytes are undamaged; a partial frame cut by an unplug lands here
        }
        const auto pn = received->packetNumber;
        if (const auto* update = std::get_if<proto::sm4::MlUpdate>(&received->message)) {
            if (update->channels[0]) {
                decoded.push_back(WireFrame{WireFrame::Kind::Amplitude, peakUa(update->channels[0]->points), pn, at});
            }
        } else if (const auto* pulse = std::get_if<proto::sm4::LlChannelConfig>(&received->message)) {
            if (pulse->enable && proto::sm4::outputNumber(pulse->channel, pulse->connector) == 1) {
                decoded.push_back(WireFrame{WireFrame::Kind::Amplitude, peakUa(pulse->points), pn, at});
            }
        } else if (std::holds_alternative<proto::sm4::MlStop>(received->message)
            || std::holds_alternative<proto::sm4::LlStop>(received->message)) {
            decoded.push_back(WireFrame{WireFrame::Kind::Stop, 0, pn, at});
        }
    }
    if (decoded.empty()) {
        return;
    }
    const std::lock_guard lock(m_mutex);
    for (const auto& f : decoded) {
        m_frames.push_back(f);
        if (f.kind == WireFrame::Kind::Amplitude) {
            ++m_amplitudeFrames;
        }
    }
}

void PtyDevice::onLog(const QString& line)
{
    // "rx Ml_update (32) pn 23: ch1 8.5 mA, ..." is logged as the device takes a command, before it acts on it.
    if (line.startsWith(QLatin1String("rx Ml_update (")) || line.startsWith(QLatin1String("rx Ll_channel_config ("))) {
        const auto from = line.indexOf(QLatin1String(" pn "));
        const auto to = line.indexOf(QLatin1Char(':'), from);
        bool ok = false;
        const int pn = from < 0 ? -1 : QStringView(line).mid(from + 4, to < 0 ? -1 : to - from - 4).toInt(&ok);
        if (ok && pn >= 0 && pn < 256) {
            const std::lock_guard lock(m_mutex);
            m_received.push_back(ReceivedCommand{static_cast<std::uint8_t>(pn), std::chrono::nanoseconds(steadyNs())});
        }
        return;
    }
    if (line.startsWith(QStringLiteral("fault: injected disconnect"))) {
        // Logged just before the stimulator closes the pty: the moment of the cable pull (a hair early, so the
        // detection time measured from here is, if anything, too long).
        m_unpluggedAtNs.store(steadyNs());
        markUnplug();
    }
    const std::lock_guard lock(m_mutex);
    m_log.push_back(line);
    while (m_log.size() > kLogLines) {
        m_log.pop_front();
    }
}

void PtyDevice::markUnplug()
{
    m_tapCodec.reset(); // a new stream starts on the next pty
    const std::lock_guard lock(m_mutex);
    m_frames.push_back(WireFrame{WireFrame::Kind::Unplug, 0, 0, std::chrono::nanoseconds(steadyNs())});
}

std::vector<ReceivedCommand> PtyDevice::received() const
{
    const std::lock_guard lock(m_mutex);
    return m_received;
}

std::vector<WireFrame> PtyDevice::frames() const
{
    const std::lock_guard lock(m_mutex);
    return m_frames;
}

QStringList PtyDevice::recentLog() const
{
    const std::lock_guard lock(m_mutex);
    return QStringList(m_log.begin(), m_log.end());
}

std::optional<std::chrono::nanoseconds> PtyDevice::unplug(std::chrono::milliseconds timeout)
{
    m_unpluggedAtNs.store(0);
    device::sim::FaultSpec pull;
    pull.kind = device::sim::FaultKind::DisconnectAfter;
    pull.duration = 0ms; // now (the device is stimulating)
    m_sim->injectFault(pull);
    if (!waitUntil([this] { return m_unpluggedAtNs.load() != 0; }, timeout)) {
        return std::nullopt;
    }
    return std::chrono::nanoseconds(m_unpluggedAtNs.load());
}

std::chrono::nanoseconds PtyDevice::pullCable()
{
    std::int64_t at = 0;
    QMetaObject::invokeMethod(
        m_pty.get(),
        [&] {
            markUnplug();
            at = steadyNs();
            m_pty->close();
            m_sim->hostLinkClosed();
        },
        Qt::BlockingQueuedConnection);
    return std::chrono::nanoseconds(at);
}

bool PtyDevice::replug(QString* error)
{
    bool ok = false;
    QMetaObject::invokeMethod(
        m_pty.get(), [&] { ok = m_pty->open(error); }, Qt::BlockingQueuedConnection);
    return ok;
}

std::int64_t PtyDevice::threadCpuNs() const
{
    return cpuNs(m_threadClock);
}

// ---- CPU -----------------------------------------------------------------------------------------------------

void idle(std::chrono::milliseconds time)
{
    QEventLoop loop;
    QTimer::singleShot(time, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

CpuWindow measureIdleCpu(std::chrono::milliseconds window, const PtyDevice& excluded)
{
    const auto wall0 = steadyNs();
    const auto process0 = cpuNs(CLOCK_PROCESS_CPUTIME_ID);
    const auto device0 = excluded.threadCpuNs();
    idle(window);
    const auto wall = static_cast<double>(steadyNs() - wall0);
    const auto process = static_cast<double>(cpuNs(CLOCK_PROCESS_CPUTIME_ID) - process0);
    const auto device = static_cast<double>(excluded.threadCpuNs() - device0);
    CpuWindow out;
    out.seconds = wall / 1e9;
    out.processPercent = 100.0 * process / wall;
    out.hostPercent = 100.0 * std::max(process - device, 0.0) / wall;
    return out;
}

// ---- Host ----------------------------------------------------------------------------------------------------

Host::Host(const device::DeviceAddress& address) : m_service(std::make_unique<device::DeviceService>(address))
{
    device::DeviceService* s = m_service.get();
    QObject::connect(
        s, &device::DeviceService::faultRaised, s, [this](const device::DeviceFault& f) { m_faults.push_back(f); });
    QObject::connect(s, &device::DeviceService::requestRefused, s, [this](const QString& r) { m_refusals << r; });
    QObject::connect(s, &device::DeviceService::connectFailed, s,
        [this](const QString& r) { m_refusals << QStringLiteral("connect failed: ") + r; });
    QObject::connect(s, &device::DeviceService::amplitudeCommanded, s, [this](int channel, qint64 commanded, qint64) {
        if (channel == 1) {
            m_lastCommanded = commanded;
        }
    });
    QObject::connect(
        s, &device::DeviceService::countersChanged, s, [this](const device::DeviceCounters& c) { onCounters(c); });
}

void Host::onCounters(const device::DeviceCounters& c)
{
    // Counters only grow within one controller; a smaller count means a reconnect started a new one.
    if (c.framesSent < m_current.framesSent) {
        m_finished.framesSent += m_current.framesSent;
        m_finished.framesRejected += m_current.framesRejected;
        m_finished.retries += m_current.retries;
        m_finished.ackTimeouts += m_current.ackTimeouts;
        m_finished.pulsesSent += m_current.pulsesSent;
        m_finished.pulsesLost += m_current.pulsesLost;
        m_finished.stopsSent += m_current.stopsSent;
    }
    m_current = c;
}

CounterTotals Host::counters() const
{
    CounterTotals t = m_finished;
    t.framesSent += m_current.framesSent;
    t.framesRejected += m_current.framesRejected;
    t.retries += m_current.retries;
    t.ackTimeouts += m_current.ackTimeouts;
    t.pulsesSent += m_current.pulsesSent;
    t.pulsesLost += m_current.pulsesLost;
    t.stopsSent += m_current.stopsSent;
    return t;
}

bool Host::waitWhile(device::DeviceState state, std::chrono::milliseconds timeout)
{
    return waitUntil([&] { return m_service->state() != state; }, timeout);
}

bool Host::bringTo(device::DeviceState target, const core::safety::ValidatedProgram& program, int attempts, int* starts)
{
    using device::DeviceState;
    for (int i = 0; i < attempts; ++i) {
        const auto s = m_service->state();
        if (s == target) {
            return true;
        }
        switch (s) {
        case DeviceState::Stimulating:
            m_service->stop(); // → Idle
            waitUntil([&] { return m_service->state() != DeviceState::Stimulating; }, 2000ms);
            break;
        case DeviceState::Fault:
            m_service->clearFault(); // link open: a new handshake; link gone: Disconnected
            waitWhile(DeviceState::Fault, 2000ms);
            break;
        case DeviceState::Disconnected:
            m_service->connectDevice();
            waitUntil(
                [&] {
                    const auto now = m_service->state();
                    return now != DeviceState::Disconnected && now != DeviceState::Handshaking;
                },
                6000ms);
            break;
        case DeviceState::Handshaking:
        case DeviceState::Stopping:
            waitWhile(s, 6000ms);
            break;
        case DeviceState::Idle:
            m_service->configure(program);
            waitWhile(DeviceState::Idle, 3000ms);
            break;
        case DeviceState::Armed:
            if (target == DeviceState::Idle) {
                m_service->stop();
            } else {
                resetCommanded();
                m_service->start();
                if (starts != nullptr) {
                    ++*starts;
                }
            }
            waitWhile(DeviceState::Armed, 3000ms);
            break;
        }
    }
    return m_service->state() == target;
}

// ---- programmes ----------------------------------------------------------------------------------------------

core::safety::EffectiveLimits limitsFor(const device::DeviceAddress& address)
{
    QString error;
    auto driver = device::createDriver(address, &error);
    const auto caps = driver->info().capabilities;
    auto limits = core::safety::EffectiveLimits::forDevice(device::hardwareCaps(caps));
    for (int ch = 1; ch <= caps.channels; ++ch) {
        limits.applyPlacement(ch, core::safety::PlacementCaps{core::squareCentimetres(25.0), std::nullopt});
    }
    return limits;
}

std::optional<core::safety::ValidatedProgram> programFor(
    const core::safety::EffectiveLimits& limits, double ma, double hz, std::string* why)
{
    core::Program program;
    program.name = "linkfaults";
    program.channels.push_back(core::ChannelProgram{*core::Channel::make(1, 8),
        core::PulseTrain::pulses(core::Waveform::symmetricBiphasic(), core::hertz(hz), core::microseconds(250),
            core::microseconds(100), core::milliamps(ma)),
        core::Envelope::continuous(), core::milliseconds(500), core::minutes(30)});
    const auto verdict = core::safety::SafetyGuard::validate(program, limits);
    if (!verdict.accepted()) {
        if (why != nullptr) {
            *why = verdict.summary();
        }
        return std::nullopt;
    }
    return *verdict.program();
}

} // namespace galvani::test::linkfaults
