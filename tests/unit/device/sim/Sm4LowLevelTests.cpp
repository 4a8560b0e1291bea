// SPDX-License-Identifier: GPL-3.0-or-later
// The simulated P24 in low level: one pulse per Ll_channel_config, measured current in the ack.

#include "unit/device/sim/SimTestHosts.h"
#include "unit/device/sim/SimTestUtil.h"

#include "device/sim/SimulatedStimulator.h"
#include "protocols/sciencemode4/Frame.h"
#include "support/FakeClock.h"
#include "support/ScriptedTransport.h"

#include <QTimer>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace std::chrono_literals;
using galvani::device::sim::SimProtocol;
using galvani::device::sim::SimState;
using galvani::device::sim::SimulatedStimulator;
using galvani::device::sim::StopCause;
namespace sm4 = galvani::proto::sm4;
namespace test = galvani::test;

namespace {

void initLowLevel(test::Sm4Host& host, sm4::HighVoltageSetting hv = sm4::HighVoltageSetting::Default)
{
    const auto ack = host.request<sm4::LlInitAck>(sm4::LlInit{sm4::LlMeasurement::StimulationCurrent, hv});
    REQUIRE(ack);
    REQUIRE(ack->result == sm4::ResultCode::Ok);
}

std::vector<double> milliamps(const sm4::LlChannelConfigAck& ack)
{
    std::vector<double> out;
    for (const auto raw : ack.samples) {
        const auto current = sm4::sampleCurrent(raw);
        REQUIRE(current);
        out.push_back(static_cast<double>(current->value()) / 1000.0);
    }
    return out;
}

// How long the first phase stays above half its level, in µs (whole sampling periods).
std::int64_t firstPhaseSpan(const sm4::LlChannelConfigAck& ack)
{
    const auto ma = milliamps(ack);
    const double half = *std::max_element(ma.begin(), ma.end()) / 2.0;
    std::int64_t samples = 0;
    for (const double value : ma) {
        if (value < half) {
            break;
        }
        ++samples;
    }
    return samples * ack.samplingPeriod.value();
}

// Mean of the samples taken inside the first phase, away from its edges.
double firstPhaseMean(const sm4::LlChannelConfigAck& ack, std::int64_t phaseUs)
{
    const auto ma = milliamps(ack);
    const auto period = ack.samplingPeriod.value();
    double sum = 0.0;
    int n = 0;
    for (std::size_t k = 0; k < ma.size(); ++k) {
        const auto t = static_cast<std::int64_t>(k) * period;
        if (t >= phaseUs / 2 && t < phaseUs - period) {
            sum += ma[k];
            ++n;
        }
    }
    REQUIRE(n > 3);
    return sum / n;
}

} // namespace

TEST_CASE("sm4 sim low level fires one measured pulse per channel config", "[device][sim][sm4]")
{
    auto sim = test::startSim(SimProtocol::ScienceMode4);
    auto& stim = sim->stimulator();
    test::Sm4Host host(sim->hostTransport());
    initLowLevel(host);
    CHECK(stim.state() == SimState::Armed);
    CHECK(host.request<sm4::GetStimStatusAck>(sm4::GetStimStatus{})->status == sm4::StimStatus::LowLevelInitialized);

    const auto ack = host.request<sm4::LlChannelConfigAck>(test::llPulse(2, 20.0, 250));
    REQUIRE(ack);
    CHECK(ack->result == sm4::ResultCode::Ok);
    CHECK(ack->channel == 1);
    CHECK(ack->measurement == sm4::LlMeasurement::StimulationCurrent);
    REQUIRE(ack->samples.size() == 128);
    CHECK(ack->samplingPeriod.value() > 0);
    // The whole pulse (600 µs) fits the window, with the zero line after it.
    CHECK(ack->samplingPeriod.value() * 128 >= 600);
    CHECK(firstPhaseMean(*ack, 250) == Approx(20.0).margin(0.05));
    const auto ma = milliamps(*ack);
    CHECK(*std::min_element(ma.begin(), ma.end()) == Approx(-20.0).margin(0.2));
    CHECK(std::fabs(ma.back()) < 0.2);
    CHECK(stim.deliveredCurrent(2).value() == 20'000);
    CHECK(stim.state() == SimState::Stimulating);
}

TEST_CASE("sm4 sim low level: a silent host gets no pulses", "[device][sim][sm4]")
{
    auto sim = test::startSim(SimProtocol::ScienceMode4);
    auto& stim = sim->stimulator();
    test::Sm4Host host(sim->hostTransport());
    initLowLevel(host);
    QTimer pace;
    int sent = 0;
    QObject::connect(&pace, &QTimer::timeout, [&] {
        host.send(test::llPulse(1, 15.0, 200));
        ++sent;
    });
    pace.start(20);
    REQUIRE(test::waitUntil([&] { return sent >= 10; }, 2000ms));
    CHECK(stim.deliveredCurrent(1).value() == 15'000);
    CHECK(stim.output(1).period.value() > 10'000);
    pace.stop();
    const auto stoppedAt = test::steadyNow();
    REQUIRE(test::waitUntil([&] { return !stim.output(1).running; }, 1000ms));
    REQUIRE(stim.lastStop());
    CHECK(stim.lastStop()->cause == StopCause::HostSilentLowLevel);
    CHECK(stim.lastStop()->time - stoppedAt < 200ms); // about one and a half expected periods
    CHECK(stim.state() == SimState::Armed); // no latch in low level: the next pulse fires
    REQUIRE(host.request<sm4::LlChannelConfigAck>(test::llPulse(1, 15.0, 200))->result == sm4::ResultCode::Ok);
}

TEST_CASE("sm4 sim low level shows gain and offset errors and the compliance limit", "[device][sim][sm4]")
{
    auto sim = test::startSim(SimProtocol::ScienceMode4,
        {{"gain-error", "3:+15%"}, {"offset-error", "2:-0.5mA"}, {"width-error", "4:+8%,5:-6%"}, {"noise-ua", "0"}});
    test::Sm4Host host(sim->hostTransport());

    SECTION("gain and offset")
    {
        initLowLevel(host);
        auto ack = host.request<sm4::LlChannelConfigAck>(test::llPulse(3, 20.0, 300));
        REQUIRE(ack);
        CHECK(firstPhaseMean(*ack, 300) == Approx(23.0).margin(0.01));
        ack = host.request<sm4::LlChannelConfigAck>(test::llPulse(2, 20.0, 300));
        REQUIRE(ack);
        CHECK(firstPhaseMean(*ack, 300) == Approx(19.5).margin(0.01));
        CHECK(sim->stimulator().deliveredCurrent(2).value() == 19'500);
    }
    SECTION("pulse width")
    {
        initLowLevel(host);
        // The sampling window follows the delivered pulse: one sample every few µs, so the span is exact to one.
        const auto exact = host.request<sm4::LlChannelConfigAck>(test::llPulse(1, 20.0, 300));
        REQUIRE(exact);
        CHECK(std::abs(firstPhaseSpan(*exact) - 300) <= exact->samplingPeriod.value());
        const auto wide = host.request<sm4::LlChannelConfigAck>(test::llPulse(4, 20.0, 300));
        REQUIRE(wide);
        CHECK(std::abs(firstPhaseSpan(*wide) - 324) <= wide->samplingPeriod.value());
        CHECK(firstPhaseMean(*wide, 300) == Approx(20.0).margin(0.01)); // the amplitude is right
        const auto narrow = host.request<sm4::LlChannelConfigAck>(test::llPulse(5, 20.0, 300));
        REQUIRE(narrow);
        CHECK(std::abs(firstPhaseSpan(*narrow) - 282) <= narrow->samplingPeriod.value());
    }
    SECTION("30 V into 1 kΩ allows 30 mA")
    {
        initLowLevel(host, sm4::HighVoltageSetting::V30);
        CHECK(host.request<sm4::GetStimStatusAck>(sm4::GetStimStatus{})->highVoltage == sm4::HighVoltageLevel::V30);
        const auto ack = host.request<sm4::LlChannelConfigAck>(test::llPulse(1, 40.0, 1000));
        REQUIRE(ack);
        // The load capacitance charges first (full current), then the output is held at V/R.
        const auto ma = milliamps(*ack);
        CHECK(ma.front() == Approx(40.0).margin(0.05));
        CHECK(firstPhaseMean(*ack, 1000) == Approx(30.0).margin(0.5));
        CHECK(sim->stimulator().deliveredCurrent(1).value() == 30'000);
    }
}

TEST_CASE("sm4 sim low level never writes a channel config ack before its pulse has ended", "[device][sim][sm4]")
{
    // The simulator on a FakeClock behind a scripted link: the test delivers the host's frames and sees
    // every frame the simulator writes the moment it writes it, so "too early" is exact, not a race.
    test::FakeClock clock;
    clock.advance(1s);
    test::ScriptedTransport link;
    SimulatedStimulator stim(link, galvani::device::sim::defaultConfig(SimProtocol::ScienceMode4), clock);
    QString error;
    REQUIRE(stim.start(&error));
    sm4::HostCodec host(sm4::Variant::ScienceMode4);
    const auto deliver = [&](const sm4::HostCommand& command) {
        auto bytes = host.encode(command);
        REQUIRE(bytes.hasValue());
        link.inject(test::toBytes(bytes.value()));
        REQUIRE(link.deliver() == 1);
    };
    const auto replies = [&] {
        sm4::HostCodec decoder(sm4::Variant::ScienceMode4);
        std::vector<sm4::DeviceMessage> out;
        for (const auto& chunk : link.writes()) {
            for (const auto& inbound : decoder.feed(std::span(reinterpret_cast<const std::uint8_t*>(chunk.constData()),
                     static_cast<std::size_t>(chunk.size())))) {
                const auto* received = std::get_if<sm4::Received<sm4::DeviceMessage>>(&inbound);
                REQUIRE(received != nullptr);
                out.push_back(received->message);
            }
        }
        return out;
    };

    deliver(sm4::LlInit{sm4::LlMeasurement::StimulationCurrent, sm4::HighVoltageSetting::Default});
    REQUIRE(replies().size() == 1); // an ack with nothing to wait for leaves at once

    // 100 µs + 100 µs gap + 100 µs: a 300 µs pulse, shorter than a timer's millisecond.
    deliver(test::llPulse(1, 10.0, 100));
    CHECK(stim.deliveredCurrent(1).value() == 10'000); // the pulse has begun
    CHECK(replies().size() == 1);
    clock.advance(299us);
    deliver(sm4::GetStimStatus{}); // its ack queues behind the pulse's and pumps the queue
    CHECK(replies().size() == 1);

    clock.advance(1us); // the pulse has ended
    REQUIRE(test::waitUntil([&] { return link.writes().size() >= 3; }, 2000ms));
    const auto got = replies();
    REQUIRE(got.size() == 3);
    CHECK(std::holds_alternative<sm4::LlInitAck>(got[0]));
    REQUIRE(std::holds_alternative<sm4::LlChannelConfigAck>(got[1]));
    CHECK(std::get<sm4::LlChannelConfigAck>(got[1]).result == sm4::ResultCode::Ok);
    CHECK(std::get<sm4::LlChannelConfigAck>(got[1]).samples.size() == 128);
    CHECK(std::holds_alternative<sm4::GetStimStatusAck>(got[2]));
    stim.shutDown();
}

TEST_CASE("sm4 sim low level ack reaches the host no sooner than its pulse ends", "[device][sim][sm4]")
{
    // The host's view on the real clock: the ack cannot arrive before send time + pulse duration.
    auto sim = test::startSim(SimProtocol::ScienceMode4);
    test::Sm4Host host(sim->hostTransport());
    initLowLevel(host);
    for (int i = 0; i < 20; ++i) {
        host.send(test::llPulse(1, 10.0, 100)); // 300 µs
        const auto sentAt = host.lastSend();
        REQUIRE(host.next<sm4::LlChannelConfigAck>());
        CHECK(host.arrival(host.cursor() - 1) - sentAt >= 300us);
    }
}

TEST_CASE("sm4 sim low level queues ten pulses and refuses the eleventh", "[device][sim][sm4]")
{
    auto sim = test::startSim(SimProtocol::ScienceMode4);
    auto& stim = sim->stimulator();
    test::Sm4Host host(sim->hostTransport());
    initLowLevel(host);
    // 16 points of 4095 µs: each pulse takes 65.5 ms, so eleven sent back to back overflow the queue.
    sm4::LlChannelConfig longPulse = test::llPulse(1, 5.0, 100);
    longPulse.points.clear();
    for (int i = 0; i < 16; ++i) {
        longPulse.points.push_back({galvani::core::Microseconds(4095),
            galvani::core::milliamps(i % 2 == 0 ? 5.0 : -5.0), sm4::Interpolation::Jump});
    }
    const auto sentAt = test::steadyNow();
    for (int i = 0; i < 11; ++i) {
        host.send(longPulse);
    }
    std::vector<sm4::LlChannelConfigAck> acks;
    for (int i = 0; i < 11; ++i) {
        const auto ack = host.next<sm4::LlChannelConfigAck>(3000ms);
        REQUIRE(ack);
        acks.push_back(*ack);
    }
    const auto busy
        = std::count_if(acks.begin(), acks.end(), [](const auto& a) { return a.result == sm4::ResultCode::Busy; });
    CHECK(busy == 1);
    CHECK(stim.oracleCount() == 1);
    // Acks follow their pulses: the tenth accepted pulse ends about 10 x 65.5 ms after the first began.
    CHECK(host.arrival(host.cursor() - 1) - sentAt >= 600ms);
}

TEST_CASE("sm4 sim low level stop switches high voltage off", "[device][sim][sm4]")
{
    auto sim = test::startSim(SimProtocol::ScienceMode4);
    auto& stim = sim->stimulator();
    test::Sm4Host host(sim->hostTransport());
    initLowLevel(host);
    REQUIRE(host.request<sm4::LlChannelConfigAck>(test::llPulse(1, 10.0, 200))->result == sm4::ResultCode::Ok);
    REQUIRE(host.request<sm4::LlStopAck>(sm4::LlStop{})->result == sm4::ResultCode::Ok);
    CHECK(stim.deliveredCurrent(1).value() == 0);
    CHECK(stim.state() == SimState::Idle);
    REQUIRE(stim.lastStop());
    CHECK(stim.lastStop()->cause == StopCause::HostStop);
    const auto status = host.request<sm4::GetStimStatusAck>(sm4::GetStimStatus{});
    CHECK(status->status == sm4::StimStatus::None);
    CHECK(status->highVoltage == sm4::HighVoltageLevel::Off);
    // Stop with no level active is fine (lenient hosts, §10.4).
    CHECK(host.request<sm4::MlStopAck>(sm4::MlStop{})->result == sm4::ResultCode::Ok);
    CHECK(stim.oracle().empty());
}

TEST_CASE("sm3 sim low level acks without a measurement", "[device][sim][sm3]")
{
    auto sim = test::startSim(SimProtocol::ScienceMode3);
    test::Sm4Host host(sim->hostTransport(), sm4::Variant::ScienceMode3);
    REQUIRE(
        host.request<sm4::LlInitAck>(sm4::LlInit{sm4::LlMeasurement::None, sm4::HighVoltageSetting::Default})->result
        == sm4::ResultCode::Ok);
    const auto ack = host.request<sm4::LlChannelConfigAck>(test::llPulse(3, 12.0, 200));
    REQUIRE(ack);
    CHECK(ack->result == sm4::ResultCode::Ok);
    CHECK(ack->channel == 2);
    CHECK(ack->samples.empty());
    CHECK(sim->stimulator().deliveredCurrent(3).value() == 12'000);
    // A RehaMove3 has no green connector (the bit is reserved): refused with result 2 and recorded.
    const std::vector<std::uint8_t> green{0x90, 0x0C, 0x85, 0x10, 0x00}; // enable, connector 1, 200 us 12 mA
    auto frame = sm4::buildFrame(9, sm4::toWire(sm4::CommandId::LlChannelConfig), green);
    REQUIRE(frame.hasValue());
    host.writeRaw(frame.value());
    const auto wrong = host.next<sm4::LlChannelConfigAck>();
    REQUIRE(wrong);
    CHECK(wrong->result == sm4::ResultCode::ParameterError);
    CHECK(sim->stimulator().oracleCount() == 1);
}
