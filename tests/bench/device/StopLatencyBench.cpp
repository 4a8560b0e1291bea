// SPDX-License-Identifier: GPL-3.0-or-later
// STOP latency through the whole device stack: DeviceService::stop() in the calling thread → StopSignal and
// high-priority event → device thread → DeviceController → stop frame written to the transport ("wire") →
// in-process simulator → output at zero ("zero"). For each protocol, N stops while stimulating under three
// conditions: an otherwise idle machine; two threads keeping both cores busy; heavy disk I/O (two threads writing
// 64 MiB files in 1 MiB chunks with an fsync every 4 MiB, in a temporary folder on the file system of the default
// record store). Prints p50 / p99 / max in µs as a table and one FIGURE line per row (bench/stop/LatencyTable.h)
// and exits 0; it never passes or fails on time. The same conditions through the application (SessionController,
// the GUI's STOP) are bench_session_stop and bench_gui_stop (tests/bench/stop).
// Usage: bench_device_stop [stops]   (default 1000 per protocol and condition; about 5 minutes on 2 cores)
// Environment: GALVANI_BENCH_IO_DIR  folder for the disk load (default: a temporary folder in the generic data
//              folder, ~/.local/share, where the default store lives)
#include "core/Clock.h"
#include "core/safety/EffectiveLimits.h"
#include "core/safety/SafetyGuard.h"
#include "device/controller/DriverFactory.h"
#include "device/controller/StimulationPlan.h"
#include "device/sim/SimulatedStimulator.h"
#include "device/worker/DeviceService.h"

#include "bench/stop/LatencyTable.h"
#include "bench/stop/StressLoad.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QStandardPaths>
#include <QStorageInfo>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

namespace {

using namespace std::chrono_literals;
namespace device = galvani::device;
namespace core = galvani::core;

// Runs this thread's event loop until pred() holds (checked every millisecond) or the timeout passes. The thread
// sleeps in the event loop between checks, as an application's main thread does; a loop spinning on
// processEvents() would keep a core busy and compete with the device and simulator threads it measures.
bool pumpUntil(const std::function<bool()>& pred, std::chrono::milliseconds timeout)
{
    if (pred()) {
        return true;
    }
    QEventLoop loop;
    QTimer poll;
    poll.setTimerType(Qt::PreciseTimer);
    const QDeadlineTimer deadline(timeout);
    bool held = false;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (pred()) {
            held = true;
            loop.quit();
        } else if (deadline.hasExpired()) {
            loop.quit();
        }
    });
    poll.start(1);
    loop.exec();
    return held;
}

std::optional<core::safety::ValidatedProgram> programFor(const device::DeviceAddress& address)
{
    QString error;
    auto driver = device::createDriver(address, &error);
    if (!driver) {
        return std::nullopt;
    }
    auto limits = core::safety::EffectiveLimits::forDevice(device::hardwareCaps(driver->info().capabilities));
    core::Program program;
    for (const int ch : {1, 2}) {
        limits.applyPlacement(ch, core::safety::PlacementCaps{core::squareCentimetres(25.0), std::nullopt});
        program.channels.push_back(core::ChannelProgram{*core::Channel::make(ch, 8),
            core::PulseTrain::pulses(core::Waveform::symmetricBiphasic(), core::hertz(40.0), core::microseconds(250),
                core::microseconds(100), core::milliamps(5.0)),
            core::Envelope::continuous(), core::milliseconds(100), core::minutes(2)});
    }
    const auto verdict = core::safety::SafetyGuard::validate(program, limits);
    if (!verdict.accepted()) {
        std::fprintf(stderr, "programme refused: %s\n", verdict.summary().c_str());
        return std::nullopt;
    }
    return *verdict.program();
}

void note(galvani::bench::StopFigures& figures, const std::string& text)
{
    if (figures.notes.size() < 5) {
        figures.notes.push_back(text);
    }
}

galvani::bench::StopFigures measure(const std::string& url, int stops)
{
    galvani::bench::StopFigures figures;
    auto parsed = device::parseDeviceAddress(url);
    const auto address = std::get<device::DeviceAddress>(parsed);
    const auto program = programFor(address);
    if (!program) {
        figures.failures = stops;
        return figures;
    }
    const core::SystemClock clock;
    device::DeviceService service(address);
    // Every first stop frame (attempt 1) with the driver's timestamp; a cycle takes the first after its call.
    std::vector<qint64> stopFrames;
    QObject::connect(&service, &device::DeviceService::stopSent, &service, [&](qint64 at, int attempt) {
        if (attempt == 1) {
            stopFrames.push_back(at);
        }
    });
    service.connectDevice();
    if (!pumpUntil([&] { return service.state() == device::DeviceState::Idle; }, 10s)) {
        figures.failures = stops;
        return figures;
    }
    // Back to idle after a cycle that went wrong: stop, clear a fault, reconnect a closed link.
    const auto recover = [&] {
        service.stop();
        pumpUntil(
            [&] {
                const auto s = service.state();
                return s == device::DeviceState::Idle || s == device::DeviceState::Fault
                    || s == device::DeviceState::Disconnected;
            },
            3s);
        if (service.state() == device::DeviceState::Fault) {
            service.clearFault();
        } else if (service.state() == device::DeviceState::Disconnected) {
            service.connectDevice();
        }
        return pumpUntil([&] { return service.state() == device::DeviceState::Idle; }, 10s);
    };
    // A cycle whose output stopped by itself (skipped) is repeated, up to twice the count in all.
    for (int i = 0; static_cast<int>(figures.wireUs.size()) + figures.failures < stops && i < 2 * stops; ++i) {
        service.configure(*program);
        if (!pumpUntil([&] { return service.state() == device::DeviceState::Armed; }, 3s)) {
            ++figures.failures;
            note(figures,
                galvani::bench::format("failed: not armed within 3 s of configure (device %s)",
                    std::string(device::toString(service.state())).c_str()));
            if (!recover()) {
                break;
            }
            continue;
        }
        const auto startedAt = clock.monotonic();
        service.start();
        auto* sim = service.simulatedStimulator();
        if (sim == nullptr) {
            ++figures.failures;
            break;
        }
        if (!pumpUntil(
                [&] { return sim->deliveredCurrent(1).value() > 0 && sim->deliveredCurrent(2).value() > 0; }, 3s)) {
            // A channel the simulator stopped by itself right after the start (its low-level pace watch on an
            // overloaded machine) is no failure of STOP.
            bool byItself = false;
            for (const int ch : {1, 2}) {
                const auto last = sim->lastChannelStop(ch);
                byItself
                    = byItself || (last && last->time >= startedAt && last->cause != device::sim::StopCause::HostStop);
            }
            ++(byItself ? figures.skipped : figures.failures);
            note(figures,
                galvani::bench::format("%s: no output on both channels within 3 s of the start (device %s)",
                    byItself ? "skipped (the simulator stopped a channel by itself)" : "failed",
                    std::string(device::toString(service.state())).c_str()));
            if (!recover()) {
                break;
            }
            continue;
        }
        const auto before = sim->lastStop() ? sim->lastStop()->time : std::chrono::nanoseconds(0);
        stopFrames.clear();
        const auto called = clock.monotonic();
        service.stop();
        const auto firstFrame = [&]() -> std::optional<qint64> {
            for (const qint64 at : stopFrames) {
                if (at >= called.count()) {
                    return at;
                }
            }
            return std::nullopt;
        };
        const bool stopped = pumpUntil(
            [&] {
                const auto last = sim->lastStop();
                return firstFrame() && last && last->time > before && last->time >= called;
            },
            3s);
        // Output that went to zero by itself (the simulator's own watch, a device fault) before this stop came or
        // reached it is no sample of STOP: counted as skipped, and the device is brought back to idle.
        const auto last = sim->lastStop();
        const bool byItself
            = last && last->time > before && (last->time < called || last->cause != device::sim::StopCause::HostStop);
        if (byItself || !stopped) {
            ++(byItself ? figures.skipped : figures.failures);
            note(figures,
                galvani::bench::format("%s: %zu stop frames, %s; device %s", byItself ? "skipped" : "failed",
                    stopFrames.size(),
                    last ? galvani::bench::format("simulator's last stop %+.1f ms from the call, %s (%s)",
                        static_cast<double>((last->time - called).count()) / 1e6,
                        std::string(device::sim::toString(last->cause)).c_str(), last->detail.c_str())
                               .c_str()
                         : "the simulator never stopped",
                    std::string(device::toString(service.state())).c_str()));
            if (!recover()) {
                break;
            }
            continue;
        }
        figures.wireUs.push_back(static_cast<double>(*firstFrame() - called.count()) / 1000.0);
        figures.zeroUs.push_back(static_cast<double>((last->time - called).count()) / 1000.0);
        // The stop's confirmation (the device back to idle) is not part of the figure, but the next cycle needs it.
        if (!pumpUntil([&] { return service.state() == device::DeviceState::Idle; }, 3s)) {
            note(figures,
                galvani::bench::format("measured, but the device did not confirm the stop within 3 s (device %s)",
                    std::string(device::toString(service.state())).c_str()));
            if (!recover()) {
                break;
            }
        }
    }
    return figures;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QElapsedTimer wall;
    wall.start();
    const int stops = argc > 1 ? std::max(1, std::atoi(argv[1])) : 1000;
    const std::vector<std::pair<const char*, const char*>> protocols{
        {"ScienceMode4 low level", "sim:sciencemode4"},
        {"ScienceMode4 mid level", "sim:sciencemode4?level=mid"},
        {"ScienceMode2", "sim:sciencemode2"},
    };
    QString ioBase = qEnvironmentVariable("GALVANI_BENCH_IO_DIR");
    if (ioBase.isEmpty()) {
        ioBase = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    }
    QDir().mkpath(ioBase);
    QTemporaryDir ioDir(ioBase + QStringLiteral("/galvani-stop-bench-XXXXXX"));
    if (!ioDir.isValid()) {
        std::fprintf(stderr, "bench_device_stop: cannot create a folder for the disk load in %s\n", qPrintable(ioBase));
        return 1;
    }
    const QStorageInfo volume(ioDir.path());
    std::printf("disk load folder: %s (file system %s on %s)\n", qPrintable(ioDir.path()),
        volume.fileSystemType().constData(), volume.device().constData());
    galvani::bench::printStopHeader(stops, "DeviceService::stop() called");
    for (const auto& [name, url] : protocols) {
        galvani::bench::printStopRow(name, "idle", measure(url, stops));
    }
    {
        galvani::bench::CpuBurners burners;
        burners.start(2);
        for (const auto& [name, url] : protocols) {
            galvani::bench::printStopRow(name, "both cores busy", measure(url, stops));
        }
    }
    galvani::bench::DiskWriters writers(ioDir.path().toStdString());
    writers.start(2);
    for (const auto& [name, url] : protocols) {
        galvani::bench::printStopRow(name, "heavy disk I/O", measure(url, stops));
    }
    const auto io = writers.stop();
    std::printf("disk load: %.1f MiB/s written, %.1f fsync/s, %llu failed calls, over %.0f s\n", io.mibPerSecond(),
        io.fsyncsPerSecond(), static_cast<unsigned long long>(io.errors), io.seconds);
    std::printf("bench_device_stop: %.0f s\n", static_cast<double>(wall.elapsed()) / 1000.0);
    return 0;
}
