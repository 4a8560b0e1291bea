// SPDX-License-Identifier: GPL-3.0-or-later
// The power-on self-test on a DeviceService connected to the in-process simulator.
#include "app/calibration/SelfTestRun.h"
#include "core/Clock.h"
#include "device/controller/DriverFactory.h"
#include "device/controller/StimulationPlan.h"
#include "device/discovery/DeviceAddress.h"
#include "device/worker/DeviceService.h"
#include "support/WaitUntil.h"

#include <catch2/catch.hpp>

#include <optional>

using namespace galvani;

namespace {

struct Connected {
    explicit Connected(const std::string& url)
        : address(std::get<device::DeviceAddress>(device::parseDeviceAddress(url))), service(address)
    {
        QObject::connect(&service, &device::DeviceService::identityChanged, &service,
            [this](const device::DeviceIdentity& i) { identity = i; });
        service.connectDevice();
        REQUIRE(test::waitUntil([&] { return identity.has_value(); }));
        QString error;
        const auto driver = device::createDriver(address, &error);
        REQUIRE(driver);
        hardware = device::hardwareCaps(driver->info().capabilities);
    }

    app::SelfTestReport run(QList<int> channels)
    {
        app::calibration::SelfTestRun selfTest(service, clock);
        std::optional<app::SelfTestReport> report;
        QObject::connect(&selfTest, &app::calibration::SelfTestRun::finished, &selfTest,
            [&](const app::SelfTestReport& r) { report = r; });
        selfTest.start(*identity, hardware, std::move(channels), QString::fromStdString(address.toUrl()));
        REQUIRE(test::waitUntil([&] { return report.has_value(); }, std::chrono::seconds(30)));
        return *report;
    }

    device::DeviceAddress address;
    device::DeviceService service;
    std::optional<device::DeviceIdentity> identity;
    core::HardwareCaps hardware;
    core::SystemClock clock;
};

const app::SelfTestCheck* find(const app::SelfTestReport& r, const QString& name, int channel)
{
    for (const auto& c : r.checks) {
        if (c.name == name && c.channel == channel) {
            return &c;
        }
    }
    return nullptr;
}

} // namespace

TEST_CASE("A healthy measuring device passes every self-test check", "[app][calibration][selftest]")
{
    Connected device("sim:sciencemode4?channels=8&battery=64");
    const auto report = device.run({1, 2});
    INFO(report.summary().toStdString());
    CHECK(report.passed());
    CHECK(report.deviceSerial == QStringLiteral("GSIM-0001"));
    const auto* handshake = find(report, QStringLiteral("handshake"), 0);
    REQUIRE(handshake);
    CHECK(handshake->outcome == app::CheckOutcome::Passed);
    const auto* battery = find(report, QStringLiteral("battery"), 0);
    REQUIRE(battery);
    CHECK(battery->outcome == app::CheckOutcome::Passed);
    CHECK(battery->detail.contains(QStringLiteral("64")));
    for (const int ch : {1, 2}) {
        const auto* zero = find(report, QStringLiteral("zero output"), ch);
        REQUIRE(zero);
        CHECK(zero->outcome == app::CheckOutcome::Passed);
        const auto* low = find(report, QStringLiteral("low-current check"), ch);
        REQUIRE(low);
        CHECK(low->outcome == app::CheckOutcome::Passed);
    }
    CHECK(device.service.state() == device::DeviceState::Idle);
}

TEST_CASE("A channel delivering the wrong current fails the self-test, one without current only warns",
    "[app][calibration][selftest]")
{
    Connected device("sim:sciencemode4?channels=8&battery=12&offset-error=2:+2mA&fault=open-electrode:3,stuck:4");
    const auto report = device.run({1, 2, 3, 4});
    INFO(report.summary().toStdString());
    CHECK_FALSE(report.passed());
    CHECK(find(report, QStringLiteral("battery"), 0)->outcome == app::CheckOutcome::Warning);
    CHECK(find(report, QStringLiteral("low-current check"), 1)->outcome == app::CheckOutcome::Passed);
    CHECK(find(report, QStringLiteral("low-current check"), 2)->outcome == app::CheckOutcome::Failed);
    CHECK(find(report, QStringLiteral("low-current check"), 3)->outcome == app::CheckOutcome::Warning);
    // Frozen at its first ramp step: current flows, but not what is commanded.
    CHECK(find(report, QStringLiteral("low-current check"), 4)->outcome == app::CheckOutcome::Failed);
    CHECK(report.channelFailed(2));
    CHECK(report.channelFailed(4));
    CHECK_FALSE(report.channelFailed(1));
    CHECK_FALSE(report.channelFailed(3));
    CHECK(report.summary().contains(QStringLiteral("channel 2")));
}

TEST_CASE("A device without current measurement reports what it cannot check", "[app][calibration][selftest]")
{
    Connected device("sim:sciencemode2");
    const auto report = device.run({});
    INFO(report.summary().toStdString());
    CHECK(report.passed());
    CHECK(find(report, QStringLiteral("zero output"), 0)->outcome == app::CheckOutcome::NotAvailable);
    CHECK(find(report, QStringLiteral("low-current check"), 0)->outcome == app::CheckOutcome::NotAvailable);
}

namespace {

int rowsNamed(const app::SelfTestReport& r, const QString& name)
{
    int n = 0;
    for (const auto& c : r.checks) {
        n += c.name == name ? 1 : 0;
    }
    return n;
}

app::SelfTestReport runScoped(Connected& device, QList<int> channels, app::SelfTestScope scope)
{
    app::calibration::SelfTestRun selfTest(device.service, device.clock);
    std::optional<app::SelfTestReport> report;
    QObject::connect(&selfTest, &app::calibration::SelfTestRun::finished, &selfTest,
        [&](const app::SelfTestReport& r) { report = r; });
    selfTest.start(
        *device.identity, device.hardware, std::move(channels), QString::fromStdString(device.address.toUrl()), scope);
    REQUIRE(test::waitUntil([&] { return report.has_value(); }, std::chrono::seconds(30)));
    return *report;
}

} // namespace

TEST_CASE(
    "The therapy scope checks handshake, battery and zero output and drives no current", "[app][calibration][selftest]")
{
    Connected device("sim:sciencemode4?channels=8&battery=64");
    const auto report = runScoped(device, {1, 2, 3}, app::SelfTestScope::Therapy);
    INFO(report.summary().toStdString());
    CHECK(report.passed());
    CHECK(report.scope == app::SelfTestScope::Therapy);
    CHECK(find(report, QStringLiteral("handshake"), 0)->outcome == app::CheckOutcome::Passed);
    CHECK(find(report, QStringLiteral("battery"), 0)->outcome == app::CheckOutcome::Passed);
    CHECK(rowsNamed(report, QStringLiteral("zero output")) == 3);
    CHECK(rowsNamed(report, QStringLiteral("low-current check")) == 0);
    CHECK(device.service.state() == device::DeviceState::Idle);
}

TEST_CASE("A leaking output fails the zero-output check in both scopes", "[app][calibration][selftest]")
{
    Connected device("sim:sciencemode4?channels=8&leak=2:0.6mA&noise-ua=0");
    for (const auto scope : {app::SelfTestScope::Therapy, app::SelfTestScope::Full}) {
        const auto report = runScoped(device, {1, 2}, scope);
        INFO(report.summary().toStdString());
        CHECK(report.scope == scope);
        CHECK(find(report, QStringLiteral("zero output"), 1)->outcome == app::CheckOutcome::Passed);
        const auto* zero = find(report, QStringLiteral("zero output"), 2);
        REQUIRE(zero);
        CHECK(zero->outcome == app::CheckOutcome::Failed);
        CHECK(zero->detail == QStringLiteral("measured 0.60 mA at 0 mA commanded (allowed below 0.25 mA)"));
        CHECK(report.channelFailed(2));
        CHECK_FALSE(report.channelFailed(1));
        CHECK(rowsNamed(report, QStringLiteral("low-current check")) == (scope == app::SelfTestScope::Full ? 2 : 0));
    }
}

TEST_CASE("The therapy scope on a device without current measurement has the handshake and battery only",
    "[app][calibration][selftest]")
{
    Connected device("sim:sciencemode2");
    const auto report = runScoped(device, {}, app::SelfTestScope::Therapy);
    INFO(report.summary().toStdString());
    CHECK(report.passed());
    REQUIRE(report.checks.size() == 2);
    CHECK(report.checks.at(0).name == QStringLiteral("handshake"));
    CHECK(report.checks.at(1).name == QStringLiteral("battery"));
}
