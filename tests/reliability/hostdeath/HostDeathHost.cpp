// SPDX-License-Identifier: GPL-3.0-or-later
// hostdeath_host: a host process on the real device layer for the host-death battery. It drives a stimulator
// through DeviceService (device thread: DeviceWorker → DeviceController → protocol driver → SerialTransport),
// exactly as galvani and galvani-cli do, and adds what the battery needs to hurt it:
//  - its device thread can be deadlocked on command: the service runs on BlockingClock, whose monotonic() blocks
//    the calling device thread forever on a mutex the main thread holds, once "deadlock" was asked for. The
//    controller reads the clock at the top of every tick, so the thread that drives stimulation (and sends the
//    keep-alives) stops in the middle of its work, as it would on a lock-order bug;
//  - other timers and threads keep running while it is deadlocked: a main-thread timer prints "alive N" every
//    100 ms and drains telemetry, and a second thread polls the service's state on its own timer. They are
//    the "live timers" that must not keep the stimulator going;
//  - it reconnects by itself whenever the link is lost (the most eager host), but never starts stimulation
//    except on launch and on an explicit "start": a reconnect must not resume anything.
//
// Usage: hostdeath_host URL MILLIAMPS HERTZ
//   e.g. hostdeath_host 'serial:/tmp/x/cable?protocol=sciencemode4&level=mid' 8 50
// stdin, one command a line: "deadlock", "start" (connect if needed, load the programme, start), "quit".
// stdout, one event a line: "state <state>", "fault <kind> <message>", "deadlocked <steady_clock ns>" (from the
//   device thread as it blocks), "alive <n> watcher <m>",
//   "refused <reason>", "connect-failed <reason>". Exit 0 on "quit" or end of stdin (unless deadlocked).
#include "core/Clock.h"
#include "core/safety/EffectiveLimits.h"
#include "core/safety/SafetyGuard.h"
#include "device/controller/DriverFactory.h"
#include "device/controller/StimulationPlan.h"
#include "device/worker/DeviceService.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSocketNotifier>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <cstdio>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include <unistd.h>

namespace {

using galvani::device::DeviceState;

// The system clock, until deadlock() is called: from then on any other thread that reads it blocks forever on
// a mutex the deadlocking thread holds (and never releases). Thread-safe.
class BlockingClock final : public galvani::core::Clock {
public:
    BlockingClock() : m_owner(std::this_thread::get_id()) { }

    [[nodiscard]] std::chrono::nanoseconds monotonic() const override
    {
        blockIfDeadlocked();
        return m_system.monotonic();
    }
    [[nodiscard]] std::chrono::system_clock::time_point utcNow() const override
    {
        blockIfDeadlocked();
        return m_system.utcNow();
    }

    // Called in the owner (main) thread: takes the mutex for good.
    void deadlock()
    {
        if (!m_armed.exchange(true)) {
            m_lock.lock(); // never unlocked: the process ends by a signal
        }
    }

private:
    void blockIfDeadlocked() const
    {
        if (!m_armed.load() || std::this_thread::get_id() == m_owner) {
            return;
        }
        if (m_blocked++ == 0) {
            // The moment the thread blocks, on the system's monotonic clock (the rig reads the same clock), in
            // one write so it cannot interleave with the main thread's lines.
            const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                std::chrono::steady_clock::now().time_since_epoch());
            const std::string line = "deadlocked " + std::to_string(ns.count()) + "\n";
            [[maybe_unused]] const auto written = ::write(STDOUT_FILENO, line.data(), line.size());
        }
        m_lock.lock(); // forever
        m_lock.unlock();
    }

    galvani::core::SystemClock m_system;
    std::thread::id m_owner;
    std::atomic<bool> m_armed{false};
    mutable std::atomic<int> m_blocked{0};
    mutable std::mutex m_lock;
};

void emitLine(const QString& line)
{
    const QByteArray text = line.toUtf8() + '\n';
    std::fwrite(text.constData(), 1, static_cast<std::size_t>(text.size()), stdout);
    std::fflush(stdout);
}

QString stateName(DeviceState state)
{
    const auto name = galvani::device::toString(state);
    return QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
}

// Symmetric biphasic, 250 µs phases, 100 µs gap, continuous, 0.5 s start ramp, 10 min timer, 25 cm² pads on
// channel 1, through the safety kernel like every programme the device layer accepts.
std::optional<galvani::core::safety::ValidatedProgram> programFor(
    const galvani::device::DeviceAddress& address, double milliamps, double hertz)
{
    QString error;
    const auto driver = galvani::device::createDriver(address, &error);
    if (!driver) {
        emitLine(QStringLiteral("refused %1").arg(error));
        return std::nullopt;
    }
    const auto caps = driver->info().capabilities;
    auto limits = galvani::core::safety::EffectiveLimits::forDevice(galvani::device::hardwareCaps(caps));
    limits.applyPlacement(
        1, galvani::core::safety::PlacementCaps{galvani::core::squareCentimetres(25.0), std::nullopt});
    galvani::core::Program program;
    program.name = "hostdeath";
    program.channels.push_back(galvani::core::ChannelProgram{*galvani::core::Channel::make(1, 8),
        galvani::core::PulseTrain::pulses(galvani::core::Waveform::symmetricBiphasic(), galvani::core::hertz(hertz),
            galvani::core::microseconds(250), galvani::core::microseconds(100), galvani::core::milliamps(milliamps)),
        galvani::core::Envelope::continuous(), galvani::core::milliseconds(500), galvani::core::minutes(10)});
    const auto verdict = galvani::core::safety::SafetyGuard::validate(program, limits);
    if (!verdict.accepted()) {
        emitLine(QStringLiteral("refused %1").arg(QString::fromStdString(verdict.summary())));
        return std::nullopt;
    }
    return *verdict.program();
}

// The host: start on launch and on "start"; reconnect by itself after a fault, never start by itself.
class Host : public QObject {
public:
    Host(galvani::device::DeviceAddress address, QString linkPath, galvani::core::safety::ValidatedProgram program)
        : m_service(std::move(address), m_clock, galvani::device::ControllerSettings{}),
          m_linkPath(std::move(linkPath)), m_program(std::move(program)), m_stdin(STDIN_FILENO, QSocketNotifier::Read)
    {
        connect(&m_service, &galvani::device::DeviceService::stateChanged, this, &Host::onState);
        connect(&m_service, &galvani::device::DeviceService::faultRaised, this,
            [](const galvani::device::DeviceFault& fault) {
                const auto kind = galvani::device::toString(fault.kind);
                emitLine(
                    QStringLiteral("fault %1 %2")
                        .arg(QString::fromLatin1(kind.data(), static_cast<qsizetype>(kind.size())), fault.message));
            });
        connect(&m_service, &galvani::device::DeviceService::requestRefused, this,
            [](const QString& reason) { emitLine(QStringLiteral("refused %1").arg(reason)); });
        connect(&m_service, &galvani::device::DeviceService::connectFailed, this, [this](const QString& reason) {
            emitLine(QStringLiteral("connect-failed %1").arg(reason));
            m_reconnect.start();
        });
        connect(&m_stdin, &QSocketNotifier::activated, this, &Host::readCommands);

        m_reconnect.setSingleShot(true);
        m_reconnect.setInterval(100);
        connect(&m_reconnect, &QTimer::timeout, this, &Host::reconnect);

        // The live timer of the main thread: keeps ticking whatever the device thread does.
        m_alive.setInterval(100);
        connect(&m_alive, &QTimer::timeout, this, [this] {
            galvani::device::TelemetrySample sample;
            while (m_service.telemetry().tryPop(sample)) { }
            emitLine(QStringLiteral("alive %1 watcher %2").arg(++m_aliveCount).arg(m_watcherTicks.load()));
        });
        m_alive.start();

        // A second thread with its own timer, like a logging or plotting thread.
        m_watcherThread.setObjectName(QStringLiteral("hostdeath watcher"));
        m_watcher = new QTimer;
        m_watcher->setInterval(20);
        m_watcher->moveToThread(&m_watcherThread);
        connect(m_watcher, &QTimer::timeout, m_watcher, [this] {
            m_lastSeenState.store(m_service.state()); // the service's state is an atomic: never blocks
            ++m_watcherTicks;
        });
        connect(&m_watcherThread, &QThread::started, m_watcher, qOverload<>(&QTimer::start));
        connect(&m_watcherThread, &QThread::finished, m_watcher, &QObject::deleteLater);
        m_watcherThread.start();
    }

    ~Host() override
    {
        m_watcherThread.quit();
        m_watcherThread.wait();
    }

    void begin()
    {
        m_wantStart = true;
        m_service.connectDevice();
    }

private:
    void onState(DeviceState state)
    {
        emitLine(QStringLiteral("state %1").arg(stateName(state)));
        switch (state) {
        case DeviceState::Idle:
            if (m_wantStart) {
                m_service.configure(m_program);
            }
            break;
        case DeviceState::Armed:
            if (m_wantStart) {
                m_service.start();
            }
            break;
        case DeviceState::Stimulating:
            m_wantStart = false;
            break;
        case DeviceState::Fault:
            // Reconnect as soon as the port is back, but do not start anything.
            m_wantStart = false;
            m_reconnect.start();
            break;
        default:
            break;
        }
    }

    void reconnect()
    {
        const auto state = m_service.state();
        if (state != DeviceState::Fault && state != DeviceState::Disconnected) {
            return;
        }
        if (!QFileInfo::exists(m_linkPath)) {
            m_reconnect.start(); // the cable is still out
            return;
        }
        m_service.connectDevice();
    }

    void startRequested()
    {
        m_wantStart = true;
        switch (m_service.state()) {
        case DeviceState::Disconnected:
        case DeviceState::Fault:
            m_reconnect.stop();
            m_service.connectDevice();
            break;
        case DeviceState::Idle:
            m_service.configure(m_program);
            break;
        case DeviceState::Armed:
            m_service.start();
            break;
        default:
            break; // handshaking or stopping: the state change continues the start
        }
    }

    void readCommands()
    {
        char buffer[256];
        const auto n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (n <= 0) {
            m_stdin.setEnabled(false);
            if (!m_deadlocked) {
                QCoreApplication::quit();
            }
            return;
        }
        m_input.append(buffer, static_cast<qsizetype>(n));
        qsizetype end = 0;
        while ((end = m_input.indexOf('\n')) >= 0) {
            const QByteArray command = m_input.left(end).trimmed();
            m_input.remove(0, end + 1);
            if (command == "deadlock") {
                m_deadlocked = true;
                m_clock.deadlock();
            } else if (command == "start") {
                startRequested();
            } else if (command == "quit" && !m_deadlocked) {
                QCoreApplication::quit();
            }
        }
    }

    BlockingClock m_clock; // before the service that reads it
    galvani::device::DeviceService m_service;
    QString m_linkPath;
    galvani::core::safety::ValidatedProgram m_program;
    QSocketNotifier m_stdin;
    QByteArray m_input;
    QTimer m_reconnect;
    QTimer m_alive;
    QThread m_watcherThread;
    QTimer* m_watcher = nullptr;
    std::atomic<int> m_watcherTicks{0};
    std::atomic<DeviceState> m_lastSeenState{DeviceState::Disconnected};
    int m_aliveCount = 0;
    bool m_wantStart = false;
    bool m_deadlocked = false;
};

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication application(argc, argv);
    const auto arguments = QCoreApplication::arguments();
    if (arguments.size() != 4) {
        std::fprintf(stderr, "usage: hostdeath_host URL MILLIAMPS HERTZ\n");
        return 2;
    }
    const auto parsed = galvani::device::parseDeviceAddress(arguments[1].toStdString());
    const auto* address = std::get_if<galvani::device::DeviceAddress>(&parsed);
    bool maOk = false;
    bool hzOk = false;
    const double milliamps = arguments[2].toDouble(&maOk);
    const double hertz = arguments[3].toDouble(&hzOk);
    if (address == nullptr || !maOk || !hzOk) {
        std::fprintf(stderr, "hostdeath_host: bad URL, current or frequency\n");
        return 2;
    }
    auto program = programFor(*address, milliamps, hertz);
    if (!program) {
        return 2;
    }
    Host host(*address, QString::fromStdString(address->port), std::move(*program));
    host.begin();
    return QCoreApplication::exec();
}
