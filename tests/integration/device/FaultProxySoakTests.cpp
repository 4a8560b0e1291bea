// SPDX-License-Identifier: GPL-3.0-or-later
// Soak through a fault-injecting proxy (seeded byte drops and bit flips both ways) between the controller and
// the simulator, for a bounded number of amplitude commands: no command may be applied with a value the host
// did not send, no acknowledged value may differ from what the device holds, and every lost command must be
// noticed (re-sent, or counted for low-level pulses). A fault (three losses in a row) is also a detection: the
// soak then clears it, reconnects and carries on from zero.
#include "RecordingTransport.h"

#include "core/Clock.h"
#include "device/controller/DeviceController.h"
#include "device/controller/Sm2Driver.h"
#include "device/controller/Sm4LowLevelDriver.h"
#include "device/controller/Sm4MidLevelDriver.h"
#include "device/sim/InProcessSimulator.h"
#include "device/transport/FaultInjectingTransport.h"
#include "protocols/sciencemode2/DeviceCodec.h"
#include "protocols/sciencemode4/DeviceCodec.h"
#include "support/WaitUntil.h"

#include <catch2/catch.hpp>

#include <QTimer>

#include <map>
#include <random>
#include <set>

using namespace std::chrono_literals;
using galvani::device::DeviceState;

namespace galvani::test {

namespace {

constexpr int kAmplitudeCommands = 400; // bounded soak

core::ChannelProgram program(int channel, double ma)
{
    return core::ChannelProgram{*core::Channel::make(channel, 8),
        core::PulseTrain::pulses(core::Waveform::symmetricBiphasic(), core::hertz(40.0), core::microseconds(250),
            core::microseconds(100), core::milliamps(ma)),
        core::Envelope::continuous(), core::Microseconds(0), core::minutes(10)};
}

// Amplitudes (µA, channel 1) of every amplitude-carrying frame the host wrote.
std::multiset<std::int64_t> sentAmplitudes(const QList<QByteArray>& frames, device::sim::SimProtocol protocol)
{
    std::multiset<std::int64_t> out;
    for (const auto& frame : frames) {
        const auto bytes = std::span(
            reinterpret_cast<const std::uint8_t*>(frame.constData()), static_cast<std::size_t>(frame.size()));
        if (protocol == device::sim::SimProtocol::ScienceMode2) {
            proto::sm2::DeviceCodec codec;
            std::vector<proto::sm2::DeviceEvent> events;
            codec.feed(bytes, events);
            for (const auto& e : events) {
                if (const auto* r = std::get_if<proto::sm2::ReceivedCommand>(&e)) {
                    if (const auto* start = std::get_if<proto::sm2::StartChannelListMode>(&r->command)) {
                        out.insert(static_cast<std::int64_t>(start->entries.front().currentMa) * 1000);
                    }
                }
            }
            continue;
        }
        proto::sm4::DeviceCodec codec;
        for (const auto& inbound : codec.feed(bytes)) {
            const auto* r = std::get_if<proto::sm4::Received<proto::sm4::HostCommand>>(&inbound);
            if (r == nullptr) {
                continue;
            }
            if (const auto* update = std::get_if<proto::sm4::MlUpdate>(&r->message)) {
                out.insert(update->channels[0]->points.front().current.value());
            } else if (const auto* pulse = std::get_if<proto::sm4::LlChannelConfig>(&r->message)) {
                out.insert(pulse->points.front().current.value());
            }
        }
    }
    return out;
}

template <typename Driver>
void soak(device::sim::SimProtocol protocol, const device::FaultInjectingTransport::Profile& damage, double hz,
    std::int64_t gridUa, std::uint64_t seed)
{
    auto config = device::sim::defaultConfig(protocol);
    config.seed = seed;
    QString error;
    auto simulator = device::sim::InProcessSimulator::start(config, &error);
    REQUIRE(simulator);
    auto& sim = simulator->stimulator();
    device::FaultInjectingTransport proxy(simulator->hostTransport(), seed);
    proxy.setProfiles(damage);
    RecordingTransport recorder(proxy);
    const core::SystemClock clock;
    Driver driver;
    auto ring = std::make_unique<device::TelemetryRing>();
    device::DeviceController controller(recorder, driver, clock, std::make_shared<device::StopSignal>(), ring.get());
    QObject::connect(
        &recorder, &device::Transport::bytesReceived, &controller, &device::DeviceController::bytesReceived);
    QObject::connect(&recorder, &device::Transport::linkLost, &controller, &device::DeviceController::linkLost);
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(2ms);
    QObject::connect(&tick, &QTimer::timeout, &controller, &device::DeviceController::tick);
    tick.start();

    const bool streams = driver.info().streamsPulses;
    int changes = 0;
    int mismatches = 0;
    QObject::connect(&controller, &device::DeviceController::amplitudeCommanded, &controller,
        [&](int channel, qint64 commanded, qint64) {
            REQUIRE(channel == 1);
            ++changes;
            // A repeating device acknowledged this value: it must hold exactly that now.
            if (!streams && sim.output(1).commanded.value() != commanded) {
                ++mismatches;
            }
        });
    std::map<device::FaultKind, int> faults;
    QStringList faultTexts;
    QObject::connect(
        &controller, &device::DeviceController::faultRaised, &controller, [&](const device::DeviceFault& f) {
            ++faults[f.kind];
            faultTexts << f.message;
        });

    device::StimulationPlan plan;
    plan.channels.push_back(program(1, 8.0));
    auto& train = plan.channels.front().train;
    train.frequency = core::hertz(hz);
    const auto startSession = [&] {
        if (controller.state() == DeviceState::Fault) {
            controller.clearFault(); // the proxy never closes the link: a fresh handshake
        }
        if (!waitUntil([&] { return controller.state() == DeviceState::Idle; }, 5000ms)) {
            return false;
        }
        if (controller.configure(plan)) {
            return false;
        }
        if (!waitUntil([&] { return controller.state() == DeviceState::Armed; }, 3000ms)) {
            return false;
        }
        return !controller.start();
    };
    controller.linkOpened();
    std::mt19937 rng(static_cast<std::mt19937::result_type>(seed));
    std::uniform_int_distribution<std::int64_t> steps(4000 / gridUa, 16000 / gridUa);
    int sessions = 0;
    for (int round = 0; changes < kAmplitudeCommands && round < 2000; ++round) {
        if (controller.state() != DeviceState::Stimulating) {
            REQUIRE(sessions < 20); // faults must stay the exception
            ++sessions;
            startSession();
            continue;
        }
        const auto target = core::Microamps(steps(rng) * gridUa);
        if (!controller.setAmplitude(1, target)) {
            waitUntil(
                [&] { return controller.commanded(1) == target || controller.state() != DeviceState::Stimulating; },
                5000ms);
        }
    }
    controller.stop();
    REQUIRE(waitUntil(
        [&] { return controller.state() == DeviceState::Idle || controller.state() == DeviceState::Fault; }, 2000ms));
    tick.stop();

    const auto sent = sentAmplitudes(recorder.written(), protocol);
    const std::set<std::int64_t> sentValues(sent.begin(), sent.end());
    std::size_t applied = 0;
    int wrong = 0;
    for (const auto& setting : sim.appliedLog()) {
        ++applied;
        if (setting.channel != 1 || !sentValues.contains(setting.amplitude.value())) {
            ++wrong;
        }
    }
    const auto& counters = controller.counters();
    const auto stats = proxy.stats();
    INFO("changes " << changes << ", frames sent " << counters.framesSent << ", amplitude frames " << sent.size()
                    << ", applied " << applied << ", retries " << counters.retries << ", ack timeouts "
                    << counters.ackTimeouts << ", pulses lost " << counters.pulsesLost << ", rejected "
                    << counters.framesRejected << ", sessions " << sessions << ", bytes dropped " << stats.dropped
                    << ", corrupted " << stats.corrupted
                    << "; faults: " << faultTexts.join(QStringLiteral(" | ")).toStdString());
    CHECK(changes >= kAmplitudeCommands);
    CHECK(stats.dropped + stats.corrupted > 0); // the proxy did damage
    CHECK(wrong == 0); // zero commands applied with a value the host did not send
    CHECK(sim.oracleCount() == 0);
    CHECK(mismatches == 0); // zero acknowledged values the device did not hold
    // Every lost command was noticed: re-sent (repeating devices) or counted (low-level pulses; pulses
    // abandoned at a STOP or fault, at most the in-flight window each time, are not counted).
    REQUIRE(sent.size() >= applied);
    const auto lost = sent.size() - applied;
    std::uint64_t noticed = counters.retries;
    for (const auto& [kind, count] : faults) {
        noticed += static_cast<std::uint64_t>(count); // a fault is the last loss noticed
    }
    if (streams) {
        const auto abandoned
            = static_cast<std::uint64_t>(controller.settings().maxPulsesInFlight) * (faults.size() + 1U);
        CHECK(counters.pulsesLost + abandoned >= lost);
        CHECK(counters.pulsesLost > 0);
    } else {
        CHECK(noticed >= lost);
        CHECK(counters.retries > 0);
    }
}

} // namespace

TEST_CASE("Fault-proxy soak, ScienceMode4 mid level", "[device][integration][soak]")
{
    device::FaultInjectingTransport::Profile damage;
    damage.dropProbability = 0.002;
    damage.corruptProbability = 0.002;
    soak<device::Sm4MidLevelDriver>(device::sim::SimProtocol::ScienceMode4, damage, 40.0, 500, 11);
}

TEST_CASE("Fault-proxy soak, ScienceMode4 low level", "[device][integration][soak]")
{
    device::FaultInjectingTransport::Profile damage;
    damage.dropProbability = 0.0005;
    damage.corruptProbability = 0.0005;
    soak<device::Sm4LowLevelDriver>(device::sim::SimProtocol::ScienceMode4, damage, 200.0, 500, 23);
}

TEST_CASE("Fault-proxy soak, ScienceMode2 (byte loss only: its CRC-8 lets 1 in 256 corrupt frames through)",
    "[device][integration][soak]")
{
    device::FaultInjectingTransport::Profile damage;
    damage.dropProbability = 0.003;
    soak<device::Sm2Driver>(device::sim::SimProtocol::ScienceMode2, damage, 40.0, 1000, 37);
}

} // namespace galvani::test
