// SPDX-License-Identifier: GPL-3.0-or-later
// STOP latency through the whole device stack: DeviceService::stop() in the calling thread → StopSignal and
// high-priority event → device thread → DeviceController → stop frame written to the transport ("wire") →
// in-process simulator → output at zero ("zero"). For each protocol, N stops while stimulating, first on an
// otherwise idle machine, then with two threads keeping both cores busy. Prints p50 / p99 / max in µs and
// exits 0; it never passes or fails on time.
// Usage: bench_device_stop [stops]   (default 1000 per protocol and load)
#include "core/Clock.h"
#include "core/safety/EffectiveLimits.h"
#include "core/safety/SafetyGuard.h"
#include "device/controller/DriverFactory.h"
#include "device/controller/StimulationPlan.h"
#include "device/sim/SimulatedStimulator.h"
#include "device/worker/DeviceService.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace std::chrono_literals;
namespace device = galvani::device;
namespace core = galvani::core;

// Pumps this thread's events until pred() or the deadline.
bool pumpUntil(const std::function<bool()>& pred, std::chrono::milliseconds timeout)
{
    const QDeadlineTimer deadline(timeout);
    while (!pred()) {
        if (deadline.hasExpired()) {
            return false;
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
    }
    return true;
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

struct Figures {
    std::vector<double> wireUs;
    std::vector<double> zeroUs;
    int failures = 0;
};

double percentile(std::vector<double> v, double p)
{
    if (v.empty()) {
        return 0.0;
    }
    std::sort(v.begin(), v.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(index, v.size() - 1)];
}

Figures measure(const std::string& url, int stops)
{
    Figures figures;
    auto parsed = device::parseDeviceAddress(url);
    const auto address = std::get<device::DeviceAddress>(parsed);
    const auto program = programFor(address);
    if (!program) {
        figures.failures = stops;
        return figures;
    }
    const core::SystemClock clock;
    device::DeviceService service(address);
    qint64 stopSentAt = 0;
    QObject::connect(&service, &device::DeviceService::stopSent, &service, [&](qint64 at, int attempt) {
        if (attempt == 1) {
            stopSentAt = at;
        }
    });
    service.connectDevice();
    if (!pumpUntil([&] { return service.state() == device::DeviceState::Idle; }, 10s)) {
        figures.failures = stops;
        return figures;
    }
    for (int i = 0; i < stops; ++i) {
        service.configure(*program);
        if (!pumpUntil([&] { return service.state() == device::DeviceState::Armed; }, 3s)) {
            ++figures.failures;
            break;
        }
        service.start();
        auto* sim = service.simulatedStimulator();
        if (sim == nullptr
            || !pumpUntil(
                [&] { return sim->deliveredCurrent(1).value() > 0 && sim->deliveredCurrent(2).value() > 0; }, 3s)) {
            ++figures.failures;
            break;
        }
        const auto before = sim->lastStop() ? sim->lastStop()->time : std::chrono::nanoseconds(0);
        stopSentAt = 0;
        const auto called = clock.monotonic();
        service.stop();
        const bool done = pumpUntil(
            [&] {
                const auto last = sim->lastStop();
                return stopSentAt != 0 && last && last->time > before && service.state() == device::DeviceState::Idle;
            },
            3s);
        if (!done) {
            ++figures.failures;
            continue;
        }
        figures.wireUs.push_back(static_cast<double>(stopSentAt - called.count()) / 1000.0);
        figures.zeroUs.push_back(static_cast<double>((sim->lastStop()->time - called).count()) / 1000.0);
    }
    return figures;
}

void print(const char* protocol, const char* load, const Figures& f)
{
    std::printf("%-28s %-10s %6zu  %9.1f %9.1f %9.1f   %9.1f %9.1f %9.1f   %d\n", protocol, load, f.wireUs.size(),
        percentile(f.wireUs, 0.5), percentile(f.wireUs, 0.99), percentile(f.wireUs, 1.0), percentile(f.zeroUs, 0.5),
        percentile(f.zeroUs, 0.99), percentile(f.zeroUs, 1.0), f.failures);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const int stops = argc > 1 ? std::max(1, std::atoi(argv[1])) : 1000;
    const std::vector<std::pair<const char*, const char*>> protocols{
        {"ScienceMode4 low level", "sim:sciencemode4"},
        {"ScienceMode4 mid level", "sim:sciencemode4?level=mid"},
        {"ScienceMode2", "sim:sciencemode2"},
    };
    std::printf("STOP latency, %d stops per row: call -> stop frame written (wire) and call -> simulator output "
                "zero (zero), microseconds\n",
        stops);
    std::printf("%-28s %-10s %6s  %9s %9s %9s   %9s %9s %9s   %s\n", "protocol", "load", "n", "wire p50", "p99", "max",
        "zero p50", "p99", "max", "failed");
    for (const auto& [name, url] : protocols) {
        print(name, "idle", measure(url, stops));
    }
    std::atomic<bool> busy{true};
    std::vector<std::thread> burners;
    for (int i = 0; i < 2; ++i) {
        burners.emplace_back([&busy] {
            std::uint64_t x = 1;
            while (busy.load(std::memory_order_relaxed)) {
                x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            }
            std::printf("%s", x == 0 ? " " : "");
        });
    }
    for (const auto& [name, url] : protocols) {
        print(name, "2 busy", measure(url, stops));
    }
    busy = false;
    for (auto& t : burners) {
        t.join();
    }
    return 0;
}
