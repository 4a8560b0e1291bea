// SPDX-License-Identifier: GPL-3.0-or-later
#include "device/discovery/DeviceAddress.h"

#include <catch2/catch.hpp>

using galvani::device::AddressError;
using galvani::device::DeviceAddress;
using galvani::device::parseDeviceAddress;

namespace {

DeviceAddress accept(std::string_view url)
{
    auto r = parseDeviceAddress(url);
    INFO(url);
    if (const auto* e = std::get_if<AddressError>(&r)) {
        FAIL("refused: " << e->message);
    }
    return std::get<DeviceAddress>(r);
}

std::string refuse(std::string_view url)
{
    auto r = parseDeviceAddress(url);
    INFO(url);
    REQUIRE(std::holds_alternative<AddressError>(r));
    return std::get<AddressError>(r).message;
}

} // namespace

TEST_CASE("simulated device URLs carry protocol and options", "[device]")
{
    const auto a = accept("sim:sciencemode4?channels=8&load-ohms=1000");
    CHECK(a.kind == DeviceAddress::Kind::Simulated);
    CHECK(a.protocol == "sciencemode4");
    CHECK(a.port.empty());
    CHECK(a.options.at("channels") == "8");
    CHECK(a.options.at("load-ohms") == "1000");
    CHECK(a.toUrl() == "sim:sciencemode4?channels=8&load-ohms=1000");
    CHECK(accept("sim:sciencemode2").options.empty());
}

TEST_CASE("serial device URLs accept one or three slashes", "[device]")
{
    const auto a = accept("serial:/dev/ttyUSB0?protocol=sciencemode4");
    CHECK(a.kind == DeviceAddress::Kind::Serial);
    CHECK(a.port == "/dev/ttyUSB0");
    CHECK(a.protocol == "sciencemode4");
    const auto b = accept("serial:///dev/ttyACM1?protocol=sciencemode2&latency=1");
    CHECK(b.port == "/dev/ttyACM1");
    CHECK(b.protocol == "sciencemode2");
    CHECK(b.options.at("latency") == "1");
    CHECK(b.toUrl() == "serial:/dev/ttyACM1?protocol=sciencemode2&latency=1");
}

TEST_CASE("a serial port whose path starts with two slashes keeps them through the canonical URL", "[device]")
{
    // Found by fuzz_device_url: serial:////x names the port //x (the leading // is the empty authority), and the
    // canonical URL serial://x?… used to parse back as the port x.
    const auto a = accept("serial:////x?protocol=sciencemode4");
    CHECK(a.port == "//x");
    const auto again = accept(a.toUrl());
    CHECK(again.port == "//x");
    CHECK(again.toUrl() == a.toUrl());
    CHECK(accept("serial:/dev/ttyUSB0?protocol=sciencemode4").toUrl() == "serial:/dev/ttyUSB0?protocol=sciencemode4");
}

TEST_CASE("bad device URLs are refused with a message naming the part at fault", "[device]")
{
    CHECK_THAT(refuse(""), Catch::Contains("empty"));
    CHECK_THAT(refuse("sciencemode4"), Catch::Contains("no scheme"));
    CHECK_THAT(refuse("usb:sciencemode4"), Catch::Contains("scheme 'usb'"));
    CHECK_THAT(refuse("sim:"), Catch::Contains("names no protocol"));
    CHECK_THAT(refuse("sim:sciencemode9"), Catch::Contains("'sciencemode9' is not supported"));
    CHECK_THAT(refuse("sim:sciencemode9"), Catch::Contains("sciencemode2"));
    CHECK_THAT(refuse("serial:?protocol=sciencemode4"), Catch::Contains("names no serial port"));
    CHECK_THAT(refuse("serial:/dev/ttyUSB0"), Catch::Contains("names no protocol"));
    CHECK_THAT(refuse("sim:sciencemode4?channels"), Catch::Contains("key=value"));
    CHECK_THAT(refuse("sim:sciencemode4?channels="), Catch::Contains("key=value"));
    CHECK_THAT(refuse("sim:sciencemode4?=8"), Catch::Contains("key=value"));
    CHECK_THAT(refuse("sim:sciencemode4?channels=8&channels=4"), Catch::Contains("'channels' is given twice"));
    CHECK_THAT(refuse("sim:sciencemode4?protocol=sciencemode2"), Catch::Contains("protocol"));
    CHECK_THAT(refuse("sim:science mode4"), Catch::Contains("printable ASCII"));
    CHECK_THAT(refuse(std::string("sim:sciencemode4\0x", 18)), Catch::Contains("printable ASCII"));
    CHECK_THAT(refuse("sim:" + std::string(2000, 'a')), Catch::Contains("at most 1024"));
}
