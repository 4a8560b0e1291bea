// SPDX-License-Identifier: GPL-3.0-or-later
// Whole sessions through DeviceService (its own device thread) against the in-process simulator behind a
// LoopbackTransport, for every protocol and drive level: connect, configure, arm, start from zero, amplitude
// changes through the safety kernel, telemetry through the ring, stop, and the simulator's oracle clean.
#include "SessionHelpers.h"

#include "core/Clock.h"

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <thread>

using namespace std::chrono_literals;
using galvani::device::DeviceState;

namespace galvani::test {

TEST_CASE("A full session runs on every protocol through the simulator", "[device][integration]")
{
    const std::string url = GENERATE(std::string("sim:sciencemode4"), std::string("sim:sciencemode4?level=mid"),
        std::string("sim:sciencemode3"), std::string("sim:sciencemode3?level=low"), std::string("sim:sciencemode2"));
    INFO(url);
    ServiceSession s(url);
    const auto caps = capabilitiesOf(s.address);
    const auto limits = limitsFor(caps);
    auto running = validatedProgram(limits, {1, 2}, 10.0);
    s.arm(running);
    REQUIRE(s.identity);
    CHECK(s.identity->channels == caps.channels);
    auto& sim = s.sim();
    CHECK(sim.deliveredCurrent(1).value() == 0); // armed: nothing flows

    s.service.start();
    REQUIRE(s.waitFor(DeviceState::Stimulating));
    REQUIRE(waitUntil([&] { return sim.output(1).commanded == core::milliamps(10.0); }, 3000ms));
    REQUIRE(waitUntil([&] { return sim.output(2).commanded == core::milliamps(10.0); }, 3000ms));

    // +2 mA on channel 1, as the kernel allows it: four absolute steps of 0.5 mA. A device with a coarser wire
    // resolution (ScienceMode2: 1 mA) is sent only the targets it can represent; the others are validated
    // intermediate positions (the device layer refuses an off-grid amplitude rather than rounding it).
    for (int step = 1; step <= 4; ++step) {
        const auto target = core::milliamps(10.0 + 0.5 * step);
        const auto verdict = core::safety::SafetyGuard::validateAmplitudeChange(running, 1, target, limits);
        REQUIRE(verdict.accepted());
        if (target.value() % caps.currentStep.value() == 0) {
            s.service.setAmplitude(*verdict.command());
        }
        running = *verdict.program();
    }
    REQUIRE(waitUntil([&] { return sim.output(1).commanded == core::milliamps(12.0); }, 3000ms));
    std::vector<device::TelemetrySample> samples;
    const auto atTwelve = [&] {
        const auto more = s.drain();
        samples.insert(samples.end(), more.begin(), more.end());
        return std::count_if(samples.begin(), samples.end(), [](const auto& x) {
            return x.channel == 1 && x.commandedUa == 12000;
        }) >= 8;
    };
    REQUIRE(waitUntil(atTwelve, 3000ms));
    const bool measures = s.identity->measuresDeliveredCurrent;
    int channel1 = 0;
    int measuredAtTarget = 0;
    for (const auto& sample : samples) {
        CHECK(((sample.flags & device::kTelemetryMeasured) != 0) == measures);
        if (sample.channel == 1) {
            ++channel1;
            if (measures && sample.commandedUa == 12000) {
                ++measuredAtTarget;
                CHECK(std::abs(sample.measuredUa - 12000) < 1000);
            }
        }
    }
    CHECK(channel1 > 20);
    if (measures) {
        CHECK(measuredAtTarget > 3);
    }

    s.service.stop();
    REQUIRE(s.waitFor(DeviceState::Idle));
    CHECK(
        waitUntil([&] { return sim.deliveredCurrent(1).value() == 0 && sim.deliveredCurrent(2).value() == 0; }, 500ms));
    REQUIRE(sim.lastStop());
    CHECK(sim.lastStop()->cause == device::sim::StopCause::HostStop);
    CHECK(sim.oracleCount() == 0);
    CHECK(s.faults.empty());
    CHECK(s.refusals.empty());
    // Nothing resumes: neither the state nor the output moves in the next 300 ms.
    CHECK(!waitUntil(
        [&] { return s.service.state() != DeviceState::Idle || sim.deliveredCurrent(1).value() != 0; }, 300ms));
    s.service.disconnectDevice();
    CHECK(s.waitFor(DeviceState::Disconnected));
}

TEST_CASE("stopAll from another thread stops every device within 100 ms", "[device][integration]")
{
    ServiceSession a("sim:sciencemode4");
    ServiceSession b("sim:sciencemode2");
    a.arm(validatedProgram(limitsFor(capabilitiesOf(a.address)), {1, 3}, 8.0, 100.0));
    b.arm(validatedProgram(limitsFor(capabilitiesOf(b.address)), {2}, 8.0));
    a.service.start();
    b.service.start();
    REQUIRE(waitUntil(
        [&] { return a.sim().deliveredCurrent(3).value() > 0 && b.sim().deliveredCurrent(2).value() > 0; }, 3000ms));
    const core::SystemClock clock;
    std::chrono::nanoseconds calledAt{0};
    std::thread([&] {
        calledAt = clock.monotonic();
        device::DeviceService::stopAll();
    }).join();
    REQUIRE(waitUntil(
        [&] { return a.service.state() == DeviceState::Idle && b.service.state() == DeviceState::Idle; }, 2000ms));
    for (auto* session : {&a, &b}) {
        auto& sim = session->sim();
        REQUIRE(sim.lastStop());
        CHECK(sim.lastStop()->cause == device::sim::StopCause::HostStop);
        CHECK(sim.lastStop()->time - calledAt < 100ms);
        CHECK(sim.lastStop()->time > calledAt);
    }
}

TEST_CASE("Connecting to a bad address fails with the option named", "[device][integration]")
{
    ServiceSession s("sim:sciencemode4?channels=12");
    s.service.connectDevice();
    REQUIRE(waitUntil([&] { return !s.refusals.empty(); }, 3000ms));
    CHECK(s.refusals.front().contains(QStringLiteral("channels")));
    CHECK(s.service.state() == DeviceState::Disconnected);
}

TEST_CASE("Destroying the service mid-session stops the output before closing the link", "[device][integration]")
{
    std::mutex mutex;
    QStringList log;
    {
        ServiceSession s("sim:sciencemode4?level=mid");
        s.arm(validatedProgram(limitsFor(capabilitiesOf(s.address)), {4}, 6.0));
        QObject::connect(
            &s.sim(), &device::sim::SimulatedStimulator::logLine, &s.sim(),
            [&](const QString& line) {
                const std::lock_guard lock(mutex);
                log << line;
            },
            Qt::DirectConnection);
        s.service.start();
        REQUIRE(waitUntil([&] { return s.sim().deliveredCurrent(4).value() > 0; }, 3000ms));
    } // ~DeviceService: stop, wait for the acknowledgement, close the link, join the thread
    const std::lock_guard lock(mutex);
    qsizetype stopped = -1;
    qsizetype closed = -1;
    for (qsizetype i = 0; i < log.size(); ++i) {
        if (stopped < 0 && log[i].contains(QStringLiteral("output stopped (host stop"))) {
            stopped = i;
        }
        if (closed < 0 && log[i].contains(QStringLiteral("closed"))) {
            closed = i;
        }
    }
    INFO(log.join(QStringLiteral("\n")).toStdString());
    REQUIRE(stopped >= 0);
    CHECK((closed < 0 || stopped < closed));
}

} // namespace galvani::test
