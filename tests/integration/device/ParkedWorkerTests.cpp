// SPDX-License-Identifier: GPL-3.0-or-later
// A device thread with nothing to drive sleeps: after a fault or a disconnect the worker's tick stops, so the
// thread does not wake 500 times a second for a controller that ignores its ticks; a STOP still reaches the
// controller, and the next connect (or a fault cleared on a link that stayed open) runs at full pace again.
// Wake-ups are counted as the device thread's context switches (/proc/self/task/<tid>/status).
#include "SessionHelpers.h"

#include <QDir>
#include <QFile>

#include <chrono>
#include <iostream>

using namespace std::chrono_literals;
using galvani::device::DeviceState;

namespace galvani::test {

namespace {

// The task directory of the one thread whose name starts with "device " (DeviceService names its thread
// "device <url>"; the kernel keeps 15 characters).
QString deviceThreadTask()
{
    const QDir tasks(QStringLiteral("/proc/self/task"));
    QString found;
    int count = 0;
    for (const auto& tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid + QStringLiteral("/comm")));
        if (comm.open(QIODevice::ReadOnly) && comm.readAll().startsWith("device ")) {
            found = tasks.filePath(tid);
            ++count;
        }
    }
    INFO("threads named \"device ...\": " << count);
    REQUIRE(count == 1);
    return found;
}

// Voluntary plus involuntary context switches of one thread so far.
std::int64_t switchesOf(const QString& task)
{
    QFile status(task + QStringLiteral("/status"));
    REQUIRE(status.open(QIODevice::ReadOnly));
    std::int64_t total = 0;
    int fields = 0;
    for (const auto& line : status.readAll().split('\n')) {
        if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
            total += line.mid(line.indexOf(':') + 1).trimmed().toLongLong();
            ++fields;
        }
    }
    REQUIRE(fields == 2);
    return total;
}

// Wake-ups of the device thread per second over `window`, the test thread spinning its own event loop.
double wakeupsPerSecond(const QString& task, std::chrono::milliseconds window)
{
    const auto before = switchesOf(task);
    const auto start = std::chrono::steady_clock::now();
    (void)waitUntil([] { return false; }, window);
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return static_cast<double>(switchesOf(task) - before) / seconds;
}

// A parked thread wakes for stray events only; the 2 ms tick alone is 500 a second.
constexpr double kParkedWakeupsPerSecond = 20.0;

// Connects to the simulator and waits for Idle.
void connectIdle(ServiceSession& s)
{
    s.service.connectDevice();
    REQUIRE(s.waitFor(DeviceState::Idle));
}

// From Idle: 10 mA on channel 1, started, until current flows. Low-level pulses go out only from the worker's
// tick, so current flowing shows the tick runs.
void runOutput(ServiceSession& s)
{
    s.service.configure(validatedProgram(limitsFor(capabilitiesOf(s.address)), {1}, 10.0));
    REQUIRE(s.waitFor(DeviceState::Armed));
    s.service.start();
    REQUIRE(s.waitFor(DeviceState::Stimulating));
    REQUIRE(waitUntil([&] { return s.sim().deliveredCurrent(1).value() > 0; }, 3000ms));
}

void stopOutput(ServiceSession& s)
{
    s.service.stop();
    REQUIRE(s.waitFor(DeviceState::Idle));
    CHECK(s.sim().deliveredCurrent(1).value() == 0);
}

} // namespace

TEST_CASE("The device thread sleeps while its link is lost and runs again on the next connect", "[device][integration]")
{
    ServiceSession s("sim:sciencemode4");
    connectIdle(s);
    const auto task = deviceThreadTask();
    runOutput(s);
    const double running = wakeupsPerSecond(task, 500ms);
    injectFault(s.sim(), "disconnect-after:0");
    REQUIRE(s.waitFor(DeviceState::Fault));
    REQUIRE(!s.faults.empty());
    CHECK(s.faults.back().kind == device::FaultKind::LinkLost);

    const double parked = wakeupsPerSecond(task, 1000ms);
    std::cout << "device-thread wakeups per second: stimulating " << running << ", link lost " << parked << std::endl;
    CHECK(parked < kParkedWakeupsPerSecond);
    CHECK(running > parked);

    // A STOP while parked still reaches the controller (as an event; it has nothing to stop) and does not wake
    // the tick.
    device::DeviceService::stopAll();
    s.service.disconnectDevice();
    REQUIRE(s.waitFor(DeviceState::Disconnected));
    CHECK(wakeupsPerSecond(task, 500ms) < kParkedWakeupsPerSecond);

    // The next connect runs the tick again.
    connectIdle(s);
    runOutput(s);
    CHECK(wakeupsPerSecond(task, 500ms) > running / 4);
    stopOutput(s);
}

TEST_CASE("A fault on an open link parks the tick until the fault is cleared", "[device][integration]")
{
    ServiceSession s("sim:sciencemode4");
    connectIdle(s);
    const auto task = deviceThreadTask();
    runOutput(s);
    injectFault(s.sim(), "open-electrode:1");
    REQUIRE(s.waitFor(DeviceState::Fault));
    REQUIRE(!s.faults.empty());
    // The device reports the open lead (or the measured current falls away first); either way the link stays up.
    const auto kind = s.faults.back().kind;
    CHECK((kind == device::FaultKind::ElectrodeError || kind == device::FaultKind::DeliveryDeviation));
    CHECK(wakeupsPerSecond(task, 1000ms) < kParkedWakeupsPerSecond);
    CHECK(s.sim().deliveredCurrent(1).value() == 0);

    // Cleared on the link that stayed open, the fault is gone and the tick must run again (followState, not a
    // connect): handshake, configure and start can finish on the device's replies alone, but not the pulses.
    s.sim().clearFaults();
    s.service.clearFault();
    REQUIRE(s.waitFor(DeviceState::Idle));
    runOutput(s);
    CHECK(wakeupsPerSecond(task, 500ms) > kParkedWakeupsPerSecond);
    stopOutput(s);
}

} // namespace galvani::test
