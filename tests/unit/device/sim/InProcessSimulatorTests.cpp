// SPDX-License-Identifier: GPL-3.0-or-later
#include "unit/device/sim/SimTestHosts.h"
#include "unit/device/sim/SimTestUtil.h"

#include "device/discovery/DeviceAddress.h"
#include "device/sim/InProcessSimulator.h"

#include <QPointer>
#include <QThread>

#include <catch2/catch.hpp>

using namespace std::chrono_literals;
using galvani::device::DeviceAddress;
using galvani::device::sim::InProcessSimulator;
using galvani::device::sim::SimState;
namespace sm4 = galvani::proto::sm4;
namespace test = galvani::test;

namespace {

DeviceAddress simAddress(std::string protocol, std::map<std::string, std::string> options)
{
    DeviceAddress address;
    address.kind = DeviceAddress::Kind::Simulated;
    address.protocol = std::move(protocol);
    address.options = std::move(options);
    return address;
}

} // namespace

TEST_CASE("an in-process simulator starts from a sim: address", "[device][sim]")
{
    QString error;
    auto sim = InProcessSimulator::start(
        simAddress("sciencemode4", {{"channels", "8"}, {"serial", "GSIM-0777"}, {"watchdog-ms", "500"}}), &error);
    REQUIRE(sim != nullptr);
    CHECK(error.isEmpty());
    CHECK(sim->hostTransport().isOpen());
    CHECK(sim->hostTransport().description() == QStringLiteral("loopback"));
    CHECK(sim->stimulator().thread() != QThread::currentThread());
    CHECK(sim->stimulator().serialNumber() == QStringLiteral("GSIM-0777"));
    CHECK(sim->stimulator().config().effectiveWatchdog().count() == 500);
    CHECK(sim->stimulator().state() == SimState::Idle);

    test::Sm4Host host(sim->hostTransport());
    const auto id = host.request<sm4::GetDeviceIdAck>(sm4::GetDeviceId{});
    REQUIRE(id);
    CHECK(std::string(id->deviceId.data(), 9) == "GSIM-0777");
}

TEST_CASE("an in-process simulator refuses bad addresses, naming the option", "[device][sim]")
{
    QString error;
    CHECK(InProcessSimulator::start(simAddress("sciencemode4", {{"channels", "12"}}), &error) == nullptr);
    CHECK(error.contains(QStringLiteral("device URL option channels '12' must be 1..8")));

    CHECK(InProcessSimulator::start(simAddress("sciencemode4", {{"gain-error", "3:+15"}}), &error) == nullptr);
    CHECK(error.contains(QStringLiteral("gain-error")));

    CHECK(InProcessSimulator::start(simAddress("sciencemode9", {}), &error) == nullptr);
    CHECK(error.contains(QStringLiteral("sciencemode9")));

    DeviceAddress serial;
    serial.kind = DeviceAddress::Kind::Serial;
    serial.protocol = "sciencemode4";
    serial.port = "/dev/ttyUSB0";
    CHECK(InProcessSimulator::start(serial, &error) == nullptr);
    CHECK(error.contains(QStringLiteral("not a sim: address")));
}

TEST_CASE("faults injected from another thread are in force on return", "[device][sim]")
{
    auto sim = test::startSim(galvani::device::sim::SimProtocol::ScienceMode4);
    auto parsed = galvani::device::sim::parseFaultSpec("high-impedance:1:30000");
    sim->stimulator().injectFault(std::get<galvani::device::sim::FaultSpec>(parsed));
    REQUIRE(sim->stimulator().activeFaults().size() == 1);
    CHECK(sim->stimulator().output(1).resistance.value() == 30'000);
    sim->stimulator().clearFaults();
    CHECK(sim->stimulator().activeFaults().empty());
    CHECK(sim->stimulator().output(1).resistance.value() == 1000);
}

TEST_CASE("destroying a stimulating in-process simulator is clean", "[device][sim]")
{
    auto sim = test::startSim(galvani::device::sim::SimProtocol::ScienceMode4);
    test::Sm4Host host(sim->hostTransport());
    REQUIRE(host.request<sm4::MlInitAck>(sm4::MlInit{false}));
    REQUIRE(host.request<sm4::MlUpdateAck>(test::mlUpdate(1, 10.0, 200, 20'000)));
    CHECK(sim->stimulator().state() == SimState::Stimulating);
    QPointer<galvani::device::Transport> hostEnd(&sim->hostTransport());
    sim.reset(); // must neither hang nor crash with timers running in the simulator's thread
    CHECK(hostEnd.isNull());
}
