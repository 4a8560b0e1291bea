// SPDX-License-Identifier: GPL-3.0-or-later
#include "ControllerRig.h"

#include "device/controller/DriverFactory.h"
#include "device/controller/Sm2Driver.h"
#include "device/controller/Sm4LowLevelDriver.h"
#include "device/controller/Sm4MidLevelDriver.h"
#include "protocols/sciencemode4/Messages.h"

#include <catch2/catch.hpp>

namespace galvani::test {

namespace sm4 = proto::sm4;

namespace {

std::vector<std::uint16_t> samplesOf(const std::vector<std::int64_t>& microamps)
{
    std::vector<std::uint16_t> raw;
    for (const auto ua : microamps) {
        raw.push_back(*sm4::currentToSample(core::Microamps(ua)));
    }
    return raw;
}

device::DeviceAddress address(const std::string& url)
{
    auto parsed = device::parseDeviceAddress(url);
    REQUIRE(std::holds_alternative<device::DeviceAddress>(parsed));
    return std::get<device::DeviceAddress>(parsed);
}

} // namespace

TEST_CASE("plateauCurrent reads the phases' plateau and ignores single spikes", "[device][controller]")
{
    std::vector<std::int64_t> pulse(128, 0);
    for (int i = 0; i < 25; ++i) {
        pulse[static_cast<std::size_t>(i)] = 12000;
        pulse[static_cast<std::size_t>(35 + i)] = -12000;
    }
    pulse[3] = 12800; // noise
    pulse[50] = -11700;
    CHECK(device::plateauCurrent(samplesOf(pulse)) == core::milliamps(12.0));
    pulse[100] = 30000; // one wild spike above the plateau does not move the median of the plateau
    CHECK(device::plateauCurrent(samplesOf(pulse)) == core::milliamps(12.0));
    CHECK(device::plateauCurrent(samplesOf(std::vector<std::int64_t>(128, 100))) == core::microamps(0));
    auto bad = samplesOf(pulse);
    bad[7] = 0x7FFF; // +327 mA: cannot be a real current
    CHECK(!device::plateauCurrent(bad));
}

TEST_CASE("phaseMeanCurrent sees a current that sags during the phases", "[device][controller]")
{
    const auto program = channelProgram(1, 20.0); // 2 × 250 µs phases
    std::vector<std::int64_t> held(128, 0);
    std::vector<std::int64_t> sagging(128, 0);
    for (int i = 0; i < 25; ++i) { // 10 µs samples
        held[static_cast<std::size_t>(i)] = 20000;
        held[static_cast<std::size_t>(35 + i)] = -20000;
        const std::int64_t sag = i < 5 ? 20000 : 2000; // the compliance limit cuts in after 50 µs
        sagging[static_cast<std::size_t>(i)] = sag;
        sagging[static_cast<std::size_t>(35 + i)] = -sag;
    }
    CHECK(device::phaseMeanCurrent(samplesOf(held), core::microseconds(10), program) == core::milliamps(20.0));
    CHECK(device::phaseMeanCurrent(samplesOf(sagging), core::microseconds(10), program) == core::milliamps(5.6));
    CHECK(device::plateauCurrent(samplesOf(sagging)) == core::milliamps(20.0)); // the peak alone looks fine
    CHECK(!device::phaseMeanCurrent(samplesOf(held), core::microseconds(0), program));
}

TEST_CASE("firstPhaseWidth measures the first phase from the samples", "[device][controller]")
{
    std::vector<std::int64_t> pulse(128, 30); // noisy zero line
    for (int i = 0; i < 42; ++i) { // 6 µs samples: a 250 µs phase covers 42 of them
        pulse[static_cast<std::size_t>(i)] = 20000;
        pulse[static_cast<std::size_t>(59 + i)] = -20000;
    }
    CHECK(device::firstPhaseWidth(samplesOf(pulse), core::microseconds(6)) == core::microseconds(252));
    pulse[80] = -9000; // a dip below half the plateau in the second phase does not touch the first
    pulse[120] = 19000; // nor does a spike after the pulse
    CHECK(device::firstPhaseWidth(samplesOf(pulse), core::microseconds(6)) == core::microseconds(252));

    std::vector<std::int64_t> late(128, 0);
    late[2] = 15000; // a lone spike before the phase is not its start
    for (int i = 10; i < 30; ++i) {
        late[static_cast<std::size_t>(i)] = -8000; // a cathodic first phase
    }
    CHECK(device::firstPhaseWidth(samplesOf(late), core::microseconds(10)) == core::microseconds(200));

    CHECK(!device::firstPhaseWidth(samplesOf(std::vector<std::int64_t>(128, 100)), core::microseconds(6)));
    CHECK(!device::firstPhaseWidth(samplesOf(pulse), core::microseconds(0)));
    auto bad = samplesOf(pulse);
    bad[7] = 0x7FFF; // +327 mA: cannot be a real current
    CHECK(!device::firstPhaseWidth(bad, core::microseconds(6)));
}

TEST_CASE("ScienceMode4 pulse shapes", "[device][controller]")
{
    auto program = channelProgram(1, 10.0);
    auto points = device::sm4PulsePoints(program, core::milliamps(10.0));
    REQUIRE(points.size() == 3);
    CHECK(points[0].current.value() == 10000);
    CHECK(points[0].duration.value() == 250);
    CHECK(points[1].current.value() == 0);
    CHECK(points[1].duration.value() == 100);
    CHECK(points[2].current.value() == -10000);
    program.train.waveform = core::Waveform::monophasic();
    CHECK(device::sm4PulsePoints(program, core::milliamps(10.0)).size() == 1);
    program.train.waveform = core::Waveform::asymmetricBiphasic({core::permille(250), core::microseconds(1000)});
    points = device::sm4PulsePoints(program, core::milliamps(10.0));
    REQUIRE(points.size() == 3);
    CHECK(points[2].current.value() == -2500);
    CHECK(points[2].duration.value() == 1000);
    CHECK(device::sm4Output(1).connector == sm4::Connector::Yellow);
    CHECK(device::sm4Output(4).channel == 3);
    CHECK(device::sm4Output(5).connector == sm4::Connector::Green);
    CHECK(device::sm4Output(5).channel == 0);
}

TEST_CASE("ScienceMode2 main period is rounded up, never a faster rate", "[device][controller]")
{
    CHECK(device::Sm2Driver::mainIntervalCodeForRate(core::hertz(50.0)) == 38); // 20 ms exactly
    CHECK(device::Sm2Driver::mainIntervalCodeForRate(core::hertz(30.0)) == 65); // 33.5 ms: 29.85 Hz
    CHECK(device::Sm2Driver::mainIntervalCodeForRate(core::hertz(1.0)) == 1998);
    CHECK(!device::Sm2Driver::mainIntervalCodeForRate(core::hertz(200.0))); // t1 < 8 ms
    CHECK(!device::Sm2Driver::mainIntervalCodeForRate(core::hertz(0.5))); // t1 > 1025 ms
}

TEST_CASE("Drivers are chosen from the URL's protocol and level option", "[device][controller]")
{
    QString error;
    auto driver = device::createDriver(address("sim:sciencemode4"), &error);
    REQUIRE(driver);
    CHECK(driver->info().streamsPulses);
    CHECK(driver->info().measuresDeliveredCurrent);
    driver = device::createDriver(address("sim:sciencemode4?level=mid"), &error);
    REQUIRE(driver);
    CHECK(!driver->info().streamsPulses);
    CHECK(!driver->info().measuresDeliveredCurrent);
    driver = device::createDriver(address("sim:sciencemode3"), &error);
    REQUIRE(driver);
    CHECK(driver->info().level == QStringLiteral("mid level"));
    CHECK(driver->info().capabilities.channels == 4);
    driver = device::createDriver(address("serial:/dev/ttyUSB0?protocol=sciencemode2"), &error);
    REQUIRE(driver);
    CHECK(driver->info().waitsForBeacon);
    CHECK(!device::createDriver(address("sim:sciencemode4?level=high"), &error));
    CHECK(error.contains(QStringLiteral("level")));
    CHECK(error.contains(QStringLiteral("low, mid")));
    CHECK(!device::createDriver(address("sim:sciencemode2?level=low"), &error));
    CHECK(error.contains(QStringLiteral("level")));
    const auto stripped
        = device::withoutHostOptions(address("sim:sciencemode4?level=mid&channels=8&device-serial=P24-0007"));
    CHECK(!stripped.options.contains("level"));
    CHECK(!stripped.options.contains("device-serial")); // the application's, never the device's
    CHECK(stripped.options.at("channels") == "8");
    // Every protocol takes a device serial (the application reads it); the driver ignores it.
    CHECK(device::createDriver(address("sim:sciencemode2?device-serial=RS2-0042"), &error));
}

TEST_CASE("Mid level refuses a programme that breaks the duty rule", "[device][controller]")
{
    device::Sm4MidLevelDriver driver;
    std::vector<core::ChannelProgram> channels;
    for (int c = 1; c <= 8; ++c) {
        auto p = channelProgram(c, 10.0, 1000.0);
        p.train.phaseWidth = core::microseconds(200);
        channels.push_back(p);
    }
    const auto problem = driver.checkPlan(planOf(channels));
    REQUIRE(problem);
    CHECK(problem->contains(QStringLiteral("duty")));
    CHECK(!driver.checkPlan(planOf({channelProgram(1, 10.0, 50.0)})));
}

TEST_CASE("The device's capabilities become the kernel's hardware layer", "[device][controller]")
{
    device::Sm2Driver sm2;
    const auto hw = device::hardwareCaps(sm2.info().capabilities);
    CHECK(hw.channels == 8);
    CHECK(hw.currentMax == core::milliamps(130.0));
    CHECK(hw.waveforms.contains(core::WaveformKind::SymmetricBiphasic));
    CHECK(!hw.waveforms.contains(core::WaveformKind::Monophasic));
    CHECK(!hw.pulseBursts);
}

} // namespace galvani::test
